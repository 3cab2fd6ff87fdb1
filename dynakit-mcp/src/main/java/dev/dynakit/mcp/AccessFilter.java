package dev.dynakit.mcp;

import dev.dynakit.client.credentials.Secret;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every HTTP request before MCP sees it. On a loopback bind, the {@code Host} header must
 * name a loopback host and an {@code Origin} header, if sent, a loopback origin (DNS-rebinding
 * protection, as the MCP specification asks): otherwise 403. On any bind, an {@code Origin} must be
 * the {@code Host} the request was sent to, and the request must carry {@code Authorization: Bearer
 * <token>}: otherwise 401.
 */
final class AccessFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  /** The largest request body served. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  private final byte[] expected;
  private final boolean loopback;

  AccessFilter(Secret token, boolean loopback) {
    this.expected = ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
    this.loopback = loopback;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String host = request.getHeader("Host");
    String origin = request.getHeader("Origin");
    if (host == null || (loopback && !LOOPBACK_HOSTS.contains(hostName(host)))) {
      refuse(response, 403, "the Host header must name this server's loopback address");
      return;
    }
    if (origin != null && !originAllowed(origin, host)) {
      refuse(response, 403, "the Origin header is not allowed");
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
      response.setHeader("WWW-Authenticate", "Bearer");
      refuse(
          response,
          401,
          authorization == null
              ? "a bearer token is required (Authorization: Bearer <token>)"
              : "the bearer token is wrong");
      return;
    }
    if ("POST".equals(request.getMethod())) {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        refuse(response, 413, "the request is larger than " + MAX_BODY + " bytes");
        return;
      }
      // The SDK's servlet answers some malformed messages with 500 and a stack trace: such
      // requests are answered here, as JSON-RPC's invalid request.
      if (!StdioInput.isMessage(new String(body, StandardCharsets.UTF_8))) {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                    + "\"not a JSON-RPC message (one JSON object with jsonrpc 2.0 and a method,"
                    + " or an id with a result or error)\"}}");
        return;
      }
      MaskedErrorResponse masked = new MaskedErrorResponse(response);
      chain.doFilter(new CachedBodyRequest(request, body), masked);
      masked.finish();
      return;
    }
    MaskedErrorResponse masked = new MaskedErrorResponse(response);
    chain.doFilter(request, masked);
    masked.finish();
  }

  private boolean originAllowed(String origin, String host) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      return false;
    }
    String originHost = uri.getHost().toLowerCase(Locale.ROOT);
    if (loopback) {
      return LOOPBACK_HOSTS.contains(originHost);
    }
    return originHost.equals(hostName(host));
  }

  /** The host of a {@code Host} header, lower case, without the port; IPv6 keeps its brackets. */
  static String hostName(String hostHeader) {
    String value = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    LOG.debug("refused an HTTP request: {} ({})", status, message);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Json.write(java.util.Map.of("error", message)));
  }
}
