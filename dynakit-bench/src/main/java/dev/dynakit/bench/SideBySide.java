package dev.dynakit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Measures dynakit-engine and DynamoDB Local side by side, in one run, and prints a Markdown report
 * of ops/s for each and their ratio. Each workload and thread count gets a warm-up on each target,
 * then measured rounds of a fixed duration that alternate between the targets; the report gives the
 * median round. Start-up and memory are measured in fresh JVMs, one per target and run.
 *
 * <pre>
 * mvn -B -q -pl dynakit-bench -am install -DskipTests
 * mvn -B -q -pl dynakit-bench exec:exec                          # full run
 * mvn -B -q -pl dynakit-bench exec:exec -Dbench.args=--quick     # quick look
 * </pre>
 */
public final class SideBySide {
  private static final Target[] TARGETS = {Target.ENGINE, Target.DYNAMODB_LOCAL};

  /** Start-up also measures the floor: the SDK's own objects, no database. */
  static final Target[] STARTUP_TARGETS = {Target.ENGINE, Target.DYNAMODB_LOCAL, Target.SDK_ONLY};

  private SideBySide() {}

  /**
   * How long and how much to measure.
   *
   * @param warmupMillis warm-up per target before each workload and thread count
   * @param rounds measured rounds per target
   * @param roundMillis duration of a measured round
   * @param threads the thread counts to measure each workload with
   * @param memoryItems items stored for the memory measurement
   * @param startupRuns start-ups measured per target (the median is reported)
   * @param fork whether start-up and memory run in fresh JVMs (in-process only for smoke tests)
   */
  record Config(
      long warmupMillis,
      int rounds,
      long roundMillis,
      List<Integer> threads,
      int memoryItems,
      int startupRuns,
      boolean fork) {
    static final Config FULL = new Config(1_500, 5, 1_000, List.of(1, 2), 100_000, 3, true);
    static final Config QUICK = new Config(300, 3, 300, List.of(1, 2), 10_000, 1, true);

    /**
     * {@code --quick} for a short run, {@code --in-process} to measure start-up and memory here.
     */
    static Config parse(String... args) {
      RunFlags flags = RunFlags.parse(args);
      Config config = flags.quick() ? QUICK : FULL;
      return new Config(
          config.warmupMillis,
          config.rounds,
          config.roundMillis,
          config.threads,
          config.memoryItems,
          config.startupRuns,
          flags.fork());
    }
  }

  /** One line of the throughput table: median ops/s of each target. */
  record Row(
      String workload,
      int threads,
      double engine,
      double peer,
      double[] engineRounds,
      double[] peerRounds) {
    double ratio() {
      return engine / peer;
    }
  }

  public static void main(String[] args) {
    Config config = Config.parse(args);
    String report = run(config, System.err);
    System.out.println(report);
    // DynamoDB Local may leave non-daemon threads behind.
    System.exit(0);
  }

  /** Runs every measurement; progress goes to {@code progress}, the report is returned. */
  static String run(Config config, PrintStream progress) {
    List<Row> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String loadBefore = loadAverage();
    throughput(config, progress, rows, skipped);
    String loadAfter = loadAverage();

    List<Row> http = HttpCeiling.measure(config, progress);
    String loadAfterHttp = loadAverage();

    progress.println("start-up ...");
    Probe.Startup[][] startups = new Probe.Startup[STARTUP_TARGETS.length][config.startupRuns()];
    for (int run = 0; run < config.startupRuns(); run++) {
      for (int i = 0; i < STARTUP_TARGETS.length; i++) {
        int t = run % 2 == 0 ? i : STARTUP_TARGETS.length - 1 - i;
        Target target = STARTUP_TARGETS[t];
        startups[t][run] = config.fork() ? Probe.forkStartup(target) : Probe.startup(target);
      }
    }

    progress.println("memory ...");
    Probe.Memory[] memory = new Probe.Memory[TARGETS.length];
    for (int t = 0; t < TARGETS.length; t++) {
      memory[t] =
          config.fork()
              ? Probe.forkMemory(TARGETS[t], config.memoryItems())
              : Probe.memory(TARGETS[t], config.memoryItems());
    }
    return Report.markdown(
        config,
        rows,
        skipped,
        http,
        startups,
        memory,
        "before " + loadBefore + ", after " + loadAfter + ", after the HTTP runs " + loadAfterHttp);
  }

