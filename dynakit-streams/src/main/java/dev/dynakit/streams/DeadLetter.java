package dev.dynakit.streams;

import java.util.List;

/**
 * A batch the handler failed on every attempt, set aside so the shard can go on.
 *
 * @param streamArn the stream the batch was read from
 * @param shardId its shard
 * @param events the events of the batch, in order
 * @param attempts how many times the handler was given the batch
 * @param failure the handler's last failure
 */
public record DeadLetter(
    String streamArn, String shardId, List<StreamEvent> events, int attempts, Throwable failure) {
  /** Copies the events. */
  public DeadLetter {
    events = List.copyOf(events);
  }

  /** The sequence number of the batch's first event. */
  public String firstSequenceNumber() {
    return events.get(0).sequenceNumber();
  }

  /** The sequence number of the batch's last event. */
  public String lastSequenceNumber() {
    return events.get(events.size() - 1).sequenceNumber();
  }
}
