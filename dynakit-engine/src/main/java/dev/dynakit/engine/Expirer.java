package dev.dynakit.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The engine's background expiry: once a table enables time to live, a pass deletes expired items
 * every interval (of real time; what has expired is decided by the engine's clock), until the
 * engine closes. No pass runs with an interval of zero; {@link DynakitEngine#expireNow()} runs one
 * at any time.
 */
final class Expirer {
  private static final System.Logger LOG = System.getLogger(Expirer.class.getName());

  /** Runs a pass every interval. */
  interface Scheduler {
    /**
     * Starts running {@code pass} every {@code interval}, the first time one interval from now.
     *
     * @return what stops it: once it returns, no pass runs or is running
     */
    Runnable every(Duration interval, Runnable pass);
  }

  private final Duration interval;
  private final Scheduler scheduler;
  private final DynakitEngine engine;
  private Runnable stop;
  private boolean closed;

  Expirer(Duration interval, Scheduler scheduler, DynakitEngine engine) {
    this.interval = interval;
    this.scheduler = scheduler;
    this.engine = engine;
  }

  /** Starts the passes, unless they run already, the interval is zero or the engine is closed. */
  synchronized void start() {
    if (stop != null || closed || interval.isZero()) {
      return;
    }
    stop =
        scheduler.every(
            interval,
            new Runnable() {
              @Override
              public void run() {
                pass();
              }
            });
  }

  /** Stops the passes for good, waiting for one that is running. */
  synchronized void close() {
    closed = true;
    if (stop != null) {
      stop.run();
      stop = null;
    }
  }

  /** One pass; a failure is logged, and the next pass runs as planned. */
  private void pass() {
    try {
      engine.expireNow();
    } catch (RuntimeException e) {
      if (!engine.isClosed()) {
        LOG.log(System.Logger.Level.WARNING, "expiring items by time to live failed", e);
      }
    }
  }

  /** Passes on one daemon thread, {@code dynakit-expiry}, which ends when they stop. */
  static final class DaemonThread implements Scheduler {
    static final String NAME = "dynakit-expiry";

    @Override
    public Runnable every(Duration interval, Runnable pass) {
      ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              new ThreadFactory() {
                @Override
                public Thread newThread(Runnable task) {
                  Thread thread = new Thread(task, NAME);
                  thread.setDaemon(true);
                  return thread;
                }
              });
      long nanos = interval.toNanos();
      executor.scheduleWithFixedDelay(pass, nanos, nanos, TimeUnit.NANOSECONDS);
      return new Runnable() {
        @Override
        public void run() {
          executor.shutdownNow();
          try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
    }
  }
}
