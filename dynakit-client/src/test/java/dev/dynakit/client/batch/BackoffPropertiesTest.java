package dev.dynakit.client.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Full jitter: every wait lies in [0, min(maxDelay, baseDelay * 2^retry)], and that cap doubles.
 */
class BackoffPropertiesTest {

  @Property(tries = 300)
  void everyWaitLiesWithinItsCap(
      @ForAll @LongRange(min = 0, max = 10_000) long baseMillis,
      @ForAll @LongRange(min = 0, max = 60_000) long extraMillis,
      @ForAll @IntRange(min = 0, max = 200) int retry,
      @ForAll long seed) {
    Duration base = Duration.ofMillis(baseMillis);
    Duration max = base.plusMillis(extraMillis);
    Backoff backoff = new Backoff(base, max, new Random(seed));
    Duration cap = backoff.cap(retry);
    double exact = baseMillis * Math.pow(2, retry);
    assertThat(cap.toMillis()).isEqualTo((long) Math.min(max.toMillis(), exact));
    Duration delay = backoff.delay(retry);
    assertThat(delay).isBetween(Duration.ZERO, cap);
  }

  @Property(tries = 50)
  void theWaitsSpreadOverTheWholeRange(@ForAll long seed) {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(seed));
    long low = 0;
    long high = 0;
    for (int i = 0; i < 400; i++) {
      long millis = backoff.delay(3).toMillis();
      if (millis < 200) {
        low++;
      } else if (millis > 600) {
        high++;
      }
    }
    assertThat(low).isGreaterThan(40);
    assertThat(high).isGreaterThan(40);
  }
}
