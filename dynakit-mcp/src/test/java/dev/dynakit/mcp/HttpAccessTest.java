package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.policy.Policy;
import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import io.modelcontextprotocol.client.McpSyncClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every HTTP request needs the bearer token and, on loopback, loopback Host and Origin. */
@ScanForSecrets(HttpFixture.TOKEN)
class HttpAccessTest {
  private static HttpFixture fixture;
  private static SecretScan scan;

  @BeforeAll
  static void start(SecretScan secretScan) {
    scan = secretScan;
    fixture = new HttpFixture(Policy.defaults(), McpOptions.builder());
  }

  @AfterAll
  static void stop() {
    fixture.close();
    // What the server printed on its console: where it listens and how to configure a client.
    fixture
        .console
        .toString(java.nio.charset.StandardCharsets.UTF_8)
        .lines()
        .forEach(line -> scan.text("output line", line));
  }

  private static Map<String, String> headers(String host, String authorization, String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", host);
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (origin != null) {
      headers.put("Origin", origin);
    }
    return headers;
  }

  private static RawHttp.Response initialize(String host, String authorization, String origin)
      throws Exception {
    RawHttp.Response response =
        RawHttp.post(fixture.port(), headers(host, authorization, origin), RawHttp.INITIALIZE);
    scan.text("response", response.text);
    return response;
  }

  private static String local() {
    return "127.0.0.1:" + fixture.port();
  }

  /** An IPv4 address of this machine that is not loopback, if it has one. */
  private static java.util.Optional<java.net.InetAddress> otherAddress()
      throws java.net.SocketException {
    return java.net.NetworkInterface.networkInterfaces()
        .filter(
            i -> {
              try {
                return i.isUp() && !i.isLoopback();
              } catch (java.net.SocketException e) {
                return false;
              }
            })
        .flatMap(java.net.NetworkInterface::inetAddresses)
        .filter(
            a ->
                a instanceof java.net.Inet4Address
                    && !a.isLoopbackAddress()
                    && !a.isLinkLocalAddress())
        .findFirst();
  }

  /** Whether a connection to {@code address:port} is accepted. */
  private static boolean accepts(java.net.InetAddress address, int port)
      throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(address, port), 20_000);
      return true;
    } catch (java.net.ConnectException e) {
      return false;
    }
  }

  @Test
  void theServerListensOnLoopbackOnlyByDefault() throws Exception {
    assertThat(fixture.server.url())
        .hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("127.0.0.1"));
    assertThat(accepts(java.net.InetAddress.getLoopbackAddress(), fixture.port())).isTrue();
    java.util.Optional<java.net.InetAddress> other = otherAddress();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        other.isPresent(), "this machine has no non-loopback IPv4 address to try the port on");
    assertThat(accepts(other.get(), fixture.port()))
        .as("a connection to %s:%d", other.get().getHostAddress(), fixture.port())
        .isFalse();
  }

  @Test
  void theRightTokenOnLoopbackIsServed() throws Exception {
    RawHttp.Response response = initialize(local(), "Bearer " + HttpFixture.TOKEN, null);
    assertThat(response.status).isEqualTo(200);
    assertThat(response.text).contains("\"serverInfo\"").contains("\"dynakit\"");
    assertThat(
            initialize(
                    "localhost:" + fixture.port(),
                    "Bearer " + HttpFixture.TOKEN,
                    "http://localhost:6274")
                .status)
        .isEqualTo(200);
  }

  @Test
  void noTokenOrAWrongOneIs401() throws Exception {
    RawHttp.Response none = initialize(local(), null, null);
    assertThat(none.status).isEqualTo(401);
    assertThat(none.text).contains("WWW-Authenticate: Bearer").contains("bearer token is required");
    RawHttp.Response wrong = initialize(local(), "Bearer not-the-token", null);
    assertThat(wrong.status).isEqualTo(401);
    assertThat(wrong.text).contains("the bearer token is wrong").doesNotContain(HttpFixture.TOKEN);
    assertThat(initialize(local(), HttpFixture.TOKEN, null).status).isEqualTo(401);
  }

  @Test
  void aForeignHostOrOriginIs403EvenWithTheToken() throws Exception {
    String token = "Bearer " + HttpFixture.TOKEN;
    assertThat(initialize("evil.example:" + fixture.port(), token, null).status).isEqualTo(403);
    assertThat(initialize("127.0.0.1.evil.example", token, null).status).isEqualTo(403);
    assertThat(initialize(local(), token, "http://evil.example").status).isEqualTo(403);
    assertThat(initialize(local(), token, "null").status).isEqualTo(403);
    assertThat(initialize(local(), token, "file:///etc").status).isEqualTo(403);
  }

  @Test
  void badJsonIsAnErrorAndTheServerGoesOn() throws Exception {
    RawHttp.Response bad =
        RawHttp.post(
            fixture.port(), headers(local(), "Bearer " + HttpFixture.TOKEN, null), "{\"jsonrpc\":");
    assertThat(bad.status).isBetween(400, 499);
    McpSyncClient client = fixture.client(HttpFixture.TOKEN);
    assertThat(client.listTools().tools()).hasSize(Catalog.TOOLS.size());
    client.closeGracefully();
  }

  @Test
  void otherMethodsNeedTheTokenTooAndAreAnsweredWithoutStackTraces() throws Exception {
    RawHttp.Response get = RawHttp.send(fixture.port(), "GET", headers(local(), null, null), "");
    assertThat(get.status).isEqualTo(401);
    RawHttp.Response delete =
        RawHttp.send(
            fixture.port(), "DELETE", headers(local(), "Bearer " + HttpFixture.TOKEN, null), "");
    assertThat(delete.status).isBetween(400, 499);
    assertThat(delete.text).doesNotContain("stackTrace").contains("Session ID required");
    assertThat(fixture.console.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("listening on http://127.0.0.1:" + fixture.port() + "/mcp")
        .contains("Bearer <the token given to the server>")
        .doesNotContain(HttpFixture.TOKEN);
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    RawHttp.Response response =
        RawHttp.post(
            fixture.port(),
            headers(local(), "Bearer " + HttpFixture.TOKEN, null),
            "x".repeat(AccessFilter.MAX_BODY + 1));
    assertThat(response.status).isEqualTo(413);
  }

  @Test
  void theSdkClientWithAWrongTokenCannotConnect() {
    assertThatThrownBy(() -> fixture.client("wrong-token-0123456789"))
        .isInstanceOf(Exception.class);
  }
}
