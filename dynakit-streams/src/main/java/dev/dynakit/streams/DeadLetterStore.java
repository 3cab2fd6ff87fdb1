package dev.dynakit.streams;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where batches go that the handler failed on every attempt. The listener checkpoints past a batch
 * once it is stored here, so storing must succeed or throw (then the batch is tried again).
 */
@FunctionalInterface
public interface DeadLetterStore {
  /** Keeps {@code letter}. */
  void put(DeadLetter letter);

  /**
   * A store that logs each batch at ERROR (stream, shard, sequence numbers, the failure's type; no
   * item values) and keeps nothing. The listener's default.
   */
  static DeadLetterStore logging() {
    Logger log = LoggerFactory.getLogger(DeadLetterStore.class);
    return letter ->
        log.error(
            "streams: handler failed {} times on {} events of shard {} (sequence numbers {} to {})"
                + " of {}; passed over: {}",
            letter.attempts(),
            letter.events().size(),
            letter.shardId(),
            letter.firstSequenceNumber(),
            letter.lastSequenceNumber(),
            letter.streamArn(),
            letter.failure().getClass().getName());
  }

  /** A store that keeps the batches in memory, for a program to look at. */
  static InMemory inMemory() {
    return new InMemory();
  }

  /** Dead letters kept in memory. */
  final class InMemory implements DeadLetterStore {
    private final List<DeadLetter> letters = new ArrayList<>();

    private InMemory() {}

    @Override
    public synchronized void put(DeadLetter letter) {
      letters.add(letter);
    }

    /** The batches stored, oldest first. */
    public synchronized List<DeadLetter> letters() {
      return List.copyOf(letters);
    }
  }
}
