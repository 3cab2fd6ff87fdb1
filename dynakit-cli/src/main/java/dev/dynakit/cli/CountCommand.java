package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dynakit count NAME}: the exact number of items, counted by a scan of every page (the count
 * DescribeTable reports is only refreshed every few hours on AWS).
 */
@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    description = "Count a table's items (a scan of every page; reads the whole table).")
final class CountCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The table.")
  String name;

  @Option(names = "--index", paramLabel = "INDEX", description = "Count a secondary index.")
  String index;

  CountCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    Map<String, Object> scan = new LinkedHashMap<>();
    scan.put("table", name);
    if (index != null) {
      scan.put("index", index);
    }
    scan.put("select", "COUNT");
    scan.put("all_pages", true);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", name);
    if (index != null) {
      result.put("index", index);
    }
    result.put("count", dynakit.call("scan", scan).get("count"));
    print(result);
    return ExitCode.OK;
  }
}
