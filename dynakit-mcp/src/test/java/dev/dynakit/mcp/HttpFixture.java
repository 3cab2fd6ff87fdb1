package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Secret;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An engine with the test tables, an adapter over the engine's HTTP client with a given policy, an
 * MCP server on a free loopback port, and MCP clients for it.
 */
final class HttpFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";

  final DynakitEngine engine = Tables.engine();
  final Dynakit dynakit;
  final RunningMcpServer server;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  HttpFixture(Policy policy, McpOptions.Builder options) {
    dynakit = adapter(engine, policy);
    server =
        DynakitMcp.http(
            dynakit,
            options
                .port(0)
                .token(Secret.of(TOKEN))
                .tokenFile(Path.of("target", "no-such-token-file"))
                .environment(Map.of())
                .console(new PrintStream(console, true, StandardCharsets.UTF_8))
                .build());
  }

  static Dynakit adapter(DynakitEngine engine, Policy policy) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(Map.of())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(engine.httpClient())
        .policy(policy)
        .build();
  }

  int port() {
    return server.port();
  }

  /** An initialized MCP client that sends {@code token}. */
  McpSyncClient client(String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port())
            .endpoint("/mcp")
            .jsonMapper(DynakitMcp.jsonMapper())
            .addHttpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
    return client;
  }

  Calls calls(McpSyncClient client) {
    return new Calls(client);
  }

  @Override
  public void close() {
    server.close();
    dynakit.close();
    engine.close();
  }
}
