package dev.dynakit.engine.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * One shard of a stream: the changes appended while it was open, whose sequence numbers follow one
 * another from {@link #firstSequence}, the shard it follows, and when it was opened and closed. Its
 * stream's lock guards it.
 */
final class StreamShard {
  private final String id;
  private final String parentId;
  private final Instant opened;
  private final long firstSequence;
  private final List<StreamChange> changes = new ArrayList<>();
  // changes.get(i) has the sequence number offset + i; those before head are trimmed.
  private long offset;
  private int head;
  private long trimmedThrough;
  private Instant closed;

  /**
   * @param firstSequence the sequence number the shard's first change will have
   */
  StreamShard(String parentId, Instant opened, long firstSequence) {
    this.id =
        String.format("shardId-%020d-%s", opened.toEpochMilli(), RandomIds.uuid().substring(0, 8));
    this.parentId = parentId;
    this.opened = opened;
    this.firstSequence = firstSequence;
    this.offset = firstSequence;
    this.trimmedThrough = firstSequence - 1;
  }

  /**
   * A shard as a durable engine stored it, without its changes (appended next, from {@code
   * trimmedThrough + 1} on).
   */
  StreamShard(
      String id,
      String parentId,
      Instant opened,
      long firstSequence,
      long trimmedThrough,
      Instant closed) {
    this.id = id;
    this.parentId = parentId;
    this.opened = opened;
    this.firstSequence = firstSequence;
    this.offset = trimmedThrough + 1;
    this.trimmedThrough = trimmedThrough;
    this.closed = closed;
  }

  String id() {
    return id;
  }

  /** The shard this one follows, or null for the stream's first. */
  String parentId() {
    return parentId;
  }

  Instant opened() {
    return opened;
  }

  /** The sequence number the shard's first change has (or will have). */
  long firstSequence() {
    return firstSequence;
  }

  /** When the shard closed, or null while it is open. */
  Instant closed() {
    return closed;
  }

  void close(Instant at) {
    closed = at;
  }

  void append(StreamChange change) {
    changes.add(change);
  }

  /** The sequence number of the last change appended, or one before the first for none. */
  long last() {
    return offset + changes.size() - 1;
  }

  /** Whether the sequence number is one the shard has given. */
  boolean holds(long sequence) {
    return sequence >= firstSequence && sequence <= last();
  }

  /** Whether the change of that sequence number was in the shard and is trimmed. */
  boolean trimmed(long sequence) {
    return sequence >= firstSequence && sequence <= trimmedThrough;
  }

  /** The first sequence number a reader can read: that of the oldest change kept, or the next. */
  long start() {
    return trimmedThrough + 1;
  }

  /**
   * The shard as DescribeStream gives it. Its range starts at the oldest change kept, and for a
   * closed shard ends at its last change; a closed shard that had no change, or keeps none, starts
   * and ends at one number, as DynamoDB Local describes a stream disabled before any write.
   */
  Shard describe() {
    SequenceNumberRange.Builder range = SequenceNumberRange.builder();
    if (closed == null) {
      range.startingSequenceNumber(StreamLog.sequenceNumber(start()));
    } else {
      long ending = Math.max(last(), firstSequence);
      range
          .startingSequenceNumber(StreamLog.sequenceNumber(Math.min(start(), ending)))
          .endingSequenceNumber(StreamLog.sequenceNumber(ending));
    }
    return Shard.builder()
        .shardId(id)
        .parentShardId(parentId)
        .sequenceNumberRange(range.build())
        .build();
  }

  /** Drops the changes appended before {@code oldest}. */
  void trim(Instant oldest) {
    while (head < changes.size() && changes.get(head).appended().isBefore(oldest)) {
      trimmedThrough = changes.get(head).sequence();
      changes.set(head, null);
      head++;
    }
    if (head > 64 && head > changes.size() / 2) {
      changes.subList(0, head).clear();
      offset += head;
      head = 0;
    }
  }

  /** Up to {@code limit} changes from sequence number {@code from} on. */
  List<StreamChange> read(long from, int limit) {
    long start = Math.max(head, from - offset);
    if (start >= changes.size()) {
      return List.of();
    }
    int end = (int) Math.min(changes.size(), start + limit);
    return new ArrayList<>(changes.subList((int) start, end));
  }
}
