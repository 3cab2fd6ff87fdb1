package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.Unprocessing;
import dev.dynakit.engine.DynakitEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Batches DynamoDB leaves (partly) unprocessed: an HTTP client in front of the engine answers every
 * batch as DynamoDB does under throttling, returning all its requests unprocessed ({@link
 * Unprocessing#all}).
 */
class UnprocessedTest {
  private DynakitEngine engine;
  private Dynakit throttled;
  private Dynakit direct;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    Adapters.createTable(engine.client(), "orders", "id");
    throttled = adapter(Unprocessing.all(engine.httpClient()));
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
}
