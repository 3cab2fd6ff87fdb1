package dev.dynakit.expression.internal;

/**
 * One token of expression text, with its place in the text.
 *
 * @param type what kind of token
 * @param text the token as written ({@code <EOF>} at the end)
 * @param start offset of its first character
 * @param end offset after its last character
 */
record Token(TokenType type, String text, int start, int end) {

  /** Whether this is the keyword {@code word}, in any case. */
  boolean isKeyword(String word) {
    return type == TokenType.IDENTIFIER && text.equalsIgnoreCase(word);
  }

  enum TokenType {
    IDENTIFIER,
    NAME_PLACEHOLDER,
    VALUE_PLACEHOLDER,
    NUMBER,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    DOT,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    PLUS,
    MINUS,
    /** A character that starts no token; the parser rejects it where it stands. */
    UNKNOWN,
    EOF
  }
}
