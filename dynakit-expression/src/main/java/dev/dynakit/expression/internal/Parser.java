package dev.dynakit.expression.internal;

import dev.dynakit.expression.ExpressionKind;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.ast.Comparator;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Condition.ConditionFunction;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.Operand;
import dev.dynakit.expression.ast.Operand.ArithmeticOperator;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.ast.UpdateAction;
import dev.dynakit.expression.internal.Token.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A recursive-descent parser for DynamoDB's expression grammars. It reports the first syntax error
 * with DynamoDB's wording (the offending token and the text from the token before it to the token
 * after it). Semantic problems found on the way (unknown functions, wrong operand counts, reserved
 * words) are held back until the whole text has parsed, since DynamoDB reports syntax first.
 */
public final class Parser {
  /** DynamoDB's limit on the length of one expression, in characters. */
  static final int MAX_EXPRESSION_LENGTH = 4096;

  /** From this depth of parentheses on, an expression is read on a thread with a deep stack. */
  static final int DEEP_NESTING = 100;

  /** That thread's stack: room for the 4,096 levels of parentheses 4,096 characters can hold. */
  private static final long DEEP_STACK_BYTES = 64L << 20;

  private final ExpressionKind kind;
  private final String text;
  private final List<Token> tokens;
  private int position;

  /** The first semantic error of those DynamoDB reports in text order: names, reserved words. */
  private String semanticError;

  /** The first of those DynamoDB reports only after the others: operand counts, nesting. */
  private String lateError;

  /**
   * Each grouping, by its opening and closing token index ({@link #span}), to find redundant
   * parentheses.
   */
  private final Set<Long> groups = new HashSet<>();

  private boolean redundantParentheses;

  /** The outcome of each place where alternatives were tried, by {@link #speculate}'s key. */
  private final Map<Long, Speculation> speculations = new HashMap<>();

  private Parser(ExpressionKind kind, String text) {
    this.kind = kind;
    this.text = text;
    this.tokens = Lexer.tokenize(text);
  }

  /** Parses a condition, filter or key-condition expression. */
  public static Condition parseCondition(ExpressionKind kind, String text) {
    Parser parser = start(kind, text);
    return parser.run(parser::condition);
  }

  /** Parses an update expression. */
  public static Update parseUpdate(String text) {
    Parser parser = start(ExpressionKind.UPDATE, text);
    return parser.run(parser::update);
  }

  /** Parses a projection expression. */
  public static Projection parseProjection(String text) {
    Parser parser = start(ExpressionKind.PROJECTION, text);
    return parser.run(parser::projection);
  }

