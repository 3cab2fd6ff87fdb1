package dev.dynakit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's adapter example, as written there, on the embedded engine. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleRunsAsWritten() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OpenTelemetry openTelemetry = OpenTelemetry.noop();
    Map<String, Object> got;
    String page;
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .endpoint("embedded:")
            .policy(Policy.builder().allowWrite(true).allowTables("orders", "app_*").build())
            .meterRegistry(registry)
            .openTelemetry(openTelemetry)
            .build()) {
      dynakit
          .sdk()
          .createTable(
              b ->
                  b.tableName("orders")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      dynakit.call("put", Map.of("table", "orders", "item", Map.of("id", "o-1", "total", 42)));
      got = dynakit.call("get", Map.of("table", "orders", "key", Map.of("id", "o-1")));
      page =
          dynakit.callJson(
              "query",
              "{\"table\": \"orders\", \"key_condition\": \"id = :id\", \"values\": {\":id\":"
                  + " \"o-1\"}}");
      assertThat(dynakit.sdk().describeTable(b -> b.tableName("orders")).table().itemCount())
          .isEqualTo(1);
    }
    assertThat(got).containsEntry("item", Map.of("id", "o-1", "total", 42L));
    assertThat(page).contains("\"count\":1").contains("\"total\":42");
    assertThat(
            registry
                .get("dynamodb_operations_total")
                .tag("operation", "PutItem")
                .tag("status", "success")
                .counter())
        .satisfies(c -> assertThat(c.count()).isEqualTo(1));
  }
}
