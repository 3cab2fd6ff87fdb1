package dev.dynakit.bench;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The adapter's cost and speed on the in-process engine ({@code engine.httpClient()}, so the whole
 * SDK pipeline runs):
 *
 * <ol>
 *   <li>overhead: GetItem and PutItem through a stock SDK client against the same calls through
 *       {@link Dynakit} with metrics (a {@link SimpleMeterRegistry}) and tracing (an OpenTelemetry
 *       SDK exporting to nowhere through a batch processor) on, alternating rounds, medians;
 *   <li>where the overhead goes: GetItem with one part added at a time, each in a fresh JVM;
 *   <li>latency: p50 and p99 per operation through the adapter against seed 001 §9.1's targets;
 *   <li>throughput: 100 concurrent callers (a fixed pool of platform threads) through one adapter
 *       against seed 001 §9.2's 10,000 ops/s.
 * </ol>
 *
 * <p>Run: {@code mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests
 * -Dbench.main=dev.dynakit.bench.AdapterOverhead [-Dbench.args=--quick]} ({@code --ladder-only}:
 * only the ladder). The report (Markdown) goes to standard output, progress to standard error.
 */
public final class AdapterOverhead {
  /** Timings of one run. */
  record Config(
      long warmupMillis,
      int rounds,
      long roundMillis,
      long latencyMillis,
      int callers,
      long throughputMillis) {
    static Config full() {
      return new Config(6_000, 9, 1_000, 3_000, 100, 3_000);
    }

    static Config quick() {
      return new Config(300, 3, 300, 500, 100, 500);
    }
  }

  /** One latency measurement: an operation through the adapter and seed 001 §9.1's targets. */
  record LatencyRow(
      String operation,
      int calls,
      double p50Millis,
      double p99Millis,
      double p50Target,
      double p99Target) {
    boolean met() {
      return p50Millis < p50Target && p99Millis < p99Target;
    }
  }

  /** An operation measured for latency; fills its table first. */
  private record Op(
      String name,
      double p50Target,
      double p99Target,
      Workload.Setup setup,
      Workload.Request request) {}

  static final double THROUGHPUT_TARGET = 10_000;
  static final double OVERHEAD_TARGET_PERCENT = 5;
  private static final int BATCH_GET = 25;
  private static final int TRANSACTION = 5;

  private AdapterOverhead() {}

  public static void main(String[] args) {
    if (args.length == 5 && args[0].equals(LADDER_STEP)) {
      double[] medians =
          ladderStep(
              Step.valueOf(args[1]),
              Long.parseLong(args[2]),
              Integer.parseInt(args[3]),
              Long.parseLong(args[4]));
      System.out.println(Forks.line(medians[0], medians[1], medians[2], medians[3]));
      System.exit(0);
    }
    Config config = Arrays.asList(args).contains("--quick") ? Config.quick() : Config.full();
    if (Arrays.asList(args).contains("--ladder-only")) {
      System.out.println(ladder(config, System.err));
      return;
    }
    System.out.println(run(config, System.err));
  }

