package dev.dynakit.client.resilience;

import dev.dynakit.client.config.Switches;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The circuit breaker's thresholds (seed 001 §6.3). Immutable: every setter returns a copy.
 *
 * <pre>{@code
 * CircuitBreakerSettings.defaults().failureThreshold(10).openDuration(Duration.ofSeconds(10))
 * }</pre>
 */
public final class CircuitBreakerSettings {
  /** The environment variable that turns the breaker off ({@code false}) or on ({@code true}). */
  public static final String ENABLED_VARIABLE = "DYNAKIT_CIRCUIT_BREAKER";

  private final boolean enabled;
  private final int failureThreshold;
  private final int successThreshold;
  private final Duration openDuration;

  private CircuitBreakerSettings(
      boolean enabled, int failureThreshold, int successThreshold, Duration openDuration) {
    this.enabled = enabled;
    this.failureThreshold = failureThreshold;
    this.successThreshold = successThreshold;
    this.openDuration = openDuration;
  }

  /** On; 5 failures in a row open it, 30 s later 2 trial calls that succeed close it. */
  public static CircuitBreakerSettings defaults() {
    return new CircuitBreakerSettings(true, 5, 2, Duration.ofSeconds(30));
  }

  /** No circuit breaker: every call is sent. */
  public static CircuitBreakerSettings disabled() {
    return defaults().enabled(false);
  }

  /** These settings with {@code DYNAKIT_CIRCUIT_BREAKER} from {@code environment} applied. */
  public CircuitBreakerSettings withEnvironment(Map<String, String> environment) {
    return Switches.read(environment, ENABLED_VARIABLE).map(this::enabled).orElse(this);
  }

  /** Whether the breaker is used at all. */
  public CircuitBreakerSettings enabled(boolean enabled) {
    return new CircuitBreakerSettings(enabled, failureThreshold, successThreshold, openDuration);
  }

  /** How many counted failures in a row open the breaker (default 5). */
  public CircuitBreakerSettings failureThreshold(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failures);
    }
    return new CircuitBreakerSettings(enabled, failures, successThreshold, openDuration);
  }

  /** How many trial calls must succeed, once the open time is over, to close it (default 2). */
  public CircuitBreakerSettings successThreshold(int successes) {
    if (successes < 1) {
      throw new IllegalArgumentException("successThreshold must be at least 1, was " + successes);
    }
    return new CircuitBreakerSettings(enabled, failureThreshold, successes, openDuration);
  }

  /** How long the breaker stays open before it lets trial calls through (default 30 s). */
  public CircuitBreakerSettings openDuration(Duration duration) {
    Objects.requireNonNull(duration, "openDuration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, was " + duration);
    }
    return new CircuitBreakerSettings(enabled, failureThreshold, successThreshold, duration);
  }

  /** Whether the breaker is used at all. */
  public boolean enabled() {
    return enabled;
  }

  /** How many counted failures in a row open the breaker. */
  public int failureThreshold() {
    return failureThreshold;
  }

  /** How many trial calls must succeed to close it. */
  public int successThreshold() {
    return successThreshold;
  }

  /** How long it stays open. */
  public Duration openDuration() {
    return openDuration;
  }

  @Override
  public String toString() {
    return "CircuitBreakerSettings[enabled="
        + enabled
        + ", failureThreshold="
        + failureThreshold
        + ", successThreshold="
        + successThreshold
        + ", openDuration="
        + openDuration
        + "]";
  }
}
