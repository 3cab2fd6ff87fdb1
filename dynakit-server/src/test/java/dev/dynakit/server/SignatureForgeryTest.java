package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import dev.dynakit.server.SignedRequests.Signing;
import dev.dynakit.server.SignedRequests.Wire;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests signed by the AWS SDK's signer and then forged, expired or replayed, sent to a server
 * running with {@code --auth}: every forged variant is refused with the HTTP status, error type and
 * message AWS answers, nothing forged reaches the tables, and the unaltered request passes (so the
 * alteration, not the fixture, is what is refused). The server's clock is fixed, so signatures'
 * ages are exact and nothing waits.
 */
@ScanForSecrets(SignatureForgeryTest.SECRET)
class SignatureForgeryTest {
  static final String ID = "AKIDFORGERY";
  static final String SECRET = "forgery-s3cr3t-k3y";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";
  static final String UNRECOGNIZED = "The security token included in the request is invalid.";
  static final String PUT = "DynamoDB_20120810.PutItem";
  static final String SIGNED_PUT =
      "{\"TableName\":\"orders\",\"Item\":{\"id\":{\"S\":\"signed\"}}}";
  static final String FORGED_PUT =
      "{\"TableName\":\"orders\",\"Item\":{\"id\":{\"S\":\"forged\"}}}";

  /** The server's clock: fixed, moved by tests. */
  private static final SettableClock CLOCK = new SettableClock(NOW);

  private static final AtomicInteger FORGED_REFUSED = new AtomicInteger();
  private static final AtomicInteger EXPIRED_REFUSED = new AtomicInteger();
  private static final AtomicInteger REPLAYS_REFUSED = new AtomicInteger();
  private static final AtomicInteger REPLAYS_SERVED = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynakitServer server;
  private static SecretScan scan;

  @BeforeAll
  static void start(SecretScan secretScan) {
    scan = secretScan;
    server = DynakitServer.builder().port(0).auth(Map.of(ID, SECRET)).clock(CLOCK).build().start();
    server
        .engine()
        .client()
        .createTable(
            b ->
                b.tableName("orders")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .billingMode("PAY_PER_REQUEST"));
  }

  @AfterAll
  static void stop() {
    // Nothing forged was written, and the table the forgeries aimed at is still there.
    assertThat(server.engine().client().scan(b -> b.tableName("orders")).items())
        .allSatisfy(item -> assertThat(item.get("id").s()).isNotEqualTo("forged"));
    System.out.printf(
        "SigV4: forged requests refused: %d, expired refused: %d, replays served within the"
            + " window: %d, replays refused: %d%n",
        FORGED_REFUSED.get(), EXPIRED_REFUSED.get(), REPLAYS_SERVED.get(), REPLAYS_REFUSED.get());
    server.close();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(NOW);
  }

  /** The signed PutItem every forgery starts from. */
  static Signing put() {
    return Signing.of(server.port(), ID, SECRET, NOW).request(PUT, SIGNED_PUT);
  }

  /** What the server answered: status, error type (after '#') and message, or 200 and nulls. */
  record Answer(int status, String type, String message) {}

