package dev.dynakit.client.resilience;

import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ErrorMapper;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A Resilience4j {@link CircuitBreaker} installed as an SDK interceptor, so every call through the
 * SDK client is covered. A call takes the breaker's permission just before its first attempt is
 * sent; while the breaker is open it fails at once with a {@link CircuitOpenException} and is never
 * sent. The outcome is recorded once per call, after the retries: throttling, 5xx, network failures
 * and timeouts count as failures; answers that show the service working (a failed condition, a
 * validation error, a missing table) count as successes.
 *
 * <p>Failures are classified with {@link ErrorMapper}.
 */
public final class CircuitBreakerInterceptor implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> STARTED =
      new ExecutionAttribute<>("dynakit.circuitBreaker.started");
  private static final ExecutionAttribute<Boolean> RECORDED =
      new ExecutionAttribute<>("dynakit.circuitBreaker.recorded");

  private final CircuitBreaker breaker;
  private final Clock clock;

  private CircuitBreakerInterceptor(CircuitBreaker breaker, Clock clock) {
    this.breaker = breaker;
    this.clock = clock;
  }

  /**
   * An interceptor with its own breaker named {@code name}, timed by {@code clock}.
   *
   * @param settings the thresholds; a disabled breaker lets every call through
   */
  public static CircuitBreakerInterceptor create(
      String name, CircuitBreakerSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    int failures = settings.failureThreshold();
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindow(failures, failures, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(100)
            .slowCallRateThreshold(100)
            .slowCallDurationThreshold(Duration.ofDays(365))
            .permittedNumberOfCallsInHalfOpenState(settings.successThreshold())
            .waitDurationInOpenState(settings.openDuration())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .recordException(CircuitBreakerInterceptor::countsAsFailure)
            .clock(clock)
            .build();
    CircuitBreaker breaker = CircuitBreaker.of(name, config);
    if (!settings.enabled()) {
      breaker.transitionToDisabledState();
    }
    return new CircuitBreakerInterceptor(breaker, clock);
  }

  /** The breaker: its state, metrics and event publisher (state transitions, rejected calls). */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(STARTED) != null) {
      return; // a retry of a call that already holds the permission
    }
    if (!breaker.tryAcquirePermission()) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      String table = ErrorMapper.tableOf(context.request());
      throw new CircuitOpenException(
          CircuitOpenException.Kind.OPEN,
          "circuit breaker '"
              + breaker.getName()
              + "' is "
              + breaker.getState()
              + " after repeated failures: "
              + (operation == null ? "the call" : operation)
              + (table == null ? "" : " on table '" + table + "'")
              + " was not sent",
          ErrorContext.local(operation, table),
          true,
          null);
    }
    attributes.putAttribute(STARTED, clock.millis());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Long started = startedAndNotRecorded(attributes);
    if (started != null) {
      breaker.onSuccess(elapsed(started), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Long started = startedAndNotRecorded(attributes);
    if (started == null) {
      return; // refused by the breaker, failed before it was asked, or already recorded
    }
    Throwable failure = context.exception();
    boolean halfOpen = breaker.getState() == CircuitBreaker.State.HALF_OPEN;
    breaker.onError(elapsed(started), TimeUnit.MILLISECONDS, failure);
    if (halfOpen
        && countsAsFailure(failure)
        && breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      breaker.transitionToOpenState(); // one failed trial call is enough to open it again
    }
  }

  /**
   * When the call took its permission, or {@code null} if it took none or its outcome is already
   * recorded (an interceptor failing after this one's {@code afterExecution} must not make one call
   * count twice).
   */
  private static Long startedAndNotRecorded(ExecutionAttributes attributes) {
    Long started = attributes.getAttribute(STARTED);
    if (started == null || attributes.getAttribute(RECORDED) != null) {
      return null;
    }
    attributes.putAttribute(RECORDED, Boolean.TRUE);
    return started;
  }

  private long elapsed(long started) {
    return Math.max(0, clock.millis() - started);
  }

  /**
   * Whether {@code failure} says the endpoint is in trouble: throttling, 5xx, network failures and
   * timeouts (after the retries).
   */
  static boolean countsAsFailure(Throwable failure) {
    DynakitException mapped = ErrorMapper.map(failure, null, null);
    if (mapped instanceof ThroughputException) {
      return true;
    }
    if (mapped instanceof ServiceException) {
      switch (((ServiceException) mapped).kind()) {
        case INTERNAL_SERVER_ERROR:
        case SERVICE_UNAVAILABLE:
        case TIMEOUT:
        case NETWORK:
          return true;
        case UNKNOWN:
          return mapped.context().statusCode() >= 500;
        default:
          return false;
      }
    }
    return false;
  }
}
