package dev.dynakit.bench;

import static dev.dynakit.bench.SideBySide.format;

import dev.dynakit.engine.DynakitEngine;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What a table's stream costs its writes, and how fast one reader can follow it. One in-memory
 * engine, two tables alike but for a {@code NEW_AND_OLD_IMAGES} stream on one: PutItem of ~1 KB
 * items on N writer threads, in rounds alternating between the tables (median reported, and the
 * ratio). Then writers put into the streamed table while one reader follows its shards with
 * GetRecords; records read per second. The engine's clock runs {@value #SPEED} times faster than
 * real time, so that shards roll over (every 4 hours of it: 8 s) and records age out (24 hours: 48
 * s) within the run, and memory stays bounded.
 *
 * <pre>
 * mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests \
 *     -Dbench.main=dev.dynakit.bench.StreamsThroughput [-Dbench.args=--quick]
 * </pre>
 */
public final class StreamsThroughput {
  /** How much faster than real time the engine's clock runs. */
  static final int SPEED = 1800;

  /** Keys each writer thread cycles through: after the first pass every put replaces an item. */
  static final int KEYS_PER_WRITER = 20_000;

  private static final AttributeValue PAYLOAD = AttributeValue.fromS("x".repeat(1_000));

  private StreamsThroughput() {}

  /**
   * How long and how much to measure.
   *
   * @param warmupMillis warm-up per table before each thread count
   * @param rounds measured rounds per table
   * @param roundMillis duration of a measured round
   * @param threads the writer thread counts
   * @param readMillis how long the reader follows the stream while writers write
   */
  record Config(
      long warmupMillis, int rounds, long roundMillis, List<Integer> threads, long readMillis) {
    static final Config FULL = new Config(2_000, 7, 1_000, List.of(1, 2), 10_000);
    static final Config QUICK = new Config(500, 3, 500, List.of(1, 2), 3_000);

    static Config parse(String... args) {
      return RunFlags.parse(args).quick() ? QUICK : FULL;
    }
  }

  /** One line of the write table: median puts/s without and with the stream, every round. */
  record Row(
      int threads, double plain, double streamed, double[] plainRounds, double[] streamedRounds) {
    double ratio() {
      return streamed / plain;
    }
  }

  /**
   * The reader's run: records written and read while the writers wrote, shards it moved to,
   * iterators that expired under it (it starts again after the last record it read).
   */
  record Reading(
      int writers,
      double seconds,
      long written,
      long read,
      long lagAtEnd,
      int shardsFollowed,
      int expired) {}

  public static void main(String[] args) {
    System.out.println(run(Config.parse(args), System.err));
    System.exit(0);
  }

