package dev.dynakit.engine.internal;

import dev.dynakit.expression.value.ItemSize;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One stream of one table: its records in the order of their sequence numbers, in memory, kept for
 * 24 hours by the engine's clock. The stream has a single shard, and sequence numbers count from 1,
 * written with 21 digits as DynamoDB writes them.
 */
final class StreamLog {
  /** How long a record is kept. */
  static final Duration RETENTION = Duration.ofHours(24);

  private final String arn;
  private final String label;
  private final String tableName;
  private final List<KeySchemaElement> keySchema;
  private final StreamViewType viewType;
  private final Instant created;
  private final String shardId;
  private final String region;
  private final Deque<Entry> records = new ArrayDeque<>();
  private long next = 1;
  private long trimmedThrough;

  StreamLog(
      String arn,
      String label,
      String tableName,
      List<KeySchemaElement> keySchema,
      StreamViewType viewType,
      String region) {
    this.arn = arn;
    this.label = label;
    this.tableName = tableName;
    this.keySchema = List.copyOf(keySchema);
    this.viewType = viewType;
    this.created = StreamArns.enabled(label);
    this.region = region;
    this.shardId =
        String.format("shardId-%020d-%s", created.toEpochMilli(), RandomIds.uuid().substring(0, 8));
  }

  String arn() {
    return arn;
  }

  String label() {
    return label;
  }

  String tableName() {
    return tableName;
  }

  List<KeySchemaElement> keySchema() {
    return keySchema;
  }

  StreamViewType viewType() {
    return viewType;
  }

  Instant created() {
    return created;
  }

  String shardId() {
    return shardId;
  }

  /** A sequence number as DynamoDB writes it: 21 digits. */
  static String sequenceNumber(long sequence) {
    return String.format("%021d", sequence);
  }

  /**
   * Appends the record of one change of an item ({@code old} null: inserted; {@code item} null:
   * removed); a change that leaves the item as it was appends nothing.
   */
  synchronized void append(
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity,
      Instant now) {
    if (old == null && item == null || old != null && old.equals(item)) {
      return;
    }
    OperationType operation =
        old == null
            ? OperationType.INSERT
            : item == null ? OperationType.REMOVE : OperationType.MODIFY;
    Map<String, AttributeValue> source = item == null ? old : item;
    Map<String, AttributeValue> keys = new LinkedHashMap<>();
    for (KeySchemaElement key : keySchema) {
      keys.put(key.attributeName(), source.get(key.attributeName()));
    }
    boolean newImage =
        item != null
            && (viewType == StreamViewType.NEW_IMAGE
                || viewType == StreamViewType.NEW_AND_OLD_IMAGES);
    boolean oldImage =
        old != null
            && (viewType == StreamViewType.OLD_IMAGE
                || viewType == StreamViewType.NEW_AND_OLD_IMAGES);
    long size =
        ItemSize.of(keys) + (newImage ? ItemSize.of(item) : 0) + (oldImage ? ItemSize.of(old) : 0);
    long sequence = next++;
    StreamRecord.Builder change =
        StreamRecord.builder()
            .approximateCreationDateTime(now.truncatedTo(ChronoUnit.SECONDS))
            .keys(keys)
            .sequenceNumber(sequenceNumber(sequence))
            .sizeBytes(size)
            .streamViewType(viewType);
    if (newImage) {
      change.newImage(item);
    }
    if (oldImage) {
      change.oldImage(old);
    }
    Record record =
        Record.builder()
            .eventID(RandomIds.uuid())
            .eventName(operation)
            .eventVersion("1.1")
            .eventSource("aws:dynamodb")
            .awsRegion(region)
            .dynamodb(change.build())
            .userIdentity(userIdentity)
            .build();
    records.addLast(new Entry(sequence, now, record));
  }

  /** Drops the records older than the retention period at {@code now}. */
  synchronized void trim(Instant now) {
    Instant oldest = now.minus(RETENTION);
    while (!records.isEmpty() && records.peekFirst().appended().isBefore(oldest)) {
      trimmedThrough = records.removeFirst().sequence();
    }
  }

  /** The sequence number of the first record kept (or of the next record, when none is kept). */
  synchronized long first() {
    return trimmedThrough + 1;
  }

  /** The sequence number the next record will have. */
  synchronized long next() {
    return next;
  }

  /** The sequence number of the last record appended, or 0 for none. */
  synchronized long last() {
    return next - 1;
  }

  /**
   * Up to {@code limit} records from sequence number {@code from} on; {@code
   * TrimmedDataAccessException} if the record at {@code from} is no longer kept.
   */
  synchronized List<Record> read(long from, int limit) {
    if (from <= trimmedThrough) {
      throw Errors.trimmedDataAccess(
          "The operation attempted to read past the oldest stream record in a shard");
    }
    List<Record> read = new ArrayList<>();
    for (Entry entry : records) {
      if (read.size() == limit) {
        break;
      }
      if (entry.sequence() >= from) {
        read.add(entry.record());
      }
    }
    return read;
  }

  private record Entry(long sequence, Instant appended, Record record) {}
}
