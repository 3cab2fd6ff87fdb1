package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
final class Expiry {
  private static final int YEARS_IGNORED = 5;

  private final Clock clock;
  private final Tables tables;
  private final Items items;
  private final Storage storage;

  Expiry(Clock clock, Tables tables, Items items, Storage storage) {
    this.clock = clock;
    this.tables = tables;
    this.items = items;
    this.storage = storage;
  }

  /** Deletes every item expired at the clock's now; answers how many it deleted. */
  int expire() {
    Instant now = clock.instant();
    BigDecimal nowSeconds =
        BigDecimal.valueOf(now.getEpochSecond(), 0).add(BigDecimal.valueOf(now.getNano(), 9));
    BigDecimal oldest =
        BigDecimal.valueOf(now.atOffset(ZoneOffset.UTC).minusYears(YEARS_IGNORED).toEpochSecond());
    int deleted = 0;
    for (Table table : tables.all()) {
      String attribute = table.timeToLive();
      if (attribute != null) {
        deleted += expire(table, attribute, nowSeconds, oldest);
      }
    }
    return deleted;
  }

  private int expire(Table table, String attribute, BigDecimal now, BigDecimal oldest) {
    List<Expired> found = new ArrayList<>();
    try (var stored = storage.keyspace(table.keyspace()).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            AttributeValue value = ItemCodec.decode(entry.value()).get(attribute);
            if (isExpired(value, now, oldest)) {
              found.add(new Expired(entry.key(), value));
            }
          });
    }
    int deleted = 0;
    for (Expired item : found) {
      if (delete(table, attribute, item)) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Whether a time to live value is a number of seconds before now, but not five years before. */
  static boolean isExpired(AttributeValue value, BigDecimal now, BigDecimal oldest) {
    if (value == null || value.n() == null) {
      return false;
    }
    BigDecimal seconds = new BigDecimal(value.n());
    return seconds.compareTo(now) < 0 && seconds.compareTo(oldest) >= 0;
  }

  /**
   * Deletes an expired item if it still holds the expired value, under its lock.
   *
   * <p>This is where a stream record of the deletion belongs, once the engine writes streams: a
   * REMOVE record whose {@code userIdentity} is {@code {"type": "Service", "principalId":
   * "dynamodb.amazonaws.com"}}, as DynamoDB marks deletions by time to live, appended in the
   * deletion's batch.
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
      items.write(table, expired.key(), item, null);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private record Expired(byte[] key, AttributeValue value) {}
}
