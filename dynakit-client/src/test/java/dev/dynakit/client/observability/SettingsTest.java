package dev.dynakit.client.observability;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void missingSettingsAreNamed() {
    assertThatThrownBy(() -> Dynakit.builder().meterRegistry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("meterRegistry");
    assertThatThrownBy(() -> Dynakit.builder().openTelemetry(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("openTelemetry");
    assertThatThrownBy(() -> Observability.interceptor(null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }
}
