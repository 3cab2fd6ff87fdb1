package dev.dynakit.client.batch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (counting from 0) the wait is
 * uniform in {@code [0, min(maxDelay, baseDelay * 2^n)]}.
 */
final class Backoff {
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final RandomGenerator random;

  Backoff(Duration baseDelay, Duration maxDelay, RandomGenerator random) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.random = random;
  }

  /** The most retry {@code retry} may wait: {@code min(maxDelay, baseDelay * 2^retry)}. */
  Duration cap(int retry) {
    long base = baseDelay.toNanos();
    long max = maxDelay.toNanos();
    if (base == 0) {
      return Duration.ZERO;
    }
    if (retry >= 62 || base > (max >> retry)) {
      return maxDelay; // base * 2^retry would pass maxDelay (or overflow)
    }
    return Duration.ofNanos(Math.min(max, base << retry));
  }

  /** A wait for retry {@code retry}, drawn uniformly from {@code [0, cap(retry)]}. */
  Duration delay(int retry) {
    long cap = cap(retry).toNanos();
    return cap == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
  }
}
