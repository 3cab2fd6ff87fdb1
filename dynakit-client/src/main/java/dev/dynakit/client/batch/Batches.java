package dev.dynakit.client.batch;

import dev.dynakit.client.batch.BatchIncompleteException.Reason;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ItemException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.expressions.Placeholders;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.value.ItemSize;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes and reads any number of items with BatchWriteItem and BatchGetItem.
 *
 * <ul>
 *   <li>Requests are filled up to DynamoDB's limits: 25 writes and 16 MB (items measured as
 *       DynamoDB measures them) per BatchWriteItem, 100 keys per BatchGetItem.
 *   <li>What DynamoDB leaves unprocessed is sent again, first in the next request, after a wait of
 *       exponential backoff with full jitter: before retry {@code n} (from 0, counted over
 *       consecutive answers with something unprocessed) a wait drawn uniformly from {@code [0,
 *       min(maxDelay, baseDelay * 2^n)]}.
 *   <li>A write or key left unprocessed {@code maxAttempts} times, a wait that would end after the
 *       deadline, or a failed request stop the batch with a {@link BatchIncompleteException} that
 *       carries everything not known to be done: nothing is lost.
 *   <li>Checked before anything is sent: no key twice in one call (DynamoDB refuses a batch with
 *       "Provided list of item keys contains duplicates"; across requests the retries would reorder
 *       the writes) and no item over 400 KB. The key attributes of a table written with puts come
 *       from DescribeTable, asked once per table, unless given to the builder.
 * </ul>
 *
 * <pre>{@code
 * Batches batches = Batches.builder(dynakit.sdk()).meterRegistry(registry).build();
 * BatchWriteResult written = batches.write(List.of(
 *     TableWrite.put("orders", item), TableWrite.delete("orders", oldKey)));
 * BatchGetResult read = batches.get(Map.of("orders", keys));
 * read.items("orders");
 * }</pre>
 *
 * <p>Thread-safe when its random generator is (the default is).
 */
public final class Batches {
  /** DynamoDB's limit on the writes of one BatchWriteItem. */
  static final int MAX_WRITES = 25;

  /** DynamoDB's limit on the keys of one BatchGetItem. */
  static final int MAX_KEYS = 100;

  /** DynamoDB's limit on the size of one BatchWriteItem request. */
  static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  static final String DUPLICATES = "Provided list of item keys contains duplicates";

  private static final String WRITE = "BatchWriteItem";
  private static final String GET = "BatchGetItem";

  private final DynamoDbClient sdk;
  private final Clock clock;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final Duration deadline;
  private final Backoff backoff;
  private final BatchMetrics metrics;
  private final KeyAttributes keys;
  private final long requestBytes;

  private Batches(Builder b) {
    this.sdk = b.sdk;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.maxAttempts = b.maxAttempts;
    this.deadline = b.deadline;
    this.backoff = new Backoff(b.baseDelay, b.maxDelay, b.random);
    this.metrics = new BatchMetrics(b.registry);
    this.keys = b.keys;
    this.requestBytes = b.requestBytes;
  }

  /** A builder for batches sent with {@code sdk} (a plain SDK client or {@code Dynakit.sdk()}). */
  public static Builder builder(DynamoDbClient sdk) {
    return new Builder(sdk);
  }

