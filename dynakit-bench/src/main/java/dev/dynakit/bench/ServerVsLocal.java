package dev.dynakit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynakit's server and DynamoDB Local's server side by side, in one run: each server in a JVM of
 * its own, started from this class path, driven over loopback by the same stock SDK client (sync,
 * Apache HTTP client) with the same workloads. Reports throughput, p50 and p99 latency per workload
 * and thread count, and start-up (process start to the first answered request).
 *
 * <pre>
 * mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests -Dbench.main=dev.dynakit.bench.ServerVsLocal
 * mvn ... -Dbench.args=--quick
 * </pre>
 */
public final class ServerVsLocal {
  /** The workloads measured: reads, writes, a 10-item query and a 25-item batch. */
  static final Set<String> WORKLOADS = Set.of("GetItem", "PutItem", "Query", "BatchWriteItem");

  private ServerVsLocal() {}

  /** A server process the harness can start. */
  enum Server {
    /** {@code DynakitServer} as configured by default: engine work on the network event loop. */
    DYNAKIT("dynakit-server"),
    /** {@code DynakitServer} with 4 engine threads: engine work off the event loop. */
    DYNAKIT_ENGINE_THREADS("dynakit-server, 4 engine threads"),
    /** DynamoDB Local 3.3.1's own server ({@code ServerRunner -inMemory}, telemetry off). */
    DYNAMODB_LOCAL("DynamoDB Local");

    final String label;

    Server(String label) {
      this.label = label;
    }

    /** The child JVM's main class and arguments for a server on {@code port}. */
    List<String> command(int port, boolean startup) {
      String p = Integer.toString(port);
      switch (this) {
        case DYNAKIT:
          return startup
              ? List.of("dev.dynakit.server.Main", "--port", p, "--in-memory")
              : List.of(ServerChild.class.getName(), p, "0");
        case DYNAKIT_ENGINE_THREADS:
          return List.of(ServerChild.class.getName(), p, "4");
        default:
          return List.of(
              "software.amazon.dynamodb.services.local.main.ServerRunner",
              "-inMemory",
              "-port",
              p,
              "-disableTelemetry");
      }
    }
  }

  /**
   * How much to measure.
   *
   * @param warmupMillis warm-up per server before each workload and thread count
   * @param rounds measured rounds per server (alternating order)
   * @param roundMillis one round's duration
   * @param threads client thread counts
   * @param startupRuns start-ups per server (median reported)
   */
  record Config(
      long warmupMillis, int rounds, long roundMillis, List<Integer> threads, int startupRuns) {
    static final Config FULL = new Config(2_000, 3, 2_000, List.of(1, 8), 5);
    static final Config QUICK = new Config(500, 2, 700, List.of(1, 8), 2);

    /** Start-up only: no throughput rows. */
    static final Config STARTUP = new Config(0, 0, 0, List.of(), 5);

    static Config parse(String... args) {
      Config config = FULL;
      for (String arg : args) {
        if (arg.equals("--quick")) {
          config = QUICK;
        } else if (arg.equals("--startup-only")) {
          config = STARTUP;
        } else if (!arg.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown argument " + arg + "; use --quick or --startup-only");
        }
      }
      return config;
    }
  }

  /**
   * One server's figures for one workload and thread count: throughput, latency, and the CPU time
   * per request of the server's process and of the harness's (the client's), over the measured
   * rounds.
   */
  record Figures(
      double opsPerSecond,
      double p50Micros,
      double p99Micros,
      double serverCpuMicros,
      double clientCpuMicros) {}

  /** A row: a workload and thread count, the figures of each server in {@link Server} order. */
  record Row(String workload, int threads, Figures[] figures) {}

  public static void main(String[] args) {
    System.out.println(run(Config.parse(args), System.err));
    System.exit(0);
  }

