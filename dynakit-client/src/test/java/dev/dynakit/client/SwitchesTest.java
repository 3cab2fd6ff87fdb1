package dev.dynakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.config.Switches;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.engine.DynakitEngine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every on/off variable of the adapter reads the same words and refuses the same way. */
class SwitchesTest {
  private static final String[] SWITCHES = {
    "DYNAKIT_CONSISTENT_READ",
    "DYNAKIT_ALLOW_WRITE",
    "DYNAKIT_CIRCUIT_BREAKER",
    "DYNAKIT_REQUEST_CONSUMED_CAPACITY"
  };

  private static Map<String, String> all(String value) {
    Map<String, String> environment = new java.util.HashMap<>();
    for (String name : SWITCHES) {
      environment.put(name, value);
    }
    return environment;
  }

  @ParameterizedTest
  @CsvSource({
    "true,true",
    "TRUE,true",
    "' yes ',true",
    "On,true",
    "1,true",
    "false,false",
    "No,false",
    "OFF,false",
    "0,false"
  })
  void everySwitchOfTheAdapterReadsTheSameWords(String word, boolean on) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit =
            Dynakit.builder()
                .environment(all(word))
                .endpoint("http://localhost:8000")
                .credentials(Credentials.anonymous())
                .httpClient(engine.httpClient())
                .meterRegistry(registry)
                .build()) {
      engine
          .client()
          .createTable(
              t ->
                  t.tableName("switches")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                      .keySchema(k -> k.attributeName("pk").keyType("HASH")));

      dynakit
          .sdk()
          .getItem(g -> g.tableName("switches").key(Map.of("pk", AttributeValue.fromS("a"))));

      assertThat(dynakit.config().consistentRead()).isEqualTo(on);
      assertThat(dynakit.policy().allowWrite()).isEqualTo(on);
      assertThat(dynakit.circuitBreaker().getState()).isEqualTo(on ? State.CLOSED : State.DISABLED);
      assertThat(registry.find("dynamodb_consumed_capacity_total").counter() != null)
          .as("capacity requested")
          .isEqualTo(on);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "tru", "2", "enabled"})
  void anythingElseIsRefusedNamingTheVariableAndTheValue(String word) {
    for (String name : SWITCHES) {
      assertThatThrownBy(
              () ->
                  Dynakit.builder()
                      .environment(Map.of(name, word))
                      .endpoint("http://localhost:8000")
                      .credentials(Credentials.anonymous())
                      .meterRegistry(new SimpleMeterRegistry())
                      .build()
                      .close())
          .as(name)
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(name + " must be true or false (or yes/no, on/off, 1/0), was '" + word + "'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void unsetOrBlankIsNotGiven(String blank) {
    assertThat(Switches.parse("X", blank)).isEmpty();
    assertThat(Switches.parse("X", null)).isEmpty();
    assertThat(Switches.read(Map.of(), "X")).isEmpty();
  }
}
