package dev.dynakit.client.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Builds the SDK interceptor that gives every DynamoDB call its metrics, span and log lines. {@link
 * dev.dynakit.client.Dynakit} installs it; it can also be added to any {@code DynamoDbClient}
 * builder by hand.
 *
 * <pre>{@code
 * DynamoDbClient client = DynamoDbClient.builder()
 *     .overrideConfiguration(c -> c.addExecutionInterceptor(
 *         Observability.interceptor(meterRegistry, openTelemetry, Clock.systemUTC())))
 *     .build();
 * }</pre>
 */
public final class Observability {
  private Observability() {}

  /**
   * The interceptor: metrics on {@code meterRegistry} and spans on {@code openTelemetry} when they
   * are given (either may be {@code null}: nothing is measured or traced then, at no cost), logs
   * through SLF4J always.
   *
   * <p>With metrics on, calls that can report consumed capacity and whose caller did not choose a
   * {@code ReturnConsumedCapacity} ask for {@code TOTAL}; the capacity is counted and removed from
   * the response again, so the caller sees what it asked for.
   *
   * @param meterRegistry where the meters go, or {@code null} for no metrics
   * @param openTelemetry where the spans go, or {@code null} for no tracing
   * @param clock the clock for durations in log lines
   */
  public static ExecutionInterceptor interceptor(
      MeterRegistry meterRegistry, OpenTelemetry openTelemetry, Clock clock) {
    return interceptor(meterRegistry, openTelemetry, clock, true);
  }

  /**
   * The interceptor, choosing whether calls ask for their consumed capacity: with {@code
   * requestCapacity} false, {@code dynamodb_consumed_capacity_total} counts only what callers asked
   * for themselves, and requests go out exactly as built (asking costs nothing measurable against
   * DynamoDB over a network, but about a sixth of a call's time against the in-process engine; see
   * docs/benchmarks.md).
   *
   * @param meterRegistry where the meters go, or {@code null} for no metrics
   * @param openTelemetry where the spans go, or {@code null} for no tracing
   * @param clock the clock for durations in log lines
   * @param requestCapacity whether calls whose caller chose no {@code ReturnConsumedCapacity} ask
   *     for {@code TOTAL} (only with metrics on)
   */
  public static ExecutionInterceptor interceptor(
      MeterRegistry meterRegistry,
      OpenTelemetry openTelemetry,
      Clock clock,
      boolean requestCapacity) {
    Objects.requireNonNull(clock, "clock");
    List<Observer> observers = new ArrayList<>(3);
    if (openTelemetry != null) {
      observers.add(new TracingObserver(openTelemetry));
    }
    if (meterRegistry != null) {
      observers.add(new MetricsObserver(meterRegistry));
    }
    observers.add(new LoggingObserver(clock));
    return new ObservabilityInterceptor(observers, requestCapacity && meterRegistry != null, clock);
  }
}
