package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.KeyCodec;
import dev.dynakit.engine.storage.PartitionHash;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.ItemSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A global or local secondary index of a table: its key, what it projects, where its entries are
 * stored, and its counters.
 *
 * <p>An item is in the index when it has every key attribute of the index, each of the declared
 * type (indexes are sparse). Its entry is stored in the index's own keyspace under {@code
 * hash(index partition key) + index key + hash(table key) + table key} in a local index, and {@code
 * index key + hash(table key) + table key} in a global one, where the index key is the encoding of
 * each index key attribute's value in turn (partition key attributes, then sort key attributes, as
 * a global index's multi-attribute key declares them): a local index's partitions in the order
 * DynamoDB Local scans them, a global index's in key order, each partition in index sort-key order,
 * and items with equal index keys in the order of the hash of their table key ({@link #tieBreak}),
 * as DynamoDB Local orders them. The entry's value is the item as the index projects it.
 */
public final class SecondaryIndex {
  private static final int LOCAL_ENTRY_OVERHEAD = 100;

  private final String name;
  private final boolean global;
  private final KeySchema keys;
  private final KeySchema tableKeys;
  private final ProjectionType projection;
  private final Set<String> nonKeyAttributes;
  private final String keyspace;
  private final AtomicLong itemCount = new AtomicLong();
  private final AtomicLong sizeBytes = new AtomicLong();

  /**
   * @param name the index's name
   * @param global whether it is a global secondary index (else local)
   * @param keys the index's key
   * @param tableKeys the key of its table
   * @param projection KEYS_ONLY, INCLUDE or ALL
   * @param nonKeyAttributes the attributes an INCLUDE projection adds (empty otherwise)
   * @param keyspace the storage keyspace of its entries
   */
  public SecondaryIndex(
      String name,
      boolean global,
      KeySchema keys,
      KeySchema tableKeys,
      ProjectionType projection,
      List<String> nonKeyAttributes,
      String keyspace) {
    this.name = name;
    this.global = global;
    this.keys = keys;
    this.tableKeys = tableKeys;
    this.projection = projection;
    this.nonKeyAttributes =
        projection == ProjectionType.INCLUDE ? Set.copyOf(nonKeyAttributes) : Set.of();
    this.keyspace = keyspace;
  }

  public String name() {
    return name;
  }

  public boolean global() {
    return global;
  }

  /** The index's own key. */
  public KeySchema keys() {
    return keys;
  }

  public ProjectionType projection() {
    return projection;
  }

  public String keyspace() {
    return keyspace;
  }

  /** The key attributes of the index and of its table, index key first. */
  public Set<String> keyAttributes() {
    Set<String> names = new LinkedHashSet<>();
    keys.attributes().forEach(attribute -> names.add(attribute.name()));
    names.add(tableKeys.partitionKey().name());
    tableKeys.sortKey().ifPresent(sort -> names.add(sort.name()));
    return names;
  }

  /** Whether the index holds the (top-level) attribute of that name in its entries. */
  public boolean projects(String attribute) {
    return projection == ProjectionType.ALL
        || nonKeyAttributes.contains(attribute)
        || keyAttributes().contains(attribute);
  }

  /**
   * Checks the index key attributes an item being written has: each of the type the index declares,
   * and no empty string or binary, with DynamoDB's messages.
   */
  void check(Map<String, AttributeValue> item, boolean updated) {
    for (KeySchema.Attribute attribute : keys.attributes()) {
      AttributeValue value = item.get(attribute.name());
      if (value == null) {
        continue;
      }
      if (updated && (isEmptyString(value) || isEmptyBinary(value))) {
        throw Errors.validation(
            "One or more parameter values are not valid. The update expression attempted to update"
                + " a secondary index key to a value that is not supported. The AttributeValue for"
                + " a key attribute cannot contain an empty "
                + (value.s() != null ? "string" : "binary")
                + " value.");
      }
      if (!value.type().toString().equals(attribute.type().toString())) {
        throw Errors.validation(
            "One or more parameter values were invalid: Type mismatch for Index Key");
      }
      boolean empty = Items.isEmpty(attribute, value);
      if (empty) {
        throw Errors.validation(
            "One or more parameter values are not valid. A value specified for a secondary index"
                + " key is not supported. The AttributeValue for a key attribute cannot contain an"
                + " empty "
                + (attribute.type() == ScalarAttributeType.S ? "string" : "binary")
                + " value. IndexName: "
                + name
                + ", IndexKey: "
                + attribute.name());
      }
    }
  }

  private static boolean isEmptyString(AttributeValue value) {
    return value.s() != null && value.s().isEmpty();
  }

  private static boolean isEmptyBinary(AttributeValue value) {
    return value.b() != null && value.b().asByteArrayUnsafe().length == 0;
  }

  /** The item's entry in this index, or null when it lacks one of the index's key attributes. */
  Entry entryOf(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    for (KeySchema.Attribute attribute : keys.attributes()) {
      if (!indexable(item.get(attribute.name()), attribute)) {
        return null;
      }
    }
    return new Entry(position(item), project(item));
  }

  /** Whether a value can be an index key of that attribute (an item lacking it is not indexed). */
  private static boolean indexable(AttributeValue value, KeySchema.Attribute attribute) {
    return value != null
        && value.type().toString().equals(attribute.type().toString())
        && !Items.isEmpty(attribute, value);
  }

  /**
   * The storage position of the entry of an item, or of a start key: the index key attributes'
   * values, then the table key's, all taken from {@code key} (which may hold more attributes).
   */
  byte[] position(Map<String, AttributeValue> key) {
    List<AttributeValue> indexValues = new ArrayList<>();
    keys.attributes().forEach(attribute -> indexValues.add(key.get(attribute.name())));
    AttributeValue tablePartition = key.get(tableKeys.partitionKey().name());
    AttributeValue tableSort = tableKeys.sortKey().map(s -> key.get(s.name())).orElse(null);
    byte[] prefix = global ? new byte[0] : PartitionHash.prefix(indexValues.get(0));
    byte[] indexKey = KeyCodec.encodeAll(indexValues);
    byte[] tie = tieBreak(tablePartition, tableSort);
    byte[] tableKeyBytes = KeyCodec.encode(tablePartition, tableSort);
    byte[] joined = new byte[prefix.length + indexKey.length + tie.length + tableKeyBytes.length];
    int at = 0;
    for (byte[] part : new byte[][] {prefix, indexKey, tie, tableKeyBytes}) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }

  /**
   * The order of items with equal index keys, as DynamoDB Local orders them: in a local index, by
   * the hash of the table's sort key; in a global one, by the hash of the table's key attributes
   * that are not index key attributes (of both, the hash of their hashes), since ties differ in
   * those alone.
   */
  private byte[] tieBreak(AttributeValue partition, AttributeValue sortOrNull) {
    if (!global) {
      return PartitionHash.prefix(sortOrNull);
    }
    boolean partitionInIndex = keys.attribute(tableKeys.partitionKey().name()).isPresent();
    boolean sortInIndex =
        sortOrNull == null || keys.attribute(tableKeys.sortKey().get().name()).isPresent();
    if (partitionInIndex) {
      return sortInIndex ? new byte[0] : PartitionHash.prefix(sortOrNull);
    }
    return sortInIndex
        ? PartitionHash.prefix(partition)
        : PartitionHash.combine(PartitionHash.prefix(partition), PartitionHash.prefix(sortOrNull));
  }

  /** The item as this index projects it. */
  Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
    if (projection == ProjectionType.ALL) {
      return item;
    }
    Map<String, AttributeValue> projected = new LinkedHashMap<>();
    item.forEach(
        (attribute, value) -> {
          if (projects(attribute)) {
            projected.put(attribute, value);
          }
        });
    return projected;
  }

  /** The index's item count, as DescribeTable reports it. */
  public long itemCount() {
    return itemCount.get();
  }

  /** The size of the index's entries in bytes, as DescribeTable reports it. */
  public long sizeBytes() {
    return sizeBytes.get();
  }

  /** Sets the counters to what a reopened storage holds. */
  void restore(long items, long bytes) {
    itemCount.set(items);
    sizeBytes.set(bytes);
  }

  /**
   * Records the change of one item from {@code old} to {@code now} (either null when absent). As in
   * DynamoDB Local, an index's size is that of the whole items it holds, whatever it projects.
   */
  void count(Entry old, Entry now, long oldItemBytes, long newItemBytes) {
    itemCount.addAndGet((now == null ? 0 : 1) - (old == null ? 0 : 1));
    sizeBytes.addAndGet((now == null ? 0 : newItemBytes) - (old == null ? 0 : oldItemBytes));
  }

  /**
   * The write units of changing an item's entry from {@code old} to {@code now}: nothing when the
   * entry does not change, one write of the entry's size when only its projected attributes change,
   * and a delete plus a put when its key does.
   */
  long writeUnits(Entry old, Entry now) {
    if (old == null && now == null) {
      return 0;
    }
    if (old == null) {
      return units(now);
    }
    if (now == null) {
      return units(old);
    }
    if (java.util.Arrays.equals(old.key(), now.key())) {
      return AttributeValues.equal(
              AttributeValue.fromM(old.projected()), AttributeValue.fromM(now.projected()))
          ? 0
          : Math.max(units(old), units(now));
    }
    return units(old) + units(now);
  }

  /** A local index's entry counts 100 bytes more than what it projects, as in DynamoDB Local. */
  private long units(Entry entry) {
    long size = ItemSize.of(entry.projected()) + (global ? 0 : LOCAL_ENTRY_OVERHEAD);
    return Math.max(1, (size + 1023) / 1024);
  }

  /**
   * An item's entry in an index.
   *
   * @param key its storage key
   * @param projected the item as the index projects it
   */
  record Entry(byte[] key, Map<String, AttributeValue> projected) {}
}
