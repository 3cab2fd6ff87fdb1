package dev.dynakit.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Streamable HTTP: the MCP SDK's servlet transport in an embedded Jetty, behind {@link
 * AccessFilter} (bearer token, {@code Host} and {@code Origin} checks).
 */
final class HttpTransport {
  private HttpTransport() {}

  static RunningMcpServer start(
      McpOptions options,
      Function<HttpServletStreamableServerTransportProvider, McpSyncServer> serverFactory) {
    boolean loopback = Tokens.isLoopback(options.host());
    Tokens.Token token = Tokens.resolve(options, loopback);
    HttpServletStreamableServerTransportProvider provider =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(DynakitMcp.jsonMapper())
            .mcpEndpoint(options.path())
            .build();
    McpSyncServer mcp = serverFactory.apply(provider);

    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("dynakit-mcp-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    jetty.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder("mcp", provider);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, options.path());
    FilterHolder filter = new FilterHolder(new AccessFilter(token.secret, loopback));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      mcp.close();
      stopQuietly(jetty);
      throw new IllegalStateException(
          "cannot serve MCP on " + options.host() + ":" + options.port() + ": " + e.getMessage(),
          e);
    }
    String host =
        options.host().contains(":") && !options.host().startsWith("[")
            ? "[" + options.host() + "]"
            : options.host();
    URI url = URI.create("http://" + host + ":" + connector.getLocalPort() + options.path());
    announce(options.console(), url, token);
    return new RunningMcpServer(
        () -> {
          mcp.close();
          stopQuietly(jetty);
        },
        url);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      // Stopping is best effort: the port is released when the process ends.
    }
  }

  /** Prints where the server listens and a client configuration to paste. */
  static void announce(PrintStream console, URI url, Tokens.Token token) {
    String authorization;
    if (token.generated) {
      authorization = "Bearer " + token.secret.reveal();
    } else if (McpOptions.TOKEN_VARIABLE.equals(token.source)) {
      authorization = "Bearer ${" + McpOptions.TOKEN_VARIABLE + "}";
    } else if (token.source.equals(Tokens.FROM_OPTIONS)) {
      authorization = "Bearer <the token given to the server>";
    } else {
      authorization = "Bearer <the token in " + token.source + ">";
    }
    console.println("dynakit MCP server listening on " + url);
    if (token.generated) {
      console.println("A new bearer token was written to " + token.source + " (owner-only).");
    } else {
      console.println("Bearer token from " + token.source + ".");
    }
    console.println("MCP client configuration:");
    console.println(
        "{\n"
            + "  \"mcpServers\": {\n"
            + "    \"dynakit\": {\n"
            + "      \"type\": \"http\",\n"
            + "      \"url\": \""
            + url
            + "\",\n"
            + "      \"headers\": {\"Authorization\": \""
            + authorization
            + "\"}\n"
            + "    }\n"
            + "  }\n"
            + "}");
    console.flush();
  }
}