  private static void throughput(
      Config config, PrintStream progress, List<Row> rows, List<String> skipped) {
    int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
    Target.Running[] running = new Target.Running[TARGETS.length];
    try {
      for (int t = 0; t < TARGETS.length; t++) {
        running[t] = TARGETS[t].start();
      }
      for (Workload workload : Workload.all()) {
        String table = "bench_" + workload.name();
        String skip = prepare(workload, table, running);
        if (skip != null) {
          progress.println(workload.name() + ": skipped, " + skip);
          skipped.add(
              workload.name()
                  + " (needs "
                  + String.join(", ", workload.operations())
                  + "): "
                  + skip);
          continue;
        }
        long[][] seqs = new long[TARGETS.length][maxThreads];
        for (int threads : config.threads()) {
          progress.println(workload.name() + ", " + threads + " thread(s) ...");
          for (int t = 0; t < TARGETS.length; t++) {
            opsPerSecond(
                pool,
                running[t].client(),
                table,
                workload,
                threads,
                config.warmupMillis(),
                seqs[t]);
          }
          double[][] samples = new double[TARGETS.length][config.rounds()];
          for (int round = 0; round < config.rounds(); round++) {
            for (int i = 0; i < TARGETS.length; i++) {
              int t = round % 2 == 0 ? i : TARGETS.length - 1 - i;
              samples[t][round] =
                  opsPerSecond(
                      pool,
                      running[t].client(),
                      table,
                      workload,
                      threads,
                      config.roundMillis(),
                      seqs[t]);
            }
          }
          rows.add(
              new Row(
                  workload.name(),
                  threads,
                  median(samples[0]),
                  median(samples[1]),
                  samples[0],
                  samples[1]));
        }
        for (Target.Running r : running) {
          r.client().deleteTable(b -> b.tableName(table));
        }
      }
    } finally {
      pool.shutdownNow();
      for (Target.Running r : running) {
        if (r != null) {
          r.close();
        }
      }
    }
  }

  /**
   * Creates and fills the workload's table on every target and makes one request on each. Answers
   * why the workload is skipped if a target does not serve one of its operations, else null.
   */
  static String prepare(Workload workload, String table, Target.Running[] running) {
    for (int t = 0; t < running.length; t++) {
      DynamoDbClient client = running[t].client();
      Items.createTable(client, table);
      try {
        workload.setup().fill(client, table);
        workload.request().run(client, table, 0, 0);
      } catch (DynamoDbException e) {
        if (!unknownOperation(e)) {
          throw e;
        }
        for (int u = 0; u <= t; u++) {
          running[u].client().deleteTable(b -> b.tableName(table));
        }
        return TARGETS[t].label() + " answers UnknownOperationException (" + e.getMessage() + ")";
      }
    }
    return null;
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
  static String loadAverage() {
    return loadAverage(Path.of("/proc/loadavg"));
  }

  static String loadAverage(Path file) {
    try {
      String[] fields = Files.readString(file).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static boolean unknownOperation(DynamoDbException e) {
    return e.awsErrorDetails() != null
        && "UnknownOperationException".equals(e.awsErrorDetails().errorCode());
  }

  /** Calls per second of {@code op}, run back to back for {@code millis}. */
  static double callsPerSecond(LongConsumer op, long millis) {
    long start = System.nanoTime();
    long end = start + millis * 1_000_000;
    long calls = 0;
    long now;
    do {
      op.accept(calls++);
      now = System.nanoTime();
    } while (now < end);
    return calls / ((now - start) / 1e9);
  }

  /** Fails a benchmark whose call answered wrongly: a fast wrong answer measures nothing. */
  static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a benchmark call answered wrongly");
    }
  }

  /**
   * Runs the workload on {@code threads} workers for {@code millis}; answers requests per second.
   */
  static double opsPerSecond(
      ExecutorService pool,
      DynamoDbClient client,
      String table,
      Workload workload,
      int threads,
      long millis,
      long[] seqs) {
    CountDownLatch start = new CountDownLatch(1);
    long[] deadline = new long[1];
    List<Future<long[]>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int thread = w;
      workers.add(
          pool.submit(
              () -> {
                start.await();
                long end = deadline[0];
                long seq = seqs[thread];
                long ops = 0;
                do {
                  workload.request().run(client, table, thread, seq++);
                  ops++;
                } while (System.nanoTime() < end);
                seqs[thread] = seq;
                return new long[] {ops, System.nanoTime()};
              }));
    }
    long begin = System.nanoTime();
    deadline[0] = begin + millis * 1_000_000;
    start.countDown();
    long ops = 0;
    long finished = begin;
    try {
      for (Future<long[]> worker : workers) {
        long[] result = worker.get();
        ops += result[0];
        finished = Math.max(finished, result[1]);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          workload.name() + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return ops / ((finished - begin) / 1e9);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
