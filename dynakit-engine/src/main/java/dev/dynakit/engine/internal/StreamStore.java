package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.engine.storage.StorageException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Where a durable engine keeps one stream: a keyspace {@code stream/<stream ARN>} holding
 *
 * <ul>
 *   <li>{@code m}: the stream itself (ARN, label, table, key schema, view type, when disabled);
 *   <li>{@code s} followed by the first sequence number and the opening time (eight bytes each,
 *       big-endian): one shard (id, parent, opened, closed, the last sequence number trimmed);
 *   <li>{@code r} followed by the sequence number (eight bytes, big-endian): one record (when it
 *       was appended, the item before and after, who made the change).
 * </ul>
 *
 * <p>Values are items as {@link ItemCodec} writes them. A record is written in the storage batch
 * that writes its item change, so that after a crash the stream holds a record for exactly the
 * changes the table holds.
 */
final class StreamStore {
  static final String PREFIX = "stream/";
  private static final byte[] META = {'m'};
  private static final byte SHARD = 's';
  private static final byte RECORD = 'r';

  private final Storage storage;
  private final String keyspace;

  StreamStore(Storage storage, String arn) {
    this.storage = storage;
    this.keyspace = PREFIX + arn;
  }

  Storage storage() {
    return storage;
  }

  /** The mutations that create the stream's keyspace and describe the stream. */
  List<Storage.Mutation> create(StreamLog log) {
    List<Storage.Mutation> batch = new ArrayList<>();
    batch.add(Storage.Mutation.createKeyspace(keyspace));
    batch.add(meta(log, null));
    return batch;
  }

  /** The mutation that describes the stream, disabled at {@code disabled} (null: enabled). */
  Storage.Mutation meta(StreamLog log, Instant disabled) {
    Map<String, AttributeValue> meta = new LinkedHashMap<>();
    meta.put("arn", AttributeValue.fromS(log.arn()));
    meta.put("label", AttributeValue.fromS(log.label()));
    meta.put("table", AttributeValue.fromS(log.tableName()));
    List<AttributeValue> keys = new ArrayList<>();
    for (KeySchemaElement key : log.keySchema()) {
      keys.add(
          AttributeValue.fromM(
              Map.of(
                  "name", AttributeValue.fromS(key.attributeName()),
                  "type", AttributeValue.fromS(key.keyTypeAsString()))));
    }
    meta.put("keys", AttributeValue.fromL(keys));
    meta.put("view", AttributeValue.fromS(log.viewType().toString()));
    if (disabled != null) {
      meta.put("disabled", AttributeValue.fromS(disabled.toString()));
    }
    return Storage.Mutation.put(keyspace, META, ItemCodec.encode(meta));
  }

  /** The mutation that stores a shard as it is now. */
  Storage.Mutation shard(StreamShard shard) {
    Map<String, AttributeValue> stored = new LinkedHashMap<>();
    stored.put("id", AttributeValue.fromS(shard.id()));
    if (shard.parentId() != null) {
      stored.put("parent", AttributeValue.fromS(shard.parentId()));
    }
    stored.put("opened", AttributeValue.fromS(shard.opened().toString()));
    if (shard.closed() != null) {
      stored.put("closed", AttributeValue.fromS(shard.closed().toString()));
    }
    stored.put("first", AttributeValue.fromN(Long.toString(shard.firstSequence())));
    stored.put("trimmed", AttributeValue.fromN(Long.toString(shard.start() - 1)));
    return Storage.Mutation.put(keyspace, shardKey(shard), ItemCodec.encode(stored));
  }

  /** The mutation that forgets a shard. */
  Storage.Mutation forget(StreamShard shard) {
    return Storage.Mutation.delete(keyspace, shardKey(shard));
  }

  /** The mutation that stores a record. */
  Storage.Mutation record(StreamChange change) {
    Map<String, AttributeValue> stored = new LinkedHashMap<>();
    stored.put("at", AttributeValue.fromS(change.appended().toString()));
    if (change.old() != null) {
      stored.put("old", AttributeValue.fromM(change.old()));
    }
    if (change.item() != null) {
      stored.put("new", AttributeValue.fromM(change.item()));
    }
    Identity identity = change.userIdentity();
    if (identity != null) {
      stored.put(
          "by",
          AttributeValue.fromM(
              Map.of(
                  "type", AttributeValue.fromS(identity.type()),
                  "principal", AttributeValue.fromS(identity.principalId()))));
    }
    return Storage.Mutation.put(keyspace, recordKey(change.sequence()), ItemCodec.encode(stored));
  }

