package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Batches DynamoDB leaves (partly) unprocessed: an HTTP client in front of the engine answers every
 * batch as DynamoDB does under throttling, returning all its requests unprocessed.
 */
class UnprocessedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DynakitEngine engine;
  private Dynakit throttled;
  private Dynakit direct;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    Adapters.createTable(engine.client(), "orders", "id");
    throttled = adapter(new NothingProcessed(engine.httpClient()));
    direct = adapter(engine.httpClient());
  }

  private static Dynakit adapter(SdkHttpClient http) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(Map.of())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(http)
        .policy(Policy.builder().allowWrite(true).build())
        .build();
  }

  @AfterEach
  void stop() {
    throttled.close();
    direct.close();
    engine.close();
  }

  @Test
  void unprocessedItemsComeBackInTheShapeOfTheRequestAndCanBeSentAgain() {
    Map<String, Object> requests =
        Map.of(
            "orders",
            List.of(
                Map.of("put", Map.of("id", "a", "n", 1, "tags", Map.of("$ss", List.of("x")))),
                Map.of("delete", Map.of("id", "zz"))));
    Map<String, Object> result = throttled.call("batch_write", Map.of("requests", requests));
    assertThat(result).isEqualTo(Map.of("unprocessed_items", normalizedRequests()));
    assertThat(engine.client().scan(b -> b.tableName("orders")).count()).isZero();

    direct.call("batch_write", Map.of("requests", result.get("unprocessed_items")));
    assertThat(engine.client().scan(b -> b.tableName("orders")).count()).isEqualTo(1);
  }

  @Test
  void unprocessedKeysComeBackWithTheirProjectionAndCanBeSentAgain() {
    direct.call("put", Map.of("table", "orders", "item", Map.of("id", "a", "n", 1, "m", 2)));
    Map<String, Object> requests =
        Map.of(
            "orders",
            Map.of(
                "keys",
                List.of(Map.of("id", "a")),
                "projection",
                "#n",
                "names",
                Map.of("#n", "n"),
                "consistent_read",
                true));
    Map<String, Object> result = throttled.call("batch_get", Map.of("requests", requests));
    assertThat(result).isEqualTo(Map.of("responses", Map.of(), "unprocessed_keys", requests));

    Map<String, Object> again =
        direct.call("batch_get", Map.of("requests", result.get("unprocessed_keys")));
    assertThat(again.get("responses")).isEqualTo(Map.of("orders", List.of(Map.of("n", 1L))));
  }

  private static Object normalizedRequests() {
    return Map.of(
        "orders",
        List.of(
            Map.of("put", Map.of("id", "a", "n", 1L, "tags", Map.of("$ss", List.of("x")))),
            Map.of("delete", Map.of("id", "zz"))));
  }

  /** Answers BatchGetItem and BatchWriteItem with every request unprocessed; passes the rest. */
  private static final class NothingProcessed implements SdkHttpClient {
    private final SdkHttpClient engine;

    NothingProcessed(SdkHttpClient engine) {
      this.engine = engine;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
      if (!target.endsWith(".BatchGetItem") && !target.endsWith(".BatchWriteItem")) {
        return engine.prepareRequest(request);
      }
      JsonNode body = read(request);
      ObjectNode answer = JSON.createObjectNode();
      if (target.endsWith(".BatchGetItem")) {
        answer.putObject("Responses");
        answer.set("UnprocessedKeys", body.get("RequestItems"));
      } else {
        answer.set("UnprocessedItems", body.get("RequestItems"));
      }
      byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/x-amz-json-1.0")
                      .putHeader("Content-Length", String.valueOf(bytes.length))
                      .putHeader("x-amzn-RequestId", "unprocessed")
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    private static JsonNode read(HttpExecuteRequest request) {
      try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      engine.close();
    }
  }
}
