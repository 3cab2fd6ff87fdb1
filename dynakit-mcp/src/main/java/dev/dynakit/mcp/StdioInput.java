package dev.dynakit.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio server's input, one JSON-RPC message a line. Lines that are not a JSON-RPC message are
 * dropped (with a warning that does not repeat them): the SDK's stdio transport stops reading at
 * the first line it cannot parse, so one stray line would end the session. When the input ends or
 * fails, {@code onEnd} runs once, on its own thread.
 */
final class StdioInput extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(StdioInput.class);

  /** How long the end of the input waits for the answers to the requests read before it. */
  static final long DRAIN_SECONDS = 60;

  private final BufferedReader lines;
  private final Runnable onEnd;
  private final StdioRequests requests;
  private final AtomicBoolean ended = new AtomicBoolean();
  private byte[] current = new byte[0];
  private int position;

  StdioInput(InputStream in, StdioRequests requests, Runnable onEnd) {
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.requests = requests;
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return current[position++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /** Whether there are bytes to read: the rest of this line, or the next message's line. */
  private boolean fill() throws IOException {
    while (position >= current.length) {
      String line;
      try {
        line = lines.readLine();
      } catch (IOException e) {
        end();
        throw e;
      }
      if (line == null) {
        // The SDK's transport closes its session as soon as it sees the end, dropping requests
        // still in work: it sees the end once they are answered.
        try {
          requests.awaitAnswered(DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        end();
        return false;
      }
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> message = Json.readObject(line);
      if (!isMessage(message)) {
        LOG.warn(
            "dropped a line of input that is not a JSON-RPC message ({} chars)", line.length());
        continue;
      }
      if (message.get("id") != null && message.containsKey("method")) {
        requests.requested();
      }
      current = (line + "\n").getBytes(StandardCharsets.UTF_8);
      position = 0;
    }
    return true;
  }

  /** A JSON object with {@code "jsonrpc": "2.0"} and a method, or an id with a result or error. */
  static boolean isMessage(String line) {
    return isMessage(Json.readObject(line));
  }

  private static boolean isMessage(Map<String, Object> message) {
    if (message == null || !"2.0".equals(message.get("jsonrpc"))) {
      return false;
    }
    if (message.containsKey("method")) {
      Object params = message.get("params");
      if ("initialize".equals(message.get("method"))) {
        // The SDK's server fails on an initialize request without these.
        return params instanceof Map
            && ((Map<?, ?>) params).get("protocolVersion") instanceof String
            && ((Map<?, ?>) params).get("capabilities") instanceof Map
            && ((Map<?, ?>) params).get("clientInfo") instanceof Map;
      }
      return message.get("method") instanceof String && (params == null || params instanceof Map);
    }
    return message.containsKey("id")
        && (message.containsKey("result") || message.containsKey("error"));
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      Thread stopper = new Thread(onEnd, "dynakit-mcp-stdio-end");
      stopper.setDaemon(true);
      stopper.start();
    }
  }
}
