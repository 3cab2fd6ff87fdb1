package dev.dynakit.client.patterns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Watches which partition keys requests touch, per table, and reports two things (seed 001 §10.1):
 *
 * <ul>
 *   <li><b>Hot partitions</b>: a key that takes at least {@code threshold} of a table's requests
 *       within a sliding window (once {@code minRequests} were seen in it). Reported once per key
 *       and window as a WARN log line, a {@code dynakit_hot_partitions_total} count, and in {@link
 *       #hotPartitions()}.
 *   <li><b>Sequential partition keys</b>: {@code sequentialRun} writes in a row whose keys increase
 *       (counters, timestamps). Reported once per table, as a WARN log line and a {@code
 *       dynakit_sequential_keys_total} count.
 * </ul>
 *
 * <p>Logs and metrics never hold key values: a key is named by a fingerprint (the first 8 hex
 * digits of its SHA-256); {@link #hotPartitions()} gives the application its own keys.
 *
 * <p>Add it to an adapter as an interceptor; it needs each table's partition key attribute:
 *
 * <pre>{@code
 * KeyAccessMonitor monitor = KeyAccessMonitor.builder().partitionKey("orders", "customer").meterRegistry(registry).build();
 * Dynakit dynakit = Dynakit.builder().addInterceptor(monitor).build();
 * }</pre>
 *
 * Thread-safe.
 */
public final class KeyAccessMonitor implements ExecutionInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(KeyAccessMonitor.class);
  private static final int BUCKETS = 6;
  private static final int MAX_KEYS_PER_BUCKET = 10_000;

  /** A key that took a large share of its table's requests within the window. */
  public record HotPartition(
      String table, AttributeValue key, String fingerprint, long requests, long tableRequests) {
    /** The key's share of the table's requests in the window, 0 to 1. */
    public double share() {
      return tableRequests == 0 ? 0 : (double) requests / tableRequests;
    }
  }

  private final Map<String, String> partitionKeys;
  private final Clock clock;
  private final Duration window;
  private final double threshold;
  private final int minRequests;
  private final int sequentialRun;
  private final MeterRegistry registry;
  private final Map<String, TableWatch> tables = new ConcurrentHashMap<>();

  private KeyAccessMonitor(Builder builder) {
    this.partitionKeys = Map.copyOf(builder.partitionKeys);
    this.clock = builder.clock;
    this.window = builder.window;
    this.threshold = builder.threshold;
    this.minRequests = builder.minRequests;
    this.sequentialRun = builder.sequentialRun;
    this.registry = builder.registry;
  }

  /** Starts configuring a monitor. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (request instanceof GetItemRequest) {
      GetItemRequest get = (GetItemRequest) request;
      record(get.tableName(), get.key(), false);
    } else if (request instanceof PutItemRequest) {
      PutItemRequest put = (PutItemRequest) request;
      record(put.tableName(), put.item(), true);
    } else if (request instanceof UpdateItemRequest) {
      UpdateItemRequest update = (UpdateItemRequest) request;
      record(update.tableName(), update.key(), true);
    } else if (request instanceof DeleteItemRequest) {
      DeleteItemRequest delete = (DeleteItemRequest) request;
      record(delete.tableName(), delete.key(), true);
    } else if (request instanceof BatchWriteItemRequest) {
      ((BatchWriteItemRequest) request)
          .requestItems()
          .forEach(
              (table, writes) ->
                  writes.forEach(
                      w ->
                          record(
                              table,
                              w.putRequest() != null
                                  ? w.putRequest().item()
                                  : w.deleteRequest().key(),
                              true)));
    } else if (request instanceof BatchGetItemRequest) {
      ((BatchGetItemRequest) request)
          .requestItems()
          .forEach((table, keys) -> keys.keys().forEach(key -> record(table, key, false)));
    } else if (request instanceof TransactWriteItemsRequest) {
      for (TransactWriteItem item : ((TransactWriteItemsRequest) request).transactItems()) {
        if (item.put() != null) {
          record(item.put().tableName(), item.put().item(), true);
        } else if (item.update() != null) {
          record(item.update().tableName(), item.update().key(), true);
        } else if (item.delete() != null) {
          record(item.delete().tableName(), item.delete().key(), true);
        }
      }
    }
  }

  /**
   * Counts one request to the item with this key (or whole item) in {@code table}; {@code write}
   * says whether it was a write (only writes count towards sequential keys).
   */
  public void record(String table, Map<String, AttributeValue> keyOrItem, boolean write) {
    String attribute = partitionKeys.get(table);
    if (attribute == null || keyOrItem == null) {
      return;
    }
    AttributeValue key = keyOrItem.get(attribute);
    if (key != null) {
      tables.computeIfAbsent(table, TableWatch::new).record(key, write);
    }
  }

  /** The keys that are hot now (within the current window), hottest first. */
  public List<HotPartition> hotPartitions() {
    List<HotPartition> hot = new ArrayList<>();
    for (TableWatch watch : tables.values()) {
      hot.addAll(watch.hot());
    }
    hot.sort((a, b) -> Double.compare(b.share(), a.share()));
    return hot;
  }

  /** The tables whose partition keys were seen increasing in sequence. */
  public List<String> sequentialKeyTables() {
    List<String> sequential = new ArrayList<>();
    tables
        .values()
        .forEach(
            w -> {
              if (w.sequentialReported) {
                sequential.add(w.table);
              }
            });
    return sequential;
  }

  static String fingerprint(AttributeValue key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static String text(AttributeValue key) {
    if (key.s() != null) {
      return "S:" + key.s();
    }
    if (key.n() != null) {
      return "N:" + key.n();
    }
    if (key.b() != null) {
      return "B:" + java.util.Base64.getEncoder().encodeToString(key.b().asByteArrayUnsafe());
    }
    return key.type() + ":" + key;
  }

  /** One table's sliding window of key counts, and its run of increasing keys. */
  private final class TableWatch {
    private final String table;
    private final long bucketMillis;
    private final List<Map<String, Long>> buckets = new ArrayList<>();
    private final long[] totals = new long[BUCKETS];
    private final long[] starts = new long[BUCKETS];
    private final Map<String, AttributeValue> keys = new HashMap<>();
    private final Map<String, Long> reported = new HashMap<>();
    private AttributeValue last;
    private int run;
    private volatile boolean sequentialReported;
    private final Counter hotCounter;
    private final Counter sequentialCounter;

    TableWatch(String table) {
      this.table = table;
      this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
      for (int i = 0; i < BUCKETS; i++) {
        buckets.add(new HashMap<>());
        starts[i] = Long.MIN_VALUE;
      }
      this.hotCounter =
          registry == null
              ? null
              : Counter.builder("dynakit_hot_partitions_total")
                  .description("Keys found taking a large share of a table's requests")
                  .tag("table", table)
                  .register(registry);
      this.sequentialCounter =
          registry == null
              ? null
              : Counter.builder("dynakit_sequential_keys_total")
                  .description("Tables found written with increasing partition keys")
                  .tag("table", table)
                  .register(registry);
    }

    synchronized void record(AttributeValue key, boolean write) {
      long now = clock.millis();
      long start = now - Math.floorMod(now, bucketMillis);
      int slot = (int) Math.floorMod(start / bucketMillis, (long) BUCKETS);
      if (starts[slot] != start) {
        List<String> stale = new ArrayList<>(buckets.get(slot).keySet());
        buckets.get(slot).clear();
        for (String id : stale) {
          if (buckets.stream().noneMatch(b -> b.containsKey(id))) {
            keys.remove(id);
            reported.remove(id);
          }
        }
        totals[slot] = 0;
        starts[slot] = start;
      }
      // counted by the key's text; hashed only when reported
      String id = text(key);
      Map<String, Long> bucket = buckets.get(slot);
      if (bucket.containsKey(id) || bucket.size() < MAX_KEYS_PER_BUCKET) {
        bucket.merge(id, 1L, Long::sum);
        keys.put(id, key);
      }
      totals[slot]++;
      checkHot(id, now);
      if (write) {
        checkSequential(key);
      }
    }

    private long windowTotal(long now) {
      long total = 0;
      for (int i = 0; i < BUCKETS; i++) {
        if (live(i, now)) {
          total += totals[i];
        }
      }
      return total;
    }

    private long windowCount(String id, long now) {
      long count = 0;
      for (int i = 0; i < BUCKETS; i++) {
        if (live(i, now)) {
          count += buckets.get(i).getOrDefault(id, 0L);
        }
      }
      return count;
    }

    private boolean live(int slot, long now) {
      return starts[slot] != Long.MIN_VALUE && now - starts[slot] < bucketMillis * BUCKETS;
    }

    private void checkHot(String id, long now) {
      long total = windowTotal(now);
      if (total < minRequests) {
        return;
      }
      long count = windowCount(id, now);
      if ((double) count / total < threshold) {
        return;
      }
      Long when = reported.get(id);
      if (when != null && now - when < window.toMillis()) {
        return;
      }
      reported.put(id, now);
      if (hotCounter != null) {
        hotCounter.increment();
      }
      LOG.warn(
          "Hot partition on table {}: key {} took {}% of the table's {} requests in the last {}",
          table, fingerprint(keys.get(id)), Math.round(100.0 * count / total), total, window);
    }

    synchronized List<HotPartition> hot() {
      long now = clock.millis();
      long total = windowTotal(now);
      List<HotPartition> hot = new ArrayList<>();
      if (total < minRequests) {
        return hot;
      }
      for (Map.Entry<String, AttributeValue> entry : keys.entrySet()) {
        long count = windowCount(entry.getKey(), now);
        if ((double) count / total >= threshold) {
          hot.add(
              new HotPartition(
                  table, entry.getValue(), fingerprint(entry.getValue()), count, total));
        }
      }
      return hot;
    }

    private void checkSequential(AttributeValue key) {
      if (last != null && increases(last, key)) {
        run++;
      } else if (last == null || !last.equals(key)) {
        run = 0;
      }
      last = key;
      if (run + 1 >= sequentialRun && !sequentialReported) {
        sequentialReported = true;
        if (sequentialCounter != null) {
          sequentialCounter.increment();
        }
        LOG.warn(
            "Partition keys on table {} increase in sequence ({} writes in a row), like a counter"
                + " or a timestamp: a counter needs one place that hands out numbers, and"
                + " time-based keys concentrate current traffic on the newest values. Prefer random"
                + " ids (UUIDs) as partition keys and put time in the sort key.",
            table,
            run + 1);
      }
    }
  }

  private static boolean increases(AttributeValue before, AttributeValue after) {
    if (before.n() != null && after.n() != null) {
      return new BigDecimal(after.n()).compareTo(new BigDecimal(before.n())) > 0;
    }
    if (before.s() != null && after.s() != null) {
      return after.s().length() == before.s().length() && after.s().compareTo(before.s()) > 0;
    }
    return false;
  }

  @Override
  public String toString() {
    return "KeyAccessMonitor[tables="
        + partitionKeys.keySet()
        + ", window="
        + window
        + ", threshold="
        + threshold
        + "]";
  }

  /** Builds a {@link KeyAccessMonitor}. */
  public static final class Builder {
    private final Map<String, String> partitionKeys = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration window = Duration.ofMinutes(1);
    private double threshold = 0.5;
    private int minRequests = 100;
    private int sequentialRun = 50;
    private MeterRegistry registry;

    private Builder() {}

    /** Watch {@code table}, whose partition key is the attribute {@code attribute}. */
    public Builder partitionKey(String table, String attribute) {
      partitionKeys.put(
          Objects.requireNonNull(table, "table"), Objects.requireNonNull(attribute, "attribute"));
      return this;
    }

    /** The clock of the sliding window. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The sliding window's length; default one minute. */
    public Builder window(Duration window) {
      if (window.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("window must be at least one second, was " + window);
      }
      this.window = window;
      return this;
    }

    /** The share of a table's requests that makes a key hot, above 0 and at most 1; default 0.5. */
    public Builder threshold(double threshold) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException(
            "threshold must be above 0 and at most 1, was " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** Requests a table must have in the window before any key is called hot; default 100. */
    public Builder minRequests(int minRequests) {
      if (minRequests < 1) {
        throw new IllegalArgumentException("minRequests must be at least 1, was " + minRequests);
      }
      this.minRequests = minRequests;
      return this;
    }

    /** Increasing keys in a row that make a table's keys sequential; default 50. */
    public Builder sequentialRun(int writes) {
      if (writes < 3) {
        throw new IllegalArgumentException("sequentialRun must be at least 3, was " + writes);
      }
      this.sequentialRun = writes;
      return this;
    }

    /** Where the counts go; none by default. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The monitor. */
    public KeyAccessMonitor build() {
      if (partitionKeys.isEmpty()) {
        throw new IllegalArgumentException("name at least one table's partition key to watch");
      }
      return new KeyAccessMonitor(this);
    }
  }
}