  /** The mutation that deletes the record of that sequence number. */
  Storage.Mutation trim(long sequence) {
    return Storage.Mutation.delete(keyspace, recordKey(sequence));
  }

  /** The mutation that drops the stream and everything kept of it. */
  Storage.Mutation drop() {
    return Storage.Mutation.dropKeyspace(keyspace);
  }

  /** Every stream a storage keeps, as it was last written. */
  static List<StreamLog> load(Storage storage, String region, Clock clock) {
    List<StreamLog> logs = new ArrayList<>();
    for (String name : storage.keyspaces()) {
      if (name.startsWith(PREFIX)) {
        logs.add(load(storage, name.substring(PREFIX.length()), region, clock));
      }
    }
    return logs;
  }

  private static StreamLog load(Storage storage, String arn, String region, Clock clock) {
    StreamStore store = new StreamStore(storage, arn);
    Storage.Keyspace stored = storage.keyspace(store.keyspace);
    Map<String, AttributeValue> meta =
        stored
            .get(META)
            .map(ItemCodec::decode)
            .orElseThrow(() -> damaged(arn, "it has no description"));
    List<KeySchemaElement> keys = new ArrayList<>();
    for (AttributeValue key : meta.get("keys").l()) {
      keys.add(
          KeySchemaElement.builder()
              .attributeName(key.m().get("name").s())
              .keyType(key.m().get("type").s())
              .build());
    }
    List<StreamShard> shards = new ArrayList<>();
    try (var entries = stored.scan(new byte[] {SHARD}, new byte[] {SHARD + 1}, false)) {
      entries.forEach(
          entry -> {
            Map<String, AttributeValue> shard = ItemCodec.decode(entry.value());
            shards.add(
                new StreamShard(
                    shard.get("id").s(),
                    shard.containsKey("parent") ? shard.get("parent").s() : null,
                    Instant.parse(shard.get("opened").s()),
                    Long.parseLong(shard.get("first").n()),
                    Long.parseLong(shard.get("trimmed").n()),
                    shard.containsKey("closed") ? Instant.parse(shard.get("closed").s()) : null));
          });
    }
    if (shards.isEmpty()) {
      throw damaged(arn, "it has no shard");
    }
    try (var entries = stored.scan(new byte[] {RECORD}, new byte[] {RECORD + 1}, false)) {
      entries.forEach(
          entry -> {
            long sequence = ByteBuffer.wrap(entry.key(), 1, Long.BYTES).getLong();
            Map<String, AttributeValue> record = ItemCodec.decode(entry.value());
            StreamChange change =
                new StreamChange(
                    sequence,
                    Instant.parse(record.get("at").s()),
                    record.containsKey("old") ? record.get("old").m() : null,
                    record.containsKey("new") ? record.get("new").m() : null,
                    record.containsKey("by")
                        ? Identity.builder()
                            .type(record.get("by").m().get("type").s())
                            .principalId(record.get("by").m().get("principal").s())
                            .build()
                        : null);
            StreamShard shard = shardOf(shards, sequence);
            if (shard == null || sequence != shard.last() + 1) {
              throw damaged(arn, "record " + sequence + " does not follow its shard's last");
            }
            shard.append(change);
          });
    }
    return new StreamLog(
        store,
        arn,
        meta.get("label").s(),
        meta.get("table").s(),
        keys,
        StreamViewType.fromValue(meta.get("view").s()),
        region,
        clock,
        shards,
        meta.containsKey("disabled") ? Instant.parse(meta.get("disabled").s()) : null);
  }

  /** The shard a sequence number belongs to: the last opened whose first number is not after it. */
  private static StreamShard shardOf(List<StreamShard> shards, long sequence) {
    StreamShard found = null;
    for (StreamShard shard : shards) {
      if (shard.firstSequence() <= sequence) {
        found = shard;
      }
    }
    return found;
  }

  private static StorageException damaged(String arn, String what) {
    return new StorageException("The stream " + arn + " in the storage is damaged: " + what);
  }

  private byte[] shardKey(StreamShard shard) {
    return ByteBuffer.allocate(1 + 2 * Long.BYTES)
        .put(SHARD)
        .putLong(shard.firstSequence())
        .putLong(shard.opened().toEpochMilli())
        .array();
  }

  private static byte[] recordKey(long sequence) {
    return ByteBuffer.allocate(1 + Long.BYTES).put(RECORD).putLong(sequence).array();
  }
}
