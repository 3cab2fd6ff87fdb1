package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.value.ItemSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table the engine holds: its description as created, its key, its secondary indexes, and the
 * counters DescribeTable reports. Every write of an item goes through {@link #mutations} and {@link
 * #count}, which keep the indexes in step with the table.
 */
public final class Table {
  private volatile TableDescription created;
  private final KeySchema keys;
  private volatile List<SecondaryIndex> indexes;
  private final AtomicLong itemCount = new AtomicLong();
  private final AtomicLong sizeBytes = new AtomicLong();
  private Map<String, String> tags = Map.of();

  /** The size of each item collection (a partition's items and their local index entries). */
  private final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, AtomicLong>
      collections = new java.util.concurrent.ConcurrentHashMap<>();

  Table(TableDescription created, KeySchema keys) {
    this(created, keys, List.of());
  }

  Table(TableDescription created, KeySchema keys, List<SecondaryIndex> indexes) {
    this.created = created;
    this.keys = keys;
    this.indexes = List.copyOf(indexes);
  }

  /** The storage keyspace of this table's items; a table created again gets a new one. */
  public String keyspace() {
    return "table/" + created.tableId();
  }

  /** The table's name. */
  public String name() {
    return created.tableName();
  }

  /** The table's key, as expressions are checked against it. */
  public KeySchema keys() {
    return keys;
  }

  /** The table's secondary indexes, local ones first, each kind in the order created. */
  public List<SecondaryIndex> indexes() {
    return indexes;
  }

  /** The index of that name, if the table has one. */
  public Optional<SecondaryIndex> index(String name) {
    for (SecondaryIndex index : indexes) {
      if (index.name().equals(name)) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  /** Adds an index (UpdateTable); the caller fills it. */
  synchronized void addIndex(SecondaryIndex index) {
    List<SecondaryIndex> more = new ArrayList<>(indexes);
    more.add(index);
    indexes = List.copyOf(more);
  }

  /**
   * Adds an index and fills it with the entries of the items the table holds now (UpdateTable's
   * backfill). The caller holds every item lock, so no write runs meanwhile.
   */
  synchronized void addIndex(SecondaryIndex index, Storage storage) {
    List<Storage.Mutation> entries = new ArrayList<>();
    try (var items = storage.keyspace(keyspace()).scan(null, null, false)) {
      items.forEach(
          stored -> {
            Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
            SecondaryIndex.Entry entry = index.entryOf(item);
            if (entry != null) {
              entries.add(
                  Storage.Mutation.put(
                      index.keyspace(), entry.key(), ItemCodec.encode(entry.projected())));
              index.count(null, entry, 0, ItemSize.of(item));
            }
          });
    }
    storage.write(entries);
    addIndex(index);
  }

  /** Removes an index (UpdateTable); the caller drops its keyspace. */
  synchronized void removeIndex(String name) {
    indexes = indexes.stream().filter(index -> !index.name().equals(name)).toList();
  }

  /** The description DescribeTable gives now. */
  public TableDescription describe() {
    TableDescription.Builder description =
        created.toBuilder().itemCount(itemCount.get()).tableSizeBytes(sizeBytes.get());
    if (created.hasGlobalSecondaryIndexes()) {
      description.globalSecondaryIndexes(
          counted(
              created.globalSecondaryIndexes(),
              GlobalSecondaryIndexDescription::indexName,
              (index, counts) ->
                  index.toBuilder()
                      .itemCount(counts.itemCount())
                      .indexSizeBytes(counts.sizeBytes())
                      .build()));
    }
    if (created.hasLocalSecondaryIndexes()) {
      description.localSecondaryIndexes(
          counted(
              created.localSecondaryIndexes(),
              LocalSecondaryIndexDescription::indexName,
              (index, counts) ->
                  index.toBuilder()
                      .itemCount(counts.itemCount())
                      .indexSizeBytes(counts.sizeBytes())
                      .build()));
    }
    return description.build();
  }

  /** Index descriptions with the item count and size of the index of each one's name. */
  private <T> List<T> counted(
      List<T> descriptions,
      java.util.function.Function<T, String> name,
      java.util.function.BiFunction<T, SecondaryIndex, T> withCounts) {
    List<T> counted = new ArrayList<>();
    for (T description : descriptions) {
      Optional<SecondaryIndex> index = index(name.apply(description));
      counted.add(index.isEmpty() ? description : withCounts.apply(description, index.get()));
    }
    return counted;
  }

  /** The table's tags, in the order first given. */
  synchronized Map<String, String> tags() {
    return tags;
  }

  /** Replaces the table's tags with what {@code change} makes of them. */
  synchronized void tag(UnaryOperator<Map<String, String>> change) {
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(tags)));
  }

  /** Changes the table's settings (UpdateTable). */
  synchronized void update(UnaryOperator<TableDescription> change) {
    created = change.apply(created);
  }

  /** Checks the index key attributes of an item about to be written, for every index. */
  void checkIndexKeys(Map<String, AttributeValue> item) {
    for (SecondaryIndex index : indexes) {
      index.check(item);
    }
  }

  /**
   * The storage mutations that replace the item {@code old} under {@code key} with {@code item}
   * (null to delete), in the table and in every index.
   */
  List<Storage.Mutation> mutations(
      byte[] key, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    List<Storage.Mutation> mutations = new ArrayList<>(1 + 2 * indexes.size());
    mutations.add(
        item == null
            ? Storage.Mutation.delete(keyspace(), key)
            : Storage.Mutation.put(keyspace(), key, ItemCodec.encode(item)));
    for (SecondaryIndex index : indexes) {
      SecondaryIndex.Entry before = index.entryOf(old);
      SecondaryIndex.Entry after = index.entryOf(item);
      if (before != null
          && (after == null || !java.util.Arrays.equals(before.key(), after.key()))) {
        mutations.add(Storage.Mutation.delete(index.keyspace(), before.key()));
      }
      if (after != null) {
        mutations.add(
            Storage.Mutation.put(
                index.keyspace(), after.key(), ItemCodec.encode(after.projected())));
      }
    }
    return mutations;
  }

  /** Records an item replaced: the table's and every index's item count and size. */
  void count(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    itemCount.addAndGet((item == null ? 0 : 1) - (old == null ? 0 : 1));
    long oldBytes = old == null ? 0 : ItemSize.of(old);
    long newBytes = item == null ? 0 : ItemSize.of(item);
    for (SecondaryIndex index : indexes) {
      index.count(index.entryOf(old), index.entryOf(item), oldBytes, newBytes);
    }
    sizeBytes.addAndGet(newBytes - oldBytes);
    if (hasLocalIndexes()) {
      Map<String, AttributeValue> either = item != null ? item : old;
      long change = collectionBytes(item) - collectionBytes(old);
      if (either != null && change != 0) {
        collections
            .computeIfAbsent(collectionKey(either), key -> new AtomicLong())
            .addAndGet(change);
      }
    }
  }

  /** Whether the table has a local secondary index (and so item collections to measure). */
  boolean hasLocalIndexes() {
    for (SecondaryIndex index : indexes) {
      if (!index.global()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ItemCollectionMetrics of the collection of the item (or key) given, as DynamoDB returns
   * them for a table with local secondary indexes: the partition key, and the collection's size as
   * a range of whole gigabytes around it. Null for a table without local indexes.
   */
  ItemCollectionMetrics collectionMetrics(Map<String, AttributeValue> itemOrKey) {
    if (!hasLocalIndexes()) {
      return null;
    }
    String partitionKey = keys.partitionKey().name();
    AtomicLong size = collections.get(collectionKey(itemOrKey));
    double gigabytes = Math.floor((size == null ? 0 : size.get()) / (double) (1L << 30));
    return ItemCollectionMetrics.builder()
        .itemCollectionKey(Map.of(partitionKey, itemOrKey.get(partitionKey)))
        .sizeEstimateRangeGB(gigabytes, gigabytes + 1)
        .build();
  }

  private java.nio.ByteBuffer collectionKey(Map<String, AttributeValue> itemOrKey) {
    return java.nio.ByteBuffer.wrap(
        dev.dynakit.engine.storage.KeyCodec.encode(
            itemOrKey.get(keys.partitionKey().name()), null));
  }

  /** An item's share of its collection: its size and its local index entries' sizes. */
  private long collectionBytes(Map<String, AttributeValue> item) {
    if (item == null) {
      return 0;
    }
    long bytes = ItemSize.of(item);
    for (SecondaryIndex index : indexes) {
      SecondaryIndex.Entry entry = index.global() ? null : index.entryOf(item);
      if (entry != null) {
        bytes += ItemSize.of(entry.projected());
      }
    }
    return bytes;
  }

  /**
   * The write units each index consumes when {@code old} becomes {@code item}, by index name, for
   * the indexes that consume any: global ones if {@code global}, else local ones.
   */
  Map<String, Double> indexWriteUnits(
      Map<String, AttributeValue> old, Map<String, AttributeValue> item, boolean global) {
    Map<String, Double> units = new LinkedHashMap<>();
    for (SecondaryIndex index : indexes) {
      if (index.global() != global) {
        continue;
      }
      long written = index.writeUnits(index.entryOf(old), index.entryOf(item));
      if (written > 0) {
        units.put(index.name(), (double) written);
      }
    }
    return units;
  }
}
