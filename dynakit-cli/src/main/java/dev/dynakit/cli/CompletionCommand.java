package dev.dynakit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code dynakit completion}: a bash/zsh completion script for every command and option; {@code
 * source <(./dynakit completion)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script: source <(dynakit completion).")
final class CompletionCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandLine.Model.CommandSpec spec;

  CompletionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    context.out().print(AutoComplete.bash(root.getCommandName(), root));
    context.out().flush();
    return ExitCode.OK.code();
  }
}
