package dev.dynakit.streams;

import dev.dynakit.client.verbs.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * One change read from a table's stream: the stream record as DynamoDB Streams returned it, with
 * the table, stream and shard it came from.
 *
 * @param table the table the change was made to
 * @param streamArn the stream's ARN (the event's {@code eventSourceARN})
 * @param shardId the shard the record was read from
 * @param record the record as {@code GetRecords} returned it
 */
public record StreamEvent(String table, String streamArn, String shardId, Record record) {

  /** Checks that every part is there. */
  public StreamEvent {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(streamArn, "streamArn");
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(record, "record");
  }

  /** {@code INSERT}, {@code MODIFY} or {@code REMOVE}. */
  public String eventName() {
    return record.eventNameAsString();
  }

  /** The record's unique id. */
  public String eventId() {
    return record.eventID();
  }

  /** The record's sequence number within its shard. */
  public String sequenceNumber() {
    return change().sequenceNumber();
  }

  /** The key of the item changed. */
  public Map<String, AttributeValue> keys() {
    return change().keys();
  }

  /** The item after the change, if the stream keeps new images and the item still exists. */
  public Map<String, AttributeValue> newImage() {
    return change().hasNewImage() ? change().newImage() : null;
  }

  /** The item before the change, if the stream keeps old images and the item existed. */
  public Map<String, AttributeValue> oldImage() {
    return change().hasOldImage() ? change().oldImage() : null;
  }

  /** About when the change was made (DynamoDB gives it to the second or finer). */
  public Instant approximateCreation() {
    return change().approximateCreationDateTime();
  }

  /** Whether time to live removed the item (a {@code REMOVE} made by the service). */
  public boolean expired() {
    return record.userIdentity() != null
        && "dynamodb.amazonaws.com".equals(record.userIdentity().principalId());
  }

  private StreamRecord change() {
    return record.dynamodb();
  }

  /**
   * The event as the {@code streams.subscribe} verb answers it: {@code eventName}, {@code eventID},
   * {@code eventSourceARN}, {@code dynamodb} with {@code Keys}, {@code NewImage}, {@code OldImage}
   * (when present) and {@code SequenceNumber}, and {@code raw}, the whole record in DynamoDB JSON.
   * Keys and images are plain JSON values, or DynamoDB JSON when {@code typed}.
   */
  public Map<String, Object> toMap(boolean typed) {
    Map<String, Object> dynamodb = new LinkedHashMap<>();
    dynamodb.put("Keys", image(keys(), typed));
    if (newImage() != null) {
      dynamodb.put("NewImage", image(newImage(), typed));
    }
    if (oldImage() != null) {
      dynamodb.put("OldImage", image(oldImage(), typed));
    }
    dynamodb.put("SequenceNumber", sequenceNumber());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventName", eventName());
    event.put("eventID", eventId());
    event.put("eventSourceARN", streamArn);
    event.put("dynamodb", dynamodb);
    event.put("raw", raw());
    return event;
  }

  private static Map<String, Object> image(Map<String, AttributeValue> image, boolean typed) {
    return typed ? Values.toTypedMap(image) : Values.toPlainMap(image);
  }

  /** The record in DynamoDB Streams' JSON, with the stream's ARN as {@code eventSourceARN}. */
  private Map<String, Object> raw() {
    Map<String, Object> dynamodb = new LinkedHashMap<>();
    if (approximateCreation() != null) {
      // Epoch seconds, as DynamoDB Streams writes them: whole, or to the millisecond.
      long millis = approximateCreation().toEpochMilli();
      dynamodb.put(
          "ApproximateCreationDateTime",
          millis % 1000 == 0 ? (Object) (millis / 1000) : BigDecimal.valueOf(millis, 3));
    }
    dynamodb.put("Keys", Values.toTypedMap(keys()));
    if (newImage() != null) {
      dynamodb.put("NewImage", Values.toTypedMap(newImage()));
    }
    if (oldImage() != null) {
      dynamodb.put("OldImage", Values.toTypedMap(oldImage()));
    }
    dynamodb.put("SequenceNumber", sequenceNumber());
    if (change().sizeBytes() != null) {
      dynamodb.put("SizeBytes", change().sizeBytes());
    }
    if (change().streamViewType() != null) {
      dynamodb.put("StreamViewType", change().streamViewTypeAsString());
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("eventID", eventId());
    raw.put("eventName", eventName());
    raw.put("eventVersion", record.eventVersion());
    raw.put("eventSource", record.eventSource());
    raw.put("awsRegion", record.awsRegion());
    raw.put("dynamodb", dynamodb);
    raw.put("eventSourceARN", streamArn);
    if (record.userIdentity() != null) {
      raw.put(
          "userIdentity",
          Map.of(
              "PrincipalId", record.userIdentity().principalId(),
              "Type", record.userIdentity().type()));
    }
    return raw;
  }

  @Override
  public String toString() {
    // Keys and images hold item values: they stay out of the text.
    return "StreamEvent["
        + eventName()
        + " on "
        + table
        + ", shard "
        + shardId
        + ", sequence "
        + sequenceNumber()
        + "]";
  }
}
