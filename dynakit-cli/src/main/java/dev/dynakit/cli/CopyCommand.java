package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.document.TableCopy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dynakit copy NAME --to ENDPOINT}: every item of a table, from the target endpoint to
 * another (from {@code embedded:} to AWS, from DynamoDB Local to the engine...), by a parallel scan
 * and batched writes, the target table created when missing; {@code --checkpoint FILE} makes a
 * stopped copy resume where it was.
 */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description =
        "Copy every item of a table to another endpoint (parallel scan, batched writes; the"
            + " target table is created when missing; needs --allow-write).")
final class CopyCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The table to copy.")
  String name;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ENDPOINT",
      description = "Where to copy to: an endpoint URL, embedded:[DIR], or aws.")
  String to;

  @Option(
      names = "--target-table",
      paramLabel = "NAME",
      description = "The target table's name (default: the same).")
  String targetTable;

  @Option(
      names = "--segments",
      paramLabel = "N",
      defaultValue = "4",
      description = "Parallel scan segments (default: ${DEFAULT-VALUE}).")
  int segments;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Items per scanned page, each a checkpoint (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description = "Save each segment's position here after every page, and resume from it.")
  Path checkpoint;

  @Option(names = "--no-create", description = "Do not create the target table when it is missing.")
  boolean noCreate;

  CopyCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  void prepare() {
    if (segments < 1) {
      throw new UsageException("--segments: must be at least 1, not " + segments);
    }
    if (pageSize < 1) {
      throw new UsageException("--page-size: must be at least 1, not " + pageSize);
    }
    if (!options.allowWrite) {
      throw new UsageException("copy writes to the target: add --allow-write");
    }
  }

  @Override
  ExitCode run(Dynakit source) {
    long estimate = source.sdk().describeTable(b -> b.tableName(name)).table().itemCount();
    AtomicLong reported = new AtomicLong();
    TableCopy.Result result;
    try (Dynakit target =
            options.withEndpoint(GlobalOptions.resolveDataDirectory(to, context)).open(context);
        Progress progress = Progress.of(context, "copy " + name, estimate)) {
      TableCopy.Builder copy =
          TableCopy.builder(source.sdk(), target.sdk(), name)
              .segments(segments)
              .pageSize(pageSize)
              .createTarget(!noCreate)
              .clock(context.clock())
              .progress(p -> progress.step(p.items() - reported.getAndSet(p.items())));
      if (targetTable != null) {
        copy.targetTable(targetTable);
      }
      if (checkpoint != null) {
        copy.checkpoint(context.resolve(checkpoint.toString()));
      }
      result = copy.build().run();
    }
    Map<String, Object> printed = new LinkedHashMap<>();
    printed.put("table", name);
    printed.put("target_table", targetTable == null ? name : targetTable);
    printed.put("items", result.items());
    printed.put("items_this_run", result.itemsThisRun());
    printed.put("resumed", result.resumed());
    printed.put("segments", result.segments());
    print(printed);
    return ExitCode.OK;
  }
}
