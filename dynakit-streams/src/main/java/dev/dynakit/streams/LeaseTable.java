package dev.dynakit.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Shard leases in a DynamoDB table, so that several workers share a stream and each shard is read
 * by one live worker at a time. Each worker writes a heartbeat and renews its leases on every
 * {@link #balance}; all workers see the same number of live workers and aim at the same fair share
 * ({@code ceil(shards / workers)}): a worker above it gives leases up, one below it takes free and
 * expired ones. A lease left unrenewed for {@code leaseDuration} (by the clock) is expired, so a
 * stopped worker's shards are taken over. Every change is a conditional write, so two workers never
 * both take one lease.
 *
 * <p>A worker holds a lease until the expiry it last wrote: it must renew (call {@link #balance})
 * more often than {@code leaseDuration}, and a {@link StreamListener} checks {@link #holds} before
 * each batch. Items: {@code lease} (key: the stream ARN, {@code shard} or {@code worker}, and the
 * id), {@code owner}, {@code expires} (epoch milliseconds).
 */
public final class LeaseTable {
  private final DynamoDbClient dynamodb;
  private final String table;
  private final String workerId;
  private final Duration leaseDuration;
  private final Clock clock;
  // What this worker holds: lease key to the expiry it last wrote.
  private final Map<String, Long> held = new ConcurrentHashMap<>();

  private LeaseTable(Builder builder) {
    this.dynamodb = builder.dynamodb;
    this.table = builder.table;
    this.workerId = builder.workerId;
    this.leaseDuration = builder.leaseDuration;
    this.clock = builder.clock;
  }

  /** Leases in {@code table} (see {@link #createTable}) written through {@code dynamodb}. */
  public static Builder builder(DynamoDbClient dynamodb, String table) {
    return new Builder(dynamodb, table);
  }

  /** Creates the lease table (on demand) unless it exists, and waits until it is active. */
  public static void createTable(DynamoDbClient dynamodb, String table) {
    Tables.createIfAbsent(dynamodb, table, "lease");
  }

  /** This worker's id. */
  public String workerId() {
    return workerId;
  }

  /**
   * Whether this worker holds the shard's lease now: it took or renewed it and it has not expired.
   */
  public boolean holds(String streamArn, String shardId) {
    Long expires = held.get(shardKey(streamArn, shardId));
    return expires != null && expires > clock.millis();
  }

  /**
   * One round for {@code shards} (the shards of the stream that are to be read now): writes this
   * worker's heartbeat, renews its leases, and works out its fair share; takes free and expired
   * leases up to it.
   *
   * @return the shards held now, and those above the fair share, which the caller gives up with
   *     {@link #release} once it has stopped reading them
   */
  public Balance balance(String streamArn, List<String> shards) {
    long now = clock.millis();
    long expires = now + leaseDuration.toMillis();
    put(key(streamArn, "worker", workerId), expires);
    Map<String, Map<String, AttributeValue>> items = scan(streamArn);
    int workers = 0;
    for (Map.Entry<String, Map<String, AttributeValue>> entry : items.entrySet()) {
      if (entry.getKey().startsWith(streamArn + " worker ") && expiresOf(entry.getValue()) > now) {
        workers++;
      }
    }
    int fairShare = (shards.size() + Math.max(workers, 1) - 1) / Math.max(workers, 1);
    Set<String> mine = new LinkedHashSet<>();
    for (String shard : shards) {
      String key = shardKey(streamArn, shard);
      Map<String, AttributeValue> item = items.get(key);
      boolean owned = item != null && workerId.equals(ownerOf(item));
      if (owned && renew(key, expires)) {
        mine.add(shard);
      } else {
        held.remove(key);
      }
    }
    held.keySet()
        .removeIf(key -> key.startsWith(streamArn + " shard ") && !in(key, streamArn, shards));
    for (String shard : shards) {
      if (mine.size() >= fairShare) {
        break;
      }
      Map<String, AttributeValue> item = items.get(shardKey(streamArn, shard));
      boolean free = item == null || expiresOf(item) <= now;
      if (!mine.contains(shard) && free && take(shardKey(streamArn, shard), now, expires)) {
        mine.add(shard);
      }
    }
    List<String> surplus =
        new ArrayList<>(mine).subList(Math.min(fairShare, mine.size()), mine.size());
    return new Balance(Set.copyOf(mine), List.copyOf(surplus));
  }

  private boolean in(String key, String streamArn, List<String> shards) {
    return shards.contains(key.substring((streamArn + " shard ").length()));
  }

  /**
   * Gives the shard's lease up (if this worker holds it), so another worker may take it at once.
   */
  public void release(String streamArn, String shardId) {
    String key = shardKey(streamArn, shardId);
    held.remove(key);
    update(key, "SET #e = :zero", "#o = :me", Map.of(":zero", number(0)));
  }

  /** Gives up every lease this worker holds on the stream, and its heartbeat. */
  public void releaseAll(String streamArn) {
    for (String key : List.copyOf(held.keySet())) {
      if (key.startsWith(streamArn + " shard ")) {
        release(streamArn, key.substring((streamArn + " shard ").length()));
      }
    }
    dynamodb.deleteItem(
        b ->
            b.tableName(table)
                .key(Map.of("lease", AttributeValue.fromS(key(streamArn, "worker", workerId)))));
  }

  private boolean renew(String key, long expires) {
    if (!update(key, "SET #e = :e", "#o = :me", Map.of(":e", number(expires)))) {
      return false;
    }
    held.put(key, expires);
    return true;
  }

  private boolean take(String key, long now, long expires) {
    if (!update(
        key,
        "SET #o = :me, #e = :e",
        "attribute_not_exists(#l) OR #e <= :now",
        Map.of(":e", number(expires), ":now", number(now)))) {
      return false;
    }
    held.put(key, expires);
    return true;
  }

  /** A conditional update of one lease item; false if its condition failed. */
  private boolean update(
      String key, String update, String condition, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":me", AttributeValue.fromS(workerId));
    try {
      dynamodb.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("lease", AttributeValue.fromS(key)))
                  .updateExpression(update)
                  .conditionExpression(condition)
                  .expressionAttributeNames(
                      condition.contains("#l")
                          ? Map.of("#e", "expires", "#o", "owner", "#l", "lease")
                          : Map.of("#e", "expires", "#o", "owner"))
                  .expressionAttributeValues(all));
      return true;
    } catch (RuntimeException e) {
      if (Failures.of(e) != Failures.CONDITION_FAILED) {
        throw e;
      }
      return false;
    }
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private void put(String key, long expires) {
    dynamodb.putItem(
        b ->
            b.tableName(table)
                .item(
                    Map.of(
                        "lease", AttributeValue.fromS(key),
                        "owner", AttributeValue.fromS(workerId),
                        "expires", AttributeValue.fromN(Long.toString(expires)))));
  }

  private Map<String, Map<String, AttributeValue>> scan(String streamArn) {
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    for (Map<String, AttributeValue> item :
        Tables.scanAll(
            dynamodb,
            ScanRequest.builder()
                .tableName(table)
                .filterExpression("begins_with(#l, :arn)")
                .expressionAttributeNames(Map.of("#l", "lease"))
                .expressionAttributeValues(Map.of(":arn", AttributeValue.fromS(streamArn + " ")))
                .build())) {
      items.put(item.get("lease").s(), item);
    }
    return items;
  }

  private static String ownerOf(Map<String, AttributeValue> item) {
    return item.containsKey("owner") ? item.get("owner").s() : null;
  }

  private static long expiresOf(Map<String, AttributeValue> item) {
    return item.containsKey("expires") ? Long.parseLong(item.get("expires").n()) : 0;
  }

  private static String shardKey(String streamArn, String shardId) {
    return key(streamArn, "shard", shardId);
  }

  private static String key(String streamArn, String kind, String id) {
    return streamArn + " " + kind + " " + id;
  }

  /**
   * What a round of {@link #balance} left this worker with.
   *
   * @param held the shards whose leases it holds
   * @param surplus those of them above its fair share, to give up
   */
  public record Balance(Set<String> held, List<String> surplus) {}

  /** Configures a {@link LeaseTable}. */
  public static final class Builder {
    private final DynamoDbClient dynamodb;
    private final String table;
    private String workerId = UUID.randomUUID().toString();
    private Duration leaseDuration = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();

    private Builder(DynamoDbClient dynamodb, String table) {
      this.dynamodb = Objects.requireNonNull(dynamodb, "dynamodb");
      this.table = Objects.requireNonNull(table, "table");
    }

    /** This worker's id, unique among the workers (default: a random UUID). */
    public Builder workerId(String workerId) {
      if (workerId == null || workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank");
      }
      this.workerId = workerId;
      return this;
    }

    /** How long a lease lasts without renewal (default 30 s). */
    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = Tables.positive(leaseDuration, "leaseDuration");
      return this;
    }

    /** The clock leases expire by (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the lease table's client side; the table must exist. */
    public LeaseTable build() {
      return new LeaseTable(this);
    }
  }
}