  /** Runs everything; progress goes to {@code progress}; answers the Markdown report. */
  static String run(Config config, PrintStream progress) {
    String loadBefore = SideBySide.loadAverage();
    List<Row> rows = config.threads().isEmpty() ? List.of() : throughput(config, progress);
    progress.println("start-up ...");
    Optional<Path> launcher = launcher();
    launcher.ifPresent(ServerVsLocal::prepare);
    double[][] startups = new double[3][config.startupRuns()];
    for (int run = 0; run < config.startupRuns(); run++) {
      for (int i = 0; i < 3; i++) {
        int s = run % 2 == 0 ? i : 2 - i;
        if (s == 0) {
          startups[0][run] = startupMillis(() -> Child.start(Server.DYNAKIT, true));
        } else if (s == 1) {
          startups[1][run] =
              launcher.map(l -> startupMillis(() -> Child.command(l))).orElse(Double.NaN);
        } else {
          startups[2][run] = startupMillis(() -> Child.start(Server.DYNAMODB_LOCAL, true));
        }
      }
    }
    return report(
        config, rows, startups, loadBefore + " before, " + SideBySide.loadAverage() + " after");
  }

  private static List<Row> throughput(Config config, PrintStream progress) {
    Server[] servers = Server.values();
    List<Child> children = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElse(1);
    ExecutorService pool = Executors.newFixedThreadPool(maxThreads);
    try {
      DynamoDbClient[] clients = new DynamoDbClient[servers.length];
      for (int s = 0; s < servers.length; s++) {
        Child child = Child.start(servers[s], false);
        children.add(child);
        child.awaitAnswer(Duration.ofSeconds(60));
        clients[s] = client(child.endpoint(), maxThreads);
      }
      warmUp(config, progress, pool, clients, maxThreads);
      for (Workload workload : Workload.all()) {
        if (!WORKLOADS.contains(workload.name())) {
          continue;
        }
        String table = "server_" + workload.name();
        for (DynamoDbClient client : clients) {
          Items.createTable(client, table);
          workload.setup().fill(client, table);
        }
        long[][] seqs = new long[servers.length][maxThreads];
        for (int threads : config.threads()) {
          progress.println("server " + workload.name() + ", " + threads + " thread(s) ...");
          for (int s = 0; s < servers.length; s++) {
            measure(
                pool, clients[s], table, workload, threads, config.warmupMillis(), seqs[s], null);
          }
          double[][] ops = new double[servers.length][config.rounds()];
          long[] serverCpu = new long[servers.length];
          double[] clientCpuMillis = new double[servers.length];
          List<List<long[]>> latencies = new ArrayList<>();
          for (int s = 0; s < servers.length; s++) {
            latencies.add(new ArrayList<>());
          }
          for (int round = 0; round < config.rounds(); round++) {
            for (int i = 0; i < servers.length; i++) {
              int s = round % 2 == 0 ? i : servers.length - 1 - i;
              long serverBefore = children.get(s).cpuNanos();
              double clientBefore = Probe.cpuMillis();
              ops[s][round] =
                  measure(
                      pool,
                      clients[s],
                      table,
                      workload,
                      threads,
                      config.roundMillis(),
                      seqs[s],
                      latencies.get(s));
              clientCpuMillis[s] += Probe.cpuMillis() - clientBefore;
              serverCpu[s] += children.get(s).cpuNanos() - serverBefore;
            }
          }
          Figures[] figures = new Figures[servers.length];
          for (int s = 0; s < servers.length; s++) {
            long[] all = merge(latencies.get(s));
            double requests = Math.max(all.length, 1);
            figures[s] =
                new Figures(
                    SideBySide.median(ops[s]),
                    percentile(all, 0.50),
                    percentile(all, 0.99),
                    serverCpu[s] / 1e3 / requests,
                    clientCpuMillis[s] * 1e3 / requests);
          }
          rows.add(new Row(workload.name(), threads, figures));
        }
        for (DynamoDbClient client : clients) {
          client.deleteTable(b -> b.tableName(table));
        }
      }
      for (DynamoDbClient client : clients) {
        client.close();
      }
    } finally {
      pool.shutdownNow();
      children.forEach(Child::close);
    }
    return rows;
  }

  /**
   * Before the first row: every workload on every server at the most threads, for three warm-ups'
   * time each, so that the servers' compilers have done their work before any row is measured (the
   * first row would otherwise pay for it).
   */
  private static void warmUp(
      Config config,
      PrintStream progress,
      ExecutorService pool,
      DynamoDbClient[] clients,
      int threads) {
    progress.println("warm-up ...");
    String table = "server_warmup";
    for (Workload workload : Workload.all()) {
      if (!WORKLOADS.contains(workload.name())) {
        continue;
      }
      for (DynamoDbClient client : clients) {
        Items.createTable(client, table);
        workload.setup().fill(client, table);
        measure(
            pool,
            client,
            table,
            workload,
            threads,
            3 * config.warmupMillis(),
            new long[threads],
            null);
        client.deleteTable(b -> b.tableName(table));
      }
    }
  }

