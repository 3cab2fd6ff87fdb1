package dev.dynakit.streams;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.batch.Sleeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream and hands each batch of events to a handler, at least once, keeping its
 * position in a {@link CheckpointStore} so that a restart resumes after the last batch handled.
 *
 * <ul>
 *   <li>Shards are read parents first: a shard's children wait until it has been drained.
 *   <li>A shard with no checkpoint starts at the oldest record kept ({@code TRIM_HORIZON}), or,
 *       with {@link Builder#fromLatest}, at the newest for shards open when the listener first
 *       looks (shards that open later are read from their start).
 *   <li>A handler that throws is given the batch again after a backoff, up to {@link
 *       Builder#retries} times; then the batch goes to the {@link DeadLetterStore} and the shard
 *       goes on. Other shards are not held up.
 *   <li>A checkpoint whose records have passed the 24-hour retention resumes at the oldest record
 *       kept, with a warning and the {@code dynakit.streams.trimmed} counter.
 *   <li>With a {@link LeaseTable}, several workers share the shards; each shard is read by the one
 *       worker holding its lease.
 * </ul>
 *
 * <p>Besides (or instead of) a batch handler, triggers may be set for each kind of change ({@link
 * Builder#onInsert}, {@link Builder#onModify}, {@link Builder#onRemove}) and for shards opened
 * ({@link Builder#onShardOpened}).
 *
 * <p>Run it in the background with {@link #start()} (every shard held is read by its own task:
 * fetched batches wait in a bounded queue per shard, so a slow handler holds reading back rather
 * than filling memory) and stop it with {@link #close()}, which lets batches being handled finish
 * and checkpoint. Or drive it from a thread of your own with {@link #poll()}.
 *
 * <p>Metrics (tag {@code table}): {@code dynakit.streams.events} (tag {@code outcome}: {@code
 * handled}, {@code dead_letter}), {@code dynakit.streams.handler.failures}, {@code
 * dynakit.streams.trimmed}, and the gauges {@code dynakit.streams.lag} (milliseconds from the
 * change of the last record handled to its handling) and {@code dynakit.streams.behind} (records
 * fetched and not yet handled), {@code dynakit.streams.shards} (shards being read).
 */
public final class StreamListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);
  private static final Duration QUEUE_CHECK = Duration.ofMillis(100);

  /** What the listener hands batches to. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Handles one batch of events of one shard, in order. Must be idempotent: a batch may be
     * handled again after a restart or a lease taken over.
     *
     * @throws Exception to have the batch tried again, then dead-lettered
     */
    void handle(List<StreamEvent> events) throws Exception;
  }

  /** What a trigger is: called with one event. */
  @FunctionalInterface
  public interface EventHandler {
    /**
     * Handles one event. Must be idempotent (see {@link Handler#handle}).
     *
     * @throws Exception to have the event's batch tried again, then dead-lettered
     */
    void handle(StreamEvent event) throws Exception;
  }

  private final StreamSource source;
  private final String table;
  private final Handler handler;
  private final CheckpointStore checkpoints;
  private final LeaseTable leases;
  private final boolean fromLatest;
  private final Duration pollInterval;
  private final int batchSize;
  private final int queueCapacity;
  private final int retries;
  private final Duration backoff;
  private final Duration maxBackoff;
  private final DeadLetterStore deadLetters;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<ShardOpened> onShardOpened;
  private final Metrics metrics;

  private String streamArn;
  private boolean looked;
  private final Map<String, ShardWork> shards = new LinkedHashMap<>();
  private final Object lock = new Object();

  // Background running.
  private volatile boolean running;
  private ExecutorService executor;

  private StreamListener(Builder builder) {
    this.source = new StreamSource(builder.dynamodb, builder.streams);
    this.table = builder.table;
    this.handler = builder.handler;
    this.checkpoints = builder.checkpoints;
    this.leases = builder.leases;
    this.fromLatest = builder.fromLatest;
    this.pollInterval = builder.pollInterval;
    this.batchSize = builder.batchSize;
    this.queueCapacity = builder.queueCapacity;
    this.retries = builder.retries;
    this.backoff = builder.backoff;
    this.maxBackoff = builder.maxBackoff;
    this.deadLetters = builder.deadLetters;
    this.clock = builder.clock;
    this.sleeper = builder.sleeper;
    this.onShardOpened = builder.onShardOpened;
    this.metrics = new Metrics(builder.meterRegistry, table);
  }

  /** A listener reading through plain SDK clients. */
  public static Builder builder(DynamoDbClient dynamodb, DynamoDbStreamsClient streams) {
    return new Builder(dynamodb, streams);
  }

  /**
   * A listener reading through {@code dynakit}'s clients (its policy, retries and metrics), on its
   * clock.
   */
  public static Builder builder(Dynakit dynakit) {
    return new Builder(dynakit.sdk(), dynakit.streams()).clock(dynakit.clock());
  }

  /** The table whose stream is read. */
  public String table() {
    return table;
  }

  /**
   * One round, on the calling thread: looks for new shards, renews and balances leases, and reads
   * one batch from each shard held that is ready, handling and checkpointing it; a shard drained
   * lets its children be read in the same round.
   *
   * @return how many events were handled or dead-lettered, plus how many shards were drained
   * @throws IllegalStateException if the listener runs in the background
   */
  public int poll() {
    if (running) {
      throw new IllegalStateException("the listener runs in the background: poll() is not for it");
    }
    synchronized (lock) {
      Set<String> held = look();
      int progress = 0;
      for (ShardWork work : List.copyOf(shards.values())) {
        if (work.finished || !held.contains(work.shardId()) || !ready(work)) {
          continue;
        }
        ShardReader reader = work.reader();
        if (work.finished) {
          progress++;
          continue;
        }
        List<Record> records = reader.read(batchSize);
        if (!records.isEmpty()) {
          progress += handle(work, events(work, records));
        }
        if (reader.ended()) {
          finish(work);
          progress++;
          held = withChildren(held, work);
        }
      }
      return progress;
    }
  }

  /** Calls {@link #poll()} until a round makes no progress; answers the progress of all. */
  public int catchUp() {
    int total = 0;
    for (int round = poll(); round > 0; round = poll()) {
      total += round;
    }
    return total;
  }

  /** Lag and records behind, as the gauges show them. */
  public Lag lag() {
    return new Lag(Duration.ofMillis(metrics.lag.get()), metrics.behind.get());
  }

  /**
   * Lag figures.
   *
   * @param sinceChange from the change of the last record handled to its handling
   * @param recordsBehind records fetched and not yet handled: in the background at most {@code
   *     (queueCapacity + 1) * batchSize} per shard
   */
  public record Lag(Duration sinceChange, long recordsBehind) {}

  /**
   * Starts reading in the background: one coordinating task every poll interval, and for each shard
   * held a fetching task and a handling task joined by a bounded queue.
   *
   * @throws IllegalStateException if already started
   */
  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("the listener has been started");
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "dynakit-streams-" + table + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    running = true;
    executor.execute(this::coordinate);
  }

  /**
   * Stops reading: no new batch is fetched or handled, batches being handled finish and are
   * checkpointed, leases are given up. Waits up to 30 seconds for that.
   */
  @Override
  public synchronized void close() {
    if (executor == null) {
      releaseLeases();
      return;
    }
    running = false;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    releaseLeases();
  }

  private void releaseLeases() {
    if (leases != null && streamArn != null) {
      leases.releaseAll(streamArn);
    }
  }

  // ---- finding shards and deciding which to read ----

  /** Looks for new shards and balances leases; answers the shards this worker may read. */
  private Set<String> look() {
    if (streamArn == null) {
      streamArn = source.streamArnOf(table);
    }
    StreamSource.Description description = source.describe(streamArn);
    boolean first = !looked;
    looked = true;
    for (Shard shard : description.shards()) {
      shards.computeIfAbsent(shard.shardId(), id -> new ShardWork(shard, first));
    }
    shards.values().removeIf(work -> work.finished && !inStream(work, description));
    List<String> wanted = new ArrayList<>();
    for (ShardWork work : shards.values()) {
      if (!work.finished && ready(work)) {
        wanted.add(work.shardId());
      }
    }
    metrics.shards.set(wanted.size());
    if (leases == null) {
      return new HashSet<>(wanted);
    }
    LeaseTable.Balance balance = leases.balance(streamArn, wanted);
    Set<String> held = new HashSet<>(balance.held());
    for (String surplus : balance.surplus()) {
      ShardWork work = shards.get(surplus);
      if (work != null) {
        work.stopAndWait();
        work.forgetReader();
      }
      leases.release(streamArn, surplus);
      held.remove(surplus);
    }
    for (ShardWork work : shards.values()) {
      if (!held.contains(work.shardId()) && !work.running()) {
        // The lease went elsewhere: the next holder reads from the checkpoint.
        work.forgetReader();
      }
    }
    return held;
  }

  private static boolean inStream(ShardWork work, StreamSource.Description description) {
    return description.shards().stream().anyMatch(s -> s.shardId().equals(work.shardId()));
  }

  /** Whether the shard may be read: it has no parent, or its parent is drained or gone. */
  private boolean ready(ShardWork work) {
    String parent = work.shard.parentShardId();
    if (parent == null) {
      return true;
    }
    ShardWork parentWork = shards.get(parent);
    if (parentWork == null || parentWork.finished) {
      return true;
    }
    if (checkpoints.read(streamArn, parent).filter(CheckpointStore.SHARD_END::equals).isPresent()) {
      parentWork.finished = true;
      return true;
    }
    return false;
  }

  private Set<String> withChildren(Set<String> held, ShardWork parent) {
    if (leases != null) {
      return held;
    }
    Set<String> more = new HashSet<>(held);
    for (ShardWork work : shards.values()) {
      if (parent.shardId().equals(work.shard.parentShardId())) {
        more.add(work.shardId());
      }
    }
    return more;
  }

  // ---- handling ----

  private List<StreamEvent> events(ShardWork work, List<Record> records) {
    List<StreamEvent> events = new ArrayList<>(records.size());
    records.forEach(r -> events.add(new StreamEvent(table, streamArn, work.shardId(), r)));
    return events;
  }

  /**
   * Hands {@code events} to the handler (again after failures, then to the dead letters) and
   * checkpoints after the last; answers how many events were dealt with (none if the lease was lost
   * first or the thread was interrupted).
   */
  private int handle(ShardWork work, List<StreamEvent> events) {
    for (int attempt = 1; ; attempt++) {
      if (leases != null && !leases.holds(streamArn, work.shardId())) {
        LOG.debug("streams: lease of shard {} lost; its batch is left to the next holder", work);
        work.forgetReader();
        return 0;
      }
      try {
        handler.handle(events);
        metrics.handled.increment(events.size());
        break;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return 0;
        }
        metrics.failures.increment();
        if (attempt > retries) {
          deadLetters.put(new DeadLetter(streamArn, work.shardId(), events, attempt, e));
          metrics.deadLettered.increment(events.size());
          break;
        }
        try {
          sleeper.sleep(backoff(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    }
    StreamEvent last = events.get(events.size() - 1);
    checkpoints.write(streamArn, work.shardId(), last.sequenceNumber());
    if (last.approximateCreation() != null) {
      metrics.lag.set(Math.max(0, clock.millis() - last.approximateCreation().toEpochMilli()));
    }
    return events.size();
  }

  private Duration backoff(int attempt) {
    Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private void finish(ShardWork work) {
    checkpoints.write(streamArn, work.shardId(), CheckpointStore.SHARD_END);
    work.finished = true;
    if (leases != null) {
      leases.release(streamArn, work.shardId());
    }
  }

  // ---- background ----

  private void coordinate() {
    while (running) {
      try {
        synchronized (lock) {
          Set<String> held = look();
          for (ShardWork work : shards.values()) {
            if (!work.finished && held.contains(work.shardId()) && !work.running()) {
              work.startPipeline();
            } else if (work.running() && !held.contains(work.shardId())) {
              work.stop();
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("streams: looking at the stream of table '{}' failed; trying again", table, e);
      }
      if (!pause(pollInterval)) {
        break;
      }
    }
    synchronized (lock) {
      shards.values().forEach(ShardWork::stop);
    }
  }

  private boolean pause(Duration duration) {
    try {
      sleeper.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One shard: its reader, whether it is drained, and its background pipeline. */
  private final class ShardWork {
    private final Shard shard;
    private final boolean seenFirst;
    private volatile boolean finished;
    private ShardReader reader;
    private volatile Pipeline pipeline;

    ShardWork(Shard shard, boolean seenFirst) {
      this.shard = shard;
      this.seenFirst = seenFirst;
    }

    String shardId() {
      return shard.shardId();
    }

    /** Drops the reader: the next one starts from the checkpoint. */
    synchronized void forgetReader() {
      reader = null;
    }

    /** The reader, made from the checkpoint the first time (and after a lease came back). */
    synchronized ShardReader reader() {
      if (reader == null) {
        Optional<String> checkpoint = checkpoints.read(streamArn, shardId());
        ShardIteratorType type;
        String sequence = null;
        if (checkpoint.isPresent()) {
          type = ShardIteratorType.AFTER_SEQUENCE_NUMBER;
          sequence = checkpoint.get();
        } else {
          onShardOpened.accept(
              new ShardOpened(
                  table,
                  streamArn,
                  shardId(),
                  shard.parentShardId(),
                  shard.sequenceNumberRange().startingSequenceNumber()));
          boolean open = shard.sequenceNumberRange().endingSequenceNumber() == null;
          type =
              fromLatest && seenFirst && open
                  ? ShardIteratorType.LATEST
                  : ShardIteratorType.TRIM_HORIZON;
        }
        reader =
            new ShardReader(
                source.streams(),
                streamArn,
                shard,
                type,
                sequence,
                id -> {
                  metrics.trimmed.increment();
                  LOG.warn(
                      "streams: table '{}' shard {}: records past the 24-hour retention were"
                          + " lost; reading on from the oldest kept",
                      table,
                      id);
                });
        if (fromLatest && seenFirst && checkpoint.isEmpty() && !isOpen()) {
          // Closed before the listener first looked: nothing of it is read from the latest.
          finish(this);
        }
      }
      return reader;
    }

    private boolean isOpen() {
      return shard.sequenceNumberRange().endingSequenceNumber() == null;
    }

    boolean running() {
      Pipeline current = pipeline;
      return current != null && !current.done();
    }

    void startPipeline() {
      pipeline = new Pipeline(this);
      pipeline.start();
    }

    void stop() {
      Pipeline current = pipeline;
      if (current != null) {
        current.stop();
      }
    }

    void stopAndWait() {
      Pipeline current = pipeline;
      if (current != null) {
        current.stop();
        current.await();
      }
    }

    @Override
    public String toString() {
      return shardId();
    }
  }

  /** The end of a shard, in a pipeline's queue. */
  private static final List<StreamEvent> END = List.of();

  /** A shard read in the background: fetching and handling joined by a bounded queue. */
  private final class Pipeline {
    private final ShardWork work;
    private final BlockingQueue<List<StreamEvent>> queue;
    private final AtomicInteger tasks = new AtomicInteger(2);
    private volatile boolean stopped;

    Pipeline(ShardWork work) {
      this.work = work;
      this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    void start() {
      executor.execute(this::fetch);
      executor.execute(this::deliver);
    }

    void stop() {
      stopped = true;
    }

    boolean done() {
      return tasks.get() == 0;
    }

    void await() {
      synchronized (this) {
        while (!done()) {
          try {
            wait(QUEUE_CHECK.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private boolean active() {
      return running && !stopped;
    }

    private void fetch() {
      try {
        ShardReader reader = work.reader();
        while (active() && !work.finished) {
          List<Record> records = reader.read(batchSize);
          if (!records.isEmpty() && !offer(events(work, records))) {
            return;
          }
          if (reader.ended()) {
            offer(END);
            return;
          }
          if (records.isEmpty() && !pause(pollInterval)) {
            return;
          }
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "streams: reading shard {} of table '{}' failed; it will be read again",
            work,
            table,
            e);
      } finally {
        stopped = stopped || !running;
        ended();
      }
    }

    private boolean offer(List<StreamEvent> batch) {
      try {
        metrics.behind.addAndGet(batch.size());
        while (active()) {
          if (queue.offer(batch, QUEUE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      metrics.behind.addAndGet(-batch.size());
      return false;
    }

    private void deliver() {
      try {
        while (active() || (!queue.isEmpty() && running)) {
          List<StreamEvent> batch = queue.poll(QUEUE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
          if (batch == null) {
            if (done(1)) {
              return;
            }
            continue;
          }
          if (batch == END) {
            finish(work);
            return;
          }
          metrics.behind.addAndGet(-batch.size());
          if (handle(work, batch) == 0 && !batch.isEmpty()) {
            stopped = true;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn(
            "streams: handling shard {} of table '{}' failed; it will be read again",
            work,
            table,
            e);
      } finally {
        stopped = true;
        if (!work.finished) {
          // Fetched but not handled: read again from the checkpoint.
          work.forgetReader();
        }
        ended();
      }
    }

    /** Whether only {@code left} tasks remain and the fetching one has ended. */
    private boolean done(int left) {
      return tasks.get() == left && queue.isEmpty();
    }

    private void ended() {
      if (tasks.decrementAndGet() == 0) {
        // Both tasks are done: what is still queued will be read again from the checkpoint.
        for (List<StreamEvent> batch = queue.poll(); batch != null; batch = queue.poll()) {
          metrics.behind.addAndGet(-batch.size());
        }
      }
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** The listener's meters. */
  private static final class Metrics {
    final Counter handled;
    final Counter deadLettered;
    final Counter failures;
    final Counter trimmed;
    final AtomicLong lag = new AtomicLong();
    final AtomicLong behind = new AtomicLong();
    final AtomicLong shards = new AtomicLong();

    Metrics(MeterRegistry registry, String table) {
      handled =
          Counter.builder("dynakit.streams.events")
              .tag("table", table)
              .tag("outcome", "handled")
              .register(registry);
      deadLettered =
          Counter.builder("dynakit.streams.events")
              .tag("table", table)
              .tag("outcome", "dead_letter")
              .register(registry);
      failures =
          Counter.builder("dynakit.streams.handler.failures")
              .tag("table", table)
              .register(registry);
      trimmed = Counter.builder("dynakit.streams.trimmed").tag("table", table).register(registry);
      Gauge.builder("dynakit.streams.lag", lag, AtomicLong::get)
          .tag("table", table)
          .baseUnit("milliseconds")
          .register(registry);
      Gauge.builder("dynakit.streams.behind", behind, AtomicLong::get)
          .tag("table", table)
          .baseUnit("records")
          .register(registry);
      Gauge.builder("dynakit.streams.shards", shards, AtomicLong::get)
          .tag("table", table)
          .register(registry);
    }
  }

  /** Configures a {@link StreamListener}. */
  public static final class Builder {
    private final DynamoDbClient dynamodb;
    private final DynamoDbStreamsClient streams;
    private String table;
    private Handler handler;
    private CheckpointStore checkpoints = CheckpointStore.inMemory();
    private LeaseTable leases;
    private boolean fromLatest;
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 1000;
    private int queueCapacity = 4;
    private int retries = 3;
    private Duration backoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private DeadLetterStore deadLetters = DeadLetterStore.logging();
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD;
    private Consumer<ShardOpened> onShardOpened = shard -> {};
    private final Map<String, EventHandler> triggers = new LinkedHashMap<>();

    private Builder(DynamoDbClient dynamodb, DynamoDbStreamsClient streams) {
      this.dynamodb = Objects.requireNonNull(dynamodb, "dynamodb");
      this.streams = Objects.requireNonNull(streams, "streams");
    }

    /** The table whose stream is read (required). */
    public Builder table(String table) {
      this.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /** What batches are handed to (required). */
    public Builder handler(Handler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Where positions are kept (default: in memory, lost when the process ends). */
    public Builder checkpoints(CheckpointStore checkpoints) {
      this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
      return this;
    }

    /** Shares the shards with other workers through {@code leases} (default: reads them all). */
    public Builder leases(LeaseTable leases) {
      this.leases = Objects.requireNonNull(leases, "leases");
      return this;
    }

    /** Starts shards without a checkpoint that are open at the first look at the newest record. */
    public Builder fromLatest(boolean fromLatest) {
      this.fromLatest = fromLatest;
      return this;
    }

    /** How long an idle shard waits before it is read again; how often shards are looked for. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Tables.positive(pollInterval, "pollInterval");
      return this;
    }

    /** The most records read from a shard at once (1 to 1000, default 1000). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 1000");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The most batches fetched ahead of the handler, per shard (default 4). */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1");
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * How often a failed batch is tried again (default 3), waiting {@code backoff}, doubled each
     * time up to {@code maxBackoff} (default 100 ms, 5 s).
     */
    public Builder retries(int retries, Duration backoff, Duration maxBackoff) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative");
      }
      if (backoff == null
          || backoff.isNegative()
          || maxBackoff == null
          || maxBackoff.isNegative()) {
        throw new IllegalArgumentException("backoff and maxBackoff must not be negative");
      }
      this.retries = retries;
      this.backoff = backoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Where batches go that fail every attempt (default: logged and passed over). */
    public Builder deadLetters(DeadLetterStore deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
      return this;
    }

    /** Where the listener's metrics are registered (default: a registry of its own). */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /** The clock lag is measured by (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How the listener waits: between polls of an idle shard and between retries. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Told of each shard the consumer starts reading with no checkpoint (a shard opened): the
     * shard-opened trigger.
     */
    public Builder onShardOpened(Consumer<ShardOpened> onShardOpened) {
      this.onShardOpened = Objects.requireNonNull(onShardOpened, "onShardOpened");
      return this;
    }

    /**
     * The insert trigger: called for each {@code INSERT}, in order, after the batch handler if
     * there is one. A trigger that throws fails its whole batch, which is tried again (from its
     * first event) and then dead-lettered, as for the handler.
     */
    public Builder onInsert(EventHandler trigger) {
      return trigger("INSERT", trigger);
    }

    /** The modify trigger: called for each {@code MODIFY} (see {@link #onInsert}). */
    public Builder onModify(EventHandler trigger) {
      return trigger("MODIFY", trigger);
    }

    /**
     * The remove trigger: called for each {@code REMOVE}, deletes and expiries by time to live
     * alike ({@link StreamEvent#expired()} tells them apart; see {@link #onInsert}).
     */
    public Builder onRemove(EventHandler trigger) {
      return trigger("REMOVE", trigger);
    }

    private Builder trigger(String eventName, EventHandler trigger) {
      triggers.put(eventName, Objects.requireNonNull(trigger, eventName + " trigger"));
      return this;
    }

    /**
     * Builds the listener; nothing is read until {@link StreamListener#start()} or {@link
     * StreamListener#poll()}.
     *
     * @throws IllegalStateException if the table or the handler is missing
     */
    public StreamListener build() {
      if (table == null) {
        throw new IllegalStateException("a table is required");
      }
      if (handler == null && triggers.isEmpty()) {
        throw new IllegalStateException("a handler or a trigger is required");
      }
      if (!triggers.isEmpty()) {
        Handler batches = handler;
        Map<String, EventHandler> byName = Map.copyOf(triggers);
        handler =
            events -> {
              if (batches != null) {
                batches.handle(events);
              }
              for (StreamEvent event : events) {
                EventHandler trigger = byName.get(event.eventName());
                if (trigger != null) {
                  trigger.handle(event);
                }
              }
            };
      }
      return new StreamListener(this);
    }
  }
}
