package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every HTTP request needs the bearer token and, on loopback, loopback Host and Origin. */
class HttpAccessTest {
  private static HttpFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new HttpFixture(Policy.defaults(), McpOptions.builder());
  }

  @AfterAll
  static void stop() {
    fixture.close();
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
    return RawHttp.post(fixture.port(), headers(host, authorization, origin), RawHttp.INITIALIZE);
  }

  private static String local() {
    return "127.0.0.1:" + fixture.port();
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
