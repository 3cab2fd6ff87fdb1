package dev.dynakit.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on standard error: a progress bar with rate and ETA on a terminal,
 * else a plain line every few seconds (by the context's clock) and one at the end.
 */
abstract class Progress implements AutoCloseable {
  /** How often the plain lines are printed. */
  static final Duration INTERVAL = Duration.ofSeconds(5);

  /** Counts {@code items} more done. Thread-safe. */
  abstract void step(long items);

  /** The items done so far. */
  abstract long done();

  @Override
  public abstract void close();

  /**
   * Progress of {@code task} over about {@code total} items ({@code -1} when unknown), shown as
   * suits the context's standard error.
   */
  static Progress of(CliContext context, String task, long total) {
    return context.terminal()
        ? new Bar(context.err(), task, total)
        : new Lines(context.err(), context.clock(), task);
  }

  /** The bar: {@code export Music 42% [=====> ] 4200/10000 (0:00:02 / 0:00:03) 2100.0 items/s}. */
  static final class Bar extends Progress {
    private final ProgressBar bar;

    Bar(PrintWriter err, String task, long total) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(task)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" items", 1)
              .showSpeed()
              .setConsumer(new WriterConsumer(err))
              .build();
    }

    @Override
    void step(long items) {
      bar.stepBy(items);
    }

    @Override
    long done() {
      return bar.getCurrent();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Plain lines, for logs and pipes: {@code import Music: 5000 items, 2500 items/s}. */
  static final class Lines extends Progress {
    private final PrintWriter err;
    private final Clock clock;
    private final String task;
    private final Instant start;
    private Instant next;
    private long done;

    Lines(PrintWriter err, Clock clock, String task) {
      this.err = err;
      this.clock = clock;
      this.task = task;
      this.start = clock.instant();
      this.next = start.plus(INTERVAL);
    }

    @Override
    synchronized void step(long items) {
      done += items;
      Instant now = clock.instant();
      if (!now.isBefore(next)) {
        print(now);
        next = now.plus(INTERVAL);
      }
    }

    @Override
    synchronized long done() {
      return done;
    }

    private void print(Instant now) {
      double seconds = Math.max(Duration.between(start, now).toMillis(), 1) / 1000.0;
      err.println(
          String.format(
              Locale.ROOT,
              "%s: %d items, %.0f items/s, %.1f s",
              task,
              done,
              done / seconds,
              seconds));
      err.flush();
    }

    /** Prints the final count, if anything was done (a failure's own line follows). */
    @Override
    public synchronized void close() {
      if (done > 0) {
        print(clock.instant());
      }
    }
  }

  /** Draws the bar on a writer, over itself, as a terminal shows it. */
  private static final class WriterConsumer implements ProgressBarConsumer {
    private final PrintWriter err;

    WriterConsumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return 100;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
