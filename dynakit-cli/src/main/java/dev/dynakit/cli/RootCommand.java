package dev.dynakit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code dynakit}: without a command it prints the list of commands. */
@Command(
    name = "dynakit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    header =
        "dynakit: Amazon DynamoDB from the command line, on an embedded engine or any endpoint.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {
      "",
      "Without --endpoint the target is the embedded engine, its data in .dynakit/ here.",
      "Exit codes: 0 ok, 1 failure, 2 usage, 3 configuration, 4 policy denied,",
      "5 not found, 6 condition failed, 7 transaction canceled, 8 validation,",
      "9 throttled, 10 unavailable, 11 authentication, 12 in use. See docs/cli.md."
    })
final class RootCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin final GlobalOptions options;

  @Spec CommandLine.Model.CommandSpec spec;

  RootCommand(CliContext context, GlobalOptions options) {
    this.context = context;
    this.options = options;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.out());
    context.out().flush();
    return ExitCode.OK.code();
  }
}
