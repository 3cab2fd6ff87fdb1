package dev.dynakit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EmbeddedEndpointTest {
  /** These tests create tables and write: writes are allowed. */
  private static final Map<String, String> WRITES = Map.of("DYNAKIT_ALLOW_WRITE", "true");

  private static void createPutGet(DynamoDbClient sdk) {
    sdk.createTable(
        b ->
            b.tableName("orders")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    sdk.putItem(
        b ->
            b.tableName("orders")
                .item(
                    Map.of(
                        "id", AttributeValue.fromS("o1"), "total", AttributeValue.fromN("9.5"))));
    assertThat(
            sdk.getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("o1"))))
                .item())
        .containsEntry("total", AttributeValue.fromN("9.5"));
    assertThat(sdk.listTables().tableNames()).containsExactly("orders");
  }

  @Test
  void mockModeServesCallsFromAnEngineEvenWithAnEndpointInTheEnvironment() {
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(
                Map.of(
                    "DYNAKIT_MODE", "mock",
                    "DYNAKIT_ENDPOINT", "http://localhost:1",
                    "DYNAKIT_ALLOW_WRITE", "true"))
            .build()) {
      assertThat(dynakit.config().embedded()).isTrue();
      createPutGet(dynakit.sdk());
    }
  }

  @Test
  void theBuilderEndpointServesCallsEndToEnd() {
    try (Dynakit dynakit = Dynakit.builder().environment(WRITES).endpoint("embedded:").build()) {
      assertThat(dynakit.config().embedded()).isTrue();
      createPutGet(dynakit.sdk());
    }
  }

  @Test
  void fromTheEnvironmentEvenWithAwsKeysSet() {
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(
                Map.of(
                    "DYNAKIT_ENDPOINT", "embedded:",
                    "DYNAKIT_ALLOW_WRITE", "true",
                    "AWS_ACCESS_KEY_ID", "AKIDIGNORED",
                    "AWS_SECRET_ACCESS_KEY", "SECRET-MARKER-ignored",
                    "AWS_ASSUME_ROLE_ARN", "arn:aws:iam::123456789012:role/ignored"))
            .build()) {
      assertThat(dynakit.config().sources()).containsEntry("endpoint", "DYNAKIT_ENDPOINT");
      assertThat(dynakit.config().credentials().assumeRole()).isEmpty();
      createPutGet(dynakit.sdk());
    }
  }

  @Test
  void eachAdapterHasItsOwnEngine() {
    try (Dynakit first = Dynakit.builder().environment(WRITES).endpoint("embedded:").build();
        Dynakit second = Dynakit.builder().environment(WRITES).endpoint("embedded:").build()) {
      createPutGet(first.sdk());
      assertThat(second.sdk().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void closingTheClientStopsTheEngine() {
    SdkHttpClient client = new EngineProvider().open(Optional.empty());
    assertThat(client.clientName()).isEqualTo("dynakit-embedded");
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .endpoint("http://localhost:8000")
            .credentials(Credentials.anonymous())
            .httpClient(client)
            .build()) {
      assertThat(dynakit.sdk().listTables().tableNames()).isEmpty();
      client.close();
      assertThatThrownBy(() -> dynakit.sdk().listTables()).hasMessageContaining("closed");
    }
  }
}
