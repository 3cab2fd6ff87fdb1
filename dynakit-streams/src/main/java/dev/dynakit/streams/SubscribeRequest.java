package dev.dynakit.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * One bounded read of a table's stream (the arguments of {@code streams.subscribe}).
 *
 * @param table the table whose stream is read
 * @param start where a new subscription starts: {@code LATEST}, {@code TRIM_HORIZON} or {@code
 *     AT_SEQUENCE_NUMBER}; a subscription that exists goes on where its last read stopped
 * @param sequenceNumber the sequence number to start at, for {@code AT_SEQUENCE_NUMBER}
 * @param eventNames the event names answered ({@code INSERT}, {@code MODIFY}, {@code REMOVE});
 *     empty for all. Others are read and passed over.
 * @param timeout how long to wait for events when there are fewer than {@code maxEvents}
 * @param maxEvents the most events answered
 */
public record SubscribeRequest(
    String table,
    ShardIteratorType start,
    String sequenceNumber,
    Set<String> eventNames,
    Duration timeout,
    int maxEvents) {
  /** The longest a read may wait. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  /** The most events one read may answer. */
  public static final int MAX_EVENTS = 10_000;

  private static final Set<String> EVENT_NAMES = Set.of("INSERT", "MODIFY", "REMOVE");

  /**
   * Checks the request.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public SubscribeRequest {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(timeout, "timeout");
    eventNames = eventNames == null ? Set.of() : Set.copyOf(eventNames);
    if (start != ShardIteratorType.LATEST
        && start != ShardIteratorType.TRIM_HORIZON
        && start != ShardIteratorType.AT_SEQUENCE_NUMBER) {
      throw new IllegalArgumentException(
          "shard_iterator_type must be LATEST, TRIM_HORIZON or AT_SEQUENCE_NUMBER");
    }
    if ((start == ShardIteratorType.AT_SEQUENCE_NUMBER) != (sequenceNumber != null)) {
      throw new IllegalArgumentException(
          "filter.sequence_number is needed with AT_SEQUENCE_NUMBER, and only with it");
    }
    if (sequenceNumber != null && !sequenceNumber.matches("[0-9]{1,40}")) {
      throw new IllegalArgumentException("filter.sequence_number must be 1 to 40 digits");
    }
    for (String name : eventNames) {
      if (!EVENT_NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "filter.event_names may hold INSERT, MODIFY and REMOVE only");
      }
    }
    if (timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("timeout_s must be between 0 and 300");
    }
    if (maxEvents < 1 || maxEvents > MAX_EVENTS) {
      throw new IllegalArgumentException("max_events must be between 1 and " + MAX_EVENTS);
    }
  }

  /** A read of {@code table} from {@code LATEST}, of up to 100 events, waiting up to 1 s. */
  public static SubscribeRequest of(String table) {
    return new SubscribeRequest(
        table, ShardIteratorType.LATEST, null, Set.of(), Duration.ofSeconds(1), 100);
  }

  /** This request starting at {@code start} (without a sequence number). */
  public SubscribeRequest from(ShardIteratorType start) {
    return new SubscribeRequest(table, start, null, eventNames, timeout, maxEvents);
  }

  /** This request starting at the record of {@code sequenceNumber}. */
  public SubscribeRequest atSequenceNumber(String sequenceNumber) {
    return new SubscribeRequest(
        table,
        ShardIteratorType.AT_SEQUENCE_NUMBER,
        sequenceNumber,
        eventNames,
        timeout,
        maxEvents);
  }

  /** This request answering only events named {@code names}. */
  public SubscribeRequest only(Set<String> names) {
    return new SubscribeRequest(table, start, sequenceNumber, names, timeout, maxEvents);
  }

  /** This request waiting up to {@code timeout}. */
  public SubscribeRequest waiting(Duration timeout) {
    return new SubscribeRequest(table, start, sequenceNumber, eventNames, timeout, maxEvents);
  }

  /** This request answering up to {@code maxEvents}. */
  public SubscribeRequest atMost(int maxEvents) {
    return new SubscribeRequest(table, start, sequenceNumber, eventNames, timeout, maxEvents);
  }
}