  static String run(Config config, PrintStream progress) {
    StringBuilder out = new StringBuilder();
    out.append(
        "# Adapter overhead, latency and throughput (dynakit-client on the in-process engine)\n\n");
    out.append(SideBySide.format("Load average before: %s%n%n", SideBySide.loadAverage()));
    // First, while this JVM is idle: each step of the ladder in a JVM of its own.
    String ladder = ladder(config, progress);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountingExporter exporter = new CountingExporter();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(config.callers(), 1));
    try (DynakitEngine engine = DynakitEngine.inMemory();
        DynamoDbClient raw = HttpCeiling.sdkClient(engine.httpClient());
        DynamoDbClient rawWithCapacity = askingForCapacity(engine);
        Dynakit dynakit =
            adapter(engine, registry, openTelemetry).requestConsumedCapacity(true).build();
        Dynakit noCapacity =
            adapter(engine, registry, openTelemetry).requestConsumedCapacity(false).build()) {
      DynamoDbClient adapter = dynakit.sdk();
      overhead(
          config,
          progress,
          pool,
          raw,
          adapter,
          "Dynakit (metrics and tracing on; consumed capacity requested, the default)",
          out);
      overhead(
          config,
          progress,
          pool,
          raw,
          noCapacity.sdk(),
          "Dynakit (metrics and tracing on; `requestConsumedCapacity(false)`)",
          out);
      out.append(
          "The same default adapter against a stock SDK client that asks for the consumed capacity"
              + " on every call itself (an interceptor setting `ReturnConsumedCapacity=TOTAL`, as"
              + " an application tracking capacity without the adapter would):\n\n");
      overhead(
          config,
          progress,
          pool,
          rawWithCapacity,
          adapter,
          "Dynakit (metrics and tracing on; consumed capacity requested), SDK asking for capacity"
              + " too",
          out);
      out.append(ladder);
      latency(config, progress, raw, adapter, out);
      throughput(config, progress, pool, raw, adapter, out);
    } finally {
      pool.shutdownNow();
      tracing.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      tracing.shutdown();
    }
    double counted =
        registry.find("dynamodb_operations_total").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
    out.append(
        SideBySide.format(
            "Instrumentation was on: %,.0f calls counted by `dynamodb_operations_total`, %,d spans"
                + " exported.%n%n",
            counted, exporter.spans.get()));
    out.append(SideBySide.format("Load average after: %s%n", SideBySide.loadAverage()));
    return out.toString();
  }

  /** A stock SDK client that asks for the consumed capacity of every call that can return it. */
  static DynamoDbClient askingForCapacity(DynakitEngine engine) {
    return DynamoDbClient.builder()
        .httpClient(engine.httpClient())
        .endpointOverride(java.net.URI.create("http://localhost:8000"))
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(new AskForCapacity()))
        .build();
  }

  /** Sets {@code ReturnConsumedCapacity=TOTAL} on GetItem and PutItem requests. */
  static final class AskForCapacity
      implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
    @Override
    public software.amazon.awssdk.core.SdkRequest modifyRequest(
        software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
      software.amazon.awssdk.core.SdkRequest request = context.request();
      if (request instanceof GetItemRequest) {
        return ((GetItemRequest) request).toBuilder().returnConsumedCapacity("TOTAL").build();
      }
      if (request instanceof PutItemRequest) {
        return ((PutItemRequest) request).toBuilder().returnConsumedCapacity("TOTAL").build();
      }
      return request;
    }
  }

  /** The ladder's steps: each adds one part to the one before (the first stands alone). */
  enum Step {
    CAPACITY_STOCK("stock SDK client asking for the consumed capacity", false, false, false),
    BARE("Dynakit, no metrics, no tracing", false, false, false),
    METRICS("Dynakit, metrics", true, false, false),
    TRACING("Dynakit, tracing", false, true, false),
    BOTH("Dynakit, metrics and tracing", true, true, false),
    DEFAULT(
        "Dynakit, metrics and tracing, consumed capacity asked (the default)", true, true, true);

    final String label;
    final boolean metrics;
    final boolean tracing;
    final boolean capacity;

    Step(String label, boolean metrics, boolean tracing, boolean capacity) {
      this.label = label;
      this.metrics = metrics;
      this.tracing = tracing;
      this.capacity = capacity;
    }
  }

  /**
   * Where the overhead goes: GetItem through a stock client and, alternating with it round by
   * round, through clients that add one part at a time: the consumed capacity asked by a stock
   * client, then the adapter with no meter registry and no tracer (policy gate, circuit breaker,
   * retry strategy, error mapping, logs), with metrics, with tracing, with both, and with both and
   * the capacity asked (the default). Each step runs in a fresh JVM (no other client's classes or
   * JIT profile), and its overhead and microseconds per call are against the stock client measured
   * in the same rounds.
   */
  private static String ladder(Config config, PrintStream progress) {
    StringBuilder out = new StringBuilder();
    out.append("## Where the overhead goes: GetItem, one part at a time, 1 thread\n\n");
    out.append(
        "Each step in a fresh JVM: the stock client and the step's client alternate round by"
            + " round, after a warm-up of each. Overhead and µs per call are the medians over the"
            + " pairs of adjacent rounds (so a load that changes during the run affects both"
            + " sides of a pair alike); ops/s are the medians of each client's rounds.\n\n");
    out.append("| Client | ops/s | stock SDK ops/s, same rounds | overhead | µs per call |\n");
    out.append("|---|---|---|---|---|\n");
    for (Step step : Step.values()) {
      progress.println("ladder: " + step.label + " ...");
      String[] result =
          Forks.result(
              AdapterOverhead.class,
              List.of(),
              LADDER_STEP,
              step.name(),
              Long.toString(config.warmupMillis()),
              Integer.toString(config.rounds()),
              Long.toString(config.roundMillis()));
      out.append(
          SideBySide.format(
              "| %s | %,.0f | %,.0f | %.1f%% | %.2f |%n",
              step.label,
              Double.parseDouble(result[1]),
              Double.parseDouble(result[0]),
              Double.parseDouble(result[2]) * 100,
              Double.parseDouble(result[3])));
    }
    return out.append('\n').toString();
  }

  /** The argument that makes {@link #main} run one step of the ladder and print its result. */
  static final String LADDER_STEP = "--ladder-step";

  /**
   * One step of the ladder, in this JVM: answers the stock client's and the step's client's median
   * ops/s, then the medians over the pairs of adjacent rounds of the overhead (a fraction) and of
   * the microseconds the step adds per call.
   */
  static double[] ladderStep(Step step, long warmupMillis, int rounds, long roundMillis) {
    CountingExporter exporter = new CountingExporter();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (DynakitEngine engine = DynakitEngine.inMemory();
        DynamoDbClient raw = HttpCeiling.sdkClient(engine.httpClient());
        DynamoDbClient withCapacity = askingForCapacity(engine);
        Dynakit dynakit = stepAdapter(step, engine, tracing)) {
      Workload get = workloads("GetItem").get(0);
      String table = "overhead_ladder";
      Items.createTable(raw, table);
      get.setup().fill(raw, table);
      DynamoDbClient measured = step == Step.CAPACITY_STOCK ? withCapacity : dynakit.sdk();
      double[][] samples =
          alternate(pool, raw, measured, table, get, warmupMillis, rounds, roundMillis);
      double[] overheads = new double[rounds];
      double[] micros = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        overheads[round] = samples[0][round] / samples[1][round] - 1;
        micros[round] = 1e6 / samples[1][round] - 1e6 / samples[0][round];
      }
      return new double[] {
        SideBySide.median(samples[0]),
        SideBySide.median(samples[1]),
        SideBySide.median(overheads),
        SideBySide.median(micros)
      };
    } finally {
      pool.shutdownNow();
      tracing.shutdown();
    }
  }

  /**
   * Runs {@code workload} on one thread through {@code stock} and {@code measured}: a warm-up of
   * each, then {@code rounds} pairs of rounds, the order alternating from one pair to the next.
   * Answers each client's ops/s per round: {@code [0]} the stock client's, {@code [1]} the other's.
   */
  private static double[][] alternate(
      ExecutorService pool,
      DynamoDbClient stock,
      DynamoDbClient measured,
      String table,
      Workload workload,
      long warmupMillis,
      int rounds,
      long roundMillis) {
    DynamoDbClient[] clients = {stock, measured};
    long[][] seqs = new long[2][1];
    for (int c = 0; c < 2; c++) {
      SideBySide.opsPerSecond(pool, clients[c], table, workload, 1, warmupMillis, seqs[c]);
    }
    double[][] samples = new double[2][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < 2; i++) {
        int c = round % 2 == 0 ? i : 1 - i;
        samples[c][round] =
            SideBySide.opsPerSecond(pool, clients[c], table, workload, 1, roundMillis, seqs[c]);
      }
    }
    return samples;
  }

  private static Dynakit stepAdapter(
      Step step, DynakitEngine engine, SdkTracerProvider tracerProvider) {
    Dynakit.Builder builder = base(engine).requestConsumedCapacity(step.capacity);
    if (step.metrics) {
      builder.meterRegistry(new SimpleMeterRegistry());
    }
    if (step.tracing) {
      builder.openTelemetry(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build());
    }
    return builder.build();
  }

  /** An adapter on the engine with metrics and tracing on, writes allowed, nothing else set. */
  private static Dynakit.Builder adapter(
      DynakitEngine engine, SimpleMeterRegistry registry, OpenTelemetry openTelemetry) {
    return base(engine).meterRegistry(registry).openTelemetry(openTelemetry);
  }

  /** An adapter on the engine with writes allowed and nothing else set: no metrics, no tracing. */
  private static Dynakit.Builder base(DynakitEngine engine) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("us-east-1")
        .environment(Map.of())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .httpClient(engine.httpClient())
        .policy(Policy.builder().allowWrite(true).build());
  }

  private static void overhead(
      Config config,
      PrintStream progress,
      ExecutorService pool,
      DynamoDbClient raw,
      DynamoDbClient adapter,
      String label,
      StringBuilder out) {
    out.append("## Overhead: stock SDK client vs " + label + ", 1 thread\n\n");
    out.append("| Workload | SDK ops/s | Dynakit ops/s | overhead | target | met |\n");
    out.append("|---|---|---|---|---|---|\n");
    StringBuilder rounds = new StringBuilder();
    for (Workload workload : workloads("GetItem", "PutItem")) {
      progress.println("overhead " + workload.name() + " ...");
      String table = "overhead_" + workload.name() + "_" + Integer.toHexString(label.hashCode());
      Items.createTable(raw, table);
      workload.setup().fill(raw, table);
      double[][] samples =
          alternate(
              pool,
              raw,
              adapter,
              table,
              workload,
              config.warmupMillis(),
              config.rounds(),
              config.roundMillis());
      double sdk = SideBySide.median(samples[0]);
      double dynakit = SideBySide.median(samples[1]);
      double overhead = (sdk / dynakit - 1) * 100;
      out.append(
          SideBySide.format(
              "| %s | %,.0f | %,.0f | %.1f%% | ≤ %.0f%% | %s |%n",
              workload.name(),
              sdk,
              dynakit,
              overhead,
              OVERHEAD_TARGET_PERCENT,
              overhead <= OVERHEAD_TARGET_PERCENT ? "yes" : "no"));
      rounds.append(
          SideBySide.format(
              "- %s rounds, SDK: %s; Dynakit: %s%n",
              workload.name(), list(samples[0]), list(samples[1])));
    }
    out.append('\n').append(rounds).append('\n');
  }

  private static void latency(
      Config config,
      PrintStream progress,
      DynamoDbClient raw,
      DynamoDbClient adapter,
      StringBuilder out) {
    out.append("## Latency through the adapter, 1 caller (seed 001 §9.1)\n\n");
    out.append("| Operation | calls | p50 ms | p99 ms | target p50 | target p99 | met |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Op op : ops()) {
      progress.println("latency " + op.name() + " ...");
      String table = "latency_" + op.name().replaceAll("[^A-Za-z0-9]", "_");
      Items.createTable(raw, table);
      op.setup().fill(raw, table);
      sample(adapter, table, op.request(), config.warmupMillis());
      long[] nanos = sample(adapter, table, op.request(), config.latencyMillis());
      LatencyRow row =
          new LatencyRow(
              op.name(),
              nanos.length,
              percentile(nanos, 0.50) / 1e6,
              percentile(nanos, 0.99) / 1e6,
              op.p50Target(),
              op.p99Target());
      out.append(
          SideBySide.format(
              "| %s | %,d | %.3f | %.3f | < %.0f | < %.0f | %s |%n",
              row.operation(),
              row.calls(),
              row.p50Millis(),
              row.p99Millis(),
              row.p50Target(),
              row.p99Target(),
              row.met() ? "yes" : "no"));
    }
    out.append('\n');
  }

  private static void throughput(
      Config config,
      PrintStream progress,
      ExecutorService pool,
      DynamoDbClient raw,
      DynamoDbClient adapter,
      StringBuilder out) {
    out.append(
        SideBySide.format(
            "## Throughput through one adapter, %d concurrent callers (seed 001 §9.2)%n%n",
            config.callers()));
    out.append("| Workload | callers | ops/s | target | met |\n");
    out.append("|---|---|---|---|---|\n");
    for (Workload workload : workloads("GetItem", "PutItem")) {
      progress.println("throughput " + workload.name() + " ...");
      String table = "throughput_" + workload.name();
      Items.createTable(raw, table);
      workload.setup().fill(raw, table);
      long[] seqs = new long[config.callers()];
      SideBySide.opsPerSecond(
          pool, adapter, table, workload, config.callers(), config.warmupMillis(), seqs);
      double opsPerSecond =
          SideBySide.opsPerSecond(
              pool, adapter, table, workload, config.callers(), config.throughputMillis(), seqs);
      out.append(
          SideBySide.format(
              "| %s | %d | %,.0f | ≥ %,.0f | %s |%n",
              workload.name(),
              config.callers(),
              opsPerSecond,
              THROUGHPUT_TARGET,
              opsPerSecond >= THROUGHPUT_TARGET ? "yes" : "no"));
    }
    out.append('\n');
  }

  /** Runs {@code request} back to back for {@code millis}; answers each call's nanoseconds. */
  private static long[] sample(
      DynamoDbClient client, String table, Workload.Request request, long millis) {
    long[] nanos = new long[1024];
    int n = 0;
    long end = System.nanoTime() + millis * 1_000_000;
    long seq = 0;
    do {
      long start = System.nanoTime();
      request.run(client, table, 0, seq++);
      long took = System.nanoTime() - start;
      if (n == nanos.length) {
        nanos = Arrays.copyOf(nanos, n * 2);
      }
      nanos[n++] = took;
    } while (System.nanoTime() < end);
    long[] taken = Arrays.copyOf(nanos, n);
    Arrays.sort(taken);
    return taken;
  }

  /** The {@code q} quantile of sorted values, nearest rank. */
  static double percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static List<Workload> workloads(String... names) {
    List<Workload> chosen = new ArrayList<>();
    for (String name : names) {
      for (Workload workload : Workload.all()) {
        if (workload.name().equals(name)) {
          chosen.add(workload);
        }
      }
    }
    return chosen;
  }

  private static List<Op> ops() {
    Map<String, Workload> byName = new java.util.HashMap<>();
    Workload.all().forEach(w -> byName.put(w.name(), w));
    Workload get = byName.get("GetItem");
    return List.of(
        new Op("GetItem", 5, 20, get.setup(), get.request()),
        new Op("PutItem", 10, 50, byName.get("PutItem").setup(), byName.get("PutItem").request()),
        new Op(
            "UpdateItem",
            10,
            50,
            byName.get("UpdateItem").setup(),
            byName.get("UpdateItem").request()),
        new Op(
            "Query (10 items)",
            20,
            100,
            byName.get("Query").setup(),
            byName.get("Query").request()),
        new Op("BatchGetItem (25)", 50, 200, get.setup(), AdapterOverhead::batchGet),
        new Op(
            "TransactWriteItems (5)",
            50,
            200,
            (client, table) -> {},
            AdapterOverhead::transactWrite));
  }

  /** A BatchGetItem of 25 distinct stored items, chosen at random; checks all 25 come back. */
  private static void batchGet(DynamoDbClient client, String table, int thread, long seq) {
    int first = ThreadLocalRandom.current().nextInt(Workload.KEYS - BATCH_GET);
    List<Map<String, AttributeValue>> keys = new ArrayList<>(BATCH_GET);
    for (int i = 0; i < BATCH_GET; i++) {
      keys.add(Items.key(Items.partition("p", first + i), Items.sort(0)));
    }
    BatchGetItemResponse r =
        client.batchGetItem(
            b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())));
    int got = r.responses().getOrDefault(table, List.of()).size();
    int unprocessed =
        r.hasUnprocessedKeys() && r.unprocessedKeys().containsKey(table)
            ? r.unprocessedKeys().get(table).keys().size()
            : 0;
    if (got + unprocessed != BATCH_GET || got == 0) {
      throw new IllegalStateException(
          "BatchGetItem answered " + got + " of " + BATCH_GET + " items");
    }
  }

  /** A TransactWriteItems of 5 Puts in one partition of its own. */
  private static void transactWrite(DynamoDbClient client, String table, int thread, long seq) {
    String pk = Items.partition("t" + thread + "-", seq % 1_000);
    List<TransactWriteItem> puts = new ArrayList<>(TRANSACTION);
    for (int j = 0; j < TRANSACTION; j++) {
      Map<String, AttributeValue> item = Items.item(pk, Items.sort(j));
      puts.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
    }
    client.transactWriteItems(b -> b.transactItems(puts));
  }

  private static String list(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double value : values) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(SideBySide.format("%,.0f", value));
    }
    return out.toString();
  }

  /** Exports spans to nowhere, counting them, so tracing costs what it costs up to the wire. */
  static final class CountingExporter implements SpanExporter {
    final AtomicLong spans = new AtomicLong();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAndGet(batch.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
