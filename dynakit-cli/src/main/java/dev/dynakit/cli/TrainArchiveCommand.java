package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.server.DynakitServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Loads the classes commands use, for the launcher's class-data archive (run with {@code java
 * -XX:DumpLoadedClassList}; the list is then dumped with {@code -Xshare:dump}): the demo, for the
 * embedded engine; a durable engine in a temporary directory, for the default target; a server on a
 * loopback port answering one request, for {@code serve}; then one signed request over HTTP to a
 * closed port of this machine, for URL endpoints (refused at once; nothing leaves the machine).
 * Hidden: it is the launcher's, not a user's.
 */
@Command(name = "train-archive", hidden = true)
final class TrainArchiveCommand implements Callable<Integer> {
  private final CliContext context;

  TrainArchiveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    CliContext quiet =
        new CliContext(
            nowhere,
            nowhere,
            context.in(),
            Map.of(),
            context.workingDirectory(),
            false,
            context.clock(),
            context.adapter());
    Cli.run(quiet, "demo");
    Cli.run(quiet, "--endpoint", "embedded:", "--output", "table", "tables");
    durableEngine(quiet);
    server();
    try (Dynakit dynakit =
        signingOnce("http://127.0.0.1:1").connectTimeout(Duration.ofMillis(200)).build()) {
      dynakit.call("get", Map.of("table", "Train", "key", Map.of("id", "x")));
    } catch (DynakitException expected) {
      Failure.of(expected, "dynakit").line();
    }
    return ExitCode.OK.code();
  }

  /**
   * A server on a free loopback port, as {@code dynakit serve} starts it, answering one signed
   * request: the classes of the network stack and of the wire protocol.
   */
  private static void server() {
    try (DynakitServer server =
            DynakitServer.builder()
                .host("127.0.0.1")
                .port(0)
                .engine(DynakitEngine.inMemory(), true)
                .build()
                .start();
        Dynakit dynakit = signingOnce(server.endpoint().toString()).build()) {
      dynakit.call("list_tables", Map.of());
    } catch (RuntimeException e) {
      // Training is best effort: the archive is only smaller without these classes.
    }
  }

  /** An adapter for an HTTP endpoint that signs with throwaway keys and tries a call once. */
  private static Dynakit.Builder signingOnce(String endpoint) {
    return Dynakit.builder()
        .endpoint(endpoint)
        .environment(Map.of("DYNAKIT_MAX_ATTEMPTS", "1"))
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
  }

  /** A durable engine in a directory of its own, removed after (refused where there is none). */
  private static void durableEngine(CliContext quiet) {
    try {
      Path directory = Files.createTempDirectory("dynakit-train");
      try {
        String endpoint = "embedded:" + directory.resolve("data");
        Cli.run(
            quiet,
            "--endpoint",
            endpoint,
            "create-table",
            "Train",
            "--pk",
            "id:S",
            "--allow-write");
        Cli.run(quiet, "--endpoint", endpoint, "put", "Train", "id=x", "--allow-write");
        Cli.run(quiet, "--endpoint", endpoint, "get", "Train", "id=x");
      } finally {
        try (Stream<Path> files = Files.walk(directory)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    } catch (IOException e) {
      // Training is best effort: the archive is only smaller without these classes.
    }
  }
}
