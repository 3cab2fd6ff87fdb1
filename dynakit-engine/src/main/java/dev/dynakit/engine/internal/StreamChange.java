package dev.dynakit.engine.internal;

import dev.dynakit.expression.value.ItemSize;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One change of an item as a stream keeps it: the item before and after, who made it, when, and its
 * sequence number. The SDK {@link Record} a reader gets is built the first time the change is read,
 * not as the write is made, and is the same on every read after.
 */
final class StreamChange {
  private final long sequence;
  private final Instant appended;
  private final Map<String, AttributeValue> old;
  private final Map<String, AttributeValue> item;
  private final Identity userIdentity;
  private Record record;

  /**
   * @param old the item before ({@code null}: inserted), not changed afterwards
   * @param item the item after ({@code null}: removed), not changed afterwards
   */
  StreamChange(
      long sequence,
      Instant appended,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity) {
    this.sequence = sequence;
    this.appended = appended;
    this.old = old;
    this.item = item;
    this.userIdentity = userIdentity;
  }

  long sequence() {
    return sequence;
  }

  Instant appended() {
    return appended;
  }

  /** The item before, or null: inserted. */
  Map<String, AttributeValue> old() {
    return old;
  }

  /** The item after, or null: removed. */
  Map<String, AttributeValue> item() {
    return item;
  }

  /** Who made the change when the service did, or null. */
  Identity userIdentity() {
    return userIdentity;
  }

  /** Whether the change changes anything: a write that leaves the item as it was does not. */
  static boolean changes(Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    return !(old == null && item == null || old != null && old.equals(item));
  }

  /** The change as the stream's reader gets it, built on first read. */
  synchronized Record record(StreamLog.Shape shape) {
    if (record == null) {
      record = build(shape);
    }
    return record;
  }

  /**
   * The change's event id: a UUID named by its stream and sequence number, so that it is unique,
   * and the same every time the record is read, also after a durable engine is reopened (a reader
   * that drops duplicates by event id can rely on it).
   */
  static String eventId(String streamArn, long sequence) {
    return UUID.nameUUIDFromBytes((streamArn + '/' + sequence).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Record build(StreamLog.Shape shape) {
    OperationType operation =
        old == null
            ? OperationType.INSERT
            : item == null ? OperationType.REMOVE : OperationType.MODIFY;
    Map<String, AttributeValue> source = item == null ? old : item;
    Map<String, AttributeValue> keys = new LinkedHashMap<>();
    for (KeySchemaElement key : shape.keySchema()) {
      keys.put(key.attributeName(), source.get(key.attributeName()));
    }
    StreamViewType viewType = shape.viewType();
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
    StreamRecord.Builder change =
        StreamRecord.builder()
            .approximateCreationDateTime(appended.truncatedTo(ChronoUnit.SECONDS))
            .keys(keys)
            .sequenceNumber(StreamLog.sequenceNumber(sequence))
            .sizeBytes(size)
            .streamViewType(viewType);
    if (newImage) {
      change.newImage(item);
    }
    if (oldImage) {
      change.oldImage(old);
    }
    return Record.builder()
        .eventID(eventId(shape.streamArn(), sequence))
        .eventName(operation)
        .eventVersion("1.1")
        .eventSource("aws:dynamodb")
        .awsRegion(shape.region())
        .dynamodb(change.build())
        .userIdentity(userIdentity)
        .build();
  }
}
