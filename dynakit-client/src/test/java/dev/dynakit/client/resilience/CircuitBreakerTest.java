package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.client.testing.FaultInjectingHttpClient.Fault;
import dev.dynakit.client.testing.MutableClock;
import dev.dynakit.engine.DynakitEngine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The breaker's transitions on a test clock, with the HTTP calls that really went out counted. */
class CircuitBreakerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private DynakitEngine engine;
  private FaultInjectingHttpClient faults;
  private Dynakit dynakit;
  private final List<String> transitions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    faults = FaultInjectingHttpClient.around(engine.httpClient());
    dynakit = adapter(null, Map.of());
    Adapters.createTable(engine.client(), "orders", false);
  }

  private Dynakit adapter(CircuitBreakerSettings settings, Map<String, String> environment) {
    Dynakit.Builder builder =
        Adapters.over(faults)
            .environment(environment)
            .clock(clock)
            .retry(RetrySettings.defaults().backoffScale(0));
    if (settings != null) {
      builder.circuitBreaker(settings);
    }
    Dynakit adapter = builder.build();
    adapter
        .circuitBreaker()
        .getEventPublisher()
        .onStateTransition(e -> transitions.add(e.getStateTransition().toString()));
    return adapter;
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private Throwable get() {
    return catchThrowable(
        () ->
            dynakit
                .sdk()
                .getItem(b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromS("k")))));
  }

  private void failFiveTimes() {
    faults.always(Fault.error(500, "InternalServerError", "down"));
    for (int i = 0; i < 5; i++) {
      assertThat(get()).isInstanceOf(ServiceException.class);
    }
  }

  @Test
  void fiveFailuresOpenItAndOpenCallsAreNeverSent() {
    failFiveTimes();
    assertThat(faults.calls()).isEqualTo(15); // five calls, three attempts each
    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.OPEN);

    CircuitOpenException e =
        catchThrowableOfType(
            CircuitOpenException.class,
            () -> {
              throw get();
            });

    assertThat(faults.calls()).isEqualTo(15);
    assertThat(e.kind()).isEqualTo(CircuitOpenException.Kind.OPEN);
    assertThat(e.retryable()).isTrue();
    assertThat(e.context().operation()).isEqualTo("GetItem");
    assertThat(e.context().table()).isEqualTo("orders");
    assertThat(e.getMessage()).contains("GetItem", "orders", "not sent");
    assertThat(transitions).containsExactly("State transition from CLOSED to OPEN");
  }

  @Test
  void fourFailuresAndASuccessKeepItClosed() {
    faults.always(Fault.error(503, "ServiceUnavailable", "busy"));
    for (int i = 0; i < 4; i++) {
      get();
    }
    faults.heal();
    assertThat(get()).isNull();
    faults.always(Fault.error(503, "ServiceUnavailable", "busy"));
    for (int i = 0; i < 4; i++) {
      get();
    }

    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.CLOSED);
  }

  @Test
  void afterThirtySecondsTwoSuccessfulTrialsCloseIt() {
    failFiveTimes();
    faults.heal();

    clock.advance(Duration.ofSeconds(29));
    assertThat(get()).isInstanceOf(CircuitOpenException.class);

    clock.advance(Duration.ofMillis(1001));
    int sent = faults.calls();
    assertThat(get()).isNull();
    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.HALF_OPEN);
    assertThat(get()).isNull();

    assertThat(faults.calls()).isEqualTo(sent + 2);
    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.CLOSED);
    assertThat(transitions)
        .containsExactly(
            "State transition from CLOSED to OPEN",
            "State transition from OPEN to HALF_OPEN",
            "State transition from HALF_OPEN to CLOSED");
  }

  @Test
  void aFailedTrialOpensItAgain() {
    failFiveTimes();
    clock.advance(Duration.ofSeconds(31));

    assertThat(get()).isInstanceOf(ServiceException.class);

    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.OPEN);
    int sent = faults.calls();
    assertThat(get()).isInstanceOf(CircuitOpenException.class);
    assertThat(faults.calls()).isEqualTo(sent);
  }

  @Test
  void throttlingAndNetworkFailuresCountAfterTheRetries() {
    faults.always(Fault.error(400, "ThrottlingException", "slow"));
    for (int i = 0; i < 3; i++) {
      get();
    }
    faults.always(Fault.ioError());
    get();
    get();

    assertThat(faults.calls()).isEqualTo(3 * 10 + 2 * 3);
    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.OPEN);
  }

  @Test
  void clientErrorsShowAWorkingServiceAndNeverOpenIt() {
    engine
        .client()
        .putItem(b -> b.tableName("orders").item(Map.of("pk", AttributeValue.fromS("x"))));
    for (int i = 0; i < 10; i++) {
      assertThat(
              catchThrowable(
                  () ->
                      dynakit
                          .sdk()
                          .putItem(
                              b ->
                                  b.tableName("orders")
                                      .item(Map.of("pk", AttributeValue.fromS("x")))
                                      .conditionExpression("attribute_not_exists(pk)"))))
          .isInstanceOf(ConditionalCheckException.class);
      get();
      assertThat(catchThrowable(() -> dynakit.sdk().describeTable(b -> b.tableName("missing"))))
          .isInstanceOf(ServiceException.class);
    }

    assertThat(dynakit.circuitBreaker().getState()).isEqualTo(State.CLOSED);
    assertThat(dynakit.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void customThresholdsOpenAndCloseOnTheirCounts() {
    Dynakit quick =
        adapter(
            CircuitBreakerSettings.defaults()
                .failureThreshold(2)
                .successThreshold(1)
                .openDuration(Duration.ofSeconds(5)),
            Map.of());
    try {
      faults.always(Fault.error(500, "InternalServerError", "down"));
      catchThrowable(() -> quick.sdk().listTables());
      catchThrowable(() -> quick.sdk().listTables());
      assertThat(quick.circuitBreaker().getState()).isEqualTo(State.OPEN);

      faults.heal();
      clock.advance(Duration.ofSeconds(6));
      quick.sdk().listTables();
      assertThat(quick.circuitBreaker().getState()).isEqualTo(State.CLOSED);
    } finally {
      quick.close();
    }
  }

  @Test
  void theEnvironmentCanTurnItOff() {
    try (Dynakit off = adapter(null, Map.of("DYNAKIT_CIRCUIT_BREAKER", "false"))) {
      faults.always(Fault.error(500, "InternalServerError", "down"));
      for (int i = 0; i < 8; i++) {
        assertThat(catchThrowable(() -> off.sdk().listTables()))
            .isInstanceOf(ServiceException.class);
      }
      assertThat(faults.calls()).isEqualTo(24);
      assertThat(off.circuitBreaker().getState()).isEqualTo(State.DISABLED);
    }
    assertThatThrownBy(() -> adapter(null, Map.of("DYNAKIT_CIRCUIT_BREAKER", "maybe")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DYNAKIT_CIRCUIT_BREAKER")
        .hasMessageContaining("maybe");
  }

  @Test
  void builderSettingsWinOverTheEnvironment() {
    try (Dynakit on =
        adapter(CircuitBreakerSettings.defaults(), Map.of("DYNAKIT_CIRCUIT_BREAKER", "off"))) {
      assertThat(on.circuitBreaker().getState()).isEqualTo(State.CLOSED);
    }
  }

  @Test
  void badSettingsNameWhatIsWrong() {
    assertThatThrownBy(() -> CircuitBreakerSettings.defaults().failureThreshold(0))
        .hasMessageContaining("failureThreshold");
    assertThatThrownBy(() -> CircuitBreakerSettings.defaults().successThreshold(0))
        .hasMessageContaining("successThreshold");
    assertThatThrownBy(() -> CircuitBreakerSettings.defaults().openDuration(Duration.ZERO))
        .hasMessageContaining("openDuration");
    assertThat(CircuitBreakerSettings.defaults().toString())
        .isEqualTo(
            "CircuitBreakerSettings[enabled=true, failureThreshold=5, successThreshold=2,"
                + " openDuration=PT30S]");
  }
}
