package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dynakit describe NAME}: the table's description, as the describe_table verb gives it. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Describe a table: keys, indexes, billing, item count.")
final class DescribeCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The table.")
  String name;

  DescribeCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    print(dynakit.call("describe_table", Map.of("table", name)));
    return ExitCode.OK;
  }
}