  static Answer send(Wire request) throws IOException {
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Response response = http.send(request.bytes()).read();
      scan.text("response", response.status() + " " + response.headers() + " " + response.text());
      if (response.status() == 200) {
        return new Answer(200, null, null);
      }
      JsonNode body = JSON.readTree(response.body());
      String type = body.path("__type").asText();
      return new Answer(
          response.status(),
          type.substring(type.indexOf('#') + 1),
          body.path("Message").asText(null));
    }
  }

  private static Function<Wire, Wire> signature(Function<String, String> change) {
    return wire ->
        wire.authorization(
            a -> {
              int at = a.indexOf("Signature=") + "Signature=".length();
              return a.substring(0, at) + change.apply(a.substring(at));
            });
  }

  private static Function<Wire, Wire> signedHeaders(Function<String, String> change) {
    return wire ->
        wire.authorization(
            a -> {
              java.util.regex.Matcher m =
                  java.util.regex.Pattern.compile("SignedHeaders=([^,]+)").matcher(a);
              if (!m.find()) {
                throw new IllegalStateException("no SignedHeaders in " + a);
              }
              return a.substring(0, m.start(1)) + change.apply(m.group(1)) + a.substring(m.end(1));
            });
  }

  private static Arguments after(
      String name, Function<Wire, Wire> forge, String type, String message) {
    return Arguments.of(name, (Function<Signing, Wire>) s -> forge.apply(s.sign()), type, message);
  }

  private static Arguments signed(
      String name, Function<Signing, Signing> how, String type, String message) {
    return Arguments.of(name, (Function<Signing, Wire>) s -> how.apply(s).sign(), type, message);
  }

  private static final String INVALID = "InvalidSignatureException";
  private static final String INCOMPLETE = "IncompleteSignatureException";
  private static final String UNKNOWN = "UnrecognizedClientException";

  static Stream<Arguments> forgeries() {
    String day = SignedRequests.amzDate(NOW).substring(0, 8);
    return Stream.of(
        // Altered after signing: the signature no longer matches.
        after("the body changed", w -> w.body(FORGED_PUT), INVALID, MISMATCH),
        after("a space added to the body", w -> w.body(SIGNED_PUT + " "), INVALID, MISMATCH),
        after("the body emptied", w -> w.body(""), INVALID, MISMATCH),
        Arguments.of(
            "the body changed, a signed X-Amz-Content-Sha256 naming the original",
            (Function<Signing, Wire>)
                s -> s.header("X-Amz-Content-Sha256", sha256(SIGNED_PUT)).sign().body(FORGED_PUT),
            INVALID,
            MISMATCH),
        after(
            "an unsigned X-Amz-Content-Sha256 naming the forged body added",
            w -> w.body(FORGED_PUT).adding("X-Amz-Content-Sha256", sha256(FORGED_PUT)),
            INVALID,
            MISMATCH),
        after(
            "the Host changed",
            w -> w.with("Host", "localhost:" + server.port()),
            INVALID,
            MISMATCH),
        after(
            "the X-Amz-Target changed",
            w -> w.with("X-Amz-Target", "DynamoDB_20120810.DeleteTable"),
            INVALID,
            MISMATCH),
        after(
            "the X-Amz-Date one second later",
            w -> w.with("X-Amz-Date", SignedRequests.amzDate(NOW.plusSeconds(1))),
            INVALID,
            MISMATCH),
        after(
            "the Content-Type changed",
            w -> w.with("Content-Type", "application/json"),
            INVALID,
            MISMATCH),
        after("the X-Amz-Target removed", w -> w.without("X-Amz-Target"), INVALID, MISMATCH),
        after(
            "a header in SignedHeaders that is not sent",
            signedHeaders(h -> h + ";x-amz-extra"),
            INVALID,
            MISMATCH),
        after(
            "a sent header left out of SignedHeaders",
            signedHeaders(h -> h.replace(";x-amz-target", "")),
            INVALID,
            MISMATCH),
        after("a query string added", w -> w.uri("/?TableName=t"), INVALID, MISMATCH),
        after("the path changed", w -> w.uri("/other"), INVALID, MISMATCH),
        after(
            "the region of the scope changed",
            w -> w.authorization(a -> a.replace("/eu-west-1/", "/us-east-1/")),
            INVALID,
            MISMATCH),
        // The signature itself.
        after(
            "one hex digit of the signature changed",
            signature(SignatureForgeryTest::flip),
            INVALID,
            MISMATCH),
        after(
            "the signature one digit short", signature(sig -> sig.substring(1)), INVALID, MISMATCH),
        after("the signature one digit long", signature(sig -> sig + "0"), INVALID, MISMATCH),
        after(
            "a signature of 64 letters that are not hex",
            signature(sig -> "z".repeat(64)),
            INVALID,
            MISMATCH),
        after(
            "the signature in upper case",
            signature(sig -> sig.toUpperCase(java.util.Locale.ROOT)),
            INVALID,
            MISMATCH),
        after("an empty signature", signature(sig -> ""), INVALID, MISMATCH),
        signed(
            "signed with another secret",
            s -> s.identity(AwsCredentialsIdentity.create(ID, "guessed-secret")),
            INVALID,
            MISMATCH),
        // Repeated headers.
        after(
            "a second X-Amz-Target",
            w -> w.adding("X-Amz-Target", "DynamoDB_20120810.DeleteTable"),
            INVALID,
            MISMATCH),
        after(
            "a second X-Amz-Date, equal",
            w -> w.adding("X-Amz-Date", w.header("X-Amz-Date")),
            INVALID,
            MISMATCH),
        after(
            "a second Content-Type",
            w -> w.adding("Content-Type", "application/x-amz-json-1.0"),
            INVALID,
            MISMATCH),
        after(
            "a second Authorization",
            w -> w.adding("Authorization", w.header("Authorization")),
            INCOMPLETE,
            "Only one Authorization header may be sent."),
        // The credential scope.
        after(
            "the service of the scope changed",
            w -> w.authorization(a -> a.replace("/dynamodb/", "/s3/")),
            INVALID,
            "Credential should be scoped to correct service: 'dynamodb'. "),
        signed(
            "signed for another service",
            s -> s.service("sqs"),
            INVALID,
            "Credential should be scoped to correct service: 'dynamodb'. "),
        after(
            "the date of the scope a day earlier than X-Amz-Date",
            w -> w.authorization(a -> a.replace("/" + day + "/", "/20260228/")),
            INVALID,
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                + " HTTP: '20260228' != '"
                + day
                + "', from '"
                + SignedRequests.amzDate(NOW)
                + "'. "),
        after(
            "another terminator of the scope",
            w -> w.authorization(a -> a.replace("/aws4_request", "/aws5_request")),
            INVALID,
            "Credential should be scoped with a valid terminator: 'aws4_request', not"
                + " 'aws5_request'. "),
        after(
            "a scope of four elements",
            w -> w.authorization(a -> a.replace("/eu-west-1/", "/")),
            INCOMPLETE,
            "Credential must have exactly 5 slash-delimited elements, e.g."
                + " keyid/date/region/service/term, got '"
                + ID
                + "/"
                + day
                + "/dynamodb/aws4_request'"),
        after(
            "host left out of SignedHeaders",
            signedHeaders(h -> h.replace("host;", "")),
            INCOMPLETE,
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
        // Truncated or malformed Authorization headers.
        after(
            "the Authorization cut before its Signature",
            w -> w.authorization(a -> a.substring(0, a.indexOf(", Signature="))),
            INCOMPLETE,
            "Authorization header requires 'Signature' parameter."),
        after(
            "the Authorization cut after its algorithm",
            w -> w.authorization(a -> "AWS4-HMAC-SHA256"),
            INCOMPLETE,
            "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                + " parameter."),
        after(
            "another algorithm named",
            w -> w.authorization(a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")),
            INCOMPLETE,
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). "),
        after(
            "the X-Amz-Date removed",
            w -> w.without("X-Amz-Date"),
            INCOMPLETE,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                + " header."),
        after(
            "the X-Amz-Date in another format",
            w -> w.with("X-Amz-Date", "2026-03-01T12:00:00Z"),
            INCOMPLETE,
            "Date must be in ISO-8601 'basic format'. Got '2026-03-01T12:00:00Z'. See"
                + " http://en.wikipedia.org/wiki/ISO_8601"),
        after(
            "the Authorization removed",
            w -> w.without("Authorization"),
            "MissingAuthenticationTokenException",
            "Request is missing Authentication Token"),
        // Keys and tokens.
        signed(
            "an access key the server does not know",
            s -> s.identity(AwsCredentialsIdentity.create("AKIDUNKNOWN", SECRET)),
            UNKNOWN,
            UNRECOGNIZED),
        signed(
            "a session token with a long-term key",
            s -> s.sessionToken("FwoGZXIvYXdzEBYaDForgedToken"),
            UNKNOWN,
            UNRECOGNIZED),
        after(
            "a session token added after signing",
            w -> w.adding("X-Amz-Security-Token", "FwoGZXIvYXdzEBYaDForgedToken"),
            UNKNOWN,
            UNRECOGNIZED),
        // A signature in the query string (a presigned URL) instead of the Authorization header.
        signed(
            "signed in the query string",
            Signing::inQuery,
            "MissingAuthenticationTokenException",
            "Request is missing Authentication Token: signatures in the query string"
                + " (X-Amz-Signature) are not accepted, sign the Authorization header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void aForgedRequestIsRefusedAsAwsRefusesIt(
      String name, Function<Signing, Wire> forge, String type, String message) throws IOException {
    Answer answer = send(forge.apply(put()));
    assertThat(answer).as(name).isEqualTo(new Answer(400, type, message));
    FORGED_REFUSED.incrementAndGet();
  }

  @Test
  void theUnalteredRequestIsServed() throws IOException {
    assertThat(send(put().sign()).status()).isEqualTo(200);
  }

  private static final String EXPIRED =
      "Signature expired: %s is now earlier than %s (%s - 15 min.)";
  private static final String NOT_YET =
      "Signature not yet current: %s is still later than %s (%s + 15 min.)";

  @Test
  void aSignatureMoreThan15MinutesFromTheServersClockIsExpiredAndWithinItIsServed()
      throws IOException {
    Duration limit = Duration.ofMinutes(15);
    for (Duration offset :
        List.of(limit, limit.negated(), limit.minusSeconds(1), limit.minusSeconds(1).negated())) {
      Instant at = NOW.minus(offset);
      assertThat(send(put().at(at).sign()).status()).as("signed %s before", offset).isEqualTo(200);
    }
    String now = SignedRequests.amzDate(NOW);
    for (Duration offset : List.of(limit.plusSeconds(1), Duration.ofDays(365))) {
      Instant before = NOW.minus(offset);
      assertThat(send(put().at(before).sign()))
          .isEqualTo(
              new Answer(
                  400,
                  INVALID,
                  String.format(
                      EXPIRED,
                      SignedRequests.amzDate(before),
                      SignedRequests.amzDate(NOW.minus(limit)),
                      now)));
      EXPIRED_REFUSED.incrementAndGet();
      Instant after = NOW.plus(offset);
      assertThat(send(put().at(after).sign()))
          .isEqualTo(
              new Answer(
                  400,
                  INVALID,
                  String.format(
                      NOT_YET,
                      SignedRequests.amzDate(after),
                      SignedRequests.amzDate(NOW.plus(limit)),
                      now)));
      EXPIRED_REFUSED.incrementAndGet();
    }
  }

  @Test
  void aReplayWithinTheWindowIsServedAsOnAwsAndAfterItIsExpired() throws IOException {
    Wire captured = put().sign();
    for (int i = 0; i < 3; i++) {
      assertThat(send(captured).status()).as("replay %d", i).isEqualTo(200);
      REPLAYS_SERVED.incrementAndGet();
    }
    CLOCK.set(NOW.plus(Duration.ofMinutes(15)));
    assertThat(send(captured).status()).isEqualTo(200);
    REPLAYS_SERVED.incrementAndGet();
    CLOCK.set(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1));
    Answer expired = send(captured);
    assertThat(expired.type()).isEqualTo(INVALID);
    assertThat(expired.message()).startsWith("Signature expired: " + SignedRequests.amzDate(NOW));
    REPLAYS_REFUSED.incrementAndGet();
  }

  @Test
  void aCapturedSignatureReplayedOnAnotherRequestIsRefused() throws IOException {
    Wire captured = put().sign();
    Wire other =
        put().request("DynamoDB_20120810.DeleteTable", "{\"TableName\":\"orders\"}").sign();
    // The captured Authorization and X-Amz-Date on another target and body.
    Wire replayed =
        other
            .with("Authorization", captured.header("Authorization"))
            .with("X-Amz-Date", captured.header("X-Amz-Date"));
    assertThat(send(replayed)).isEqualTo(new Answer(400, INVALID, MISMATCH));
    // The same on the captured target with another body, and on another target with its body.
    assertThat(send(captured.body(FORGED_PUT))).isEqualTo(new Answer(400, INVALID, MISMATCH));
    assertThat(send(captured.with("X-Amz-Target", "DynamoDB_20120810.DeleteTable")))
        .isEqualTo(new Answer(400, INVALID, MISMATCH));
    REPLAYS_REFUSED.addAndGet(3);
    assertThat(server.engine().client().listTables().tableNames()).containsExactly("orders");
  }

  private static String flip(String hex) {
    char first = hex.charAt(0);
    return (first == '0' ? '1' : '0') + hex.substring(1);
  }

  static String sha256(String text) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
