package dev.dynakit.client.resilience;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How many times, and after which delays, each {@link RetryClass} is tried (seed 001 §6.1).
 * Immutable: every setter returns a copy.
 *
 * <pre>{@code
 * RetrySettings.defaults().throttling(6, Duration.ofMillis(25)).maxAttempts(5)
 * }</pre>
 *
 * <p>Delays are exponential with full jitter: before attempt {@code n + 1} the adapter waits a
 * uniformly random time in {@code [0, min(maxBackoff, base * 2^(n-1))]}. Failures of no retry class
 * (ConditionalCheckFailed, validation, authentication, ...) are never retried.
 */
public final class RetrySettings {
  /** The environment variable that caps the attempts of every class. */
  public static final String MAX_ATTEMPTS_VARIABLE = "DYNAKIT_MAX_ATTEMPTS";

  private final Map<RetryClass, Integer> attempts;
  private final Map<RetryClass, Duration> bases;
  private final int attemptCap;
  private final Duration maxBackoff;
  private final RandomGenerator random;
  private final double backoffScale;

  private RetrySettings(
      Map<RetryClass, Integer> attempts,
      Map<RetryClass, Duration> bases,
      int attemptCap,
      Duration maxBackoff,
      RandomGenerator random,
      double backoffScale) {
    this.attempts = attempts;
    this.bases = bases;
    this.attemptCap = attemptCap;
    this.maxBackoff = maxBackoff;
    this.random = random;
    this.backoffScale = backoffScale;
  }

  /**
   * The seed's schedule: throttling 10 attempts from 50 ms, InternalServerError 3 from 100 ms,
   * ServiceUnavailable 3 from 500 ms, TransactionConflict 3 from 100 ms, network failures 3 from
   * 100 ms; delays capped at 20 s.
   */
  public static RetrySettings defaults() {
    Map<RetryClass, Integer> attempts = new EnumMap<>(RetryClass.class);
    Map<RetryClass, Duration> bases = new EnumMap<>(RetryClass.class);
    attempts.put(RetryClass.THROTTLING, 10);
    bases.put(RetryClass.THROTTLING, Duration.ofMillis(50));
    attempts.put(RetryClass.INTERNAL_SERVER_ERROR, 3);
    bases.put(RetryClass.INTERNAL_SERVER_ERROR, Duration.ofMillis(100));
    attempts.put(RetryClass.SERVICE_UNAVAILABLE, 3);
    bases.put(RetryClass.SERVICE_UNAVAILABLE, Duration.ofMillis(500));
    attempts.put(RetryClass.TRANSACTION_CONFLICT, 3);
    bases.put(RetryClass.TRANSACTION_CONFLICT, Duration.ofMillis(100));
    attempts.put(RetryClass.NETWORK, 3);
    bases.put(RetryClass.NETWORK, Duration.ofMillis(100));
    return new RetrySettings(
        attempts,
        bases,
        Integer.MAX_VALUE,
        Duration.ofSeconds(20),
        ThreadLocalRandom.current(),
        1.0);
  }

  /** No retries at all: every call is sent once. */
  public static RetrySettings none() {
    return defaults().maxAttempts(1);
  }

  /**
   * The defaults, with {@code DYNAKIT_MAX_ATTEMPTS} from {@code environment} applied if set.
   *
   * @throws ConfigurationException if the variable is not a whole number of at least 1
   */
  public static RetrySettings fromEnvironment(Map<String, String> environment) {
    return defaults().withEnvironment(environment);
  }

