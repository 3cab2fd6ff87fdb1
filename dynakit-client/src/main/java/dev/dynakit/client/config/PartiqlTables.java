package dev.dynakit.client.config;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites the table names of a PartiQL statement: the name after {@code FROM}, {@code INTO} and
 * {@code UPDATE}, quoted ({@code "orders"}) or bare ({@code orders}), leaving string literals,
 * other quoted names and everything else as written. A rewritten name is always written quoted.
 */
final class PartiqlTables {
  private static final Set<String> BEFORE_TABLE = Set.of("FROM", "INTO", "UPDATE");

  private PartiqlTables() {}

  static String rewrite(String statement, UnaryOperator<String> name) {
    StringBuilder out = new StringBuilder(statement.length() + 16);
    boolean tableNext = false;
    char previous = ' ';
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(statement, i);
        if (c == '"' && tableNext) {
          String table = statement.substring(i + 1, end).replace("\"\"", "\"");
          out.append(quoted(name.apply(table)));
        } else {
          out.append(statement, i, Math.min(end + 1, n));
        }
        tableNext = false;
        previous = c;
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(statement.charAt(end)) || statement.charAt(end) == '_')) {
          end++;
        }
        String word = statement.substring(i, end);
        if (tableNext) {
          out.append(quoted(name.apply(word)));
          tableNext = false;
        } else {
          out.append(word);
          tableNext = previous != '.' && BEFORE_TABLE.contains(word.toUpperCase(Locale.ROOT));
        }
        previous = 'a';
        i = end;
      } else {
        out.append(c);
        if (!Character.isWhitespace(c)) {
          tableNext = false;
          previous = c;
        }
        i++;
      }
    }
    String rewritten = out.toString();
    return rewritten.equals(statement) ? statement : rewritten;
  }

  /** The index of the quote closing the one at {@code start} (a doubled quote is an escape). */
  private static int closing(String statement, int start) {
    char quote = statement.charAt(start);
    int i = start + 1;
    while (i < statement.length()) {
      if (statement.charAt(i) == quote) {
        if (i + 1 < statement.length() && statement.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return statement.length();
  }

  private static String quoted(String table) {
    return '"' + table.replace("\"", "\"\"") + '"';
  }
}
