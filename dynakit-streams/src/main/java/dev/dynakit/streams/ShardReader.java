package dev.dynakit.streams;

import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard in order from a starting position: keeps its iterator, opens a new one after the
 * last record read when the old one expires, starts again at the trim horizon when the position has
 * been trimmed (telling {@code onTrimmed}), and ends once the shard is closed and drained or gone.
 * Not thread-safe: one reader per shard, used by one thread at a time.
 */
final class ShardReader {
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final Shard shard;
  private final Consumer<String> onTrimmed;
  private ShardIteratorType startType;
  private String startSequence;
  private String iterator;
  private String last;
  private boolean ended;

  ShardReader(
      DynamoDbStreamsClient streams,
      String streamArn,
      Shard shard,
      ShardIteratorType startType,
      String startSequence,
      Consumer<String> onTrimmed) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.shard = shard;
    this.startType = startType;
    this.startSequence = startSequence;
    this.onTrimmed = onTrimmed;
  }

  Shard shard() {
    return shard;
  }

  String shardId() {
    return shard.shardId();
  }

  /** Whether the shard is closed and every record of it has been read (or it is gone). */
  boolean ended() {
    return ended;
  }

  /** The next records of the shard, at most {@code limit}; none once it has ended. */
  List<Record> read(int limit) {
    for (int attempt = 0; !ended; attempt++) {
      if (iterator == null) {
        iterator = open();
        if (iterator == null) {
          return List.of();
        }
      }
      GetRecordsResponse response;
      try {
        String current = iterator;
        response = streams.getRecords(b -> b.shardIterator(current).limit(limit));
      } catch (RuntimeException e) {
        Failures failure = Failures.of(e);
        if (attempt > 0 || failure == Failures.OTHER) {
          throw e;
        }
        iterator = null;
        if (failure == Failures.TRIMMED) {
          restartAtTrimHorizon();
        } else if (failure == Failures.NOT_FOUND) {
          gone();
        }
        continue;
      }
      List<Record> records = response.records();
      if (!records.isEmpty()) {
        last = records.get(records.size() - 1).dynamodb().sequenceNumber();
      }
      iterator = response.nextShardIterator();
      ended = iterator == null;
      return records;
    }
    return List.of();
  }

  /** An iterator after the last record read, or at the starting position; null if gone. */
  private String open() {
    for (int attempt = 0; ; attempt++) {
      ShardIteratorType type = last != null ? ShardIteratorType.AFTER_SEQUENCE_NUMBER : startType;
      String sequence = last != null ? last : startSequence;
      try {
        return streams
            .getShardIterator(
                b ->
                    b.streamArn(streamArn)
                        .shardId(shard.shardId())
                        .shardIteratorType(type)
                        .sequenceNumber(sequence))
            .shardIterator();
      } catch (RuntimeException e) {
        Failures failure = Failures.of(e);
        if (failure == Failures.TRIMMED && attempt == 0) {
          restartAtTrimHorizon();
        } else if (failure == Failures.NOT_FOUND) {
          gone();
          return null;
        } else {
          throw e;
        }
      }
    }
  }

  private void restartAtTrimHorizon() {
    onTrimmed.accept(shard.shardId());
    last = null;
    startType = ShardIteratorType.TRIM_HORIZON;
    startSequence = null;
  }

  private void gone() {
    onTrimmed.accept(shard.shardId());
    ended = true;
  }
}
