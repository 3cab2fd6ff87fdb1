package dev.dynakit.expression.partiql;

import java.util.ArrayList;
import java.util.List;

/**
 * One token of a PartiQL statement: its kind, its text (a string's without its quotes), and where
 * it lies in the statement, from {@code start} to before {@code end}.
 */
record PartiqlToken(PartiqlToken.Kind kind, String text, int start, int end) {
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    ION,
    SYMBOL
  }

  private static final String[] SYMBOLS = {
    "<<", ">>", "<>", "!=", "<=", ">=", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", "[",
    "]", "{", "}", ",", ".", ":", "?", ";", "@"
  };

  String upper() {
    return PartiqlParser.upper(text);
  }

  /** The tokens of {@code text}; a {@link PartiqlParser.Refused} if one cannot be read. */
  static List<PartiqlToken> lex(String text) {
    List<PartiqlToken> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new PartiqlParser.Refused();
          }
          char d = text.charAt(j);
          if (d == c) {
            if (j + 1 < n && text.charAt(j + 1) == c) {
              value.append(c);
              j += 2;
              continue;
            }
            break;
          }
          value.append(d);
          j++;
        }
        tokens.add(
            new PartiqlToken(c == '\'' ? Kind.STRING : Kind.QUOTED, value.toString(), i, j + 1));
        i = j + 1;
      } else if (c == '`') {
        int end = text.indexOf('`', i + 1);
        if (end < 0) {
          throw new PartiqlParser.Refused();
        }
        tokens.add(new PartiqlToken(Kind.ION, text.substring(i + 1, end), i, end + 1));
        i = end + 1;
      } else if (Character.isDigit(c)
          || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
        int j = i;
        while (j < n && Character.isDigit(text.charAt(j))) {
          j++;
        }
        if (j < n && text.charAt(j) == '.') {
          j++;
          while (j < n && Character.isDigit(text.charAt(j))) {
            j++;
          }
        }
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
          int k = j + 1;
          if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
            k++;
          }
          if (k < n && Character.isDigit(text.charAt(k))) {
            j = k;
            while (j < n && Character.isDigit(text.charAt(j))) {
              j++;
            }
          }
        }
        tokens.add(new PartiqlToken(Kind.NUMBER, text.substring(i, j), i, j));
        i = j;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int j = i + 1;
        while (j < n
            && (Character.isLetterOrDigit(text.charAt(j))
                || text.charAt(j) == '_'
                || text.charAt(j) == '$')) {
          j++;
        }
        tokens.add(new PartiqlToken(Kind.WORD, text.substring(i, j), i, j));
        i = j;
      } else {
        String symbol = null;
        for (String candidate : SYMBOLS) {
          if (text.startsWith(candidate, i)) {
            symbol = candidate;
            break;
          }
        }
        if (symbol == null) {
          throw new PartiqlParser.Refused();
        }
        tokens.add(new PartiqlToken(Kind.SYMBOL, symbol, i, i + symbol.length()));
        i += symbol.length();
      }
    }
    return tokens;
  }
}