  static DynamoDbClient client(URI endpoint, int connections) {
    return DynamoDbClient.builder()
        .httpClient(ApacheHttpClient.builder().maxConnections(Math.max(connections, 2)).build())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .build();
  }

  /**
   * Runs the workload on {@code threads} workers for {@code millis}; answers requests per second
   * and, if {@code latencies} is given, adds each worker's request latencies (ns) to it.
   */
  static double measure(
      ExecutorService pool,
      DynamoDbClient client,
      String table,
      Workload workload,
      int threads,
      long millis,
      long[] seqs,
      List<long[]> latencies) {
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
                long[] times = new long[1024];
                int n = 0;
                long now = System.nanoTime();
                do {
                  long before = now;
                  workload.request().run(client, table, thread, seq++);
                  now = System.nanoTime();
                  if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                  }
                  times[n++] = now - before;
                } while (now < end);
                seqs[thread] = seq;
                long[] result = Arrays.copyOf(times, n + 1);
                result[n] = now;
                return result;
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
        int n = result.length - 1;
        ops += n;
        finished = Math.max(finished, result[n]);
        if (latencies != null) {
          latencies.add(Arrays.copyOf(result, n));
        }
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

  static long[] merge(List<long[]> parts) {
    long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    Arrays.sort(all);
    return all;
  }

