package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dynakit export TABLE [--file FILE] [--format jsonl|dynamodb-json|csv] [--segments N]}: a
 * parallel scan, one thread per segment, writing items as they come (CSV collects them first, to
 * know every column).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a table's items as JSON lines, DynamoDB JSON lines or CSV (a parallel scan).")
final class ExportCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "The table to read.")
  String table;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Where to write (default: standard output).")
  String file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "jsonl (default), dynamodb-json or csv.")
  String formatName = "jsonl";

  @Option(
      names = "--segments",
      paramLabel = "N",
      description = "Parallel scan segments, each read by its own thread (default 4).")
  int segments = 4;

  private ItemFormat format;

  ExportCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  void prepare() {
    format = ItemFormat.of(formatName);
    if (segments < 1 || segments > 1000) {
      throw new UsageException("--segments " + segments + ": must be from 1 to 1000");
    }
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    Map<String, String> keyTypes = TableKey.of(dynakit, table);
    long approximate = dynakit.sdk().describeTable(b -> b.tableName(table)).table().itemCount();
    List<Map<String, Object>> collected = Collections.synchronizedList(new ArrayList<>());
    long exported;
    try (Writer out = open();
        Progress progress = Progress.of(context, "export " + table, approximate)) {
      ExecutorService threads = Executors.newFixedThreadPool(segments);
      try {
        List<Future<?>> scans = new ArrayList<>();
        for (int segment = 0; segment < segments; segment++) {
          int current = segment;
          scans.add(
              threads.submit(
                  () -> {
                    scanSegment(dynakit, current, out, collected, progress);
                    return null;
                  }));
        }
        for (Future<?> scan : scans) {
          await(scan);
        }
      } finally {
        threads.shutdownNow();
      }
      if (format == ItemFormat.CSV) {
        writeCsv(out, keyTypes, collected);
      }
      exported = progress.done();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + (file == null ? "the output" : file), e);
    }
    if (file != null) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("table", table);
      result.put("items", exported);
      result.put("file", file);
      print(result);
    }
    return ExitCode.OK;
  }

  private Writer open() throws IOException {
    if (file == null) {
      return new Writer() {
        @Override
        public void write(char[] buffer, int offset, int length) {
          context.out().write(buffer, offset, length);
        }

        @Override
        public void flush() {
          context.out().flush();
        }

        @Override
        public void close() {
          context.out().flush();
        }
      };
    }
    return Files.newBufferedWriter(context.resolve(file), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private void scanSegment(
      Dynakit dynakit,
      int segment,
      Writer out,
      List<Map<String, Object>> collected,
      Progress progress)
      throws IOException {
    Object start = null;
    do {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("table", table);
      args.put("segment", segment);
      args.put("total_segments", segments);
      if (start != null) {
        args.put("exclusive_start_key", start);
      }
      if (format == ItemFormat.DYNAMODB_JSON) {
        args.put("typed", true);
      }
      Map<String, Object> page = dynakit.call("scan", args);
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
      if (format == ItemFormat.CSV) {
        collected.addAll(items);
      } else {
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> item : items) {
          lines
              .append(Json.write(format == ItemFormat.DYNAMODB_JSON ? Map.of("Item", item) : item))
              .append('\n');
        }
        synchronized (out) {
          out.write(lines.toString());
        }
      }
      progress.step(items.size());
      start = page.get("last_evaluated_key");
    } while (start != null);
  }

  private static void writeCsv(
      Writer out, Map<String, String> keyTypes, List<Map<String, Object>> items)
      throws IOException {
    Set<String> others = new TreeSet<>();
    items.forEach(item -> others.addAll(item.keySet()));
    others.removeAll(keyTypes.keySet());
    Set<String> columns = new LinkedHashSet<>(keyTypes.keySet());
    columns.addAll(others);
    List<String> header = new ArrayList<>(columns);
    BufferedWriter lines = new BufferedWriter(out);
    lines.write(Csv.row(header));
    lines.write('\n');
    for (Map<String, Object> item : items) {
      List<String> row = new ArrayList<>();
      for (String column : header) {
        Object value = item.get(column);
        row.add(
            !item.containsKey(column)
                ? ""
                : value instanceof String ? (String) value : Json.write(value));
      }
      lines.write(Csv.row(row));
      lines.write('\n');
    }
    lines.flush();
  }

  private static void await(Future<?> scan) {
    try {
      scan.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while exporting", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
