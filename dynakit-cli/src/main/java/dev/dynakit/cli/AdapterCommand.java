package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command that talks to the target: it checks its own arguments first ({@link #prepare}), so a
 * wrong command line fails before anything is opened, then builds the adapter from the global
 * options, runs, and closes it.
 */
abstract class AdapterCommand implements Callable<Integer> {
  final CliContext context;
  final GlobalOptions options;

  AdapterCommand(CliContext context, GlobalOptions options) {
    this.context = context;
    this.options = options;
  }

  /** Checks the command's own arguments; throws {@link UsageException} if they are wrong. */
  void prepare() {}

  /** Runs against the adapter; answers the exit code. */
  abstract ExitCode run(Dynakit dynakit);

  @Override
  public final Integer call() {
    prepare();
    try (Dynakit dynakit = options.open(context)) {
      return run(dynakit).code();
    }
  }

  void print(Map<String, Object> result) {
    Printer.print(context, options.output, result);
  }
}
