package dev.dynakit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code dynakit version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
  private final CliContext context;

  VersionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println(Version.line());
    context.out().flush();
    return ExitCode.OK.code();
  }
}
