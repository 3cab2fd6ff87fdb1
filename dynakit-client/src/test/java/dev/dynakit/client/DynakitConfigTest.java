package dev.dynakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.engine.DynakitEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** The resolved configuration reaches the SDK client the adapter builds. */
class DynakitConfigTest {
  @Test
  void timeoutsRegionAndEndpointAreAppliedToTheSdkClient() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit =
            Dynakit.builder()
                .environment(
                    Map.of(
                        "DYNAKIT_ENDPOINT", "http://localhost:8000",
                        "DYNAKIT_REGION", "eu-west-1",
                        "DYNAKIT_CALL_TIMEOUT", "7s",
                        "DYNAKIT_ATTEMPT_TIMEOUT", "2s",
                        "DYNAKIT_CONSISTENT_READ", "true"))
                .credentials(Credentials.anonymous())
                .httpClient(engine.httpClient())
                .build()) {
      ClientOverrideConfiguration override =
          dynakit.sdk().serviceClientConfiguration().overrideConfiguration();
      assertThat(override.apiCallTimeout()).contains(Duration.ofSeconds(7));
      assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
      assertThat(dynakit.sdk().serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
      assertThat(dynakit.sdk().serviceClientConfiguration().endpointOverride())
          .hasValueSatisfying(uri -> assertThat(uri).hasToString("http://localhost:8000"));
      assertThat(dynakit.config().consistentRead()).isTrue();
      assertThat(override.defaultProfileName()).contains("default");
      assertThat(dynakit.sdk().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void withoutAnHttpClientTheAdapterBuildsItsOwnWithTheConnectTimeout() {
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .connectTimeout(Duration.ofMillis(700))
            .callTimeout(Duration.ofSeconds(3))
            .attemptTimeout(Duration.ofSeconds(1))
            .consistentRead(true)
            .tablePrefix("ci_")
            .credentials(Credentials.anonymous())
            .build()) {
      assertThat(dynakit.config().connectTimeout()).isEqualTo(Duration.ofMillis(700));
      assertThat(dynakit.config().sources()).containsEntry("connectTimeout", "builder");
      assertThat(dynakit.config().endpoint()).isEmpty();
      assertThat(dynakit.sdk().serviceClientConfiguration().endpointOverride()).isEmpty();
      assertThat(dynakit.config().tablePrefix()).contains("ci_");
    }
  }
}
