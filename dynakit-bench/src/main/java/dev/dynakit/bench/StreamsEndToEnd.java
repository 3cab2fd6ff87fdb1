package dev.dynakit.bench;

import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.streams.CheckpointStore;
import dev.dynakit.streams.StreamEvent;
import dev.dynakit.streams.StreamListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The streams consumer end to end, from a PutItem to the handler, on the engine and on DynamoDB
 * Local embedded side by side (in-process clients; the same {@link StreamListener} in the
 * background, polling every 5 ms, batches of up to 1,000 records, checkpoints in memory):
 *
 * <ol>
 *   <li>throughput: one writer puts N items (~100 bytes) as fast as it can; events handled per
 *       second, from the first put to the last event handled;
 *   <li>delay: one writer puts at a steady rate; p50 and p99 of the time from a put returning to
 *       its event reaching the handler.
 * </ol>
 *
 * Rounds alternate between the targets; medians reported, and engine ÷ Local.
 *
 * <p>Run: {@code mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests
 * -Dbench.main=dev.dynakit.bench.StreamsEndToEnd [-Dbench.args=--quick]}.
 */
public final class StreamsEndToEnd {
  /**
   * Sizes of one run.
   *
   * @param items items put in a throughput round
   * @param rate puts per second in a delay round
   * @param pacedMillis how long a delay round writes
   * @param rounds rounds per target
   */
  record Config(int items, int rate, long pacedMillis, int rounds) {
    static Config full() {
      return new Config(20_000, 200, 5_000, 3);
    }

    static Config quick() {
      return new Config(2_000, 200, 1_000, 1);
    }
  }

  /** What one round measured. */
  record Round(double eventsPerSecond, double p50Millis, double p99Millis) {}

  private static final String TABLE = "stream_e2e";
  private static final String[] TARGETS = {"dynakit-engine", "DynamoDB Local"};

  private StreamsEndToEnd() {}

  public static void main(String[] args) {
    Config config = Arrays.asList(args).contains("--quick") ? Config.quick() : Config.full();
    System.out.println(run(config, System.err));
  }

  static String run(Config config, PrintStream progress) {
    double[][] throughput = new double[2][config.rounds()];
    double[][] p50 = new double[2][config.rounds()];
    double[][] p99 = new double[2][config.rounds()];
    String before = SideBySide.loadAverage();
    for (int round = 0; round < config.rounds(); round++) {
      for (int target = 0; target < 2; target++) {
        progress.println("round " + (round + 1) + ": " + TARGETS[target]);
        throughput[target][round] = measure(target, config, false).eventsPerSecond();
        Round paced = measure(target, config, true);
        p50[target][round] = paced.p50Millis();
        p99[target][round] = paced.p99Millis();
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# Streams consumer end to end: a put to its handler (in-process clients)\n\n");
    out.append(SideBySide.format("Load average before: %s%n%n", before));
    out.append("| Measure | dynakit-engine | DynamoDB Local | engine ÷ Local |\n");
    out.append("|---|---|---|---|\n");
    double engineRate = SideBySide.median(throughput[0]);
    double localRate = SideBySide.median(throughput[1]);
    out.append(
        SideBySide.format(
            "| events/s, %,d puts by one writer | %,.0f | %,.0f | %.1f× |%n",
            config.items(), engineRate, localRate, engineRate / localRate));
    double engine50 = SideBySide.median(p50[0]);
    double local50 = SideBySide.median(p50[1]);
    double engine99 = SideBySide.median(p99[0]);
    double local99 = SideBySide.median(p99[1]);
    out.append(
        SideBySide.format(
            "| p50 delay put → handler at %d puts/s, ms | %.2f | %.2f | %.1f× less |%n",
            config.rate(), engine50, local50, local50 / engine50));
    out.append(
        SideBySide.format(
            "| p99 delay put → handler at %d puts/s, ms | %.2f | %.2f | %.1f× less |%n",
            config.rate(), engine99, local99, local99 / engine99));
    out.append(
        "\nMedians of "
            + config.rounds()
            + " rounds per target, alternating. The listener polls an idle shard every 5 ms, so"
            + " delays include up to 5 ms of waiting.\n\n");
    out.append(SideBySide.format("Load average after: %s%n", SideBySide.loadAverage()));
    return out.toString();
  }

  private static Round measure(int target, Config config, boolean paced) {
    if (target == 0) {
      try (DynakitEngine engine = DynakitEngine.inMemory()) {
        return measure(engine.client(), engine.streamsClient(), config, paced);
      }
    }
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    try {
      return measure(local.dynamoDbClient(), local.dynamoDbStreamsClient(), config, paced);
    } finally {
      local.shutdownNow();
    }
  }

  private static Round measure(
      DynamoDbClient db, DynamoDbStreamsClient streams, Config config, boolean paced) {
    db.createTable(
        b ->
            b.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    int items = paced ? (int) (config.rate() * config.pacedMillis() / 1000) : config.items();
    long[] delays = new long[items];
    AtomicInteger handled = new AtomicInteger();
    long[] lastHandled = new long[1];
    StreamListener listener =
        StreamListener.builder(db, streams)
            .table(TABLE)
            .checkpoints(CheckpointStore.inMemory())
            .pollInterval(Duration.ofMillis(5))
            .handler(
                events -> {
                  long now = System.nanoTime();
                  for (StreamEvent event : events) {
                    int n = Integer.parseInt(event.keys().get("id").s());
                    delays[n] = now - Long.parseLong(event.newImage().get("t").n());
                  }
                  lastHandled[0] = now;
                  handled.addAndGet(events.size());
                })
            .build();
    listener.start();
    try {
      // The listener starts at the trim horizon: the first put is its first event.
      long first = System.nanoTime();
      long interval = paced ? TimeUnit.SECONDS.toNanos(1) / config.rate() : 0;
      for (int i = 0; i < items; i++) {
        if (paced) {
          long due = first + i * interval;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        String id = Integer.toString(i);
        db.putItem(
            b ->
                b.tableName(TABLE)
                    .item(
                        Map.of(
                            "id", AttributeValue.fromS(id),
                            "t", AttributeValue.fromN(Long.toString(System.nanoTime())),
                            "body", AttributeValue.fromS("x".repeat(60)))));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (handled.get() < items && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      SideBySide.check(handled.get() == items);
      double seconds = (lastHandled[0] - first) / 1e9;
      long[] sorted = delays.clone();
      Arrays.sort(sorted);
      return new Round(
          items / seconds,
          sorted[(int) (items * 0.50)] / 1e6,
          sorted[Math.min(items - 1, (int) Math.ceil(items * 0.99) - 1)] / 1e6);
    } finally {
      listener.close();
    }
  }
}
