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
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
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

  /** The indexes in the order writes check their key attributes ({@link #checkIndexKeys}). */
  private volatile List<SecondaryIndex> checkOrder;

  private final AtomicLong itemCount = new AtomicLong();
  private final AtomicLong sizeBytes = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private Map<String, String> tags = Map.of();
  private String timeToLive;

  /** Resource-based policies, by part: {@code ""} for the table, {@code stream/<label>}. */
  private Map<String, GetResourcePolicyResponse> policies = Map.of();

  /** Contributor insights, by part: {@code ""} for the table, an index's name for the index. */
  private Map<String, DescribeContributorInsightsResponse> insights = Map.of();

  private final Storage storage;
  private boolean deleted;
  private volatile RecoveryLog recovery;
  private volatile KeyCounts counts;
  private volatile java.util.function.BiConsumer<byte[], Map<String, AttributeValue>> replication;
  private volatile List<KinesisDestinations.Sink> kinesis = List.of();
  // Snapshots being read (backups): each write tells them what it replaces.
  private final java.util.Set<TableSnapshot> snapshots =
      new java.util.concurrent.CopyOnWriteArraySet<>();

  Table(TableDescription created, KeySchema keys, List<SecondaryIndex> indexes, Storage storage) {
    this.created = created;
    this.keys = keys;
    setIndexes(indexes);
    this.storage = storage;
  }

  /**
   * A table with these tags; {@code stored}: as a reopened storage holds it, its counters read back
   * (only counters, never items).
   */
  static Table restore(
      TableDescription created,
      KeySchema keys,
      List<SecondaryIndex> indexes,
      Map<String, String> tags,
      Storage storage,
      boolean stored) {
    Table table = new Table(created, keys, indexes, storage);
    table.tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (!stored) {
      return table;
    }
    Storage.Keyspace counters = storage.keyspace(table.countersKeyspace());
    table.itemCount.set(Catalog.counter(counters, Catalog.ITEMS));
    table.sizeBytes.set(Catalog.counter(counters, Catalog.BYTES));
    for (SecondaryIndex index : indexes) {
      index.restore(
          Catalog.counter(counters, Catalog.indexItems(index.name())),
          Catalog.counter(counters, Catalog.indexBytes(index.name())));
    }
    return table;
  }

  /** The table's description as stored: as created and changed since, without counts. */
  TableDescription created() {
    return created;
  }

  /** The storage keyspace of this table's counters. */
  String countersKeyspace() {
    return Catalog.counters(created.tableId());
  }

  /** The storage keyspace of this table's item collection sizes. */
  String collectionsKeyspace() {
    return Catalog.collections(created.tableId());
  }

  /** Every keyspace the table's data is in: items, indexes, counters, collections. */
  List<String> keyspaces() {
    List<String> all = new ArrayList<>();
    all.add(keyspace());
    indexes.forEach(index -> all.add(index.keyspace()));
    all.add(countersKeyspace());
    if (hasLocalIndexes()) {
      all.add(collectionsKeyspace());
    }
    return all;
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
    setIndexes(more);
  }

  /**
   * The batch that creates a new index's keyspace and fills it with the entries of the items the
   * table holds now (UpdateTable's backfill), with the index's counters; counts them in the index
   * too, which is not the table's until {@link #addIndex}. The caller holds every item lock, so no
   * write runs meanwhile.
   */
  List<Storage.Mutation> backfill(SecondaryIndex index) {
    List<Storage.Mutation> entries = new ArrayList<>();
    entries.add(Storage.Mutation.createKeyspace(index.keyspace()));
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
    entries.add(
        Storage.Mutation.add(
            countersKeyspace(), Catalog.indexItems(index.name()), index.itemCount()));
    entries.add(
        Storage.Mutation.add(
            countersKeyspace(), Catalog.indexBytes(index.name()), index.sizeBytes()));
    return entries;
  }

  /** The batch that drops an index's keyspace, counters and contributor insights. */
  List<Storage.Mutation> drop(SecondaryIndex index) {
    List<Storage.Mutation> batch = new ArrayList<>();
    batch.add(Storage.Mutation.dropKeyspace(index.keyspace()));
    batch.add(Storage.Mutation.delete(countersKeyspace(), Catalog.indexItems(index.name())));
    batch.add(Storage.Mutation.delete(countersKeyspace(), Catalog.indexBytes(index.name())));
    if (storage.persistent()) {
      batch.add(Storage.Mutation.delete(Catalog.INSIGHTS, partKey(index.name())));
    }
    return batch;
  }

  /** Removes an index (UpdateTable) and its contributor insights; the caller drops its keyspace. */
  synchronized void removeIndex(String name) {
    setIndexes(indexes.stream().filter(index -> !index.name().equals(name)).toList());
    Map<String, DescribeContributorInsightsResponse> kept = new LinkedHashMap<>(insights);
    kept.remove(name);
    insights = java.util.Collections.unmodifiableMap(kept);
  }

  /**
   * The table's indexes from now on, and the order DynamoDB Local checks them in: the local
   * indexes, then the global ones in the order of a hash map keyed by their names.
   */
  private void setIndexes(List<SecondaryIndex> all) {
    List<SecondaryIndex> order = new ArrayList<>();
    all.stream().filter(index -> !index.global()).forEach(order::add);
    order.addAll(
        IndexDefinitions.inHashOrder(
            all.stream().filter(SecondaryIndex::global).toList(), SecondaryIndex::name));
    checkOrder = List.copyOf(order);
    indexes = List.copyOf(all);
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

  /** Replaces the table's tags with what {@code change} makes of them, stored first. */
  synchronized void tag(UnaryOperator<Map<String, String>> change) {
    ensureNotDeleted();
    Map<String, String> next =
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(tags)));
    if (storage.persistent()) {
      storage.write(List.of(Catalog.tags(name(), next)));
    }
    tags = next;
  }

  /** The attribute of the table's time to live, or null while time to live is disabled. */
  synchronized String timeToLive() {
    return timeToLive;
  }

  /**
   * Sets the table's time to live to what {@code change} makes of the attribute now (null:
   * disabled), stored first; {@code change} may refuse it by throwing.
   */
  synchronized void changeTimeToLive(UnaryOperator<String> change) {
    ensureNotDeleted();
    String next = change.apply(timeToLive);
    if (storage.persistent()) {
      storage.write(List.of(Catalog.timeToLive(name(), next)));
    }
    timeToLive = next;
  }

  /** The time to live a reopened storage holds for the table. */
  synchronized void restoreTimeToLive(String attribute) {
    timeToLive = attribute;
  }

  /** The resource-based policy of a part of the table ({@code ""}: the table), or null. */
  synchronized GetResourcePolicyResponse policy(String part) {
    return policies.get(part);
  }

  /**
   * Replaces the policy of a part of the table with what {@code change} makes of it (null: none;
   * the same: unchanged), stored first; {@code change} may refuse it by throwing.
   */
  synchronized void changePolicy(String part, UnaryOperator<GetResourcePolicyResponse> change) {
    ensureNotDeleted();
    GetResourcePolicyResponse current = policies.get(part);
    GetResourcePolicyResponse next = change.apply(current);
    if (next == current) {
      return;
    }
    if (storage.persistent()) {
      storage.write(List.of(Catalog.policy(name(), part, next)));
    }
    restorePolicy(part, next);
  }

  /** Holds the policy of a part of the table (null: none) without storing it. */
  synchronized void restorePolicy(String part, GetResourcePolicyResponse policy) {
    Map<String, GetResourcePolicyResponse> next = new LinkedHashMap<>(policies);
    if (policy == null) {
      next.remove(part);
    } else {
      next.put(part, policy);
    }
    policies = java.util.Collections.unmodifiableMap(next);
  }

  /** The contributor insights of the table ({@code ""}) or an index, or null if never changed. */
  synchronized DescribeContributorInsightsResponse insights(String part) {
    return insights.get(part);
  }

  /**
   * Replaces the contributor insights of the table or an index with what {@code change} makes of
   * them (the same: unchanged), stored first.
   */
  synchronized void changeInsights(
      String part, UnaryOperator<DescribeContributorInsightsResponse> change) {
    ensureNotDeleted();
    DescribeContributorInsightsResponse current = insights.get(part);
    DescribeContributorInsightsResponse next = change.apply(current);
    if (next == current) {
      return;
    }
    if (storage.persistent()) {
      storage.write(List.of(Catalog.insights(name(), part, next)));
    }
    restoreInsights(part, next);
  }

  /** Holds the contributor insights of the table or an index without storing them. */
  synchronized void restoreInsights(String part, DescribeContributorInsightsResponse value) {
    Map<String, DescribeContributorInsightsResponse> next = new LinkedHashMap<>(insights);
    next.put(part, value);
    insights = java.util.Collections.unmodifiableMap(next);
    if (part.isEmpty()) {
      boolean enabled =
          value != null
              && value.contributorInsightsStatus()
                  == software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus
                      .ENABLED;
      // Counting starts afresh each time insights are enabled, and stops when they are not.
      counts = enabled ? (counts != null ? counts : new KeyCounts()) : null;
    }
  }

  /**
   * The accesses counted while the table's contributor insights are enabled, or null when they are
   * not.
   */
  KeyCounts counts() {
    return counts;
  }

  /** Counts one throttled request for the item of {@code itemOrKey}, if insights are enabled. */
  void countThrottle(Map<String, AttributeValue> itemOrKey) {
    KeyCounts current = counts;
    if (current == null || itemOrKey == null) {
      return;
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (KeySchema.Attribute attribute : keys.attributes()) {
      AttributeValue value = itemOrKey.get(attribute.name());
      if (value == null) {
        return;
      }
      key.put(attribute.name(), value);
    }
    current.throttled(key);
  }

  /** Counts one access of the item of {@code itemOrKey} if contributor insights are enabled. */
  void countAccess(Map<String, AttributeValue> itemOrKey) {
    KeyCounts current = counts;
    if (current == null || itemOrKey == null) {
      return;
    }
    Map<String, AttributeValue> partition = new LinkedHashMap<>();
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (KeySchema.Attribute attribute : keys.partitionKeys()) {
      AttributeValue value = itemOrKey.get(attribute.name());
      if (value == null) {
        return;
      }
      partition.put(attribute.name(), value);
      key.put(attribute.name(), value);
    }
    for (KeySchema.Attribute attribute : keys.sortKeys()) {
      AttributeValue value = itemOrKey.get(attribute.name());
      if (value == null) {
        return;
      }
      key.put(attribute.name(), value);
    }
    current.count(partition, key);
  }

  /** The mutations that forget the table's policies and contributor insights in the catalog. */
  synchronized List<Storage.Mutation> forgetParts() {
    List<Storage.Mutation> forget = new ArrayList<>();
    policies
        .keySet()
        .forEach(part -> forget.add(Storage.Mutation.delete(Catalog.POLICIES, partKey(part))));
    insights
        .keySet()
        .forEach(part -> forget.add(Storage.Mutation.delete(Catalog.INSIGHTS, partKey(part))));
    return forget;
  }

  private byte[] partKey(String part) {
    return Catalog.partKey(name(), part);
  }

  /**
   * Changes the table's settings (UpdateTable): stores the new description, with {@code more} (an
   * index's creation or drop), in one batch, then holds it.
   */
  synchronized void update(UnaryOperator<TableDescription> change, List<Storage.Mutation> more) {
    ensureNotDeleted();
    TableDescription next = change.apply(created);
    List<Storage.Mutation> batch = new ArrayList<>(more);
    if (storage.persistent()) {
      batch.add(Catalog.description(next));
    }
    storage.write(batch);
    created = next;
  }

  /**
   * Runs the deletion of the table ({@code deletion} stores it), after which its settings and tags
   * no longer change: a change that comes later finds no table rather than storing it again.
   */
  synchronized void delete(Runnable deletion) {
    deletion.run();
    deleted = true;
  }

  private void ensureNotDeleted() {
    if (deleted) {
      throw Errors.tableNotFound();
    }
  }

  /**
   * Checks the index key attributes of an item about to be written, for every index, in the order
   * DynamoDB Local checks them ({@link #setIndexes}), so that an item wrong for two indexes is
   * refused naming the same one.
   */
  void checkIndexKeys(Map<String, AttributeValue> item) {
    checkIndexKeys(item, false);
  }

  /**
   * As {@link #checkIndexKeys(Map)}, for the item an update expression made: an empty string or
   * binary value of an index key attribute is refused first, whatever its type, with DynamoDB's
   * words for an update.
   */
  void checkUpdatedIndexKeys(Map<String, AttributeValue> item) {
    checkIndexKeys(item, true);
  }

  private void checkIndexKeys(Map<String, AttributeValue> item, boolean updated) {
    for (SecondaryIndex index : checkOrder) {
      index.check(item, updated);
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
    private final long oldBytes;
    private final long newBytes;

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
      oldBytes = old == null ? 0 : ItemSize.of(old);
      newBytes = item == null ? 0 : ItemSize.of(item);
    }
  }

  /** The change of replacing {@code old} under {@code key} with {@code item} (null to delete). */
  Change change(byte[] key, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    for (TableSnapshot snapshot : snapshots) {
      snapshot.beforeWrite(key, old);
    }
    RecoveryLog log = recovery;
    if (log != null) {
      log.beforeWrite(key, old);
    }
    return new Change(key, old, item, indexes);
  }

  /** From now on, tells {@code snapshot} what each write replaces (the caller holds every lock). */
  void watch(TableSnapshot snapshot) {
    snapshots.add(snapshot);
  }

  /** The sinks of the table's active Kinesis destinations (empty for none). */
  List<KinesisDestinations.Sink> kinesis() {
    return kinesis;
  }

  /** Sets the sinks of the table's active Kinesis destinations. */
  void kinesis(List<KinesisDestinations.Sink> sinks) {
    kinesis = sinks;
  }

  /** Tells the table's other replicas, if it has any, of a write of {@code key}. */
  void replicate(byte[] key, Map<String, AttributeValue> item) {
    java.util.function.BiConsumer<byte[], Map<String, AttributeValue>> hook = replication;
    if (hook != null) {
      hook.accept(key, item);
    }
  }

  /** Sets what the table tells its other replicas of each write (null: it has none). */
  void replication(java.util.function.BiConsumer<byte[], Map<String, AttributeValue>> hook) {
    replication = hook;
  }

  /** The table's point-in-time recovery log, or null when recovery is disabled. */
  RecoveryLog recovery() {
    return recovery;
  }

  /** Enables point-in-time recovery with {@code log}, or disables it (null). */
  void recovery(RecoveryLog log) {
    recovery = log;
  }

  /** Stops telling {@code snapshot}. */
  void unwatch(TableSnapshot snapshot) {
    snapshots.remove(snapshot);
  }

  /**
   * The storage mutations of a change: in the table and in every index, and the additions to the
   * counters {@link #count} keeps in memory (so that a reopened storage has them right).
   */
  List<Storage.Mutation> mutations(Change change) {
    List<Storage.Mutation> mutations = new ArrayList<>(3 + 4 * change.indexes.size());
    mutations.add(
        change.item == null
            ? Storage.Mutation.delete(keyspace(), change.key)
            : Storage.Mutation.put(keyspace(), change.key, ItemCodec.encode(change.item)));
    // In memory, the counters count() keeps are all there is: no counter mutations.
    String counters = storage.persistent() ? countersKeyspace() : null;
    for (int i = 0; i < change.indexes.size(); i++) {
      SecondaryIndex index = change.indexes.get(i);
      String keyspace = index.keyspace();
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
      add(mutations, counters, Catalog.indexItems(index.name()), presence(after, before));
      add(
          mutations,
          counters,
          Catalog.indexBytes(index.name()),
          (after == null ? 0 : change.newBytes) - (before == null ? 0 : change.oldBytes));
    }
    add(mutations, counters, Catalog.ITEMS, presence(change.item, change.old));
    add(mutations, counters, Catalog.BYTES, change.newBytes - change.oldBytes);

    Map<String, AttributeValue> either = change.item != null ? change.item : change.old;
    if (either != null && hasLocalIndexes(change.indexes)) {
      add(
          mutations,
          collectionsKeyspace(),
          collectionKey(either),
          collectionBytes(change.newBytes, change.indexes, change.after)
              - collectionBytes(change.oldBytes, change.indexes, change.before));
    }
    return mutations;
  }

  private static void add(
      List<Storage.Mutation> mutations, String keyspace, byte[] key, long amount) {
    if (amount != 0 && keyspace != null) {
      mutations.add(Storage.Mutation.add(keyspace, key, amount));
    }
  }

  /** One when only the first is present, minus one when only the second is, else zero. */
  private static int presence(Object now, Object before) {
    return (now == null ? 0 : 1) - (before == null ? 0 : 1);
  }

  /** Records a change in memory: the table's and every index's item count and size. */
  void count(Change change) {
    itemCount.addAndGet(presence(change.item, change.old));
    for (int i = 0; i < change.indexes.size(); i++) {
      change
          .indexes
          .get(i)
          .count(change.before[i], change.after[i], change.oldBytes, change.newBytes);
    }
    sizeBytes.addAndGet(change.newBytes - change.oldBytes);
    writes.incrementAndGet();
  }

  /** How many item writes the table has counted since the engine opened: one more every write. */
  long writes() {
    return writes.get();
  }

  /** Whether the table has a local secondary index (and so item collections to measure). */
  boolean hasLocalIndexes() {
    return hasLocalIndexes(indexes);
  }

  private static boolean hasLocalIndexes(List<SecondaryIndex> indexes) {
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
    long size = Catalog.counter(storage.keyspace(collectionsKeyspace()), collectionKey(itemOrKey));
    double gigabytes = Math.floor(size / (double) (1L << 30));
    return ItemCollectionMetrics.builder()
        .itemCollectionKey(Map.of(partitionKey, itemOrKey.get(partitionKey)))
        .sizeEstimateRangeGB(gigabytes, gigabytes + 1)
        .build();
  }

  private byte[] collectionKey(Map<String, AttributeValue> itemOrKey) {
    return dev.dynakit.engine.storage.KeyCodec.encode(
        itemOrKey.get(keys.partitionKey().name()), null);
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