  /** The {@code q} quantile of sorted nanosecond values, in microseconds. */
  static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
  }

  /** Milliseconds from starting the server's process to its first answered request. */
  static double startupMillis(java.util.function.Supplier<Child> start) {
    long begin = System.nanoTime();
    try (Child child = start.get()) {
      child.awaitAnswer(Duration.ofSeconds(60));
      return (System.nanoTime() - begin) / 1e6;
    }
  }

  /**
   * The repository's {@code dynakit} launcher, where its jar is built: the directory the harness
   * runs in or one above it.
   */
  static Optional<Path> launcher() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path launcher = dir.resolve("dynakit");
      if (Files.isExecutable(launcher)
          && Files.isRegularFile(dir.resolve("dynakit-cli/target/dynakit.jar"))) {
        return Optional.of(launcher);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code dynakit version} once, so that the launcher's class-data archive exists. */
  private static void prepare(Path launcher) {
    Process process = quietly(List.of(launcher.toString(), "version"));
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A process started with its output, standard error included, thrown away. */
  private static Process quietly(List<String> command) {
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String report(Config config, List<Row> rows, double[][] startups, String load) {
    StringBuilder out = new StringBuilder();
    out.append("## Servers: dynakit-server and DynamoDB Local over HTTP\n\n");
    out.append(
        SideBySide.format(
            "Each server in its own JVM on loopback; one stock SDK client (sync, Apache HTTP"
                + " client) per server in the harness JVM. First every workload on every"
                + " server at the most threads for three warm-ups' time; then per row a warm-up of"
                + " %d ms, %d rounds of %d ms alternating between servers; ops/s is the median"
                + " round, p50/p99 over every measured request.\n\n",
            config.warmupMillis(), config.rounds(), config.roundMillis()));
    out.append(
        "| Workload | threads | dynakit ops/s | p50 µs | p99 µs | dynakit, engine threads ops/s"
            + " | p50 µs | p99 µs | DynamoDB Local ops/s | p50 µs | p99 µs | ratio dynakit/Local"
            + " | p99 ratio Local/dynakit |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.workload()).append(" | ").append(row.threads()).append(" |");
      for (Figures f : row.figures()) {
        out.append(
            SideBySide.format(
                " %.0f | %.0f | %.0f |", f.opsPerSecond(), f.p50Micros(), f.p99Micros()));
      }
      Figures ours = row.figures()[0];
      Figures local = row.figures()[2];
      out.append(
          SideBySide.format(
              " %.2f× | %.2f× |\n",
              ours.opsPerSecond() / local.opsPerSecond(), local.p99Micros() / ours.p99Micros()));
    }
    if (!rows.isEmpty()) {
      cpuTable(rows, out);
    }
    double ours = SideBySide.median(startups[0]);
    double command = SideBySide.median(startups[1]);
    double local = SideBySide.median(startups[2]);
    out.append("\n## Servers: start-up\n\n");
    out.append(
        SideBySide.format(
            "Process start (`java -cp ...`, same class path, default JVM settings) to the first"
                + " answered ListTables, polled every 2 ms; median of %d runs, alternating.\n\n",
            config.startupRuns()));
    out.append(
        "| | dynakit-server (`Main --in-memory`) | DynamoDB Local (`-inMemory`) | ratio |\n");
    out.append("|---|---|---|---|\n");
    out.append(
        SideBySide.format(
            "| process start → first answer, ms | %.0f | %.0f | %.2f× |\n",
            ours, local, local / ours));
    out.append(
        Double.isNaN(command)
            ? "| `./dynakit serve --in-memory` → first answer, ms | not measured: the CLI jar is"
                + " not built (`./dynakit version` builds it) | | |\n"
            : SideBySide.format(
                "| `./dynakit serve --in-memory` (the command: one jar, class-data archive) →"
                    + " first answer, ms | %.0f | %.0f | %.2f× |\n",
                command, local, local / command));
    out.append("\nLoad average: ").append(load).append('\n');
    return out.toString();
  }

  /**
   * Where the CPU goes: per request, the server process's CPU time and the client's (the harness
   * process, whose only work in the measured rounds is the SDK client driving that server), and the
   * server-side ratio. When client and server share the machine's cores, the client's share bounds
   * the throughput ratio: with the client's cost c and DynamoDB Local's server cost l, a server
   * that cost nothing would answer at most (c + l) / c times as many requests per CPU second.
   */
  private static void cpuTable(List<Row> rows, StringBuilder out) {
    out.append("\n### Where the CPU goes (µs of CPU time per request, measured rounds)\n\n");
    out.append(
        "| Workload | threads | dynakit server | client of dynakit | DynamoDB Local server | client"
            + " of DynamoDB Local | server CPU ratio Local/dynakit | ceiling of the ratio with"
            + " this client |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Figures ours = row.figures()[0];
      Figures local = row.figures()[2];
      out.append(
          SideBySide.format(
              "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s | %s |\n",
              row.workload(),
              row.threads(),
              ours.serverCpuMicros(),
              ours.clientCpuMicros(),
              local.serverCpuMicros(),
              local.clientCpuMicros(),
              times(local.serverCpuMicros(), ours.serverCpuMicros()),
              times(local.clientCpuMicros() + local.serverCpuMicros(), ours.clientCpuMicros())));
    }
  }

  /** {@code a / b} as a ratio such as {@code 2.50×}; "n/a" when too little CPU time was seen. */
  static String times(double a, double b) {
    return b > 0 && a > 0 ? SideBySide.format("%.2f×", a / b) : "n/a";
  }

  /** A server JVM started by the harness. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final int port;

    private Child(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    /** {@code dynakit serve} on a free port, started by the repository's launcher. */
    static Child command(Path launcher) {
      int port = freePort();
      return new Child(
          quietly(
              List.of(
                  launcher.toString(), "serve", "--in-memory", "--port", Integer.toString(port))),
          port);
    }

    static Child start(Server server, boolean startup) {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add(
          "-Dsqlite4java.library.path=" + System.getProperty("sqlite4java.library.path", ""));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.addAll(server.command(port, startup));
      return new Child(quietly(command), port);
    }

    URI endpoint() {
      return URI.create("http://127.0.0.1:" + port);
    }

    /** The CPU time the server's process has used so far (clock-tick resolution). */
    long cpuNanos() {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Polls until a signed-looking ListTables is answered 200. */
    void awaitAnswer(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the server process exited with " + process.exitValue());
        }
        if (answers()) {
          return;
        }
        LockSupport.parkNanos(2_000_000);
      }
      throw new IllegalStateException("no answer on port " + port + " within " + timeout);
    }

    private boolean answers() {
      String body = "{}";
      String request =
          "POST / HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\n"
              + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
              + "Content-Type: application/x-amz-json-1.0\r\n"
              + "Authorization: AWS4-HMAC-SHA256 Credential=key/20260101/us-east-1/dynamodb/"
              + "aws4_request, SignedHeaders=host, Signature=0\r\n"
              + "X-Amz-Date: 20260101T000000Z\r\n"
              + "Connection: close\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(12);
        return new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
