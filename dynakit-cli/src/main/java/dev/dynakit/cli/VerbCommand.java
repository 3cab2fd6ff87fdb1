package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynakit VERB --args JSON}: one adapter verb ({@code query}, {@code batch_write}, ...) with
 * its JSON arguments, printing the verb's normalized result (docs/client/verbs.md).
 */
@Command(mixinStandardHelpOptions = true)
class VerbCommand extends AdapterCommand {
  final String verb;

  @Option(
      names = "--args",
      paramLabel = "JSON",
      description =
          "The verb's arguments: a JSON object, @FILE for a file holding one, or - for standard"
              + " input.")
  String args;

  private Map<String, Object> arguments;

  VerbCommand(CliContext context, GlobalOptions options, String verb) {
    super(context, options);
    this.verb = verb;
  }

  @Override
  void prepare() {
    arguments = args == null ? Map.of() : Json.readArgs("--args", args, context);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    Map<String, Object> result = dynakit.call(verb, arguments);
    print(result);
    // transact_write answers a cancellation as {ok: false, results: [reasons]}, not as an error.
    return Boolean.FALSE.equals(result.get("ok")) ? ExitCode.TRANSACTION_CANCELED : ExitCode.OK;
  }
}
