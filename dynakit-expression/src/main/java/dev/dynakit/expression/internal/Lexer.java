package dev.dynakit.expression.internal;

import dev.dynakit.expression.internal.Token.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits expression text into tokens, by UTF-16 unit as DynamoDB does (the high surrogate of an
 * emoji is a token of its own). It never fails: a character that starts no token becomes an {@link
 * TokenType#UNKNOWN} token, so that the parser reports it with DynamoDB's syntax-error message at
 * the place it stands.
 */
final class Lexer {
  private Lexer() {}

  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      TokenType type;
      if (isLetter(c)) {
        i = skipWord(text, i + 1);
        type = TokenType.IDENTIFIER;
      } else if (isDigit(c)) {
        // A list index is 0 or has no leading zero: "007" is three tokens, as in DynamoDB.
        i++;
        while (c != '0' && i < length && isDigit(text.charAt(i))) {
          i++;
        }
        type = TokenType.NUMBER;
      } else if ((c == '#' || c == ':') && i + 1 < length && isWordPart(text.charAt(i + 1))) {
        i = skipWord(text, i + 1);
        type = c == '#' ? TokenType.NAME_PLACEHOLDER : TokenType.VALUE_PLACEHOLDER;
      } else {
        type = punctuation(c);
        i++;
        if (type == TokenType.LT && i < length && text.charAt(i) == '>') {
          type = TokenType.NE;
          i++;
        } else if ((type == TokenType.LT || type == TokenType.GT)
            && i < length
            && text.charAt(i) == '=') {
          type = type == TokenType.LT ? TokenType.LE : TokenType.GE;
          i++;
        }
      }
      tokens.add(new Token(type, text.substring(start, i), start, i));
    }
    tokens.add(new Token(TokenType.EOF, "<EOF>", length, length));
    return tokens;
  }

  private static int skipWord(String text, int from) {
    int i = from;
    while (i < text.length() && isWordPart(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static TokenType punctuation(char c) {
    return switch (c) {
      case '(' -> TokenType.LEFT_PAREN;
      case ')' -> TokenType.RIGHT_PAREN;
      case '[' -> TokenType.LEFT_BRACKET;
      case ']' -> TokenType.RIGHT_BRACKET;
      case ',' -> TokenType.COMMA;
      case '.' -> TokenType.DOT;
      case '=' -> TokenType.EQ;
      case '<' -> TokenType.LT;
      case '>' -> TokenType.GT;
      case '+' -> TokenType.PLUS;
      case '-' -> TokenType.MINUS;
      default -> TokenType.UNKNOWN;
    };
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordPart(char c) {
    return isLetter(c) || isDigit(c) || c == '_';
  }
}
