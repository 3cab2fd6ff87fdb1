package dev.dynakit.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the concurrency suite shares: the engines it runs against, its seed, how long the long runs
 * last, and starting many threads at once.
 *
 * <p>The seed is printed; {@code -Ddynakit.seed=N} repeats a run's choices (the interleaving of
 * threads is the machine's own). {@code -Ddynakit.concurrency.seconds=N} sets how long each long
 * run (tagged {@code slow}) lasts.
 */
final class ConcurrentRuns {
  private ConcurrentRuns() {}

  static final long SEED = Long.getLong("dynakit.seed", new Random().nextLong());
  static final long LONG_RUN_SECONDS = Long.getLong("dynakit.concurrency.seconds", 15);

  /** A bound no run comes near unless it is stuck. */
  static final Duration WATCHDOG_BOUND = Duration.ofSeconds(LONG_RUN_SECONDS * 4 + 180);

  /** The engines under test: in memory, on disk, and in memory through its HTTP protocol. */
  enum Target {
    MEMORY,
    DURABLE,
    OVER_HTTP;

    /** An engine of this kind (a durable one keeps its data in {@code dir}). */
    DynakitEngine open(Path dir) {
      return this == DURABLE
          ? DynakitEngine.builder().dataDir(dir).build()
          : DynakitEngine.inMemory();
    }

    /** The client requests go through. */
    DynamoDbClient client(DynakitEngine engine) {
      return this == OVER_HTTP ? Targets.overHttp(engine) : engine.client();
    }
  }

  /** How much work a thread does: a number of operations, or until an instant. */
  record Budget(long operations, long untilNanos) {
    static Budget operations(long operations) {
      return new Budget(operations, Long.MAX_VALUE);
    }

    static Budget seconds(long seconds) {
      return new Budget(Long.MAX_VALUE, System.nanoTime() + seconds * 1_000_000_000L);
    }

    /** Whether a thread that has done {@code done} operations does another. */
    boolean more(long done) {
      return done < operations && (untilNanos == Long.MAX_VALUE || System.nanoTime() < untilNanos);
    }
  }

  /** A random stream of the run's seed; each thread takes its own. */
  static Random random(long stream) {
    return new Random(SEED * 31 + stream);
  }

  /** Prints the seed, so that a failing run can be repeated. */
  static void announce(String run) {
    System.out.println(run + " seed " + SEED + " (repeat with -Ddynakit.seed=" + SEED + ")");
  }

  /** One thread's work; {@code thread} numbers the threads from 0. */
  interface Work {
    void run(int thread) throws Exception;
  }

  /**
   * Runs {@code work} on {@code threads} threads released together, and waits for all; the first
   * failure is rethrown once every thread has stopped.
   */
  static void together(int threads, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  work.run(thread);
                  return null;
                }));
      }
      start.countDown();
      Exception failure = null;
      for (Future<?> future : done) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof Exception cause ? cause : e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
