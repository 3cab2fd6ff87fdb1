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
   * One item replaced: the item before and after (null when absent) and, for each index the table
   * had then, the item's entry before and after. Worked out once per write, it serves the storage
   * mutations, the counters and the consumed capacity.
   */
  static final class Change {
    private final byte[] key;
    private final Map<String, AttributeValue> old;
    private final Map<String, AttributeValue> item;
    private final List<SecondaryIndex> indexes;
    private final SecondaryIndex.Entry[] before;
    private final SecondaryIndex.Entry[] after;

    private Change(
        byte[] key,
        Map<String, AttributeValue> old,
        Map<String, AttributeValue> item,
        List<SecondaryIndex> indexes) {
      this.key = key;
      this.old = old;
      this.item = item;
      this.indexes = indexes;
      before = new SecondaryIndex.Entry[indexes.size()];
      after = new SecondaryIndex.Entry[indexes.size()];
      for (int i = 0; i < indexes.size(); i++) {
        before[i] = indexes.get(i).entryOf(old);
        after[i] = indexes.get(i).entryOf(item);
      }
    }
  }

  /** The change of replacing {@code old} under {@code key} with {@code item} (null to delete). */
  Change change(byte[] key, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    return new Change(key, old, item, indexes);
  }

  /** The storage mutations of a change, in the table and in every index. */
  List<Storage.Mutation> mutations(Change change) {
    List<Storage.Mutation> mutations = new ArrayList<>(1 + 2 * change.indexes.size());
    mutations.add(
        change.item == null
            ? Storage.Mutation.delete(keyspace(), change.key)
            : Storage.Mutation.put(keyspace(), change.key, ItemCodec.encode(change.item)));
    for (int i = 0; i < change.indexes.size(); i++) {
      String keyspace = change.indexes.get(i).keyspace();
      SecondaryIndex.Entry before = change.before[i];
      SecondaryIndex.Entry after = change.after[i];
      if (before != null
          && (after == null || !java.util.Arrays.equals(before.key(), after.key()))) {
        mutations.add(Storage.Mutation.delete(keyspace, before.key()));
      }
      if (after != null) {
        mutations.add(
            Storage.Mutation.put(keyspace, after.key(), ItemCodec.encode(after.projected())));
      }
    }
    return mutations;
  }

  /** Records a change: the table's and every index's item count and size. */
  void count(Change change) {
    Map<String, AttributeValue> old = change.old;
    Map<String, AttributeValue> item = change.item;
    itemCount.addAndGet((item == null ? 0 : 1) - (old == null ? 0 : 1));
    long oldBytes = old == null ? 0 : ItemSize.of(old);
    long newBytes = item == null ? 0 : ItemSize.of(item);
    for (int i = 0; i < change.indexes.size(); i++) {
      change.indexes.get(i).count(change.before[i], change.after[i], oldBytes, newBytes);
    }
    sizeBytes.addAndGet(newBytes - oldBytes);
    Map<String, AttributeValue> either = item != null ? item : old;
    if (either != null && hasLocalIndexes()) {
      long grown =
          collectionBytes(newBytes, change.indexes, change.after)
              - collectionBytes(oldBytes, change.indexes, change.before);
      if (grown != 0) {
        collections
            .computeIfAbsent(collectionKey(either), key -> new AtomicLong())
            .addAndGet(grown);
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
  private static long collectionBytes(
      long itemBytes, List<SecondaryIndex> indexes, SecondaryIndex.Entry[] entries) {
    long bytes = itemBytes;
    for (int i = 0; i < indexes.size(); i++) {
      if (!indexes.get(i).global() && entries[i] != null) {
        bytes += ItemSize.of(entries[i].projected());
      }
    }
    return bytes;
  }

  /**
   * The write units each index consumes in a change, by index name, for the indexes that consume
   * any: global ones if {@code global}, else local ones.
   */
  Map<String, Double> indexWriteUnits(Change change, boolean global) {
    Map<String, Double> units = new LinkedHashMap<>();
    for (int i = 0; i < change.indexes.size(); i++) {
      SecondaryIndex index = change.indexes.get(i);
      if (index.global() != global) {
        continue;
      }
      long written = index.writeUnits(change.before[i], change.after[i]);
      if (written > 0) {
        units.put(index.name(), (double) written);
      }
    }
    return units;
  }
}