  /**
   * These settings with {@code DYNAKIT_MAX_ATTEMPTS} from {@code environment} applied if set,
   * unless these settings already have a cap of their own ({@link #maxAttempts(int)}), which wins.
   */
  public RetrySettings withEnvironment(Map<String, String> environment) {
    String value = environment.get(MAX_ATTEMPTS_VARIABLE);
    if (value == null || value.isBlank() || attemptCap != Integer.MAX_VALUE) {
      return this;
    }
    int cap;
    try {
      cap = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      cap = 0;
    }
    if (cap < 1) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_SETTING,
          MAX_ATTEMPTS_VARIABLE + " must be a whole number of at least 1, was '" + value + "'",
          ErrorContext.local(null, null),
          false,
          null);
    }
    return maxAttempts(cap);
  }

  /** Throttling (ProvisionedThroughputExceeded, Throttling, RequestLimitExceeded). */
  public RetrySettings throttling(int maxAttempts, Duration base) {
    return with(RetryClass.THROTTLING, maxAttempts, base);
  }

  /** InternalServerError and other 5xx answers. */
  public RetrySettings internalServerError(int maxAttempts, Duration base) {
    return with(RetryClass.INTERNAL_SERVER_ERROR, maxAttempts, base);
  }

  /** ServiceUnavailable (503). */
  public RetrySettings serviceUnavailable(int maxAttempts, Duration base) {
    return with(RetryClass.SERVICE_UNAVAILABLE, maxAttempts, base);
  }

  /** TransactionConflict and conflict-only TransactionCanceled. */
  public RetrySettings transactionConflict(int maxAttempts, Duration base) {
    return with(RetryClass.TRANSACTION_CONFLICT, maxAttempts, base);
  }

  /** I/O failures and attempt timeouts. */
  public RetrySettings network(int maxAttempts, Duration base) {
    return with(RetryClass.NETWORK, maxAttempts, base);
  }

  /**
   * Sets one class: {@code maxAttempts} counts the first attempt (1 = never retried), {@code base}
   * is the backoff before the first retry.
   */
  public RetrySettings with(RetryClass retryClass, int maxAttempts, Duration base) {
    Objects.requireNonNull(retryClass, "retryClass");
    requireAttempts(maxAttempts, "maxAttempts for " + retryClass);
    requireNotNegative(base, "base for " + retryClass);
    Map<RetryClass, Integer> a = new EnumMap<>(attempts);
    Map<RetryClass, Duration> b = new EnumMap<>(bases);
    a.put(retryClass, maxAttempts);
    b.put(retryClass, base);
    return new RetrySettings(a, b, attemptCap, maxBackoff, random, backoffScale);
  }

  /** Caps the attempts of every class at {@code cap} (as {@code DYNAKIT_MAX_ATTEMPTS} does). */
  public RetrySettings maxAttempts(int cap) {
    requireAttempts(cap, "maxAttempts");
    return new RetrySettings(attempts, bases, cap, maxBackoff, random, backoffScale);
  }

  /** The longest delay between two attempts (default 20 s). */
  public RetrySettings maxBackoff(Duration maxBackoff) {
    requireNotNegative(maxBackoff, "maxBackoff");
    return new RetrySettings(attempts, bases, attemptCap, maxBackoff, random, backoffScale);
  }

  /** The random source of the jitter (default {@link ThreadLocalRandom}); seed it to repeat. */
  public RetrySettings random(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    return new RetrySettings(attempts, bases, attemptCap, maxBackoff, random, backoffScale);
  }

  /**
   * Multiplies every delay by {@code scale}. <b>For tests only</b>: {@code 0} keeps the schedule
   * (attempts per class) but sends retries at once, so tests never wait.
   */
  public RetrySettings backoffScale(double scale) {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("backoffScale must be a finite number >= 0, was " + scale);
    }
    return new RetrySettings(attempts, bases, attemptCap, maxBackoff, random, scale);
  }

  /** The attempts (first one included) a failure of {@code retryClass} allows. */
  public int maxAttempts(RetryClass retryClass) {
    return Math.min(attemptCap, attempts.get(retryClass));
  }

  /** The backoff base of {@code retryClass}. */
  public Duration base(RetryClass retryClass) {
    return bases.get(retryClass);
  }

  /** The longest delay between two attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  RandomGenerator random() {
    return random;
  }

  double backoffScale() {
    return backoffScale;
  }

  Map<RetryClass, Integer> attempts() {
    return Collections.unmodifiableMap(attempts);
  }

  private static void requireAttempts(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RetrySettings[");
    for (RetryClass c : RetryClass.values()) {
      text.append(c).append('=').append(maxAttempts(c)).append('/').append(base(c)).append(' ');
    }
    return text.append("maxBackoff=").append(maxBackoff).append(']').toString();
  }
}
