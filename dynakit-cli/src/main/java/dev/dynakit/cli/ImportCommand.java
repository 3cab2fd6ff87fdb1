package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dynakit import TABLE [--file FILE] [--format jsonl|dynamodb-json|csv]}: batch writes,
 * unprocessed items written again; prints a summary as JSON.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Write items into a table from JSON lines, DynamoDB JSON lines or CSV (batch writes;"
            + " needs --allow-write).")
final class ImportCommand extends AdapterCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "The table to write to.")
  String table;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Where the items are (default: standard input, also -).")
  String file = "-";

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "jsonl (default), dynamodb-json or csv.")
  String formatName = "jsonl";

  private ItemFormat format;

  ImportCommand(CliContext context, GlobalOptions options) {
    super(context, options);
  }

  @Override
  void prepare() {
    format = ItemFormat.of(formatName);
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    Map<String, String> keyTypes = TableKey.of(dynakit, table);
    String source = file.equals("-") ? "standard input" : file;
    BatchImport batches;
    try (BufferedReader in = open();
        Progress progress = Progress.of(context, "import " + table, total())) {
      batches =
          new BatchImport(
              table,
              new ArrayList<>(keyTypes.keySet()),
              format == ItemFormat.DYNAMODB_JSON,
              args -> dynakit.call("batch_write", args),
              duration -> Thread.sleep(duration.toMillis()),
              progress);
      if (format == ItemFormat.CSV) {
        readCsv(in, source, keyTypes, batches);
      } else {
        readLines(in, source, batches);
      }
      batches.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", table);
    result.put("items", batches.items());
    result.put("requests", batches.requests());
    result.put("unprocessed_retried", batches.unprocessed());
    print(result);
    return ExitCode.OK;
  }

  /** About how many items the file holds (its non-blank lines), for the ETA; -1 for stdin. */
  private long total() throws IOException {
    if (file.equals("-") || !Files.isRegularFile(context.resolve(file))) {
      return -1;
    }
    try (java.util.stream.Stream<String> lines =
        Files.lines(context.resolve(file), StandardCharsets.UTF_8)) {
      long count = lines.filter(line -> !line.isBlank()).count();
      return format == ItemFormat.CSV ? Math.max(count - 1, 0) : count;
    }
  }

  private BufferedReader open() throws IOException {
    if (file.equals("-")) {
      return new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
    }
    Path path = context.resolve(file);
    try {
      return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("--file: file not found: " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  private void readLines(BufferedReader in, String source, BatchImport batches) throws IOException {
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> item = Json.readObject(source + " line " + number, line);
      if (format == ItemFormat.DYNAMODB_JSON
          && item.size() == 1
          && item.get("Item") instanceof Map) {
        item = (Map<String, Object>) item.get("Item");
      }
      batches.add(item);
    }
  }

  private void readCsv(
      BufferedReader in, String source, Map<String, String> keyTypes, BatchImport batches)
      throws IOException {
    Csv.RowReader rows = new Csv.RowReader(in);
    List<String> header = rows.next();
    if (header == null) {
      return;
    }
    for (String key : keyTypes.keySet()) {
      if (!header.contains(key)) {
        throw new UsageException(
            source + ": the CSV header has no column for key attribute '" + key + "'");
      }
    }
    List<String> row;
    while (true) {
      int line = rows.line();
      row = rows.next();
      if (row == null) {
        break;
      }
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue;
      }
      if (row.size() != header.size()) {
        throw new UsageException(
            source
                + " line "
                + line
                + ": "
                + row.size()
                + " fields, the header has "
                + header.size());
      }
      Map<String, Object> item = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i);
        String cell = row.get(i);
        if (cell.isEmpty()) {
          continue;
        }
        item.put(name, cell(source + " line " + line, name, keyTypes.get(name), cell));
      }
      batches.add(item);
    }
  }

  private static Object cell(String where, String name, String keyType, String text) {
    if (keyType != null) {
      return Shorthand.value(name, keyType, text);
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      return Json.readValue(where + ", column '" + name + "'", text);
    }
    return Shorthand.infer(text);
  }
}
