package dev.dynakit.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an action once, when the stream ends or fails: a stdio server stops with its input. */
final class EndWatchingInputStream extends FilterInputStream {
  private final Runnable onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();

  EndWatchingInputStream(InputStream in, Runnable onEnd) {
    super(in);
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    return watch(() -> super.read());
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return watch(() -> super.read(b, off, len));
  }

  private int watch(Read read) throws IOException {
    try {
      int n = read.run();
      if (n < 0) {
        end();
      }
      return n;
    } catch (IOException e) {
      end();
      throw e;
    }
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      Thread stopper = new Thread(onEnd, "dynakit-mcp-stdio-end");
      stopper.setDaemon(true);
      stopper.start();
    }
  }

  private interface Read {
    int run() throws IOException;
  }
}
