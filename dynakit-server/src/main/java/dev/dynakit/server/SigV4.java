package dev.dynakit.server;

import dev.dynakit.engine.protocol.ErrorResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on requests, against a fixed set of access keys, and answers
 * what DynamoDB answers when a request's signature is missing, incomplete, of an unknown key,
 * wrong, or signed more than 15 minutes away from the server's clock. Secrets never appear in an
 * answer or in {@link #toString()}.
 */
final class SigV4 {
  static final Duration SKEW = Duration.ofMinutes(15);
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String SERVICE = "dynamodb";
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Map<String, String> secrets;
  private final Clock clock;

  /**
   * @param secrets secret access keys by access key id
   * @param clock the server's clock, for the time check
   */
  SigV4(Map<String, String> secrets, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.clock = clock;
  }

  /** The error to answer {@code request} with, or {@code null} if its signature is good. */
  ErrorResponse check(FullHttpRequest request, byte[] body) {
    HttpHeaders headers = request.headers();
    String authorization = headers.get("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return ErrorResponse.of(
          "MissingAuthenticationTokenException",
          signedInQuery(request)
              ? "Request is missing Authentication Token: signatures in the query string"
                  + " (X-Amz-Signature) are not accepted, sign the Authorization header"
              : "Request is missing Authentication Token");
    }
    if (headers.getAll("Authorization").size() > 1) {
      return incomplete("Only one Authorization header may be sent.");
    }
    String trimmed = authorization.trim();
    int space = trimmed.indexOf(' ');
    String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      return incomplete(
          "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now). ");
    }
    Map<String, String> parameters = parameters(space < 0 ? "" : trimmed.substring(space + 1));
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (!parameters.containsKey(name)) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    String amzDate = headers.get("X-Amz-Date");
    if (amzDate == null) {
      missing.append(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (missing.length() > 0) {
      return incomplete(missing.toString().trim());
    }
    if (!List.of(parameters.get("SignedHeaders").split(";")).contains("host")) {
      return incomplete(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    Instant signedAt;
    try {
      signedAt = Instant.from(BASIC.parse(amzDate));
    } catch (DateTimeParseException e) {
      return incomplete(
          "Date must be in ISO-8601 'basic format'. Got '"
              + amzDate
              + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(SKEW))) {
      return invalid(
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + BASIC.format(now.minus(SKEW))
              + " ("
              + BASIC.format(now)
              + " - 15 min.)");
    }
    if (signedAt.isAfter(now.plus(SKEW))) {
      return invalid(
          "Signature not yet current: "
              + amzDate
              + " is still later than "
              + BASIC.format(now.plus(SKEW))
              + " ("
              + BASIC.format(now)
              + " + 15 min.)");
    }
    String credential = parameters.get("Credential");
    String[] scope = credential.split("/", -1);
    if (scope.length != 5) {
      return incomplete(
          "Credential must have exactly 5 slash-delimited elements, e.g."
              + " keyid/date/region/service/term, got '"
              + credential
              + "'");
    }
    String scopeErrors = scopeErrors(scope, amzDate);
    if (!scopeErrors.isEmpty()) {
      return invalid(scopeErrors);
    }
    String secret = secrets.get(scope[0]);
    // The file holds long-term keys only: a session token names credentials the server never
    // issued, which AWS answers as an unknown key.
    if (secret == null || headers.contains("X-Amz-Security-Token")) {
      return ErrorResponse.of(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    String expected =
        signature(request, body, parameters.get("SignedHeaders"), amzDate, scope, secret);
    byte[] given = parameters.get("Signature").getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
      return invalid(
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method. Consult the service documentation"
              + " for details.");
    }
    return null;
  }

  /**
   * What is wrong with the credential scope {@code id/date/region/service/aws4_request}, in AWS's
   * words, one sentence after another; empty if nothing. Any region is accepted: it picks the
   * region of the engine the request goes to.
   */
  private static String scopeErrors(String[] scope, String amzDate) {
    StringBuilder errors = new StringBuilder();
    if (!scope[3].equals(SERVICE)) {
      errors.append("Credential should be scoped to correct service: '").append(SERVICE);
      errors.append("'. ");
    }
    if (!scope[4].equals("aws4_request")) {
      errors.append("Credential should be scoped with a valid terminator: 'aws4_request', not '");
      errors.append(scope[4]).append("'. ");
    }
    if (!scope[1].equals(amzDate.substring(0, 8))) {
      errors
          .append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date")
          .append(" from HTTP: '")
          .append(scope[1])
          .append("' != '")
          .append(amzDate, 0, 8)
          .append("', from '")
          .append(amzDate)
          .append("'. ");
    }
    return errors.toString();
  }

  /** Whether the request carries SigV4 parameters in its query string (a presigned URL). */
  private static boolean signedInQuery(FullHttpRequest request) {
    for (String name : new QueryStringDecoder(request.uri()).parameters().keySet()) {
      if (name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Credential")) {
        return true;
      }
    }
    return false;
  }

  private static ErrorResponse incomplete(String message) {
    return ErrorResponse.of("IncompleteSignatureException", message);
  }

  private static ErrorResponse invalid(String message) {
    return ErrorResponse.of("InvalidSignatureException", message);
  }

  /** {@code Credential=a/b, SignedHeaders=c;d, Signature=e} as a map. */
  static Map<String, String> parameters(String text) {
    Map<String, String> parameters = new HashMap<>();
    for (String part : text.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parameters.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    return parameters;
  }

  static String signature(
      FullHttpRequest request,
      byte[] body,
      String signedHeaders,
      String amzDate,
      String[] scope,
      String secret) {
    String canonical = canonicalRequest(request, body, signedHeaders);
    String scopeText = scope[1] + "/" + scope[2] + "/" + scope[3] + "/" + scope[4];
    String toSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n" + hex(sha256(canonical));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, scope[4]);
    return hex(hmac(key, toSign));
  }

  static String canonicalRequest(FullHttpRequest request, byte[] body, String signedHeaders) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    StringBuilder out = new StringBuilder();
    out.append(request.method().name()).append('\n');
    out.append(canonicalPath(uri.rawPath())).append('\n');
    out.append(canonicalQuery(uri.rawQuery())).append('\n');
    for (String name : signedHeaders.split(";")) {
      List<String> values = new ArrayList<>();
      for (String value : request.headers().getAll(name)) {
        values.add(value.trim().replaceAll(" +", " "));
      }
      out.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", values));
      out.append('\n');
    }
    out.append('\n').append(signedHeaders).append('\n');
    // Always the hash of the body received, whatever X-Amz-Content-Sha256 claims: a body changed
    // after signing must not pass with the hash of the original.
    out.append(hex(sha256(body)));
    return out.toString();
  }

  /** The path with each segment encoded again, as AWS signs paths of services other than S3. */
  private static String canonicalPath(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : rawPath.split("/", -1)) {
      if (out.length() > 0 || rawPath.startsWith("/")) {
        out.append('/');
      }
      out.append(encode(segment));
    }
    String path = out.toString();
    return path.startsWith("//") ? path.substring(1) : path;
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    for (Map.Entry<String, List<String>> e :
        new QueryStringDecoder(rawQuery, false).parameters().entrySet()) {
      List<String> values = new ArrayList<>();
      for (String value : e.getValue()) {
        values.add(encode(value));
      }
      values.sort(null);
      sorted.put(encode(e.getKey()), values);
    }
    List<String> pairs = new ArrayList<>();
    sorted.forEach((key, values) -> values.forEach(v -> pairs.add(key + "=" + v)));
    return String.join("&", pairs);
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SigV4[" + secrets.size() + " access keys]";
  }
}
