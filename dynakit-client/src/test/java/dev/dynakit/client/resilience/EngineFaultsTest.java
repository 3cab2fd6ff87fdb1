package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.engine.Faults;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The adapter's retries against faults the engine injects (throttling, 500s): every call ends well,
 * after as many attempts as the faults made necessary.
 */
class EngineFaultsTest {
  private final DynakitEngine engine =
      DynakitEngine.builder().faults(new SplittableRandom(11), duration -> {}).build();
  private final AtomicInteger sent = new AtomicInteger();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void retriesRideOutInjectedThrottlingAndServerErrors() {
    engine
        .client()
        .createTable(
            b ->
                b.tableName("orders")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    engine.faults().add(Faults.Fault.error("PutItem", "orders", 0.3, "ThrottlingException"));
    engine.faults().add(Faults.Fault.error("GetItem", "orders", 0.3, "InternalServerError"));
    SdkHttpClient http = engine.httpClient();
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .endpoint("http://localhost:8000")
            .credentials(Credentials.anonymous())
            .httpClient(
                new SdkHttpClient() {
                  @Override
                  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    sent.incrementAndGet();
                    return http.prepareRequest(request);
                  }

                  @Override
                  public void close() {}
                })
            .policy(Policy.builder().allowWrite(true).build())
            .retry(RetrySettings.defaults().backoffScale(0))
            .build()) {
      for (int i = 0; i < 100; i++) {
        String id = "o-" + i;
        dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", id)));
        assertThat(dynakit.call("get", Map.of("table", "orders", "key", Map.of("id", id))))
            .isEqualTo(Map.of("item", Map.of("id", id)));
      }
    }
    // About 30% of attempts failed: roughly 200 / 0.7 attempts in all.
    assertThat(sent.get()).isBetween(250, 330);
    assertThat(
            engine
                .client()
                .scan(b -> b.tableName("orders"))
                .items()
                .contains(Map.of("id", AttributeValue.fromS("o-99"))))
        .isTrue();
  }
}
