package dev.dynakit.cli;

import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.engine.storage.StorageException;
import dev.dynakit.server.DynakitServer;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynakit serve}: DynamoDB's HTTP protocol for the AWS CLI, boto3 and every SDK, on the data
 * in {@code .dynakit/} (or another directory, or in memory) until the process is stopped; SIGTERM
 * or Ctrl-C close it gracefully (in-flight requests are answered, the data directory is released).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Serve DynamoDB's HTTP protocol (AWS CLI, boto3, any SDK) until stopped.",
      "Prints 'listening on http://HOST:PORT' when ready; Ctrl-C or SIGTERM stops it."
    })
class ServeCommand implements Callable<Integer> {
  /** Servers of this process that are running, so that a test can stop them as a signal would. */
  private static final Set<ServeCommand> RUNNING = ConcurrentHashMap.newKeySet();

  private final CliContext context;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile DynakitServer server;

  @Option(names = "--port", defaultValue = "8000", description = "Port (0: any free port).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default loopback only).")
  String host;

  @Option(names = "--in-memory", description = "Keep nothing: an in-memory engine.")
  boolean inMemory;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default .dynakit under the current directory).")
  String dataDir;

  @Option(
      names = "--s3-bucket",
      paramLabel = "NAME=DIR",
      description =
          "Stand a local directory in for an S3 bucket of exports and imports (repeatable).")
  java.util.List<String> buckets = new java.util.ArrayList<>();

  @Option(
      names = "--kinesis-stream",
      paramLabel = "ARN=FILE",
      description =
          "Stand a local file in for a Kinesis data stream of Kinesis streaming destinations"
              + " (repeatable).")
  java.util.List<String> kinesisStreams = new java.util.ArrayList<>();

  @Option(
      names = "--faults",
      paramLabel = "FILE",
      description =
          "Inject faults (errors, delays) from a JSON file, to test retries; see docs/server.md.")
  String faultsFile;

  @Option(
      names = "--enforce-capacity",
      description =
          "Throttle PROVISIONED tables past their read and write capacity units (with burst"
              + " capacity), as DynamoDB does.")
  boolean enforceCapacity;

  @Option(
      names = "--console",
      description =
          "Serve the web console under /console on the same port (tables, items, queries, the"
              + " stream, metrics); see docs/console.md.")
  boolean console;

  @Option(
      names = "--auth",
      paramLabel = "FILE",
      description =
          "Verify AWS Signature Version 4 against the keys in FILE (one 'ACCESS_KEY_ID"
              + " SECRET_ACCESS_KEY' pair a line); the console then needs the token it prints.")
  String authFile;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  /** Whether the console is served ({@code dynakit console} always serves it). */
  boolean consoleWanted() {
    return console;
  }

  @Override
  public Integer call() {
    if (inMemory && dataDir != null) {
      throw new UsageException("--in-memory and --data-dir cannot be given together");
    }
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be 0 to 65535, not " + port);
    }
    java.util.Map<String, java.nio.file.Path> directories = new java.util.LinkedHashMap<>();
    for (String bucket : buckets) {
      int equals = bucket.indexOf('=');
      if (equals <= 0 || equals == bucket.length() - 1) {
        throw new UsageException("--s3-bucket '" + bucket + "': expected NAME=DIR");
      }
      directories.put(bucket.substring(0, equals), context.resolve(bucket.substring(equals + 1)));
    }
    DynakitEngine.Builder engine = DynakitEngine.builder();
    try {
      directories.forEach(engine::s3Bucket);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--s3-bucket: " + e.getMessage());
    }
    for (String stream : kinesisStreams) {
      int equals = stream.lastIndexOf('=');
      if (equals <= 0 || equals == stream.length() - 1) {
        throw new UsageException("--kinesis-stream '" + stream + "': expected ARN=FILE");
      }
      engine.kinesisStream(
          stream.substring(0, equals), context.resolve(stream.substring(equals + 1)));
    }
    java.util.List<dev.dynakit.engine.Faults.Fault> faults = java.util.List.of();
    if (faultsFile != null) {
      try {
        faults = dev.dynakit.engine.Faults.read(context.resolve(faultsFile));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--faults " + e.getMessage());
      }
    }
    engine.enforceCapacity(enforceCapacity);
    boolean custom =
        !directories.isEmpty() || !kinesisStreams.isEmpty() || !faults.isEmpty() || enforceCapacity;
    DynakitServer.Builder builder =
        DynakitServer.builder().port(port).host(host).console(consoleWanted());
    if (authFile != null) {
      try {
        builder.auth(context.resolve(authFile));
      } catch (IllegalArgumentException e) {
        // The message names the file and the line, never a key.
        throw new UsageException("--auth: " + e.getMessage());
      }
    }
    String where = "in memory";
    try {
      java.nio.file.Path dir =
          inMemory ? null : context.resolve(dataDir == null ? ".dynakit" : dataDir);
      if (dir != null) {
        where = "data in " + dir;
      }
      if (!custom && dir != null) {
        builder.dataDir(dir);
      } else if (custom) {
        if (dir != null) {
          engine.dataDir(dir);
          builder.engineThreads(DynakitServer.Builder.durableEngineThreads());
        }
        DynakitEngine built = engine.build();
        faults.forEach(built.faults()::add);
        builder.engine(built, true);
      }
      server = builder.build().start();
    } catch (StorageException | IllegalStateException e) {
      context.err().println("dynakit: " + e.getMessage());
      context.err().flush();
      return ExitCode.IN_USE.code();
    }
    Thread hook = new Thread(this::stop, "dynakit-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    RUNNING.add(this);
    context.out().println("listening on " + server.endpoint());
    if (consoleWanted()) {
      context.out().println("console at " + server.consoleUrl());
    }
    context.out().flush();
    context.err().println("dynakit: serving DynamoDB's protocol, " + where + "; Ctrl-C stops it");
    context.err().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    } finally {
      RUNNING.remove(this);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // the hook is what stopped it
      }
    }
    return ExitCode.OK.code();
  }

  /** Closes the server gracefully and lets {@link #call()} return. */
  private void stop() {
    DynakitServer running = server;
    if (running != null) {
      running.close();
    }
    stopped.countDown();
  }

  /** Stops every server this process serves, as a stop signal would (for tests). */
  static void stopAll() {
    RUNNING.forEach(ServeCommand::stop);
  }

  /** Whether a server of this process is serving (for tests). */
  static boolean anyRunning() {
    return !RUNNING.isEmpty();
  }
}
