package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Full jitter stays inside its window for every class, attempt, base, cap and seed. */
class BackoffPropertiesTest {
  @Property
  void aDelayIsNeverNegativeNorAboveTheCappedExponentialCeiling(
      @ForAll RetryClass retryClass,
      @ForAll @IntRange(min = 1, max = 200) int attempt,
      @ForAll @LongRange(min = 0, max = 5_000) long baseMillis,
      @ForAll @LongRange(min = 0, max = 60_000) long capMillis,
      @ForAll long seed) {
    RetrySettings settings =
        RetrySettings.defaults()
            .with(retryClass, 10, Duration.ofMillis(baseMillis))
            .maxBackoff(Duration.ofMillis(capMillis))
            .random(new Random(seed));

    Duration delay = new DynakitRetryStrategy(settings).delay(retryClass, attempt);

    double ceiling =
        Math.min((double) capMillis, baseMillis * Math.pow(2, Math.min(attempt - 1, 62)));
    assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(delay.toNanos()).isLessThanOrEqualTo((long) (ceiling * 1_000_000));
  }
}
