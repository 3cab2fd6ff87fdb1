package dev.dynakit.mcp;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running MCP server. {@link #close()} stops it (the {@code Dynakit} it serves stays open: its
 * owner closes it); {@link #awaitTermination()} waits until it stopped, which a stdio server does
 * by itself when its input ends.
 */
public final class RunningMcpServer implements AutoCloseable {
  private final Runnable stop;
  private final URI url;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  RunningMcpServer(Runnable stop, URI url) {
    this.stop = stop;
    this.url = url;
  }

  /** The URL of the MCP endpoint, for a streamable HTTP server; empty for stdio. */
  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /** The HTTP port the server listens on, or {@code -1} for stdio. */
  public int port() {
    return url == null ? -1 : url.getPort();
  }

  /** Waits until the server stopped: closed, or (stdio) its input ended. */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /** Like {@link #awaitTermination()}, for at most {@code timeout}; whether it stopped. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  /** Whether the server stopped. */
  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Stops the server; calling it again does nothing. */
  @Override
  public void close() {
    if (closing.compareAndSet(false, true)) {
      try {
        stop.run();
      } finally {
        stopped.countDown();
      }
    }
  }
}
