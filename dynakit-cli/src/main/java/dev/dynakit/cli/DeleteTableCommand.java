package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dynakit delete-table NAME}: deletes a table and everything in it. */
@Command(
    name = "delete-table",
    mixinStandardHelpOptions = true,
    description = "Delete a table and its items (writes: needs --allow-write).")
final class DeleteTableCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The table to delete.")
  String name;

  DeleteTableCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    String status =
        dynakit.sdk().deleteTable(b -> b.tableName(name)).tableDescription().tableStatusAsString();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", name);
    result.put("status", status);
    print(result);
    return ExitCode.OK;
  }
}
