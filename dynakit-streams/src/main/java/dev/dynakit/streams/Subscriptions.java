package dev.dynakit.streams;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.batch.Sleeper;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Bounded reads of table streams, one subscription per table: each {@link #subscribe} answers the
 * events that have arrived since the last one (waiting up to its timeout when there are fewer than
 * its maximum), so that repeated calls see every change once, in order within each item, with no
 * gap and no duplicate; {@link #unsubscribe} ends a subscription. Shards are read parents first; a
 * shard that closes is drained before its children are read.
 *
 * <p>Positions live in memory: a subscription does not outlive this object. For reading that
 * survives restarts use {@link StreamListener} with a {@link CheckpointStore}. Thread-safe; calls
 * for one table wait for each other.
 */
public final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
  private static final int RECORDS_PER_READ = 1000;

  private final StreamSource source;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final Map<String, Subscription> byTable = new ConcurrentHashMap<>();

  /**
   * Subscriptions reading through these clients.
   *
   * @param clock what timeouts are measured by
   * @param sleeper how a read waits between polls of an idle stream
   * @param pollInterval how long it waits
   */
  public Subscriptions(
      DynamoDbClient dynamodb,
      DynamoDbStreamsClient streams,
      Clock clock,
      Sleeper sleeper,
      Duration pollInterval) {
    this.source = new StreamSource(dynamodb, streams);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.pollInterval = Tables.positive(pollInterval, "pollInterval");
  }

  /**
   * Subscriptions through {@code dynakit}'s clients and clock, polling idle streams every 200 ms.
   */
  public static Subscriptions of(Dynakit dynakit) {
    return new Subscriptions(
        dynakit.sdk(), dynakit.streams(), dynakit.clock(), Sleeper.THREAD, Duration.ofMillis(200));
  }

  /**
   * Answers the next events of the table's stream, starting a subscription if there is none.
   *
   * @throws IllegalStateException if the table has no stream
   */
  public SubscribeResult subscribe(SubscribeRequest request) {
    Subscription subscription =
        byTable.computeIfAbsent(request.table(), table -> new Subscription(request));
    synchronized (subscription) {
      List<StreamEvent> events = read(subscription, request);
      boolean active = subscription.active() && byTable.get(request.table()) == subscription;
      if (!active) {
        byTable.remove(request.table(), subscription);
      }
      return new SubscribeResult(request.table(), events, active);
    }
  }

  private List<StreamEvent> read(Subscription subscription, SubscribeRequest request) {
    Instant deadline = clock.instant().plus(request.timeout());
    List<StreamEvent> events = new ArrayList<>();
    while (true) {
      subscription.drain(events, request);
      if (events.size() >= request.maxEvents() || !subscription.active()) {
        return events;
      }
      int read = subscription.poll(request.maxEvents());
      subscription.drain(events, request);
      Instant now = clock.instant();
      if (events.size() >= request.maxEvents() || !now.isBefore(deadline)) {
        return events;
      }
      if (read == 0) {
        Duration left = Duration.between(now, deadline);
        try {
          sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return events;
        }
      }
    }
  }

  /** Ends the table's subscription; answers whether there was one. */
  public boolean unsubscribe(String table) {
    return byTable.remove(table) != null;
  }

  /** The tables with a subscription, in name order. */
  public Set<String> tables() {
    return new TreeSet<>(byTable.keySet());
  }

  /** One table's subscription: a reader per shard not yet drained, and events read not answered. */
  private final class Subscription {
    private final String table;
    private final String streamArn;
    private final Map<String, ShardReader> readers = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private boolean enabled;

    Subscription(SubscribeRequest request) {
      this.table = request.table();
      this.streamArn = source.streamArnOf(table);
      StreamSource.Description description = source.describe(streamArn);
      enabled = description.enabled();
      for (Shard shard : description.shards()) {
        start(shard, request);
      }
    }

    private void start(Shard shard, SubscribeRequest request) {
      String ending = shard.sequenceNumberRange().endingSequenceNumber();
      switch (request.start()) {
        case LATEST:
          if (ending != null) {
            finished.add(shard.shardId());
          } else {
            add(shard, ShardIteratorType.LATEST, null);
          }
          break;
        case AT_SEQUENCE_NUMBER:
          BigInteger at = new BigInteger(request.sequenceNumber());
          String starting = shard.sequenceNumberRange().startingSequenceNumber();
          if (ending != null && new BigInteger(ending).compareTo(at) < 0) {
            finished.add(shard.shardId());
          } else if (starting != null && new BigInteger(starting).compareTo(at) <= 0) {
            add(shard, ShardIteratorType.AT_SEQUENCE_NUMBER, request.sequenceNumber());
          } else {
            add(shard, ShardIteratorType.TRIM_HORIZON, null);
          }
          break;
        default:
          add(shard, ShardIteratorType.TRIM_HORIZON, null);
      }
    }

    private void add(Shard shard, ShardIteratorType type, String sequence) {
      readers.put(
          shard.shardId(),
          new ShardReader(
              source.streams(),
              streamArn,
              shard,
              type,
              sequence,
              shardId ->
                  LOG.warn(
                      "streams: subscription to table '{}' lost records of shard {} past the"
                          + " 24-hour retention; reading on from the oldest kept",
                      table,
                      shardId)));
    }

    boolean active() {
      return enabled || !readers.isEmpty() || !pending.isEmpty();
    }

    /**
     * Reads the shards that are ready until {@code wanted} events are pending or a pass brings
     * nothing; answers how many records came.
     */
    int poll(int wanted) {
      int read = 0;
      int pass;
      do {
        pass = pass();
        read += pass;
      } while (pass > 0 && pending.size() < wanted);
      return read;
    }

    /** Reads each shard that is ready once; answers how many records and new shards came. */
    private int pass() {
      int read = 0;
      boolean closed = false;
      for (ShardReader reader : List.copyOf(readers.values())) {
        String parent = reader.shard().parentShardId();
        if (parent != null && readers.containsKey(parent)) {
          continue;
        }
        List<Record> records = reader.read(RECORDS_PER_READ);
        read += records.size();
        for (Record record : records) {
          pending.add(new StreamEvent(table, streamArn, reader.shardId(), record));
        }
        if (reader.ended()) {
          readers.remove(reader.shardId());
          finished.add(reader.shardId());
          closed = true;
        }
      }
      if (closed) {
        StreamSource.Description description = source.describe(streamArn);
        enabled = description.enabled();
        for (Shard shard : description.shards()) {
          if (!finished.contains(shard.shardId()) && !readers.containsKey(shard.shardId())) {
            add(shard, ShardIteratorType.TRIM_HORIZON, null);
            read++;
          }
        }
      }
      return read;
    }

    /** Moves pending events to {@code events} up to the request's maximum, passing over others. */
    void drain(List<StreamEvent> events, SubscribeRequest request) {
      while (events.size() < request.maxEvents() && !pending.isEmpty()) {
        StreamEvent event = pending.poll();
        if (request.eventNames().isEmpty() || request.eventNames().contains(event.eventName())) {
          events.add(event);
        }
      }
    }
  }
}
