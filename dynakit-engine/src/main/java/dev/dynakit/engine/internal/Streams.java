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
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
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
  }

  /**
   * Appends the record of a change of an item of the table, if the table's stream is enabled and
   * the change changes anything.
   *
   * @param userIdentity who made the change when it was the service itself, or null
   */
  void record(
      Table table,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity) {
    TableDescription description = table.created();
    if (!TableSettings.streamEnabled(description)) {
      return;
    }
    Instant now = clock.instant();
    StreamLog log = log(description);
    log.trim(now);
    log.append(old, item, userIdentity, now);
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
                region));
  }

  /** Every stream, oldest first: those of the tables now, and those kept of tables before. */
  private List<StreamLog> all() {
    for (Table table : tables.all()) {
      TableDescription description = table.created();
      if (description.latestStreamArn() != null && description.streamSpecification() != null) {
        log(description);
      }
    }
    List<StreamLog> all = new ArrayList<>(logs.values());
    all.sort(
        (a, b) -> {
          int byTime = a.created().compareTo(b.created());
          return byTime != 0 ? byTime : a.arn().compareTo(b.arn());
        });
    return all;
  }

  private boolean enabled(StreamLog log) {
    Table table = tables.find(log.tableName());
    if (table == null) {
      return false;
    }
    TableDescription description = table.created();
    return log.arn().equals(description.latestStreamArn())
        && TableSettings.streamEnabled(description);
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

  /** DescribeStream: the stream, its status and its one shard (none after that shard). */
  DescribeStreamResponse describeStream(DescribeStreamRequest request) {
    limit(request.limit(), 100, "Limit cannot be greater than the maximum: 100");
    StreamLog log = find(request.streamArn());
    if (log == null) {
      throw Errors.resourceNotFound(
          "Requested resource not found: Stream: " + request.streamArn() + " not found");
    }
    log.trim(clock.instant());
    boolean enabled = enabled(log);
    SequenceNumberRange.Builder range =
        SequenceNumberRange.builder().startingSequenceNumber(StreamLog.sequenceNumber(log.first()));
    if (!enabled && log.last() > 0) {
      range.endingSequenceNumber(StreamLog.sequenceNumber(log.last()));
    }
    return DescribeStreamResponse.builder()
        .streamDescription(
            StreamDescription.builder()
                .streamArn(log.arn())
                .streamLabel(log.label())
                .streamStatus(enabled ? StreamStatus.ENABLED : StreamStatus.DISABLED)
                .streamViewType(log.viewType())
                .creationRequestDateTime(log.created())
                .tableName(log.tableName())
                .keySchema(log.keySchema())
                .shards(
                    log.shardId().equals(request.exclusiveStartShardId())
                        ? List.of()
                        : List.of(
                            Shard.builder()
                                .shardId(log.shardId())
                                .sequenceNumberRange(range.build())
                                .build()))
                .build())
        .build();
  }

  /** GetShardIterator: where in the stream's shard a reader starts. */
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
    if (!log.shardId().equals(request.shardId())) {
      throw Errors.resourceNotFound("Shard does not exist");
    }
    Instant now = clock.instant();
    log.trim(now);
    long position;
    if (type == ShardIteratorType.TRIM_HORIZON) {
      position = log.first();
    } else if (type == ShardIteratorType.LATEST) {
      position = log.next();
    } else {
      long sequence = parse(sequenceNumber);
      if (sequence < 1 || sequence > log.last()) {
        throw Errors.validation("Invalid SequenceNumber for the shard");
      }
      if (sequence < log.first()) {
        throw Errors.trimmedDataAccess(
            "The requested sequence number is beyond the trim horizon of the stream");
      }
      position = type == ShardIteratorType.AT_SEQUENCE_NUMBER ? sequence : sequence + 1;
    }
    return GetShardIteratorResponse.builder().shardIterator(iterator(log, position, now)).build();
  }

  /** GetRecords: up to Limit (1 to 1000) records from where the iterator points. */
  GetRecordsResponse getRecords(GetRecordsRequest request) {
    int limit = limit(request.limit(), 1000, "Limit should be less than or equal to 1000");
    Position iterator = Position.parse(request.shardIterator());
    StreamLog log = iterator == null ? null : logs.get(iterator.arn());
    if (log == null || !log.shardId().equals(iterator.shardId())) {
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
    log.trim(now);
    boolean enabled = enabled(log);
    List<Record> records = log.read(iterator.position(), limit);
    long next =
        records.isEmpty()
            ? iterator.position()
            : parse(records.get(records.size() - 1).dynamodb().sequenceNumber()) + 1;
    boolean closed = !enabled && next > log.last();
    return GetRecordsResponse.builder()
        .records(records)
        .nextShardIterator(closed ? null : iterator(log, next, now))
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

  private static String iterator(StreamLog log, long position, Instant now) {
    String inner =
        log.shardId() + "|" + StreamLog.sequenceNumber(position) + "|" + now.toEpochMilli();
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
