package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
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
 * to it ({@link #write}, called under the item's lock to write the change), and the DynamoDB
 * Streams API reads them (ListStreams, DescribeStream, GetShardIterator, GetRecords). In a durable
 * engine a record is written in the same storage batch as its item change, so a change is in the
 * table and its stream or in neither, across a crash too; the streams are read back when the engine
 * opens.
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
  private final Storage storage;
  private final ConcurrentMap<String, StreamLog> logs = new ConcurrentHashMap<>();

  Streams(Clock clock, String region, Tables tables, Storage storage) {
    this.clock = clock;
    this.region = region;
    this.tables = tables;
    this.storage = storage;
    tables.onStreamClosed(this::disable);
    if (storage.persistent()) {
      for (StreamLog log : StreamStore.load(storage, region, clock)) {
        logs.put(log.arn(), log);
      }
    }
  }

  /** One item's change, as a transaction gives it to {@link #write(List, List)}. */
  record Written(Table table, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {}

  /**
   * Writes the storage batch of a change of an item of the table and, if the table's stream is
   * enabled and the change changes anything, appends its record (in a durable engine, in the same
   * batch). The two items are kept as they are, and made into the record when it is first read: the
   * caller does not change them afterwards.
   *
   * @param userIdentity who made the change when it was the service itself, or null
   */
  void write(
      Table table,
      List<Storage.Mutation> batch,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity) {
    TableDescription description = table.created();
    boolean enabled = TableSettings.streamEnabled(description);
    if (enabled && storage.persistent()) {
      StreamLog log = log(description);
      List<Storage.Mutation> all = new ArrayList<>(batch.size() + 4);
      all.addAll(batch);
      List<StreamLog.Change> change = List.of(new StreamLog.Change(old, item, userIdentity));
      synchronized (log) {
        List<StreamChange> staged = log.stage(clock.instant(), change, all);
        storage.write(all);
        log.commit(staged);
      }
    } else {
      storage.write(batch);
      if (enabled) {
        log(description).append(old, item, userIdentity);
      }
    }
    for (KinesisDestinations.Sink sink : table.kinesis()) {
      sink.append(table, old, item, userIdentity);
    }
  }

  /**
   * Writes a transaction's storage batch and appends the records of its changes to their tables'
   * streams (in a durable engine, in the same batch: the transaction and its records are written
   * whole or not at all).
   */
  void write(List<Storage.Mutation> batch, List<Written> changes) {
    Map<StreamLog, List<StreamLog.Change>> byLog = Map.of();
    if (storage.persistent()) {
      byLog = new java.util.TreeMap<>(BY_ARN);
      for (Written change : changes) {
        TableDescription description = change.table().created();
        if (TableSettings.streamEnabled(description)) {
          byLog
              .computeIfAbsent(log(description), log -> new ArrayList<>())
              .add(new StreamLog.Change(change.old(), change.item(), null));
        }
      }
    }
    if (byLog.isEmpty()) {
      storage.write(batch);
      for (Written change : changes) {
        TableDescription description = change.table().created();
        if (TableSettings.streamEnabled(description)) {
          log(description).append(change.old(), change.item(), null);
        }
      }
    } else {
      List<Storage.Mutation> all = new ArrayList<>(batch.size() + 2 * changes.size());
      all.addAll(batch);
      writeLocked(new ArrayList<>(byLog.entrySet()), 0, clock.instant(), all, new ArrayList<>());
    }
    for (Written change : changes) {
      for (KinesisDestinations.Sink sink : change.table().kinesis()) {
        sink.append(change.table(), change.old(), change.item(), null);
      }
    }
  }

  private static final java.util.Comparator<StreamLog> BY_ARN =
      java.util.Comparator.comparing(StreamLog::arn);

  /**
   * Takes the streams' locks one after another, in the order of their ARNs (so that two
   * transactions never wait on each other), stages each stream's records into the batch, writes it
   * and commits them.
   */
  private void writeLocked(
      List<Map.Entry<StreamLog, List<StreamLog.Change>>> logs,
      int at,
      Instant now,
      List<Storage.Mutation> batch,
      List<List<StreamChange>> staged) {
    if (at == logs.size()) {
      storage.write(batch);
      for (int i = 0; i < logs.size(); i++) {
        logs.get(i).getKey().commit(staged.get(i));
      }
      return;
    }
    StreamLog log = logs.get(at).getKey();
    synchronized (log) {
      staged.add(log.stage(now, logs.get(at).getValue(), batch));
      writeLocked(logs, at + 1, now, batch, staged);
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
                storage.persistent() ? new StreamStore(storage, arn) : null,
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
    for (StreamLog log : logs.values()) {
      if (log.gone(now) && logs.remove(log.arn(), log) && log.stored()) {
        storage.write(List.of(log.drop()));
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
