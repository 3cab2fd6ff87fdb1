package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a command reads and writes outside itself: its output and error streams, standard input, the
 * environment variables, the working directory, whether output goes to a terminal, the clock, and a
 * last say over how the adapter is built (tests point it at a shared engine).
 */
record CliContext(
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    Map<String, String> environment,
    Path workingDirectory,
    boolean terminal,
    Clock clock,
    UnaryOperator<Dynakit.Builder> adapter) {

  CliContext {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(adapter, "adapter");
  }

  /** This process's streams, environment and working directory. */
  static CliContext system() {
    return new CliContext(
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.in,
        System.getenv(),
        Path.of("").toAbsolutePath(),
        System.console() != null,
        Clock.systemUTC(),
        UnaryOperator.identity());
  }

  /** A path as the user wrote it, resolved against the working directory. */
  Path resolve(String path) {
    return workingDirectory.resolve(path);
  }
}
