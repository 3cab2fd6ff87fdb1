package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the bearer token comes from, and a new one kept for the owner only. */
class TokensTest {
  @TempDir Path home;
  private DynakitEngine engine;
  private Dynakit dynakit;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    engine = Tables.engine();
    dynakit = HttpFixture.adapter(engine, Policy.defaults());
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private McpOptions.Builder options(Map<String, String> environment) {
    return McpOptions.builder()
        .port(0)
        .environment(environment)
        .console(new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private static int tools(RunningMcpServer server, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + server.port())
            .endpoint("/mcp")
            .addHttpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    try {
      client.initialize();
      return client.listTools().tools().size();
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void onLoopbackANewTokenIsMadeKeptOwnerOnlyAndPrintedAsAClientConfiguration() throws Exception {
    Path file = home.resolve(".config").resolve("dynakit").resolve("mcp-token");
    String token;
    try (RunningMcpServer server =
        DynakitMcp.http(dynakit, options(Map.of("HOME", home.toString())).build())) {
      assertThat(file).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
      token = Files.readString(file).strip();
      assertThat(Base64Length.bits(token)).isGreaterThanOrEqualTo(128);
      String printed = console.toString(StandardCharsets.UTF_8);
      assertThat(printed)
          .contains("\"mcpServers\"")
          .contains("\"url\": \"" + server.url().orElseThrow() + "\"")
          .contains("\"Authorization\": \"Bearer " + token + "\"");
      assertThat(tools(server, token)).isEqualTo(Catalog.TOOLS.size());
    }
    console.reset();
    try (RunningMcpServer again =
        DynakitMcp.http(dynakit, options(Map.of("HOME", home.toString())).build())) {
      assertThat(Files.readString(file).strip()).isEqualTo(token);
      assertThat(console.toString(StandardCharsets.UTF_8))
          .doesNotContain(token)
          .contains("Bearer <the token in " + file + ">");
      assertThat(tools(again, token)).isEqualTo(Catalog.TOOLS.size());
    }
  }

  @Test
  void theEnvironmentVariableWinsOverTheFile() throws Exception {
    Path file = home.resolve("token");
    Files.writeString(file, "file-token-0123456789\n");
    try (RunningMcpServer server =
        DynakitMcp.http(
            dynakit,
            options(Map.of(McpOptions.TOKEN_VARIABLE, "env-token-0123456789"))
                .tokenFile(file)
                .build())) {
      assertThat(console.toString(StandardCharsets.UTF_8))
          .contains("Bearer ${DYNAKIT_MCP_TOKEN}")
          .doesNotContain("env-token-0123456789");
      assertThat(tools(server, "env-token-0123456789")).isEqualTo(Catalog.TOOLS.size());
    }
    try (RunningMcpServer server =
        DynakitMcp.http(dynakit, options(Map.of()).tokenFile(file).build())) {
      assertThat(tools(server, "file-token-0123456789")).isEqualTo(Catalog.TOOLS.size());
    }
  }

  @Test
  void anAddressOtherThanLoopbackRefusesToStartWithoutAToken() {
    McpOptions options = options(Map.of()).host("10.1.2.3").tokenFile(home.resolve("none")).build();
    assertThatThrownBy(() -> DynakitMcp.http(dynakit, options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("10.1.2.3")
        .hasMessageContaining("DYNAKIT_MCP_TOKEN");
    assertThat(home.resolve("none")).doesNotExist();
  }

  @Test
  void aTokenFileWithoutATokenIsRefused() throws Exception {
    Path file = home.resolve("short");
    Files.writeString(file, "abc\n");
    assertThatThrownBy(() -> DynakitMcp.http(dynakit, options(Map.of()).tokenFile(file).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no token")
        .hasMessageNotContaining("abc");
  }

  @Test
  void loopbackIsRecognisedInEveryForm() {
    assertThat(Tokens.isLoopback("127.0.0.1")).isTrue();
    assertThat(Tokens.isLoopback("127.1.2.3")).isTrue();
    assertThat(Tokens.isLoopback("localhost")).isTrue();
    assertThat(Tokens.isLoopback("::1")).isTrue();
    assertThat(Tokens.isLoopback("[::1]")).isTrue();
    assertThat(Tokens.isLoopback("0.0.0.0")).isFalse();
    assertThat(Tokens.isLoopback("10.1.2.3")).isFalse();
  }

  /** Bits of randomness in a base64url token. */
  static final class Base64Length {
    static int bits(String token) {
      return java.util.Base64.getUrlDecoder().decode(token).length * 8;
    }
  }
}
