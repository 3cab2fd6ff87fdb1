package dev.dynakit.server;

import java.time.Duration;

/**
 * Counts the requests being answered, so that closing the server can wait for them to finish.
 * Thread-safe; waiting uses the monitor, never a poll.
 */
final class InFlight {
  private int count;

  synchronized void begin() {
    count++;
  }

  synchronized void end() {
    count--;
    if (count == 0) {
      notifyAll();
    }
  }

  synchronized int count() {
    return count;
  }

  /**
   * Waits until no request is in flight or {@code timeout} has passed; answers whether none is.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long millis = Math.max(1, left / 1_000_000);
      wait(millis);
    }
    return true;
  }
}
