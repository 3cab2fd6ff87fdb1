package dev.dynakit.client.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EmbeddedEnginesTest {
  @Test
  void namesTheModuleWhenNoProviderIsOnTheClassPath() {
    assertThatThrownBy(() -> EmbeddedEngines.open("embedded:", List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("endpoint 'embedded:' needs dynakit-embedded on the class path")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).kind())
                    .isEqualTo(ConfigurationException.Kind.INVALID_ENDPOINT));
  }

  @Test
  void readsTheDataDirectoryFromTheEndpoint() {
    assertThat(EmbeddedEngines.isEmbedded("embedded:")).isTrue();
    assertThat(EmbeddedEngines.isEmbedded("http://localhost")).isFalse();
    assertThat(EmbeddedEngines.isEmbedded(null)).isFalse();
    assertThat(EmbeddedEngines.dataDir("embedded:")).isEmpty();
    assertThat(EmbeddedEngines.dataDir("embedded:/var/lib/dynakit"))
        .contains(Path.of("/var/lib/dynakit"));
    assertThatThrownBy(() -> EmbeddedEngines.open("http://localhost"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmbeddedEndpointFromTheEnvironmentServesCallsAndClosesWithTheAdapter() {
    DynakitEngine engine;
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of("DYNAKIT_ENDPOINT", "embedded:", "DYNAKIT_ALLOW_WRITE", "true"))
            .build()) {
      engine = EngineTestProvider.OPENED.get(EngineTestProvider.OPENED.size() - 1);
      assertThat(dynakit.config().embedded()).isTrue();
      assertThat(dynakit.config().credentials().describe())
          .isEqualTo("anonymous (unsigned requests) (from embedded endpoint)");
      dynakit
          .sdk()
          .createTable(
              b ->
                  b.tableName("things")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      dynakit
          .sdk()
          .putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("a"))));
      assertThat(engine.client().listTables().tableNames()).containsExactly("things");
    }
    assertThatThrownBy(() -> engine.client().listTables())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void theProvidersRefusalReachesTheCaller() {
    assertThatThrownBy(
            () -> Dynakit.builder().environment(Map.of()).endpoint("embedded:/data").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("the test engine has no durable storage");
  }

  @Test
  void anEmbeddedEndpointTakesNoHttpClient() {
    try (DynakitEngine other = DynakitEngine.inMemory()) {
      assertThatThrownBy(
              () ->
                  Dynakit.builder()
                      .environment(Map.of())
                      .endpoint("embedded:")
                      .httpClient(other.httpClient())
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "builder setting httpClient: not allowed with endpoint 'embedded:', which is served"
                  + " in-process");
    }
  }
}
