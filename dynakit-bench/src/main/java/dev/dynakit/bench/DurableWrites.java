package dev.dynakit.bench;

import static dev.dynakit.bench.SideBySide.format;

import dev.dynakit.engine.Durability;
import dev.dynakit.engine.DynakitEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Durable writes side by side: the engine on disk ({@code dataDir}) in {@code sync} and {@code
 * relaxed} durability, and DynamoDB Local embedded with a database file; PutItem and
 * TransactWriteItems at 1 and 8 threads, in alternating rounds (median reported). Then the start-up
 * of a data directory holding many items: opening it in a fresh JVM, its first GetItem, and the
 * heap it holds once open.
 *
 * <pre>
 * mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests \
 *     -Dbench.main=dev.dynakit.bench.DurableWrites [-Dbench.args=--quick]
 * </pre>
 */
public final class DurableWrites {
  private DurableWrites() {}

  /**
   * How long and how much to measure.
   *
   * @param warmupMillis warm-up per store before each workload and thread count
   * @param rounds measured rounds per store
   * @param roundMillis duration of a measured round
   * @param threads the thread counts
   * @param startupItems items in the data directory whose start-up is measured
   * @param startupRuns start-ups measured (the median is reported)
   * @param fork whether start-up is measured in fresh JVMs (in-process only for smoke tests)
   */
  record Config(
      long warmupMillis,
      int rounds,
      long roundMillis,
      List<Integer> threads,
      int startupItems,
      int startupRuns,
      boolean fork) {
    static final Config FULL = new Config(1_000, 5, 1_000, List.of(1, 8), 1_000_000, 3, true);
    static final Config QUICK = new Config(300, 3, 300, List.of(1, 8), 100_000, 1, true);

    static Config parse(String... args) {
      RunFlags flags = RunFlags.parse(args);
      Config config = flags.quick() ? QUICK : FULL;
      return new Config(
          config.warmupMillis,
          config.rounds,
          config.roundMillis,
          config.threads,
          config.startupItems,
          config.startupRuns,
          flags.fork());
    }
  }

  /** What is measured side by side. */
  enum Store {
    SYNC("dynakit sync"),
    RELAXED("dynakit relaxed"),
    DYNAMODB_LOCAL("DynamoDB Local (file)");

    private final String label;

    Store(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }

    /** Starts the store on an empty directory. */
    Target.Running start(Path dir) {
      if (this == DYNAMODB_LOCAL) {
        // The database file, as DynamoDB Local's -sharedDb names it; telemetry off.
        AmazonDynamoDBLocal local =
            DynamoDBEmbedded.create(dir.resolve("shared-local-instance.db").toFile(), true);
        return new Target.Running(local.dynamoDbClient(), local::shutdownNow);
      }
      DynakitEngine engine =
          DynakitEngine.builder()
              .dataDir(dir)
              .durability(this == SYNC ? Durability.SYNC : Durability.RELAXED)
              .build();
      return new Target.Running(engine.client(), engine::close);
    }
  }

  /** One line of the throughput table: the median ops/s of each store, in {@link Store} order. */
  record Row(String workload, int threads, double[] medians, double[][] rounds) {}

