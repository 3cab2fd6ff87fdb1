package dev.dynakit.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code dynakit} command that keeps running (serve, console), started on another thread in
 * {@code directory}: its exit code once stopped, and what it printed.
 */
final class RunningCommand {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CompletableFuture<Integer> exit;

  RunningCommand(Path directory, String... args) {
    CliContext context =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            Map.of(),
            directory,
            false,
            Clock.systemUTC(),
            UnaryOperator.identity());
    exit = CompletableFuture.supplyAsync(() -> Cli.run(context, args));
  }

  /**
   * The address the command printed in the first group of {@code printed}, once it did.
   *
   * @throws AssertionError if the command ended instead, or printed none within 30 seconds
   */
  URI address(Pattern printed) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher found = printed.matcher(out.toString());
      if (found.find()) {
        return URI.create(found.group(1));
      }
      if (exit.isDone()) {
        throw new AssertionError("the command ended with " + exit.get() + ": " + err);
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no address printed (" + printed + "): " + out + err);
  }
}
