package dev.dynakit.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The tables' streams: every change of an item of a table whose stream is enabled appends a record
 * to it ({@link #record}, called under the item's lock as the change is written), and the DynamoDB
 * Streams API reads them (ListStreams, DescribeStream, GetShardIterator, GetRecords).
 */
final class Streams {
  /** How long a shard iterator can be used. */
  static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(15);

  /** The identity of a deletion by time to live. */
  static final Identity TIME_TO_LIVE =
      Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();

  private static final String ITERATOR_VERSION = "|001|";

  private final Clock clock;
  private final String region;
  private final Tables tables;
  private final ConcurrentMap<String, StreamLog> logs = new ConcurrentHashMap<>();

  Streams(Clock clock, String region, Tables tables) {
    this.clock = clock;
    this.region = region;
    this.tables = tables;
    tables.onStreamClosed(this::disable);
  }

  /**
   * Appends the record of a change of an item of the table, if the table's stream is enabled and
   * the change changes anything. The two items are kept as they are, and made into the record when
   * it is first read: the caller does not change them afterwards.
   *
   * @param userIdentity who made the change when it was the service itself, or null
   */
  void record(
      Table table,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity) {
    TableDescription description = table.created();
    if (TableSettings.streamEnabled(description)) {
      log(description).append(old, item, userIdentity);
    }
    for (KinesisDestinations.Sink sink : table.kinesis()) {
      sink.append(table, old, item, userIdentity);
    }
  }

  /**
   * Closes the table's stream at {@code at}: its stream is disabled, or the table deleted. Called
   * by {@link Tables} under the locks of the table's items, so no write races the closing.
   */
  void disable(TableDescription description, Instant at) {
    if (TableSettings.streamEnabled(description)) {
      log(description).disable(at);
    }
  }

  private StreamLog log(TableDescription description) {
    return logs.computeIfAbsent(
        description.latestStreamArn(),
        arn ->
            new StreamLog(
                arn,
                description.latestStreamLabel(),
                description.tableName(),
                description.keySchema(),
                description.streamSpecification().streamViewType(),
                region,
                clock));
  }

  /**
   * Every stream, oldest first: those of the tables now, and those disabled less than {@link
   * StreamLog#RETENTION} ago; those disabled longer ago are forgotten.
   */
  private List<StreamLog> all() {
    for (Table table : tables.all()) {
      TableDescription description = table.created();
      if (TableSettings.streamEnabled(description)) {
        log(description);
      }
    }
    Instant now = clock.instant();
    logs.values().removeIf(log -> log.gone(now));
    List<StreamLog> all = new ArrayList<>(logs.values());
    all.sort(
        (a, b) -> {
          int byTime = a.created().compareTo(b.created());
          return byTime != 0 ? byTime : a.arn().compareTo(b.arn());
        });
    return all;
  }

  private StreamLog find(String arn) {
    all();
    return arn == null ? null : logs.get(arn);
  }

  /** ListStreams: the streams, of one table if named, a page of Limit (at most 100) at a time. */
  ListStreamsResponse listStreams(ListStreamsRequest request) {
    int limit =
        limit(request.limit(), 100, "Limit cannot be greater than the maximum allowed size: 100");
    List<Stream> streams = new ArrayList<>();
    boolean started = request.exclusiveStartStreamArn() == null;
    String last = null;
    for (StreamLog log : all()) {
      if (!started) {
        started = log.arn().equals(request.exclusiveStartStreamArn());
        continue;
      }
      if (request.tableName() != null && !request.tableName().equals(log.tableName())) {
        continue;
      }
      if (streams.size() == limit) {
        last = streams.get(streams.size() - 1).streamArn();
        break;
      }
      streams.add(
          Stream.builder()
              .streamArn(log.arn())
              .tableName(log.tableName())
              .streamLabel(log.label())
              .build());
    }
    return ListStreamsResponse.builder().streams(streams).lastEvaluatedStreamArn(last).build();
  }

  /**
   * DescribeStream: the stream, its status and its shards kept, oldest first, a page of Limit (at
   * most 100) at a time after ExclusiveStartShardId.
   */
  DescribeStreamResponse describeStream(DescribeStreamRequest request) {
    int limit = limit(request.limit(), 100, "Limit cannot be greater than the maximum: 100");
    String after = request.exclusiveStartShardId();
    if (after != null && after.length() < 28) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + after
              + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have"
              + " length greater than or equal to 28");
    }
    StreamLog log = find(request.streamArn());
    if (log == null) {
      throw Errors.resourceNotFound(
          "Requested resource not found: Stream: " + request.streamArn() + " not found");
    }
    log.refresh(clock.instant());
    List<Shard> shards = new ArrayList<>();
    String last = null;
    for (Shard shard : log.describeShards()) {
      // Shard ids begin with the time the shard opened: in id order is in the order they opened.
      if (after != null && shard.shardId().compareTo(after) <= 0) {
        continue;
      }
      if (shards.size() == limit) {
        last = shards.get(shards.size() - 1).shardId();
        break;
      }
      shards.add(shard);
    }
    return DescribeStreamResponse.builder()
        .streamDescription(
            StreamDescription.builder()
                .streamArn(log.arn())
                .streamLabel(log.label())
                .streamStatus(log.enabled() ? StreamStatus.ENABLED : StreamStatus.DISABLED)
                .streamViewType(log.viewType())
                .creationRequestDateTime(log.created())
                .tableName(log.tableName())
                .keySchema(log.keySchema())
                .shards(shards)
                .lastEvaluatedShardId(last)
                .build())
        .build();
  }

  /**
   * GetShardIterator: where in one of the stream's shards a reader starts; a sequence number of
   * another shard is not one for the shard.
   */
  GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
    ShardIteratorType type = request.shardIteratorType();
    if (type == null || type == ShardIteratorType.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + request.shardIteratorTypeAsString()
              + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, LATEST, TRIM_HORIZON]");
    }
    String sequenceNumber = request.sequenceNumber();
    if (sequenceNumber != null && sequenceNumber.length() < 21) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + sequenceNumber
              + "' at 'sequenceNumber' failed to satisfy constraint: Member must have length"
              + " greater than or equal to 21");
    }
    boolean positioned =
        type == ShardIteratorType.AT_SEQUENCE_NUMBER
            || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
    if (positioned && sequenceNumber == null) {
      throw invalidSequenceNumber();
    }
    if (!positioned && sequenceNumber != null) {
      throw Errors.validation(
          "One or more parameter values were invalid: SequenceNumber should not be passed for"
              + " this iterator type");
    }
    StreamLog log = find(request.streamArn());
    if (log == null) {
      throw Errors.resourceNotFound("Stream does not exist");
    }
    Instant now = clock.instant();
    log.refresh(now);
    StreamShard shard = log.shard(request.shardId());
    if (shard == null) {
      throw Errors.resourceNotFound("Shard does not exist");
    }
    long position = log.position(shard, type, positioned ? parse(sequenceNumber) : 0);
    return GetShardIteratorResponse.builder()
        .shardIterator(iterator(log, shard, position, now))
        .build();
  }

  /**
   * GetRecords: up to Limit (1 to 1000) records from where the iterator points; once a closed
   * shard's last record is read there is no next iterator.
   */
  GetRecordsResponse getRecords(GetRecordsRequest request) {
    int limit = limit(request.limit(), 1000, "Limit should be less than or equal to 1000");
    Position iterator = Position.parse(request.shardIterator());
    if (iterator == null) {
      throw Errors.validation("Invalid ShardIterator");
    }
    Instant now = clock.instant();
    if (now.isAfter(iterator.issued().plus(ITERATOR_LIFETIME))) {
      throw Errors.expiredIterator(
          "Iterator expired. The iterator was created at time "
              + iterator.issued()
              + " while right now it is "
              + now
              + " which is further in the future than the tolerated delay of 900000 milliseconds.");
    }
    StreamLog log = logs.get(iterator.arn());
    if (log != null) {
      log.refresh(now);
    }
    StreamShard shard = log == null ? null : log.shard(iterator.shardId());
    if (shard == null) {
      throw Errors.validation("Invalid ShardIterator");
    }
    StreamLog.Page page = log.read(shard, iterator.position(), limit);
    List<Record> records = new ArrayList<>(page.changes().size());
    for (StreamChange change : page.changes()) {
      records.add(change.record(log.shape()));
    }
    return GetRecordsResponse.builder()
        .records(records)
        .nextShardIterator(page.ended() ? null : iterator(log, shard, page.next(), now))
        .build();
  }

  private static int limit(Integer limit, int most, String tooMany) {
    if (limit == null) {
      return most;
    }
    if (limit < 1) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value greater than or"
              + " equal to 1");
    }
    if (limit > most) {
      throw Errors.validation("One or more parameter values were invalid: " + tooMany);
    }
    return limit;
  }

  /** A sequence number's value; -1 for one that is not a number the engine could have written. */
  private static long parse(String sequenceNumber) {
    try {
      return Long.parseLong(sequenceNumber);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static RuntimeException invalidSequenceNumber() {
    return Errors.validation("One or more parameter values were invalid: Invalid SequenceNumber");
  }

  private static String iterator(StreamLog log, StreamShard shard, long position, Instant now) {
    String inner = shard.id() + "|" + StreamLog.sequenceNumber(position) + "|" + now.toEpochMilli();
    return log.arn()
        + ITERATOR_VERSION
        + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8));
  }

  /** A shard iterator read back: the stream, the shard, where it points and when it was made. */
  private record Position(String arn, String shardId, long position, Instant issued) {
    static Position parse(String text) {
      int version = text == null ? -1 : text.lastIndexOf(ITERATOR_VERSION);
      if (version < 0) {
        return null;
      }
      try {
        String inner =
            new String(
                Base64.getDecoder().decode(text.substring(version + ITERATOR_VERSION.length())),
                StandardCharsets.UTF_8);
        String[] parts = inner.split("\\|", -1);
        if (parts.length != 3) {
          return null;
        }
        return new Position(
            text.substring(0, version),
            parts[0],
            Long.parseLong(parts[1]),
            Instant.ofEpochMilli(Long.parseLong(parts[2])));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
