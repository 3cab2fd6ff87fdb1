package dev.dynakit.client.partiql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The tables of a PartiQL statement: the name after {@code FROM} or {@code INTO}, and after a
 * leading {@code UPDATE}; quoted ({@code "orders"}, a doubled {@code ""} standing for one quote) or
 * bare ({@code orders}). In {@code FROM "orders"."by_status"} the table is {@code orders} and the
 * index is left alone. A table given by its ARN ({@code "arn:aws:dynamodb:...:table/orders"}) is
 * the table the ARN names ({@link TableArns}). String literals ({@code 'copied FROM x'}), attribute
 * paths ({@code a.from}) and quoted attribute names are skipped, so nothing inside a value can name
 * a table. The statement text is never kept: it may hold item values.
 */
public final class PartiqlTables {
  private PartiqlTables() {}

  /** The tables {@code statement} names, in order; empty if it names none (or is null). */
  public static List<String> of(String statement) {
    List<String> tables = new ArrayList<>();
    for (Token table : tableTokens(tokens(statement))) {
      tables.add(TableArns.tableOf(table.name));
    }
    return tables;
  }

  /**
   * Whether {@code statement} may change data: anything that does not start with {@code SELECT} or
   * {@code EXISTS}, so an unrecognised statement counts as a write.
   */
  public static boolean writes(String statement) {
    List<Token> tokens = tokens(statement);
    String first = tokens.isEmpty() ? "" : tokens.get(0).keyword();
    return !first.equals("SELECT") && !first.equals("EXISTS");
  }

  /**
   * {@code statement} with each table name replaced by {@code rename}'s answer, written quoted;
   * everything else as written. The same instance when nothing changed.
   */
  public static String rename(String statement, UnaryOperator<String> rename) {
    List<Token> tables = tableTokens(tokens(statement));
    if (tables.isEmpty()) {
      return statement;
    }
    StringBuilder out = new StringBuilder(statement.length() + 16);
    int done = 0;
    for (Token table : tables) {
      out.append(statement, done, table.start)
          .append('"')
          .append(TableArns.rename(table.name, rename).replace("\"", "\"\""))
          .append('"');
      done = table.end;
    }
    String renamed = out.append(statement, done, statement.length()).toString();
    return renamed.equals(statement) ? statement : renamed;
  }

  private static List<Token> tableTokens(List<Token> tokens) {
    List<Token> tables = new ArrayList<>(2);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      String keyword = tokens.get(i).keyword();
      boolean afterDot = i > 0 && tokens.get(i - 1).isSymbol('.');
      boolean namesTable =
          !afterDot
              && (keyword.equals("FROM")
                  || keyword.equals("INTO")
                  || (i == 0 && keyword.equals("UPDATE")));
      if (namesTable && tokens.get(i + 1).identifier()) {
        tables.add(tokens.get(i + 1));
      }
    }
    return tables;
  }

  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (j < n) {
          if (text.charAt(j) == c) {
            if (j + 1 < n && text.charAt(j + 1) == c) {
              value.append(c);
              j += 2;
              continue;
            }
            break;
          }
          value.append(text.charAt(j++));
        }
        int end = Math.min(j + 1, n);
        tokens.add(new Token(value.toString(), c == '"' ? Token.QUOTED : Token.LITERAL, i, end));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(text.charAt(j)) || "_-".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        tokens.add(new Token(text.substring(i, j), Token.WORD, i, j));
        i = j;
      } else {
        tokens.add(new Token(String.valueOf(c), Token.SYMBOL, i, i + 1));
        i++;
      }
    }
    return tokens;
  }

  /** A word, a quoted name, a string literal or one symbol, with where it stands in the text. */
  private static final class Token {
    static final int WORD = 0;
    static final int QUOTED = 1;
    static final int LITERAL = 2;
    static final int SYMBOL = 3;

    final String name;
    final int type;
    final int start;
    final int end;

    Token(String name, int type, int start, int end) {
      this.name = name;
      this.type = type;
      this.start = start;
      this.end = end;
    }

    String keyword() {
      return type == WORD ? name.toUpperCase(Locale.ROOT) : "";
    }

    boolean identifier() {
      return type == QUOTED || type == WORD;
    }

    boolean isSymbol(char c) {
      return type == SYMBOL && name.charAt(0) == c;
    }
  }
}
