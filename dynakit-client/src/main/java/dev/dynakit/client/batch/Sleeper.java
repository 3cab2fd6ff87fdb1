package dev.dynakit.client.batch;

import java.time.Duration;

/** How {@link Batches} waits between retries; tests give one that moves a clock instead. */
@FunctionalInterface
public interface Sleeper {
  /** The sleeper that waits with {@link Thread#sleep(long, int)}. */
  Sleeper THREAD =
      duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