  /** Runs every measurement; progress goes to {@code progress}, the report is returned. */
  static String run(Config config, PrintStream progress) {
    String loadBefore = SideBySide.loadAverage();
    FastClock clock = new FastClock(Instant.parse("2026-01-01T00:00:00Z"), SPEED);
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build()) {
      DynamoDbClient client = engine.client();
      Items.createTable(client, "plain");
      createStreamed(client, "streamed");
      List<Row> rows = writes(config, client, progress);
      progress.println("reading while writing ...");
      Reading reading = read(config, engine, progress);
      String load = "before " + loadBefore + ", after " + SideBySide.loadAverage();
      return report(config, rows, reading, load);
    }
  }

  static void createStreamed(DynamoDbClient client, String table) {
    Items.createTable(client, table);
    client.updateTable(
        b ->
            b.tableName(table)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  /** A put of the ~1 KB item {@code seq} of writer {@code thread}; {@code n} changes every time. */
  static void put(DynamoDbClient client, String table, int thread, long seq) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Items.PK, AttributeValue.fromS(Items.partition("w" + thread, seq % KEYS_PER_WRITER)));
    item.put(Items.SK, AttributeValue.fromS("s00"));
    item.put("payload", PAYLOAD);
    item.put("n", AttributeValue.fromN(Long.toString(seq)));
    client.putItem(b -> b.tableName(table).item(item));
  }

  private static List<Row> writes(Config config, DynamoDbClient client, PrintStream progress) {
    String[] tables = {"plain", "streamed"};
    int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
    long[][] seqs = new long[tables.length][maxThreads];
    List<Row> rows = new ArrayList<>();
    try {
      for (int threads : config.threads()) {
        progress.println("PutItem, " + threads + " writer(s) ...");
        for (int t = 0; t < tables.length; t++) {
          putsPerSecond(pool, client, tables[t], threads, config.warmupMillis(), seqs[t]);
        }
        double[][] samples = new double[tables.length][config.rounds()];
        for (int round = 0; round < config.rounds(); round++) {
          for (int i = 0; i < tables.length; i++) {
            int t = round % 2 == 0 ? i : tables.length - 1 - i;
            samples[t][round] =
                putsPerSecond(pool, client, tables[t], threads, config.roundMillis(), seqs[t]);
          }
        }
        rows.add(
            new Row(
                threads,
                SideBySide.median(samples[0]),
                SideBySide.median(samples[1]),
                samples[0],
                samples[1]));
      }
    } finally {
      pool.shutdownNow();
    }
    return rows;
  }

  private static double putsPerSecond(
      ExecutorService pool,
      DynamoDbClient client,
      String table,
      int threads,
      long millis,
      long[] seqs) {
    long end = System.nanoTime() + millis * 1_000_000;
    long begin = System.nanoTime();
    List<Future<Long>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int thread = w;
      workers.add(
          pool.submit(
              () -> {
                long ops = 0;
                do {
                  put(client, table, thread, seqs[thread]++);
                  ops++;
                } while (System.nanoTime() < end);
                return ops;
              }));
    }
    long ops = 0;
    for (Future<Long> worker : workers) {
      ops += join(worker);
    }
    return ops / ((System.nanoTime() - begin) / 1e9);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark thread failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * One writer puts into the streamed table (the machine's other core is the reader's) while one
   * reader follows the stream from its newest record on, shard after shard.
   */
  private static Reading read(Config config, DynakitEngine engine, PrintStream progress) {
    DynamoDbClient client = engine.client();
    DynamoDbStreamsClient streams = engine.streamsClient();
    String arn = client.describeTable(b -> b.tableName("streamed")).table().latestStreamArn();
    Follower follower = new Follower(streams, arn);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long begin = System.nanoTime();
      Future<?> writer =
          pool.submit(
              () -> {
                long seq = 1_000_000_000L;
                while (writing.get()) {
                  put(client, "streamed", 0, seq++);
                  written.incrementAndGet();
                }
              });
      Future<Long> reader =
          pool.submit(
              () -> {
                while (writing.get()) {
                  follower.poll();
                }
                return follower.read();
              });
      sleepMillis(config.readMillis());
      writing.set(false);
      join(writer);
      long read = join(reader);
      double seconds = (System.nanoTime() - begin) / 1e9;
      long lag = written.get() - read;
      progress.println(format("read %,d of %,d records", read, written.get()));
      return new Reading(
          1, seconds, written.get(), read, lag, follower.shardsFollowed(), follower.expired());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A reader of a stream from its newest record on, moving to each shard's child in turn. */
  static final class Follower {
    private final DynamoDbStreamsClient streams;
    private final String arn;
    private String shard;
    private String iterator;
    private String lastSequence;
    private long read;
    private int shardsFollowed;
    private int expired;

    Follower(DynamoDbStreamsClient streams, String arn) {
      this.streams = streams;
      this.arn = arn;
      List<Shard> shards = shards();
      this.shard = shards.get(shards.size() - 1).shardId();
      this.iterator = iterator(ShardIteratorType.LATEST, null);
    }

    private List<Shard> shards() {
      return streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
    }

    private String iterator(ShardIteratorType type, String sequence) {
      return streams
          .getShardIterator(
              b -> b.streamArn(arn).shardId(shard).shardIteratorType(type).sequenceNumber(sequence))
          .shardIterator();
    }

    /** One GetRecords, and the move to the next shard when this one has ended. */
    void poll() {
      GetRecordsResponse page;
      try {
        String current = iterator;
        page = streams.getRecords(b -> b.shardIterator(current).limit(1_000));
      } catch (ExpiredIteratorException e) {
        expired++;
        iterator =
            lastSequence == null
                ? iterator(ShardIteratorType.TRIM_HORIZON, null)
                : iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequence);
        return;
      }
      List<Record> records = page.records();
      if (!records.isEmpty()) {
        read += records.size();
        lastSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
      }
      iterator = page.nextShardIterator();
      if (iterator == null) {
        String parent = shard;
        shard =
            shards().stream()
                .filter(s -> parent.equals(s.parentShardId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no child of closed " + parent))
                .shardId();
        shardsFollowed++;
        lastSequence = null;
        iterator = iterator(ShardIteratorType.TRIM_HORIZON, null);
      }
    }

    long read() {
      return read;
    }

    int shardsFollowed() {
      return shardsFollowed;
    }

    int expired() {
      return expired;
    }
  }

  /** A clock that runs {@code speed} times faster than real time from {@code origin}. */
  static final class FastClock extends Clock {
    private final Instant origin;
    private final long start = System.nanoTime();
    private final long speed;

    FastClock(Instant origin, long speed) {
      this.origin = origin;
      this.speed = speed;
    }

    @Override
    public Instant instant() {
      return origin.plusNanos((System.nanoTime() - start) * speed);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static String report(Config config, List<Row> rows, Reading reading, String load) {
    StringBuilder out = new StringBuilder();
    out.append("## Streams: write cost and read rate (`StreamsThroughput`)\n\n");
    out.append(
        format(
            "PutItem of ~1 KB items (%,d keys per writer, then every put replaces an item), %d"
                + " rounds of %d ms per table after %d ms of warm-up, alternating; median puts/s."
                + " Engine clock %d× real time (a shard rolls over every %d s, records age out"
                + " after %d s). Load average %s.%n%n",
            KEYS_PER_WRITER,
            config.rounds(),
            config.roundMillis(),
            config.warmupMillis(),
            SPEED,
            Duration.ofHours(4).toSeconds() / SPEED,
            Duration.ofHours(24).toSeconds() / SPEED,
            load));
    out.append(
        "| Writers | no stream puts/s | NEW_AND_OLD_IMAGES stream puts/s | with / without |"
            + " stream's cost |\n");
    out.append("|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      out.append(
          format(
              "| %d | %,.0f | %,.0f | %s | %.0f%% |%n",
              row.threads(),
              row.plain(),
              row.streamed(),
              Report.ratio(row.streamed(), row.plain()),
              100 * (1 - row.ratio())));
    }
    out.append("\nEvery round, puts/s:\n\n");
    for (Row row : rows) {
      out.append(format("- %d writer(s), no stream: %s%n", row.threads(), list(row.plainRounds())));
      out.append(format("- %d writer(s), stream: %s%n", row.threads(), list(row.streamedRounds())));
    }
    out.append(
        format(
            "%nOne reader following the stream (GetRecords, Limit 1000, from LATEST, moving to"
                + " each closed shard's child) while %d writer(s) put into the table for %.1f s:%n%n",
            reading.writers(), reading.seconds()));
    out.append(
        "| records written | records read | records read/s | behind at the end | shards"
            + " followed | iterators expired |\n");
    out.append("|---:|---:|---:|---:|---:|---:|\n");
    out.append(
        format(
            "| %,d | %,d | %,.0f | %,d | %d | %d |%n",
            reading.written(),
            reading.read(),
            reading.read() / reading.seconds(),
            reading.lagAtEnd(),
            reading.shardsFollowed(),
            reading.expired()));
    return out.toString();
  }

  private static String list(double[] values) {
    return String.join(
        ", ", Arrays.stream(values).mapToObj(v -> format("%,.0f", v)).toArray(String[]::new));
  }
}
