package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One stream of one table: a line of shards, each the child of the one before, of which the last is
 * open while the stream is enabled. A shard closes, and its child opens, when it has been open for
 * {@link #SHARD_LIFETIME} by the engine's clock; this happens when the stream is next written or
 * read, so no thread is needed. Changes are kept for {@link #RETENTION}; a closed shard goes once
 * it closed that long ago, and so does the whole stream once it was disabled that long ago.
 * Sequence numbers count from 1 across the shards, written with 21 digits as DynamoDB writes them.
 *
 * <p>An engine in memory holds the stream in memory only. A durable engine's stream also has a
 * {@link StreamStore}: its records are written with their item changes ({@link #stage} and {@link
 * #commit}, the caller writing the batch in between under this stream's lock), and every change of
 * its shards (opened, closed, trimmed, dropped) is written too, so that a reopened engine finds the
 * stream as it was.
 */
final class StreamLog {
  /** How long a change is kept, and a closed shard or a disabled stream after it closed. */
  static final Duration RETENTION = Duration.ofHours(24);

  /**
   * How long a shard stays open. DynamoDB documents shards as ephemeral, created and deleted
   * automatically, without a figure; shards are commonly observed to roll over about every 4 hours.
   */
  static final Duration SHARD_LIFETIME = Duration.ofHours(4);

  /** What every record of the stream shares: the stream's ARN, key schema, view type, region. */
  record Shape(
      String streamArn, List<KeySchemaElement> keySchema, StreamViewType viewType, String region) {}

  private final String arn;
  private final String label;
  private final String tableName;
  private final Instant created;
  private final Shape shape;
  private final Clock clock;
  private final List<StreamShard> shards = new ArrayList<>();
  private long next = 1;
  private Instant disabled;

  /** Where a durable engine keeps the stream; null in memory. */
  private final StreamStore store;

  /** With a store: the changes of its shards made in memory and not written yet. */
  private final List<Storage.Mutation> unsaved = new ArrayList<>();

  StreamLog(
      String arn,
      String label,
      String tableName,
      List<KeySchemaElement> keySchema,
      StreamViewType viewType,
      String region,
      Clock clock) {
    this(null, arn, label, tableName, keySchema, viewType, region, clock);
  }

  /** A new stream; with a store (a durable engine), written to it before it is used. */
  StreamLog(
      StreamStore store,
      String arn,
      String label,
      String tableName,
      List<KeySchemaElement> keySchema,
      StreamViewType viewType,
      String region,
      Clock clock) {
    this(
        store,
        arn,
        label,
        tableName,
        keySchema,
        viewType,
        region,
        clock,
        List.of(new StreamShard(null, StreamArns.enabled(label), 1)),
        null);
    if (store != null) {
      List<Storage.Mutation> batch = store.create(this);
      batch.add(store.shard(shards.get(0)));
      store.storage().write(batch);
    }
  }

  /** A stream as a durable engine stored it: its shards, with their records, oldest first. */
  StreamLog(
      StreamStore store,
      String arn,
      String label,
      String tableName,
      List<KeySchemaElement> keySchema,
      StreamViewType viewType,
      String region,
      Clock clock,
      List<StreamShard> shards,
      Instant disabled) {
    this.store = store;
    this.arn = arn;
    this.label = label;
    this.tableName = tableName;
    this.created = StreamArns.enabled(label);
    this.shape = new Shape(arn, List.copyOf(keySchema), viewType, region);
    this.clock = clock;
    this.shards.addAll(shards);
    this.disabled = disabled;
    for (StreamShard shard : shards) {
      next = Math.max(next, shard.last() + 1);
    }
  }

  String arn() {
    return arn;
  }

  String label() {
    return label;
  }

  String tableName() {
    return tableName;
  }

  List<KeySchemaElement> keySchema() {
    return shape.keySchema();
  }

  StreamViewType viewType() {
    return shape.viewType();
  }

  Shape shape() {
    return shape;
  }

  Instant created() {
    return created;
  }

  /** A sequence number as DynamoDB writes it: 21 digits. */
  static String sequenceNumber(long sequence) {
    return String.format("%021d", sequence);
  }

  /**
   * Appends the change of one item ({@code old} null: inserted; {@code item} null: removed) to the
   * open shard, at the clock's now; a change that leaves the item as it was, or one made after the
   * stream was disabled, appends nothing.
   */
  synchronized void append(
      Map<String, AttributeValue> old, Map<String, AttributeValue> item, Identity userIdentity) {
    if (!StreamChange.changes(old, item)) {
      return;
    }
    Instant now = clock.instant();
    refresh(now);
    if (disabled != null) {
      return;
    }
    open().append(new StreamChange(next++, now, old, item, userIdentity));
  }

  /** A change to record, as {@link #stage} takes it. */
  record Change(
      Map<String, AttributeValue> old, Map<String, AttributeValue> item, Identity userIdentity) {}

  /**
   * For a durable engine's stream, whose lock the caller holds until {@link #commit}: brings the
   * stream up to {@code now} and adds to {@code batch} what that changed and the records of the
   * changes (those that change anything; none once the stream is disabled), which it answers. The
   * caller writes the batch, then commits them; if the write fails, the stream is as it was.
   */
  List<StreamChange> stage(Instant now, List<Change> changes, List<Storage.Mutation> batch) {
    advance(now);
    batch.addAll(unsaved);
    if (disabled != null) {
      return List.of();
    }
    List<StreamChange> staged = new ArrayList<>(changes.size());
    long sequence = next;
    for (Change change : changes) {
      if (StreamChange.changes(change.old(), change.item())) {
        StreamChange record =
            new StreamChange(sequence++, now, change.old(), change.item(), change.userIdentity());
        staged.add(record);
        batch.add(store.record(record));
      }
    }
    return staged;
  }

  /** Appends the records {@link #stage} answered, once their batch is written. */
  void commit(List<StreamChange> staged) {
    unsaved.clear();
    for (StreamChange change : staged) {
      open().append(change);
      next = change.sequence() + 1;
    }
  }

  /** Whether the stream is kept in a storage (a durable engine's). */
  boolean stored() {
    return store != null;
  }

  /** Closes the open shard at {@code at}: the stream is disabled, or its table deleted. */
  synchronized void disable(Instant at) {
    if (disabled == null) {
      advance(at);
      disabled = at;
      open().close(at);
      if (store != null) {
        unsaved.add(store.shard(open()));
        unsaved.add(store.meta(this, at));
        save();
      }
    }
  }

  /** The mutation that drops what a durable engine keeps of the stream; null in memory. */
  Storage.Mutation drop() {
    return store == null ? null : store.drop();
  }

  synchronized boolean enabled() {
    return disabled == null;
  }

  /** Whether the stream was disabled more than {@link #RETENTION} ago at {@code now}. */
  synchronized boolean gone(Instant now) {
    return disabled != null && disabled.plus(RETENTION).isBefore(now);
  }

  /**
   * Brings the stream up to {@code now}: rolls its open shard over, trims the changes older than
   * the retention period and drops the closed shards that closed before it.
   */
  synchronized void refresh(Instant now) {
    advance(now);
    save();
  }

  /** As {@link #refresh}, leaving what it changed in {@link #unsaved}. */
  private void advance(Instant now) {
    if (disabled == null) {
      roll(now);
    }
    Instant oldest = now.minus(RETENTION);
    while (!shards.isEmpty()
        && shards.get(0).closed() != null
        && shards.get(0).closed().isBefore(oldest)) {
      StreamShard gone = shards.remove(0);
      if (store != null) {
        for (long sequence = gone.start(); sequence <= gone.last(); sequence++) {
          unsaved.add(store.trim(sequence));
        }
        unsaved.add(store.forget(gone));
      }
    }
    for (StreamShard shard : shards) {
      long start = shard.start();
      shard.trim(oldest);
      if (store != null && shard.start() != start) {
        for (long sequence = start; sequence < shard.start(); sequence++) {
          unsaved.add(store.trim(sequence));
        }
        unsaved.add(store.shard(shard));
      }
    }
  }

  /** Writes what changed in memory and is not written yet; if that fails, the next write does. */
  private void save() {
    if (store != null && !unsaved.isEmpty()) {
      store.storage().write(List.copyOf(unsaved));
      unsaved.clear();
    }
  }

  /**
   * Closes the open shard if it has been open a shard lifetime at {@code now}, and opens its child
   * at the last lifetime boundary not after {@code now}: a stream nobody touched for longer has no
   * shards for the time between, as it has no changes for it.
   */
  private void roll(Instant now) {
    StreamShard open = open();
    Duration age = Duration.between(open.opened(), now);
    if (age.compareTo(SHARD_LIFETIME) < 0) {
      return;
    }
    long lifetimes = age.toMillis() / SHARD_LIFETIME.toMillis();
    open.close(open.opened().plus(SHARD_LIFETIME));
    StreamShard child =
        new StreamShard(
            open.id(), open.opened().plus(SHARD_LIFETIME.multipliedBy(lifetimes)), next);
    shards.add(child);
    if (store != null) {
      unsaved.add(store.shard(open));
      unsaved.add(store.shard(child));
    }
  }

  private StreamShard open() {
    return shards.get(shards.size() - 1);
  }

  /** The shards kept, oldest first, as DescribeStream describes them. */
  synchronized List<Shard> describeShards() {
    List<Shard> described = new ArrayList<>(shards.size());
    for (StreamShard shard : shards) {
      described.add(shard.describe());
    }
    return described;
  }

  /** The shard of that id, or null if the stream keeps none. */
  synchronized StreamShard shard(String id) {
    for (StreamShard shard : shards) {
      if (shard.id().equals(id)) {
        return shard;
      }
    }
    return null;
  }

  /**
   * Where an iterator of that type starts in the shard: its oldest change kept, the next change it
   * will have (for a closed shard, after its last), or at or after {@code sequence}; {@code
   * TrimmedDataAccessException} for a change trimmed, a ValidationException for a sequence number
   * that is not the shard's.
   */
  synchronized long position(StreamShard shard, ShardIteratorType type, long sequence) {
    if (type == ShardIteratorType.TRIM_HORIZON) {
      return shard.start();
    }
    if (type == ShardIteratorType.LATEST) {
      return shard.closed() == null ? next : shard.last() + 1;
    }
    if (shard.trimmed(sequence)) {
      throw Errors.trimmedDataAccess(
          "The requested sequence number is beyond the trim horizon of the stream");
    }
    if (!shard.holds(sequence)) {
      throw Errors.validation("Invalid SequenceNumber for the shard");
    }
    return type == ShardIteratorType.AT_SEQUENCE_NUMBER ? sequence : sequence + 1;
  }

  /** A page of changes: where the next page starts, and whether the shard ended with this one. */
  record Page(List<StreamChange> changes, long next, boolean ended) {}

  /**
   * Up to {@code limit} changes of the shard from sequence number {@code from} on; {@code
   * TrimmedDataAccessException} if the change at {@code from} is no longer kept. A closed shard
   * ends once its last change is read.
   */
  synchronized Page read(StreamShard shard, long from, int limit) {
    if (shard.trimmed(from)) {
      throw Errors.trimmedDataAccess(
          "The operation attempted to read past the oldest stream record in a shard");
    }
    List<StreamChange> changes = shard.read(from, limit);
    long after = changes.isEmpty() ? from : changes.get(changes.size() - 1).sequence() + 1;
    return new Page(changes, after, shard.closed() != null && after > shard.last());
  }
}
