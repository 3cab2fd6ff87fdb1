package dev.dynakit.streams;

import dev.dynakit.client.Dynakit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The fallback trigger for tables without a stream: scans the whole table on each poll and compares
 * it, key by key, with the previous scan, reporting inserts, modifications and removals.
 *
 * <p>Know its limits before using it; prefer a {@link StreamListener} wherever the table can have a
 * stream:
 *
 * <ul>
 *   <li><b>Cost</b>: every poll reads the whole table (strongly consistent: one read capacity unit
 *       per 4 KB of items), and the previous scan is held in memory, so cost and memory grow with
 *       the table.
 *   <li><b>Changes between polls are merged</b>: an item changed twice is one {@code MODIFY}; an
 *       item put and deleted between two polls is never seen; one deleted and put again is a {@code
 *       MODIFY}, or nothing if it came back the same.
 *   <li><b>Removals</b> are seen only as keys missing from a complete scan; a scan is not a
 *       snapshot, so an item moved under a scan in progress may be missed or seen late.
 *   <li>No order among changes of different items.
 * </ul>
 *
 * <p>Delivery is at least once: the new scan becomes the one compared against only after every
 * change of a poll has been handled, so a poll whose handler throws reports its changes again.
 * Thread-safe; polls never overlap.
 */
public final class ItemPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ItemPoller.class);

  /** What a change is handed to. */
  @FunctionalInterface
  public interface ChangeHandler {
    /**
     * Handles one change.
     *
     * @throws Exception to have the poll's changes reported again at the next poll
     */
    void handle(ItemChange change) throws Exception;
  }

  private final DynamoDbClient dynamodb;
  private final String table;
  private final List<String> configuredKeys;
  private final boolean fromLatest;
  private final Duration pollInterval;
  private final Map<String, ChangeHandler> handlers;
  private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> previous;
  private List<String> keyAttributes;
  private ScheduledExecutorService scheduler;

  private ItemPoller(Builder builder) {
    this.dynamodb = builder.dynamodb;
    this.table = builder.table;
    this.configuredKeys = builder.keyAttributes;
    this.fromLatest = builder.fromLatest;
    this.pollInterval = builder.pollInterval;
    this.handlers = Map.copyOf(builder.handlers);
  }

  /** A poller of {@code table} through {@code dynamodb}. */
  public static Builder builder(DynamoDbClient dynamodb, String table) {
    return new Builder(dynamodb, table);
  }

  /** A poller of {@code table} through {@code dynakit} (its policy, retries and metrics). */
  public static Builder builder(Dynakit dynakit, String table) {
    return new Builder(dynakit.sdk(), table);
  }

  /**
   * Scans the table once and hands each change since the previous scan to its handler. The first
   * poll reports every item as an {@code INSERT}, unless {@code fromLatest}, when it only takes the
   * table as it is.
   *
   * @return the changes found
   */
  public synchronized List<ItemChange> poll() throws Exception {
    if (keyAttributes == null) {
      keyAttributes = configuredKeys != null ? configuredKeys : keySchema();
    }
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> current = scan();
    List<ItemChange> changes = new ArrayList<>();
    if (previous != null || !fromLatest) {
      Map<Map<String, AttributeValue>, Map<String, AttributeValue>> before =
          previous == null ? Map.of() : previous;
      current.forEach(
          (key, item) -> {
            Map<String, AttributeValue> old = before.get(key);
            if (old == null) {
              changes.add(new ItemChange(table, "INSERT", key, item, null));
            } else if (!old.equals(item)) {
              changes.add(new ItemChange(table, "MODIFY", key, item, old));
            }
          });
      before.forEach(
          (key, old) -> {
            if (!current.containsKey(key)) {
              changes.add(new ItemChange(table, "REMOVE", key, null, old));
            }
          });
    }
    for (ItemChange change : changes) {
      ChangeHandler handler = handlers.get(change.eventName());
      if (handler != null) {
        handler.handle(change);
      }
    }
    previous = current;
    return changes;
  }

  /**
   * Polls every poll interval on a thread of its own until {@link #close()}; a poll that fails is
   * logged and its changes are reported at the next.
   *
   * @throws IllegalStateException if already started
   */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("the poller has been started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "dynakit-item-poller-" + table);
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::pollLogged, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollLogged() {
    try {
      poll();
    } catch (Exception e) {
      LOG.warn("streams: polling the items of table '{}' failed; trying again", table, e);
    }
  }

  /** Stops polling, letting a poll in progress finish. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = scheduler;
    }
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private List<String> keySchema() {
    return dynamodb.describeTable(b -> b.tableName(table)).table().keySchema().stream()
        .map(KeySchemaElement::attributeName)
        .toList();
  }

  private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> scan() {
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
    for (Map<String, AttributeValue> item :
        Tables.scanAll(dynamodb, ScanRequest.builder().tableName(table).build())) {
      items.put(key(item), item);
    }
    return items;
  }

  private Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String attribute : keyAttributes) {
      AttributeValue value = item.get(attribute);
      if (value == null) {
        throw new IllegalStateException(
            "table '" + table + "': an item has no key attribute '" + attribute + "'");
      }
      key.put(attribute, value);
    }
    return key;
  }

  /** Configures an {@link ItemPoller}. */
  public static final class Builder {
    private final DynamoDbClient dynamodb;
    private final String table;
    private List<String> keyAttributes;
    private boolean fromLatest = true;
    private Duration pollInterval = Duration.ofMinutes(5);
    private final Map<String, ChangeHandler> handlers = new HashMap<>();

    private Builder(DynamoDbClient dynamodb, String table) {
      this.dynamodb = Objects.requireNonNull(dynamodb, "dynamodb");
      this.table = Objects.requireNonNull(table, "table");
    }

    /** The attributes that identify an item (default: the table's key schema). */
    public Builder keyAttributes(String... keyAttributes) {
      if (keyAttributes.length == 0) {
        throw new IllegalArgumentException("at least one key attribute is needed");
      }
      this.keyAttributes = List.of(keyAttributes);
      return this;
    }

    /**
     * Whether the first poll only takes the table as it is (default {@code true}); otherwise it
     * reports every item as an {@code INSERT}.
     */
    public Builder fromLatest(boolean fromLatest) {
      this.fromLatest = fromLatest;
      return this;
    }

    /** How often {@link ItemPoller#start()} polls (default 5 minutes). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Tables.positive(pollInterval, "pollInterval");
      return this;
    }

    /** Called for each item found that was not there before. */
    public Builder onInsert(ChangeHandler handler) {
      handlers.put("INSERT", Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Called for each item that differs from the previous scan. */
    public Builder onModify(ChangeHandler handler) {
      handlers.put("MODIFY", Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Called for each item of the previous scan that is gone. */
    public Builder onRemove(ChangeHandler handler) {
      handlers.put("REMOVE", Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Builds the poller; nothing is read until it polls. */
    public ItemPoller build() {
      return new ItemPoller(this);
    }
  }
}
