package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's items as they were at one instant, read while writers go on. From the instant it begins
 * (with every item lock held, so no write, single or transactional, is half done) the table hands
 * it the item each write replaces, the first time a key is written; reading then takes each stored
 * item unless the snapshot holds what was there before, and adds the items deleted since.
 */
final class TableSnapshot {
  /** What a key held when the snapshot began, if it held nothing. */
  private static final Object ABSENT = new Object();

  private final Map<ByteBuffer, Object> before = new ConcurrentHashMap<>();

  /**
   * Told by the table, under the item's lock, before a write of {@code key} replaces {@code old}.
   */
  void beforeWrite(byte[] key, Map<String, AttributeValue> old) {
    before.putIfAbsent(ByteBuffer.wrap(key.clone()), old == null ? ABSENT : old);
  }

  /**
   * Begins a snapshot of {@code table}: registers it while holding every item lock, so it begins
   * between writes.
   */
  static TableSnapshot begin(Table table, ItemLocks locks) {
    TableSnapshot snapshot = new TableSnapshot();
    locks.exclusively(
        () -> {
          table.watch(snapshot);
          return snapshot;
        });
    return snapshot;
  }

  /**
   * Hands every item of the snapshot, key and encoded item, to {@code into}, reading {@code
   * keyspace} as it is now; then stops watching the table.
   */
  void read(Table table, Storage.Keyspace keyspace, BiConsumer<byte[], byte[]> into) {
    Set<ByteBuffer> seen = new HashSet<>();
    try (Stream<Storage.Entry> entries = keyspace.scan(null, null, false)) {
      entries.forEach(
          entry -> {
            ByteBuffer key = ByteBuffer.wrap(entry.key());
            seen.add(key);
            // Read after the current value: a write between the two has left its old item here.
            Object old = before.get(key);
            if (old == null) {
              into.accept(entry.key(), entry.value());
            } else if (old != ABSENT) {
              into.accept(entry.key(), encode(old));
            }
          });
    } finally {
      table.unwatch(this);
    }
    before.forEach(
        (key, old) -> {
          if (old != ABSENT && !seen.contains(key)) {
            into.accept(bytes(key), encode(old));
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static byte[] encode(Object item) {
    return ItemCodec.encode((Map<String, AttributeValue>) item);
  }

  private static byte[] bytes(ByteBuffer key) {
    byte[] bytes = new byte[key.remaining()];
    key.duplicate().get(bytes);
    return bytes;
  }
}
