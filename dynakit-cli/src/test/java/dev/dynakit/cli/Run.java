package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/** Runs the dynakit command in-process and keeps what it printed. */
final class Run {
  final int exitCode;
  final String out;
  final String err;

  private Run(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** A command runner with its own environment, stdin, directory and adapter hook. */
  static final class Cli {
    private Map<String, String> environment = Map.of();
    private String stdin = "";
    private Path directory = Path.of("").toAbsolutePath();
    private UnaryOperator<Dynakit.Builder> adapter = UnaryOperator.identity();
    private boolean terminal;

    /** Every command of this runner talks to {@code engine} (shared across commands). */
    Cli on(DynakitEngine engine) {
      SdkHttpClient http = engine.httpClient();
      adapter =
          builder ->
              builder
                  .endpoint("http://localhost")
                  .httpClient(http)
                  .credentials(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create("test-key", "test-secret")));
      return this;
    }

    Cli environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    Cli stdin(String stdin) {
      this.stdin = stdin;
      return this;
    }

    Cli directory(Path directory) {
      this.directory = directory;
      return this;
    }

    Cli terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    Run run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CliContext context =
          new CliContext(
              new PrintWriter(out),
              new PrintWriter(err),
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
              environment,
              directory,
              terminal,
              Clock.systemUTC(),
              adapter);
      int code = dev.dynakit.cli.Cli.run(context, args);
      return new Run(code, out.toString(), err.toString());
    }
  }

  static Cli cli() {
    return new Cli();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
  }
}