  /**
   * Parses with {@code grammar}. Recursive descent takes stack in proportion to the nesting, and
   * 4,096 characters can nest more parentheses than a thread's usual stack holds; DynamoDB reads
   * them all (and then refuses most as redundant or unclosed). An expression nested that deep is
   * therefore read on a thread of its own with a stack large enough, to get DynamoDB's answer.
   */
  private <T> T run(Supplier<T> grammar) {
    if (nesting() < DEEP_NESTING) {
      return parse(grammar);
    }
    List<T> tree = new ArrayList<>(1);
    List<RuntimeException> refusal = new ArrayList<>(1);
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                tree.add(parse(grammar));
              } catch (RuntimeException e) {
                refusal.add(e);
              }
            },
            "dynakit-expression-parser",
            DEEP_STACK_BYTES);
    reader.start();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a deeply nested expression", e);
    }
    if (!refusal.isEmpty()) {
      throw refusal.get(0);
    }
    return tree.get(0);
  }

  /** The deepest the expression's parentheses (those of function calls too) nest. */
  private int nesting() {
    int depth = 0;
    int deepest = 0;
    for (Token token : tokens) {
      if (token.type() == TokenType.LEFT_PAREN) {
        deepest = Math.max(deepest, ++depth);
      } else if (token.type() == TokenType.RIGHT_PAREN && depth > 0) {
        depth--;
      }
    }
    return deepest;
  }

  private <T> T parse(Supplier<T> grammar) {
    try {
      T tree = grammar.get();
      finish();
      return tree;
    } catch (SyntaxError error) {
      throw new ValidationException(error.getMessage());
    }
  }

  private Projection projection() {
    List<DocumentPath> paths = new ArrayList<>();
    paths.add(path());
    while (accept(TokenType.COMMA)) {
      paths.add(path());
    }
    return new Projection(paths);
  }

  private static Parser start(ExpressionKind kind, String text) {
    if (text.isEmpty()) {
      throw new ValidationException(kind.errorPrefix() + "The expression can not be empty;");
    }
    if (text.length() > MAX_EXPRESSION_LENGTH) {
      boolean condition = kind != ExpressionKind.UPDATE && kind != ExpressionKind.PROJECTION;
      throw new ValidationException(
          kind.errorPrefix()
              + "Expression size has exceeded the maximum allowed size;"
              + (condition ? " expression size: " + text.length() : ""));
    }
    return new Parser(kind, text);
  }

  private void finish() {
    if (peek().type() != TokenType.EOF) {
      throw syntaxError();
    }
    if (redundantParentheses) {
      throw new ValidationException(
          kind.errorPrefix() + "The expression has redundant parentheses;");
    }
    if (semanticError != null) {
      throw new ValidationException(kind.errorPrefix() + semanticError);
    }
    if (lateError != null) {
      throw new ValidationException(kind.errorPrefix() + lateError);
    }
  }

  // ---- conditions

  private Condition condition() {
    Condition left = conjunction();
    while (acceptKeyword("OR")) {
      left = new Condition.Or(left, conjunction());
    }
    return left;
  }

  private Condition conjunction() {
    Condition left = negation();
    while (acceptKeyword("AND")) {
      left = new Condition.And(left, negation());
    }
    return left;
  }

  private Condition negation() {
    if (acceptKeyword("NOT")) {
      return new Condition.Not(negation());
    }
    return primaryCondition();
  }

  private Condition primaryCondition() {
    if (peek().type() == TokenType.LEFT_PAREN) {
      return speculate(
          0,
          () -> {
            int open = position++;
            Condition inner = condition();
            group(open, expect(TokenType.RIGHT_PAREN));
            return inner;
          },
          () -> comparisonAfter(operand(false)));
    }
    if (isFunctionCall()) {
      Token name = peek();
      FunctionCall call = functionCall();
      if (!isComparisonStart()) {
        return conditionFunction(name, call);
      }
      return comparisonAfter(operandOf(name, call, false));
    }
    return comparisonAfter(operand(false));
  }

  private boolean isComparisonStart() {
    Token next = peek();
    return isComparator(next.type()) || next.isKeyword("BETWEEN") || next.isKeyword("IN");
  }

  private Condition comparisonAfter(Operand left) {
    Token next = peek();
    if (isComparator(next.type())) {
      position++;
      return new Condition.Comparison(left, comparator(next.type()), operand(false));
    }
    if (acceptKeyword("BETWEEN")) {
      Operand low = operand(false);
      expectKeyword("AND");
      return new Condition.Between(left, low, operand(false));
    }
    if (acceptKeyword("IN")) {
      expect(TokenType.LEFT_PAREN);
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operand(false));
      while (accept(TokenType.COMMA)) {
        candidates.add(operand(false));
      }
      expect(TokenType.RIGHT_PAREN);
      return new Condition.In(left, candidates);
    }
    throw syntaxError();
  }

  private Condition conditionFunction(Token name, FunctionCall call) {
    FunctionName function = FunctionName.of(name.text());
    if (function == null) {
      defer("Invalid function name; function: " + name.text());
    } else if (function.condition == null) {
      defer(
          function.update
              ? "The function is not allowed in a condition expression; function: " + name.text()
              : "The function is not allowed to be used this way in an expression; function: "
                  + name.text());
    } else {
      checkArity(name.text(), function.condition.arity(), call.arguments().size());
      return new Condition.Function(function.condition, call.arguments());
    }
    return new Condition.Function(ConditionFunction.ATTRIBUTE_EXISTS, call.arguments());
  }

  // ---- operands

  /** An operand; {@code inUpdate} admits the update functions and arithmetic. */
  private Operand operand(boolean inUpdate) {
    Token token = peek();
    if (token.type() == TokenType.LEFT_PAREN) {
      int open = position++;
      Operand inner = operand(inUpdate);
      group(open, expect(TokenType.RIGHT_PAREN));
      return inner;
    }
    if (token.type() == TokenType.VALUE_PLACEHOLDER) {
      position++;
      return new Operand.Value(token.text());
    }
    if (isFunctionCall()) {
      FunctionCall call = functionCall();
      return operandOf(token, call, inUpdate);
    }
    return new Operand.Path(path());
  }

  private Operand operandOf(Token name, FunctionCall call, boolean inUpdate) {
    FunctionName function = FunctionName.of(name.text());
    List<Operand> arguments = call.arguments();
    if (function == null) {
      defer("Invalid function name; function: " + name.text());
    } else if (function == FunctionName.SIZE) {
      if (inUpdate) {
        defer("The function is not allowed in an update expression; function: size");
      } else if (checkArity(name.text(), 1, arguments.size())) {
        return new Operand.Size(arguments.get(0));
      }
    } else if (function.update) {
      if (!inUpdate) {
        defer("The function is not allowed in a condition expression; function: " + name.text());
      } else if (checkArity(name.text(), 2, arguments.size())) {
        if (function == FunctionName.IF_NOT_EXISTS) {
          return new Operand.IfNotExists(arguments.get(0), arguments.get(1));
        }
        arguments.forEach(this::refuseNestedListAppend);
        return new Operand.ListAppend(arguments.get(0), arguments.get(1));
      }
    } else {
      defer(
          inUpdate
              ? "The function is not allowed in an update expression; function: " + name.text()
              : "The function is not allowed to be used this way in an expression; function: "
                  + name.text());
    }
    return new Operand.Value(":invalid");
  }

  private boolean isFunctionCall() {
    return peek().type() == TokenType.IDENTIFIER
        && tokens.get(position + 1).type() == TokenType.LEFT_PAREN;
  }

  private FunctionCall functionCall() {
    boolean inUpdate = kind == ExpressionKind.UPDATE;
    position += 2;
    List<Operand> arguments = new ArrayList<>();
    arguments.add(inUpdate ? setValue() : operand(false));
    while (accept(TokenType.COMMA)) {
      arguments.add(inUpdate ? setValue() : operand(false));
    }
    expect(TokenType.RIGHT_PAREN);
    return new FunctionCall(arguments);
  }

  private boolean checkArity(String function, int expected, int actual) {
    if (expected != actual) {
      deferLate(
          "Incorrect number of operands for operator or function; operator or function: "
              + function
              + ", number of operands: "
              + actual);
      return false;
    }
    return true;
  }

  private DocumentPath path() {
    List<PathElement> elements = new ArrayList<>();
    elements.add(name());
    while (true) {
      if (accept(TokenType.DOT)) {
        elements.add(name());
      } else if (accept(TokenType.LEFT_BRACKET)) {
        Token index = expect(TokenType.NUMBER);
        expect(TokenType.RIGHT_BRACKET);
        elements.add(new PathElement.Index(listIndex(index)));
      } else {
        return new DocumentPath(elements);
      }
    }
  }

  private PathElement.Name name() {
    Token token = peek();
    if (token.type() == TokenType.NAME_PLACEHOLDER) {
      position++;
      return new PathElement.Name(token.text());
    }
    if (token.type() != TokenType.IDENTIFIER || isGrammarKeyword(token)) {
      throw syntaxError();
    }
    position++;
    if (ReservedWords.isReserved(token.text())) {
      defer("Attribute name is a reserved keyword; reserved keyword: " + token.text());
    }
    return new PathElement.Name(token.text());
  }

  private int listIndex(Token token) {
    try {
      return Integer.parseInt(token.text());
    } catch (NumberFormatException e) {
      defer("List index is not within the allowable range; index: [" + token.text() + "]");
      return 0;
    }
  }

  // ---- updates

  private Update update() {
    List<UpdateAction> actions = new ArrayList<>();
    boolean[] seen = new boolean[4];
    do {
      Token keyword = peek();
      String clause = keyword.type() == TokenType.IDENTIFIER ? keyword.text() : "";
      int section =
          switch (clause.toUpperCase(Locale.ROOT)) {
            case "SET" -> 0;
            case "REMOVE" -> 1;
            case "ADD" -> 2;
            case "DELETE" -> 3;
            default -> throw syntaxError();
          };
      position++;
      if (seen[section]) {
        defer(
            "The \""
                + clause.toUpperCase(Locale.ROOT)
                + "\" section can only be used once in an update expression;");
      }
      seen[section] = true;
      do {
        switch (section) {
          case 0 -> {
            DocumentPath path = path();
            expect(TokenType.EQ);
            actions.add(new UpdateAction.Set(path, setValue()));
          }
          case 1 -> actions.add(new UpdateAction.Remove(path()));
          case 2 -> actions.add(new UpdateAction.Add(path(), valuePlaceholder()));
          default -> actions.add(new UpdateAction.Delete(path(), valuePlaceholder()));
        }
      } while (accept(TokenType.COMMA));
    } while (peek().type() != TokenType.EOF);
    return new Update(actions);
  }

  private Operand setValue() {
    if (peek().type() == TokenType.LEFT_PAREN) {
      return speculate(
          1,
          () -> {
            int open = position++;
            Operand inner = setValue();
            group(open, expect(TokenType.RIGHT_PAREN));
            return inner;
          },
          this::arithmetic);
    }
    return arithmetic();
  }

  private Operand arithmetic() {
    Operand left = operand(true);
    Token next = peek();
    if (next.type() == TokenType.PLUS || next.type() == TokenType.MINUS) {
      position++;
      ArithmeticOperator operator =
          next.type() == TokenType.PLUS ? ArithmeticOperator.PLUS : ArithmeticOperator.MINUS;
      Operand right = operand(true);
      refuseNestedListAppend(left);
      refuseNestedListAppend(right);
      return new Operand.Arithmetic(left, operator, right);
    }
    return left;
  }

  /** DynamoDB takes list_append only as a whole value or inside if_not_exists. */
  private void refuseNestedListAppend(Operand operand) {
    if (operand instanceof Operand.ListAppend) {
      deferLate(
          "The function is not allowed to be used this way in an expression; function:"
              + " list_append");
    }
  }

  private Operand valuePlaceholder() {
    return new Operand.Value(expect(TokenType.VALUE_PLACEHOLDER).text());
  }

  // ---- choices, groupings and limits

  /**
   * Parses whichever alternative DynamoDB's parser would take at an opening parenthesis: of those
   * that parse, the one that reads furthest; if none parses, the error that stands furthest on.
   *
   * <p>The outcome is remembered by the place it starts at ({@code site} and the token):
   * alternatives that reach the same place again reuse it, so that nested groupings and function
   * calls cost time in proportion to their number rather than doubling with each level. To be
   * reusable the alternatives run as if nothing came before them; their findings (deferred errors,
   * groupings) are then added to what came before.
   */
  @SafeVarargs
  @SuppressWarnings("unchecked")
  private <T> T speculate(int site, Supplier<T>... alternatives) {
    long key = ((long) position << 1) | site;
    Speculation known = speculations.get(key);
    if (known == null) {
      State outer = state();
      semanticError = null;
      lateError = null;
      groups.clear();
      redundantParentheses = false;
      try {
        known = choose(alternatives);
      } finally {
        restore(outer);
      }
      speculations.put(key, known);
    }
    if (known.error() != null) {
      throw known.error();
    }
    State end = known.end();
    position = end.position();
    if (semanticError == null) {
      semanticError = end.semanticError();
    }
    if (lateError == null) {
      lateError = end.lateError();
    }
    groups.addAll(end.groups());
    redundantParentheses |= end.redundantParentheses();
    return (T) known.result();
  }

  @SafeVarargs
  private <T> Speculation choose(Supplier<T>... alternatives) {
    State start = state();
    State best = null;
    T bestResult = null;
    SyntaxError furthest = null;
    for (Supplier<T> alternative : alternatives) {
      restore(start);
      try {
        T result = alternative.get();
        if (best == null || position > best.position()) {
          best = state();
          bestResult = result;
        }
      } catch (SyntaxError error) {
        if (furthest == null || error.position > furthest.position) {
          furthest = error;
        }
      }
    }
    return best == null
        ? new Speculation(null, null, furthest)
        : new Speculation(bestResult, best, null);
  }

  /** What the alternatives at one place came to: a result and the state after it, or an error. */
  private record Speculation(Object result, State end, SyntaxError error) {}

  private State state() {
    return new State(position, semanticError, lateError, Set.copyOf(groups), redundantParentheses);
  }

  private void restore(State state) {
    position = state.position();
    semanticError = state.semanticError();
    lateError = state.lateError();
    groups.clear();
    groups.addAll(state.groups());
    redundantParentheses = state.redundantParentheses();
  }

  /** Records a parenthesized grouping, noting when it only wraps another grouping. */
  private void group(int open, Token close) {
    int closeIndex = position - 1;
    if (groups.contains(span(open + 1, closeIndex - 1))) {
      redundantParentheses = true;
    }
    groups.add(span(open, closeIndex));
  }

  /** A grouping's tokens as one number; token indexes are below 8,192 (4,096 characters). */
  private static long span(int open, int close) {
    return (long) open * 8192 + close;
  }

  private record State(
      int position,
      String semanticError,
      String lateError,
      Set<Long> groups,
      boolean redundantParentheses) {}

  /** A syntax error, with the token it stands at, so that alternatives can be weighed. */
  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    SyntaxError(String message, int position) {
      super(message, null, false, false);
      this.position = position;
    }
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(position);
  }

  private boolean accept(TokenType type) {
    if (peek().type() == type) {
      position++;
      return true;
    }
    return false;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      position++;
      return true;
    }
    return false;
  }

  private Token expect(TokenType type) {
    Token token = peek();
    if (token.type() != type) {
      throw syntaxError();
    }
    position++;
    return token;
  }

  private void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw syntaxError();
    }
  }

  private void defer(String message) {
    if (semanticError == null) {
      semanticError = message;
    }
  }

  private void deferLate(String message) {
    if (lateError == null) {
      lateError = message;
    }
  }

  private SyntaxError syntaxError() {
    Token token = peek();
    int from = position > 0 ? tokens.get(position - 1).start() : 0;
    int to = position + 1 < tokens.size() ? tokens.get(position + 1).end() : text.length();
    if (token.type() == TokenType.EOF) {
      to = text.length();
    }
    return new SyntaxError(
        kind.errorPrefix()
            + "Syntax error; token: \""
            + token.text()
            + "\", near: \""
            + text.substring(from, to)
            + "\"",
        position);
  }

  private static boolean isComparator(TokenType type) {
    return switch (type) {
      case EQ, NE, LT, LE, GT, GE -> true;
      default -> false;
    };
  }

  private static Comparator comparator(TokenType type) {
    return switch (type) {
      case EQ -> Comparator.EQ;
      case NE -> Comparator.NE;
      case LT -> Comparator.LT;
      case LE -> Comparator.LE;
      case GT -> Comparator.GT;
      default -> Comparator.GE;
    };
  }

  private static boolean isGrammarKeyword(Token token) {
    return switch (token.text().toUpperCase(Locale.ROOT)) {
      case "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE" -> true;
      default -> false;
    };
  }

  private record FunctionCall(List<Operand> arguments) {}

  /** Every function name the grammars know, and where each may stand. */
  private enum FunctionName {
    ATTRIBUTE_EXISTS(ConditionFunction.ATTRIBUTE_EXISTS, false),
    ATTRIBUTE_NOT_EXISTS(ConditionFunction.ATTRIBUTE_NOT_EXISTS, false),
    ATTRIBUTE_TYPE(ConditionFunction.ATTRIBUTE_TYPE, false),
    BEGINS_WITH(ConditionFunction.BEGINS_WITH, false),
    CONTAINS(ConditionFunction.CONTAINS, false),
    SIZE(null, false),
    IF_NOT_EXISTS(null, true),
    LIST_APPEND(null, true);

    final ConditionFunction condition;
    final boolean update;

    FunctionName(ConditionFunction condition, boolean update) {
      this.condition = condition;
      this.update = update;
    }

    static FunctionName of(String name) {
      for (FunctionName function : values()) {
        if (function.name().toLowerCase(Locale.ROOT).equals(name)) {
          return function;
        }
      }
      return null;
    }
  }
}
