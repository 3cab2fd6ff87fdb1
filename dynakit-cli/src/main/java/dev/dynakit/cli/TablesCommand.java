package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dynakit tables}: every table's name, all pages. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List the tables.")
final class TablesCommand extends AdapterCommand {
  TablesCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    List<String> names = new ArrayList<>();
    dynakit.sdk().listTablesPaginator(b -> {}).tableNames().forEach(names::add);
    print(Map.of("table_names", names));
    return ExitCode.OK;
  }
}
