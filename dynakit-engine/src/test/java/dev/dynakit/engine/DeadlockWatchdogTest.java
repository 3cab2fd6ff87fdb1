package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The watchdog itself: it answers what finished, and fails with a dump what did not. */
class DeadlockWatchdogTest {

  @Test
  void workThatFinishesAnswersItsResult() throws Throwable {
    assertThat(DeadlockWatchdog.watch("sum", Duration.ofMinutes(1), () -> 1 + 2)).isEqualTo(3);
  }

  @Test
  void workThatFailsFailsWithItsOwnError() {
    assertThatThrownBy(
            () ->
                DeadlockWatchdog.watch(
                    "failing",
                    Duration.ofMinutes(1),
                    () -> {
                      throw new IllegalStateException("broken");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broken");
  }

  @Test
  void aBoundMustBePositive() {
    assertThatThrownBy(() -> DeadlockWatchdog.within(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive: PT0S");
  }

  @Test
  void deadlockedThreadsFailTheRunWithTheirStacks() throws Exception {
    ReentrantLock first = new ReentrantLock();
    ReentrantLock second = new ReentrantLock();
    CountDownLatch bothHeld = new CountDownLatch(2);
    Thread one = new Thread(() -> lockBoth(first, second, bothHeld), "holds first");
    Thread two = new Thread(() -> lockBoth(second, first, bothHeld), "holds second");
    one.setDaemon(true);
    two.setDaemon(true);
    one.start();
    two.start();
    // Each thread holds one lock and is queued on the other: the deadlock is there.
    while (!first.hasQueuedThread(two) || !second.hasQueuedThread(one)) {
      Thread.onSpinWait();
    }
    try {
      assertThatThrownBy(
              () ->
                  DeadlockWatchdog.watch(
                      "joining",
                      Duration.ofMillis(500),
                      () -> {
                        one.join();
                        return null;
                      }))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("joining did not finish within PT0.5S")
          .hasMessageContaining("deadlocked threads:")
          .hasMessageContaining("\"holds first\" WAITING")
          .hasMessageContaining("owned by \"holds second\"")
          .hasMessageContaining("lockBoth");
      assertThatThrownBy(DeadlockWatchdog::assertNoDeadlock)
          .hasMessageContaining("Threads are deadlocked");
    } finally {
      one.interrupt();
      two.interrupt();
      one.join();
      two.join();
    }
    DeadlockWatchdog.assertNoDeadlock();
    assertThat(DeadlockWatchdog.dump()).startsWith("no thread is deadlocked.");
  }

  /** Takes {@code a}, waits until the other thread holds its first lock, then takes {@code b}. */
  private static void lockBoth(ReentrantLock a, ReentrantLock b, CountDownLatch bothHeld) {
    try {
      a.lockInterruptibly();
      try {
        bothHeld.countDown();
        bothHeld.await();
        b.lockInterruptibly();
        b.unlock();
      } finally {
        a.unlock();
      }
    } catch (InterruptedException released) {
      Thread.currentThread().interrupt();
    }
  }
}
