package dev.dynakit.cli;

import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ThroughputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes items to a table 25 at a time through the {@code batch_write} verb, and writes again what
 * DynamoDB leaves unprocessed, after a pause that doubles each time (50 ms up to 5 s), up to ten
 * times for one batch.
 */
final class BatchImport {
  static final int BATCH = 25;
  static final int ATTEMPTS = 10;

  /** Waits between attempts; the command's sleeps, a test's record. */
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private final String table;
  private final List<String> keyAttributes;
  private final boolean typed;
  private final UnaryOperator<Map<String, Object>> batchWrite;
  private final Pause pause;
  private final Progress progress;
  private final List<Object> pending = new ArrayList<>();
  private final Set<String> pendingKeys = new HashSet<>();
  private long items;
  private long requests;
  private long unprocessed;

  BatchImport(
      String table,
      List<String> keyAttributes,
      boolean typed,
      UnaryOperator<Map<String, Object>> batchWrite,
      Pause pause,
      Progress progress) {
    this.table = table;
    this.keyAttributes = keyAttributes;
    this.typed = typed;
    this.batchWrite = batchWrite;
    this.pause = pause;
    this.progress = progress;
  }

  /** Adds an item; writes a batch when 25 are waiting, or when this one's key is among them. */
  void add(Map<String, Object> item) {
    Map<String, Object> key = new LinkedHashMap<>();
    keyAttributes.forEach(name -> key.put(name, item.get(name)));
    String keyText = Json.write(key);
    if (pendingKeys.contains(keyText)) {
      // DynamoDB refuses a batch that names one key twice: the later item goes in the next one.
      flush();
    }
    pending.add(Map.of("put", item));
    pendingKeys.add(keyText);
    if (pending.size() == BATCH) {
      flush();
    }
  }

  /** Writes what is waiting. */
  @SuppressWarnings("unchecked")
  void flush() {
    List<Object> batch = new ArrayList<>(pending);
    pending.clear();
    pendingKeys.clear();
    Duration wait = Duration.ofMillis(50);
    for (int attempt = 1; !batch.isEmpty(); attempt++) {
      if (attempt > ATTEMPTS) {
        throw new ThroughputException(
            ThroughputException.Kind.THROTTLING,
            "BatchWriteItem on table '"
                + table
                + "': "
                + batch.size()
                + " items were still unprocessed after "
                + ATTEMPTS
                + " attempts ("
                + items
                + " written)",
            ErrorContext.local("BatchWriteItem", table),
            true,
            null);
      }
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("requests", Map.of(table, batch));
      if (typed) {
        args.put("typed", true);
      }
      Map<String, Object> answer = batchWrite.apply(args);
      requests++;
      Map<String, Object> left =
          (Map<String, Object>) answer.getOrDefault("unprocessed_items", Map.of());
      List<Object> again = (List<Object>) left.getOrDefault(table, List.of());
      long written = batch.size() - again.size();
      items += written;
      progress.step(written);
      unprocessed += again.size();
      batch = new ArrayList<>(again);
      if (!batch.isEmpty()) {
        try {
          pause.pause(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while waiting to write unprocessed items", e);
        }
        wait =
            wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : wait.multipliedBy(2);
      }
    }
  }

  long items() {
    return items;
  }

  long requests() {
    return requests;
  }

  long unprocessed() {
    return unprocessed;
  }
}