  /**
   * Applies every write, in as few BatchWriteItem requests as DynamoDB's limits allow.
   *
   * @throws RequestValidationException if a key appears twice ({@value #DUPLICATES})
   * @throws ItemException if an item is over 400 KB (kind {@code ITEM_TOO_LARGE}, its key in {@link
   *     ItemException#key()})
   * @throws BatchIncompleteException if the batch stopped before every write was applied
   */
  public BatchWriteResult write(List<TableWrite> writes) {
    Objects.requireNonNull(writes, "writes");
    Deque<Entry> pending = new ArrayDeque<>();
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      TableWrite write = Objects.requireNonNull(writes.get(i), "writes[" + i + "]");
      Map<String, AttributeValue> key = keyOf(write);
      long size = size(write.attributes());
      if (write.isPut() && size > ItemSize.MAX_ITEM_BYTES) {
        throw new ItemException(
            ItemException.Kind.ITEM_TOO_LARGE,
            WRITE
                + " on table '"
                + write.table()
                + "' failed: writes["
                + i
                + "] is a put of "
                + size
                + " bytes, over DynamoDB's 409,600 (400 KB): "
                + ItemSize.TOO_LARGE,
            ErrorContext.local(WRITE, write.table()),
            false,
            null,
            key);
      }
      Entry entry = new Entry(write.table(), key, write.request(), size);
      checkUnique(WRITE, seen, entry, i, "writes");
      pending.add(entry);
    }
    Run run =
        new Run(
            WRITE,
            MAX_WRITES,
            requestBytes,
            chunk -> {
              Map<String, List<WriteRequest>> items = new LinkedHashMap<>();
              for (Entry e : chunk) {
                items.computeIfAbsent(e.table, t -> new ArrayList<>()).add(e.write);
              }
              List<Entry> left = new ArrayList<>();
              for (TableWrite write :
                  TableWrite.of(
                      sdk.batchWriteItem(b -> b.requestItems(items)).unprocessedItems())) {
                left.add(new Entry(write.table(), keyOf(write), write.request(), 0));
              }
              return left;
            });
    BatchReport report = run.execute(pending, null);
    return new BatchWriteResult(report);
  }

  /**
   * Reads the items with {@code keysByTable}'s keys (whole items, eventually consistent).
   *
   * @throws RequestValidationException if a key appears twice in a table ({@value #DUPLICATES})
   * @throws BatchIncompleteException if the batch stopped before every key was read; it holds the
   *     items already read
   */
  public BatchGetResult get(Map<String, List<Map<String, AttributeValue>>> keysByTable) {
    return get(keysByTable, Map.of());
  }

  /**
   * Reads the items with {@code keysByTable}'s keys, each table as its {@link GetOptions} say
   * (tables without options: whole items, eventually consistent).
   *
   * @throws RequestValidationException if a key appears twice in a table ({@value #DUPLICATES})
   * @throws BatchIncompleteException if the batch stopped before every key was read; it holds the
   *     items already read
   */
  public BatchGetResult get(
      Map<String, List<Map<String, AttributeValue>>> keysByTable,
      Map<String, GetOptions> optionsByTable) {
    Objects.requireNonNull(keysByTable, "keysByTable");
    Objects.requireNonNull(optionsByTable, "optionsByTable");
    Deque<Entry> pending = new ArrayDeque<>();
    Map<String, List<Map<String, AttributeValue>>> found = new LinkedHashMap<>();
    Map<Object, Integer> seen = new HashMap<>();
    keysByTable.forEach(
        (table, tableKeys) -> {
          Objects.requireNonNull(tableKeys, "keys of table '" + table + "'");
          found.put(table, new ArrayList<>());
          for (int i = 0; i < tableKeys.size(); i++) {
            Map<String, AttributeValue> key =
                Objects.requireNonNull(tableKeys.get(i), "keys of '" + table + "'[" + i + "]");
            Entry entry = new Entry(table, key, null, 0);
            checkUnique(GET, seen, entry, i, "keys of '" + table + "'");
            pending.add(entry);
          }
        });
    Map<String, KeysAndAttributes> templates = templates(found.keySet(), optionsByTable);
    Run run =
        new Run(
            GET,
            MAX_KEYS,
            Long.MAX_VALUE,
            chunk -> {
              Map<String, KeysAndAttributes> items = new LinkedHashMap<>();
              Map<String, List<Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
              for (Entry e : chunk) {
                byTable.computeIfAbsent(e.table, t -> new ArrayList<>()).add(e.key);
              }
              byTable.forEach(
                  (table, tableKeys) ->
                      items.put(table, templates.get(table).toBuilder().keys(tableKeys).build()));
              BatchGetItemResponse response = sdk.batchGetItem(b -> b.requestItems(items));
              response
                  .responses()
                  .forEach(
                      (table, read) ->
                          found.computeIfAbsent(table, t -> new ArrayList<>()).addAll(read));
              List<Entry> left = new ArrayList<>();
              response
                  .unprocessedKeys()
                  .forEach(
                      (table, again) ->
                          again.keys().forEach(key -> left.add(new Entry(table, key, null, 0))));
              return left;
            });
    BatchReport report = run.execute(pending, found);
    return new BatchGetResult(found, report);
  }

  private static Map<String, KeysAndAttributes> templates(
      Iterable<String> tables, Map<String, GetOptions> optionsByTable) {
    Map<String, KeysAndAttributes> templates = new HashMap<>();
    for (String table : tables) {
      GetOptions options = optionsByTable.get(table);
      KeysAndAttributes.Builder template = KeysAndAttributes.builder();
      if (options != null) {
        template.consistentRead(options.consistentRead());
        if (options.projection() != null) {
          Placeholders p = new Placeholders();
          template
              .projectionExpression(options.projection().render(p))
              .expressionAttributeNames(p.namesOrNull());
        }
      }
      templates.put(table, template.build());
    }
    return templates;
  }

  private Map<String, AttributeValue> keyOf(TableWrite write) {
    return write.isPut()
        ? KeyAttributes.project(
            WRITE, write.table(), write.attributes(), keys.of(sdk, write.table()))
        : write.attributes();
  }

  private static void checkUnique(
      String operation, Map<Object, Integer> seen, Entry entry, int index, String list) {
    Integer earlier = seen.putIfAbsent(entry.identity, index);
    if (earlier != null) {
      throw new RequestValidationException(
          RequestValidationException.Kind.INVALID_ARGUMENT,
          operation
              + " on table '"
              + entry.table
              + "' failed: "
              + DUPLICATES
              + " ("
              + list
              + "["
              + earlier
              + "] and ["
              + index
              + "] have the same key)",
          ErrorContext.local(operation, entry.table),
          false,
          null);
    }
  }

  private static long size(Map<String, AttributeValue> attributes) {
    try {
      return ItemSize.of(attributes);
    } catch (ValidationException e) {
      return 0; // not a valid number: DynamoDB refuses it when it is sent
    }
  }

  /** One write or key on its way, and how often it was sent. */
  static final class Entry {
    final String table;
    final Map<String, AttributeValue> key;
    final WriteRequest write;
    final long size;
    final Object identity;
    int sends;

    Entry(String table, Map<String, AttributeValue> key, WriteRequest write, long size) {
      this.table = table;
      this.key = key;
      this.write = write;
      this.size = size;
      this.identity = KeyAttributes.identity(table, key);
    }
  }

  /** Sends one request of entries and returns those DynamoDB left unprocessed. */
  @FunctionalInterface
  interface Sender {
    List<Entry> send(List<Entry> chunk);
  }

  /** One call of {@link #write} or {@link #get}: requests, retries and waits until done. */
  private final class Run {
    private final String operation;
    private final int maxCount;
    private final long maxBytes;
    private final Sender sender;
    private int items;
    private int requests;
    private int retries;
    private int resent;

    Run(String operation, int maxCount, long maxBytes, Sender sender) {
      this.operation = operation;
      this.maxCount = maxCount;
      this.maxBytes = maxBytes;
      this.sender = sender;
    }

    BatchReport execute(
        Deque<Entry> pending, Map<String, List<Map<String, AttributeValue>>> found) {
      Instant end = deadline == null ? null : clock.instant().plus(deadline);
      int consecutive = 0;
      while (!pending.isEmpty()) {
        List<Entry> chunk = take(pending);
        requests++;
        List<Entry> left;
        try {
          left = sender.send(chunk);
        } catch (RuntimeException e) {
          putBack(pending, chunk);
          throw incomplete(Reason.REQUEST_FAILED, pending, found, e);
        }
        for (Entry e : chunk) {
          if (e.sends++ > 0) {
            resent++;
          }
        }
        List<Entry> again = match(chunk, left);
        items += chunk.size() - again.size();
        if (again.isEmpty()) {
          consecutive = 0;
          continue;
        }
        putBack(pending, again);
        if (again.stream().anyMatch(e -> e.sends >= maxAttempts)) {
          throw incomplete(Reason.ATTEMPTS_EXHAUSTED, pending, found, null);
        }
        Duration delay = backoff.delay(consecutive++);
        if (end != null && clock.instant().plus(delay).isAfter(end)) {
          throw incomplete(Reason.DEADLINE, pending, found, null);
        }
        retries++;
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw incomplete(Reason.INTERRUPTED, pending, found, e);
        }
      }
      BatchReport report = report();
      metrics.record(operation, true, report);
      return report;
    }

    private List<Entry> take(Deque<Entry> pending) {
      List<Entry> chunk = new ArrayList<>();
      long bytes = 0;
      while (!pending.isEmpty() && chunk.size() < maxCount) {
        Entry next = pending.peekFirst();
        if (!chunk.isEmpty() && bytes + next.size > maxBytes) {
          break;
        }
        bytes += next.size;
        chunk.add(pending.pollFirst());
      }
      return chunk;
    }

    /** The sent entries that {@code left} names, in the order sent; unknown ones as they are. */
    private List<Entry> match(List<Entry> chunk, List<Entry> left) {
      Map<Object, Entry> sent = new HashMap<>();
      chunk.forEach(e -> sent.put(e.identity, e));
      List<Entry> again = new ArrayList<>();
      for (Entry e : left) {
        Entry known = sent.remove(e.identity);
        again.add(known == null ? e : known);
      }
      return again;
    }

    private void putBack(Deque<Entry> pending, List<Entry> entries) {
      for (int i = entries.size() - 1; i >= 0; i--) {
        pending.addFirst(entries.get(i));
      }
    }

    private BatchReport report() {
      return new BatchReport(items, requests, retries, resent);
    }

    private BatchIncompleteException incomplete(
        Reason reason,
        Deque<Entry> pending,
        Map<String, List<Map<String, AttributeValue>>> found,
        Throwable cause) {
      BatchReport report = report();
      metrics.record(operation, false, report);
      List<TableWrite> writes = new ArrayList<>();
      Map<String, List<Map<String, AttributeValue>>> keysLeft = new LinkedHashMap<>();
      for (Entry e : pending) {
        if (e.write != null) {
          writes.add(new TableWrite(e.table, e.write));
        } else {
          keysLeft.computeIfAbsent(e.table, t -> new ArrayList<>()).add(e.key);
        }
      }
      Map<String, Integer> perTable = new LinkedHashMap<>();
      pending.forEach(e -> perTable.merge(e.table, 1, Integer::sum));
      String message =
          operation
              + " stopped with "
              + pending.size()
              + (found == null ? " writes" : " keys")
              + " not done "
              + perTable
              + ": "
              + why(reason, cause)
              + " ("
              + items
              + " done in "
              + requests
              + " requests, "
              + retries
              + " retries)";
      return new BatchIncompleteException(
          message,
          reason,
          writes,
          keysLeft,
          report,
          found == null ? null : new BatchGetResult(found, report),
          cause);
    }

    private String why(Reason reason, Throwable cause) {
      switch (reason) {
        case ATTEMPTS_EXHAUSTED:
          return "left unprocessed " + maxAttempts + " times (maxAttempts)";
        case DEADLINE:
          return "the next retry would end after the deadline of " + deadline;
        case INTERRUPTED:
          return "interrupted while waiting to retry";
        default:
          return "a request failed: "
              + (cause.getMessage() == null
                  ? cause.getClass().getSimpleName()
                  : cause.getMessage());
      }
    }
  }

  /** Settings of {@link Batches}. */
  public static final class Builder {
    private final DynamoDbClient sdk;
    private final KeyAttributes keys = new KeyAttributes();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD;
    private int maxAttempts = 10;
    private Duration baseDelay = Duration.ofMillis(50);
    private Duration maxDelay = Duration.ofSeconds(5);
    private Duration deadline;
    private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
    private MeterRegistry registry;
    private long requestBytes = MAX_REQUEST_BYTES;

    private Builder(DynamoDbClient sdk) {
      this.sdk = Objects.requireNonNull(sdk, "sdk");
    }

    /** The clock the deadline is measured on (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How to wait between retries (default: {@link Sleeper#THREAD}). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** How many times one write or key may be sent (default 10; at least 1). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The cap of the first retry's wait (default 50 ms); it doubles with each retry. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = nonNegative(baseDelay, "baseDelay");
      return this;
    }

    /** The largest wait between two requests (default 5 s). */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * How long one call may spend retrying (default: no limit but {@code maxAttempts}): a wait that
     * would end later stops the batch instead.
     */
    public Builder deadline(Duration deadline) {
      this.deadline = nonNegative(deadline, "deadline");
      return this;
    }

    /** The source of jitter (default: {@link ThreadLocalRandom}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Where to record the batch meters (default: none). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The key attribute names of {@code table} (partition key, then sort key), so that puts into it
     * need no DescribeTable to find their keys.
     */
    public Builder keyAttributes(String table, String... attributeNames) {
      keys.put(table, attributeNames);
      return this;
    }

    /**
     * A smaller bound on the estimated size of one BatchWriteItem than DynamoDB's 16 MB (25 items
     * of 400 KB stay under it, so only a smaller bound shows that requests respect it).
     */
    Builder requestBytes(long requestBytes) {
      if (requestBytes <= 0) {
        throw new IllegalArgumentException("requestBytes must be positive, not " + requestBytes);
      }
      this.requestBytes = requestBytes;
      return this;
    }

    /** The batches. */
    public Batches build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalArgumentException(
            "baseDelay (" + baseDelay + ") must not exceed maxDelay (" + maxDelay + ")");
      }
      return new Batches(this);
    }

    private static Duration nonNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + duration);
      }
      return duration;
    }
  }
}