  /**
   * The start-up of a data directory: how it was filled, and opening it.
   *
   * @param items items stored
   * @param loadMillis time to store them (relaxed, BatchWriteItem, 4 threads)
   * @param directoryBytes the directory's size on disk after a clean close
   * @param openMillis median time of {@code build()} on the directory
   * @param firstGetMillis median time from then to the answer of a GetItem
   * @param heapBytes median heap in use (after GC) with the engine open
   * @param uptimeMillis median JVM uptime at the GetItem's answer (fresh JVM)
   * @param emptyOpenMillis the same open, of a directory holding the table and one item
   * @param emptyHeapBytes the heap in use with that directory open
   */
  record Startup(
      int items,
      double loadMillis,
      long directoryBytes,
      double openMillis,
      double firstGetMillis,
      double heapBytes,
      double uptimeMillis,
      double emptyOpenMillis,
      double emptyHeapBytes) {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("open")) {
      double[] opened = open(Path.of(args[1]));
      System.out.println(Forks.line(opened[0], opened[1], opened[2], opened[3]));
      System.exit(0);
    }
    Config config = Config.parse(args);
    System.out.println(run(config, System.err));
    // DynamoDB Local may leave non-daemon threads behind.
    System.exit(0);
  }

  /** Runs every measurement; progress goes to {@code progress}, the report is returned. */
  static String run(Config config, PrintStream progress) {
    String loadBefore = SideBySide.loadAverage();
    List<Row> rows = throughput(config, progress);
    String loadAfter = SideBySide.loadAverage();
    progress.println("start-up with " + config.startupItems() + " items ...");
    Startup startup = startup(config);
    return report(config, rows, startup, "before " + loadBefore + ", after " + loadAfter);
  }

  private static List<Row> throughput(Config config, PrintStream progress) {
    Store[] stores = Store.values();
    List<Workload> workloads =
        Workload.all().stream()
            .filter(w -> w.name().equals("PutItem") || w.name().equals("TransactWriteItems"))
            .toList();
    int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
    List<Path> dirs = new ArrayList<>();
    Target.Running[] running = new Target.Running[stores.length];
    List<Row> rows = new ArrayList<>();
    try {
      for (int s = 0; s < stores.length; s++) {
        Path dir = Files.createTempDirectory("dynakit-durable-" + stores[s].name());
        dirs.add(dir);
        running[s] = stores[s].start(dir);
      }
      for (Workload workload : workloads) {
        String table = "durable_" + workload.name();
        for (Target.Running r : running) {
          Items.createTable(r.client(), table);
        }
        long[][] seqs = new long[stores.length][maxThreads];
        for (int threads : config.threads()) {
          progress.println(workload.name() + ", " + threads + " thread(s) ...");
          for (int s = 0; s < stores.length; s++) {
            SideBySide.opsPerSecond(
                pool,
                running[s].client(),
                table,
                workload,
                threads,
                config.warmupMillis(),
                seqs[s]);
          }
          double[][] samples = new double[stores.length][config.rounds()];
          for (int round = 0; round < config.rounds(); round++) {
            for (int i = 0; i < stores.length; i++) {
              int s = round % 2 == 0 ? i : stores.length - 1 - i;
              samples[s][round] =
                  SideBySide.opsPerSecond(
                      pool,
                      running[s].client(),
                      table,
                      workload,
                      threads,
                      config.roundMillis(),
                      seqs[s]);
            }
          }
          double[] medians = new double[stores.length];
          for (int s = 0; s < stores.length; s++) {
            medians[s] = SideBySide.median(samples[s]);
          }
          rows.add(new Row(workload.name(), threads, medians, samples));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdownNow();
      for (Target.Running r : running) {
        if (r != null) {
          r.close();
        }
      }
      dirs.forEach(DurableWrites::delete);
    }
    return rows;
  }

  /**
   * Fills a data directory, closes it, and measures opening it; and the same for a directory with
   * one item, alternating, so that what grows with the items shows.
   */
  static Startup startup(Config config) {
    Path dir;
    Path small;
    try {
      dir = Files.createTempDirectory("dynakit-durable-startup");
      small = Files.createTempDirectory("dynakit-durable-startup-small");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      load(small, 1);
      long begin = System.nanoTime();
      load(dir, config.startupItems());
      double loadMillis = (System.nanoTime() - begin) / 1e6;
      long bytes = size(dir);
      double[][] runs = new double[4][config.startupRuns()];
      double[][] smallRuns = new double[4][config.startupRuns()];
      for (int run = 0; run < config.startupRuns(); run++) {
        double[] opened = config.fork() ? forkOpen(dir) : open(dir);
        double[] openedSmall = config.fork() ? forkOpen(small) : open(small);
        for (int i = 0; i < 4; i++) {
          runs[i][run] = opened[i];
          smallRuns[i][run] = openedSmall[i];
        }
      }
      return new Startup(
          config.startupItems(),
          loadMillis,
          bytes,
          SideBySide.median(runs[0]),
          SideBySide.median(runs[1]),
          SideBySide.median(runs[2]),
          SideBySide.median(runs[3]),
          SideBySide.median(smallRuns[0]),
          SideBySide.median(smallRuns[2]));
    } finally {
      delete(dir);
      delete(small);
    }
  }

  /** Stores {@code items} items in a relaxed engine, 25 a request, on 4 threads. */
  private static void load(Path dir, int items) {
    try (DynakitEngine engine =
        DynakitEngine.builder().dataDir(dir).durability(Durability.RELAXED).build()) {
      DynamoDbClient client = engine.client();
      Items.createTable(client, "startup");
      int threads = 4;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int first = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int start = first * 25; start < items; start += threads * 25) {
                      List<WriteRequest> writes = new ArrayList<>(25);
                      for (int i = start; i < Math.min(items, start + 25); i++) {
                        Map<String, AttributeValue> item =
                            Items.item(Items.partition("p", i), Items.sort(0));
                        writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                      }
                      client.batchWriteItem(b -> b.requestItems(Map.of("startup", writes)));
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException("loading the start-up directory failed", e);
      } finally {
        pool.shutdownNow();
      }
      long count = client.describeTable(b -> b.tableName("startup")).table().itemCount();
      if (count != items) {
        throw new IllegalStateException("stored " + count + " items, not " + items);
      }
    }
  }

  /**
   * Opens the directory and answers: milliseconds to build the engine, milliseconds from then to
   * the answer of a GetItem of a stored item, heap bytes in use (after GC) with it open, and the
   * JVM's uptime at the GetItem's answer.
   */
  static double[] open(Path dir) {
    long begin = System.nanoTime();
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      long built = System.nanoTime();
      boolean found =
          engine
              .client()
              .getItem(
                  b ->
                      b.tableName("startup").key(Items.key(Items.partition("p", 0), Items.sort(0))))
              .hasItem();
      long answered = System.nanoTime();
      double uptime = ManagementFactory.getRuntimeMXBean().getUptime();
      if (!found) {
        throw new IllegalStateException("the reopened directory lost its first item");
      }
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      double heap = runtime.totalMemory() - runtime.freeMemory();
      return new double[] {(built - begin) / 1e6, (answered - built) / 1e6, heap, uptime};
    }
  }

  private static double[] forkOpen(Path dir) {
    return Arrays.stream(Forks.result(DurableWrites.class, List.of(), "open", dir.toString()))
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(DurableWrites::length).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long length(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing the run for.
    }
  }

  static String report(Config config, List<Row> rows, Startup startup, String load) {
    StringBuilder out = new StringBuilder();
    out.append("## Durable writes: the engine on disk and DynamoDB Local with a database file\n\n");
    out.append(
        format(
            "%d rounds of %d ms per store after %d ms of warm-up, alternating; median ops/s."
                + " Load average %s.%n%n",
            config.rounds(), config.roundMillis(), config.warmupMillis(), load));
    out.append(
        "| Workload | Threads | dynakit sync | dynakit relaxed | DynamoDB Local (file) |"
            + " sync / DDB Local | relaxed / DDB Local |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      double peer = row.medians()[Store.DYNAMODB_LOCAL.ordinal()];
      out.append(
          format(
              "| %s | %d | %,.0f | %,.0f | %,.0f | %s | %s |%n",
              row.workload(),
              row.threads(),
              row.medians()[Store.SYNC.ordinal()],
              row.medians()[Store.RELAXED.ordinal()],
              peer,
              Report.ratio(row.medians()[Store.SYNC.ordinal()], peer),
              Report.ratio(row.medians()[Store.RELAXED.ordinal()], peer)));
    }
    out.append("\nEvery round, ops/s:\n\n");
    for (Row row : rows) {
      for (Store store : Store.values()) {
        out.append(
            format(
                "- %s, %d thread(s), %s: %s%n",
                row.workload(),
                row.threads(),
                store.label(),
                Arrays.stream(row.rounds()[store.ordinal()])
                    .mapToObj(value -> format("%,.0f", value))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("")));
      }
    }
    out.append(format("%n## Start-up of a data directory with %,d items%n%n", startup.items()));
    out.append(
        "| Items | Load (relaxed, BatchWriteItem, 4 threads) | Directory size | Open (build) |"
            + " First GetItem | Heap in use, open | JVM uptime at the first answer |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    out.append(
        format(
            "| %,d | %,.0f ms | %.1f MiB | %,.0f ms | %,.1f ms | %.1f MiB | %,.0f ms |%n",
            startup.items(),
            startup.loadMillis(),
            startup.directoryBytes() / 1048576.0,
            startup.openMillis(),
            startup.firstGetMillis(),
            startup.heapBytes() / 1048576.0,
            startup.uptimeMillis()));
    out.append(
        format(
            "| 1 | — | — | %,.0f ms | — | %.1f MiB | — |%n",
            startup.emptyOpenMillis(), startup.emptyHeapBytes() / 1048576.0));
    out.append(
        format(
            "%nOpening measured %s (median of %d); Open (build) is the time of"
                + " `DynakitEngine.builder().dataDir(dir).build()`, first use of the engine's"
                + " classes and RocksDB's native library included.%n",
            config.fork() ? "in a fresh JVM per run" : "in this JVM", config.startupRuns()));
    return out.toString();
  }
}
