package dev.dynakit.mcp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per tool call on the logger {@code dev.dynakit.mcp.audit}: the tool, the tables it
 * names, whether it was allowed, refused (and by which rule) or failed (and how), and how long it
 * took. Never an argument's value, an item or a secret: only table names that are valid DynamoDB
 * table names are written, anything else as {@code ?}.
 *
 * <pre>
 * tool=put tables=orders outcome=refused rule=WRITE_NOT_ALLOWED duration_ms=2
 * </pre>
 */
final class Audit {
  /** The name of the audit logger. */
  static final String LOGGER = "dev.dynakit.mcp.audit";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
  private static final List<String> ACTIONS = List.of("put", "update", "delete", "condition_check");

  private final Clock clock;
  private final java.io.PrintStream stream;

  /** Audit lines on {@code stream} (prefixed {@code audit }), or on the logger if it is null. */
  Audit(Clock clock, java.io.PrintStream stream) {
    this.clock = clock;
    this.stream = stream;
  }

  /** The time a call starts, to pass to {@link #record}. */
  long start() {
    return clock.millis();
  }

  /**
   * Writes the line of one call.
   *
   * @param outcome {@code allowed}, {@code refused} or {@code failed}
   * @param detail {@code rule=...} or {@code error=...}, or {@code null}
   */
  void record(String tool, Map<String, Object> args, String outcome, String detail, long start) {
    StringBuilder line =
        new StringBuilder("tool=")
            .append(tool)
            .append(" tables=")
            .append(String.join(",", tables(args)))
            .append(" outcome=")
            .append(outcome);
    if (detail != null) {
      line.append(' ').append(detail);
    }
    line.append(" duration_ms=").append(Math.max(0, clock.millis() - start));
    if (stream != null) {
      stream.println("audit " + line);
      stream.flush();
    } else {
      LOG.info(line.toString());
    }
  }

  /** The table names {@code args} refer to, in order, or {@code -} if none. */
  @SuppressWarnings("unchecked")
  static List<String> tables(Map<String, Object> args) {
    Set<String> tables = new LinkedHashSet<>();
    if (args != null) {
      addTable(tables, args.get("table"));
      if (args.get("requests") instanceof Map) {
        for (Object table : ((Map<String, Object>) args.get("requests")).keySet()) {
          addTable(tables, table);
        }
      }
      if (args.get("items") instanceof List) {
        for (Object item : (List<Object>) args.get("items")) {
          if (item instanceof Map) {
            Map<String, Object> entry = (Map<String, Object>) item;
            addTable(tables, entry.get("table"));
            for (String action : ACTIONS) {
              if (entry.get(action) instanceof Map) {
                addTable(tables, ((Map<String, Object>) entry.get(action)).get("table"));
              }
            }
          }
        }
      }
    }
    return tables.isEmpty() ? List.of("-") : new ArrayList<>(tables);
  }

  private static void addTable(Set<String> tables, Object table) {
    if (table instanceof String) {
      tables.add(TABLE_NAME.matcher((String) table).matches() ? (String) table : "?");
    } else if (table != null) {
      tables.add("?");
    }
  }
}
