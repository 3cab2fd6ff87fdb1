package dev.dynakit.mcp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts the stdio requests still to be answered, so that a server whose input ended answers every
 * request it read before it stops. {@link StdioInput} counts the requests it hands on; the output
 * stream from {@link #watch} counts the responses written.
 */
final class StdioRequests {
  private final Object lock = new Object();
  private int pending;

  /** A request was read. */
  void requested() {
    synchronized (lock) {
      pending++;
    }
  }

  private void answered() {
    synchronized (lock) {
      if (pending > 0) {
        pending--;
      }
      lock.notifyAll();
    }
  }

  /**
   * Waits until every request read was answered, for at most {@code timeout}; whether they were.
   */
  boolean awaitAnswered(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** {@code out}, counting each response line written to it. */
  OutputStream watch(OutputStream out) {
    return new FilterOutputStream(out) {
      private final ByteArrayOutputStream line = new ByteArrayOutputStream();

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        see(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
          see(b[i]);
        }
      }

      private void see(int b) {
        if (b != '\n') {
          line.write(b);
          return;
        }
        Map<String, Object> message = Json.readObject(line.toString(StandardCharsets.UTF_8));
        line.reset();
        if (message != null
            && message.get("id") != null
            && !message.containsKey("method")
            && (message.containsKey("result") || message.containsKey("error"))) {
          answered();
        }
      }
    };
  }
}
