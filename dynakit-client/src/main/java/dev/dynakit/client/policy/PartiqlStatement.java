package dev.dynakit.client.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the policy needs to know about one PartiQL statement: the tables it names (after {@code
 * FROM}, {@code INTO}, a leading {@code UPDATE}) and whether it mutates ({@code INSERT}, {@code
 * UPDATE}, {@code DELETE}). Literals are skipped, so a table name inside a string or a value cannot
 * fool it. The statement text itself is never kept: it may hold item values.
 */
final class PartiqlStatement {
  private final List<String> tables;
  private final boolean mutation;

  private PartiqlStatement(List<String> tables, boolean mutation) {
    this.tables = List.copyOf(tables);
    this.mutation = mutation;
  }

  /** The tables the statement names, in order; empty if none could be found. */
  List<String> tables() {
    return tables;
  }

  /**
   * Whether the statement changes data. A statement that does not start with {@code SELECT} or
   * {@code EXISTS} counts as a mutation, so anything unrecognised needs {@code allow_write}.
   */
  boolean mutation() {
    return mutation;
  }

  static PartiqlStatement parse(String statement) {
    List<Token> tokens = tokenize(statement == null ? "" : statement);
    List<String> tables = new ArrayList<>();
    String first = tokens.isEmpty() ? "" : tokens.get(0).keyword();
    boolean mutation = !first.equals("SELECT") && !first.equals("EXISTS");
    for (int i = 0; i < tokens.size(); i++) {
      String keyword = tokens.get(i).keyword();
      boolean namesTable =
          keyword.equals("FROM") || keyword.equals("INTO") || (i == 0 && keyword.equals("UPDATE"));
      if (namesTable && i + 1 < tokens.size() && tokens.get(i + 1).identifier()) {
        tables.add(tokens.get(i + 1).text);
      }
    }
    return new PartiqlStatement(tables, mutation);
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (j < text.length()) {
          if (text.charAt(j) == c) {
            if (j + 1 < text.length() && text.charAt(j + 1) == c) {
              value.append(c);
              j += 2;
              continue;
            }
            break;
          }
          value.append(text.charAt(j++));
        }
        tokens.add(new Token(value.toString(), c == '"' ? Token.QUOTED : Token.LITERAL));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int j = i;
        while (j < text.length()
            && (Character.isLetterOrDigit(text.charAt(j)) || "_-.".indexOf(text.charAt(j)) >= 0)) {
          j++;
        }
        tokens.add(new Token(text.substring(i, j), Token.WORD));
        i = j;
      } else {
        tokens.add(new Token(String.valueOf(c), Token.SYMBOL));
        i++;
      }
    }
    return tokens;
  }

  private static final class Token {
    static final int WORD = 0;
    static final int QUOTED = 1;
    static final int LITERAL = 2;
    static final int SYMBOL = 3;

    final String text;
    final int type;

    Token(String text, int type) {
      this.text = text;
      this.type = type;
    }

    String keyword() {
      return type == WORD ? text.toUpperCase(Locale.ROOT) : "";
    }

    boolean identifier() {
      return type == QUOTED || type == WORD;
    }
  }
}
