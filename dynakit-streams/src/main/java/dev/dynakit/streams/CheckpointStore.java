package dev.dynakit.streams;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link StreamListener} keeps how far it has got in each shard: the sequence number of the
 * last record handled, or {@link #SHARD_END} once a closed shard has been drained. Written after
 * each batch is handled, so a restart resumes after the last batch handled (at least once: a batch
 * handled but not yet checkpointed is handled again).
 *
 * <p>Implementations must be safe for concurrent use by the listener's shard threads.
 */
public interface CheckpointStore {
  /** The position of a shard that has been read to its end. */
  String SHARD_END = "SHARD_END";

  /** The position kept for the shard, if any. */
  Optional<String> read(String streamArn, String shardId);

  /** Keeps {@code position} (a sequence number or {@link #SHARD_END}) for the shard. */
  void write(String streamArn, String shardId, String position);

  /** A store in this process's memory: positions are lost when it ends. */
  static CheckpointStore inMemory() {
    Map<String, String> positions = new ConcurrentHashMap<>();
    return new CheckpointStore() {
      @Override
      public Optional<String> read(String streamArn, String shardId) {
        return Optional.ofNullable(positions.get(streamArn + '\n' + shardId));
      }

      @Override
      public void write(String streamArn, String shardId, String position) {
        positions.put(streamArn + '\n' + shardId, position);
      }
    };
  }
}
