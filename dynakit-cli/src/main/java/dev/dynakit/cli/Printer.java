package dev.dynakit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints a command's result: as one line of JSON, or with {@code --output table} as a text table
 * when the result holds items ({@code items}, {@code item}) or table names.
 */
final class Printer {
  private static final int MAX_CELL = 40;

  private Printer() {}

  static void print(CliContext context, OutputFormat format, Map<String, Object> result) {
    String text = format == OutputFormat.TABLE ? table(result) : null;
    if (text == null) {
      context.out().println(Json.write(result));
    } else {
      context.out().print(text);
    }
    context.out().flush();
  }

  /** The result as a text table, or {@code null} when it holds nothing tabular. */
  @SuppressWarnings("unchecked")
  static String table(Map<String, Object> result) {
    List<Map<String, Object>> rows;
    if (result.get("items") instanceof List) {
      rows = (List<Map<String, Object>>) result.get("items");
    } else if (result.containsKey("item") && result.get("item") instanceof Map) {
      rows = List.of((Map<String, Object>) result.get("item"));
    } else if (result.containsKey("table_names") && result.get("table_names") instanceof List) {
      rows = new ArrayList<>();
      for (Object name : (List<Object>) result.get("table_names")) {
        rows.add(Map.of("table", name));
      }
    } else {
      return null;
    }
    if (rows.isEmpty()) {
      return "(0 rows)\n";
    }
    TreeSet<String> columns = new TreeSet<>();
    rows.forEach(row -> columns.addAll(row.keySet()));
    List<String> header = new ArrayList<>(columns);
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (String column : header) {
        line.add(row.containsKey(column) ? cell(row.get(column)) : "");
      }
      cells.add(line);
    }
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendLine(out, rule, widths);
    cells.forEach(line -> appendLine(out, line, widths));
    out.append('(').append(rows.size()).append(rows.size() == 1 ? " row" : " rows");
    if (result.get("last_evaluated_key") != null) {
      out.append("; more after last_evaluated_key ")
          .append(Json.write(result.get("last_evaluated_key")));
    }
    out.append(")\n");
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> values, int[] widths) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append("  ");
      }
      String value = values.get(i);
      out.append(value);
      if (i < values.size() - 1) {
        out.append(" ".repeat(widths[i] - value.length()));
      }
    }
    out.append('\n');
  }

  private static String cell(Object value) {
    String text = value instanceof String ? (String) value : Json.write(value);
    text = text.replace('\n', ' ');
    return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
  }
}
