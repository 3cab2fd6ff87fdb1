package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Time to live's deletions: one pass over the tables whose time to live is enabled deletes the
 * items whose attribute is a number of epoch seconds earlier than the clock's now, as the Developer
 * Guide describes it. Items whose attribute is missing, is not a number (a string, a set...) or is
 * more than five years in the past are left alone, as DynamoDB leaves them.
 *
 * <p>An item is deleted under its lock, as DeleteItem deletes it, and only if it still holds the
 * value found expired (and its table still expires by that attribute): a write that renews the item
 * first keeps it. The deletion goes through the table's ordinary write path, so its secondary
 * indexes and counters follow.
 *
 * <p>A pass reads a table only when it may have something to delete: after a write to it, after a
 * change of its time to live, or once the earliest time to live it held last time has passed.
 */
final class Expiry {
  private static final int YEARS_IGNORED = 5;

  private final Clock clock;
  private final Tables tables;
  private final Items items;
  private final Storage storage;
  private final Map<Table, Scanned> scanned = new ConcurrentHashMap<>();

  Expiry(Clock clock, Tables tables, Items items, Storage storage) {
    this.clock = clock;
    this.tables = tables;
    this.items = items;
    this.storage = storage;
  }

  /**
   * What a pass found of a table: its attribute and write count then, the time it read it at, and
   * the earliest time to live it left (null for none).
   */
  private record Scanned(String attribute, long writes, BigDecimal at, BigDecimal next) {
    boolean stillCurrent(String attribute, long writes, BigDecimal now) {
      return this.attribute.equals(attribute)
          && this.writes == writes
          && now.compareTo(at) >= 0
          && (next == null || now.compareTo(next) <= 0);
    }
  }

  /** Deletes every item expired at the clock's now; answers how many it deleted. */
  int expire() {
    Instant now = clock.instant();
    BigDecimal nowSeconds =
        BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
    BigDecimal oldest =
        BigDecimal.valueOf(now.atOffset(ZoneOffset.UTC).minusYears(YEARS_IGNORED).toEpochSecond());
    int deleted = 0;
    Set<Table> live = new HashSet<>();
    for (Table table : tables.all()) {
      live.add(table);
      String attribute = table.timeToLive();
      if (attribute != null) {
        deleted += expire(table, attribute, nowSeconds, oldest);
      }
    }
    scanned.keySet().retainAll(live);
    return deleted;
  }

  private int expire(Table table, String attribute, BigDecimal now, BigDecimal oldest) {
    long writes = table.writes();
    Scanned last = scanned.get(table);
    if (last != null && last.stillCurrent(attribute, writes, now)) {
      return 0;
    }
    List<Expired> found = new ArrayList<>();
    BigDecimal[] next = new BigDecimal[1];
    try (var stored = storage.keyspace(table.keyspace()).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            AttributeValue value = ItemCodec.decode(entry.value()).get(attribute);
            BigDecimal seconds = seconds(value);
            if (seconds == null || seconds.compareTo(oldest) < 0) {
              return;
            }
            if (seconds.compareTo(now) < 0) {
              found.add(new Expired(entry.key(), value));
            } else if (next[0] == null || seconds.compareTo(next[0]) < 0) {
              next[0] = seconds;
            }
          });
    }
    scanned.put(table, new Scanned(attribute, writes, now, next[0]));
    int deleted = 0;
    for (Expired item : found) {
      if (delete(table, attribute, item)) {
        deleted++;
      }
    }
    return deleted;
  }

  /** A time to live value's seconds: a number's, or null for any other type (left alone). */
  private static BigDecimal seconds(AttributeValue value) {
    return value == null || value.n() == null ? null : new BigDecimal(value.n());
  }

  /**
   * Deletes an expired item if it still holds the expired value, under its lock.
   *
   * <p>The deletion's stream record is a REMOVE whose {@code userIdentity} is {@code {"type":
   * "Service", "principalId": "dynamodb.amazonaws.com"}}, as DynamoDB marks deletions by time to
   * live.
   */
  private boolean delete(Table table, String attribute, Expired expired) {
    ReentrantLock lock = items.locks().of(table.name(), expired.key());
    lock.lock();
    try {
      if (tables.find(table.name()) != table || !attribute.equals(table.timeToLive())) {
        return false;
      }
      Map<String, AttributeValue> item = items.read(table, expired.key());
      if (item == null || !expired.value().equals(item.get(attribute))) {
        return false;
      }
      items.write(table, expired.key(), item, null, Streams.TIME_TO_LIVE);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private record Expired(byte[] key, AttributeValue value) {}
}
