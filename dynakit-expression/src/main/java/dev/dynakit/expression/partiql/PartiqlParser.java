package dev.dynakit.expression.partiql;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses DynamoDB's PartiQL: SELECT (with an index, WHERE and ORDER BY), INSERT ... VALUE, UPDATE
 * with SET and REMOVE clauses, DELETE, RETURNING, and EXISTS(SELECT ...), over literals (strings,
 * numbers, booleans, NULL, MISSING, Ion in backticks), {@code ?} parameters, lists, bags ({@code
 * <<...>>}), tuples, document paths, comparisons, arithmetic, AND/OR/NOT, BETWEEN, IN, IS [NOT]
 * MISSING/NULL and function calls. Keywords are case-insensitive.
 *
 * <p>A statement it cannot read is refused as DynamoDB refuses it: a {@link ValidationException}
 * whose message is {@code Statement wasn't well formed, can't be processed: } and the statement.
 * What is well formed but wrong for the table (a missing key condition, an unknown index) is the
 * executor's to refuse.
 *
 * <pre>{@code
 * Statement statement = PartiqlParser.parse("SELECT * FROM \"orders\" WHERE pk = ?");
 * statement.table();       // orders
 * statement.parameters();  // 1
 * }</pre>
 */
public final class PartiqlParser {
  static final String NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

  /**
   * How deep expressions may nest: parentheses, lists, bags, tuples, function calls, NOT and signs.
   * An item nests at most 32 levels, so a statement DynamoDB runs needs far fewer; DynamoDB Local
   * reads 300 levels of parentheses and fails with a StackOverflowError on 1,000. The bound keeps
   * the parse of any statement, and its execution, within the stack.
   */
  static final int MAX_NESTING = 300;

  private static final Set<String> RESERVED =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "INSERT",
          "INTO",
          "VALUE",
          "UPDATE",
          "SET",
          "REMOVE",
          "DELETE",
          "RETURNING",
          "BETWEEN",
          "IN",
          "IS",
          "ORDER",
          "BY",
          "ASC",
          "DESC",
          "EXISTS",
          "NULL",
          "MISSING",
          "TRUE",
          "FALSE",
          "ALL",
          "MODIFIED",
          "OLD",
          "NEW",
          "VALUES",
          "LIMIT",
          "AS",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END");

  private final String text;
  private final List<PartiqlToken> tokens;
  private int position;
  private int parameters;
  private int depth;
  private final Map<Expr, PartiqlToken> origins = new IdentityHashMap<>();

  private PartiqlParser(String text) {
    this.text = text;
    this.tokens = PartiqlToken.lex(text);
  }

  /**
   * The statement {@code text} holds.
   *
   * @throws ValidationException if it is not a statement DynamoDB can read
   */
  public static Statement parse(String text) {
    return read(text).statement();
  }

  /**
   * The statement {@code text} holds, and where in the text each of its expressions lies.
   *
   * @throws ValidationException if it is not a statement DynamoDB can read
   */
  public static Parsed read(String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(NOT_WELL_FORMED + (text == null ? "" : text));
    }
    try {
      PartiqlParser parser = new PartiqlParser(text);
      Statement statement = parser.statement();
      parser.accept(";");
      if (!parser.atEnd()) {
        throw new Refused();
      }
      Map<Expr, Position> positions = new IdentityHashMap<>();
      parser.origins.forEach(
          (expression, token) -> positions.put(expression, position(text, token)));
      return new Parsed(statement, positions);
    } catch (Refused e) {
      throw new ValidationException(NOT_WELL_FORMED + text);
    }
  }

  private static Position position(String text, PartiqlToken token) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < token.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, token.start() - lineStart + 1, token.end() - token.start());
  }

  /**
   * A statement and where its expressions lie in its text.
   *
   * @param statement the statement
   * @param positions where each expression of the statement starts (by identity)
   */
  public record Parsed(Statement statement, Map<Expr, Position> positions) {
    /** Where an expression of the statement lies, as DynamoDB appends it to a refusal of it. */
    public String at(Expr expression) {
      Position position = positions.get(expression);
      return position == null ? "" : " at " + position;
    }
  }

  /**
   * Where a token lies in a statement.
   *
   * @param line its line, from 1
   * @param column its column, from 1
   * @param length how many characters it has
   */
  public record Position(int line, int column, int length) {
    @Override
    public String toString() {
      return line + ":" + column + ":" + length;
    }
  }

  /** Not well formed; turned into DynamoDB's message once, in {@link #parse}. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  // ---- statements -------------------------------------------------------------------------

  private Statement statement() {
    if (keyword("SELECT")) {
      return select();
    }
    if (keyword("INSERT")) {
      expectKeyword("INTO");
      String table = name();
      expectKeyword("VALUE");
      Expr item = expression();
      return new Statement.Insert(table, item, parameters);
    }
    if (keyword("UPDATE")) {
      return update();
    }
    if (keyword("DELETE")) {
      expectKeyword("FROM");
      String table = name();
      Optional<Expr> where = keyword("WHERE") ? Optional.of(expression()) : Optional.empty();
      return new Statement.Delete(table, where, returning(), parameters);
    }
    if (keyword("EXISTS")) {
      expect("(");
      expectKeyword("SELECT");
      Statement.Select select = select();
      expect(")");
      return new Statement.Exists(select);
    }
    throw new Refused();
  }

  private Statement.Select select() {
    List<Expr> projections = new ArrayList<>();
    boolean aliased = false;
    if (!accept("*")) {
      do {
        projections.add(expression());
        if (keyword("AS")) {
          name();
          aliased = true;
        }
      } while (accept(","));
    }
    expectKeyword("FROM");
    String table = name();
    Optional<String> index = accept(".") ? Optional.of(name()) : Optional.empty();
    Optional<Expr> where = keyword("WHERE") ? Optional.of(expression()) : Optional.empty();
    List<Statement.Order> orderBy = new ArrayList<>();
    if (keyword("ORDER")) {
      expectKeyword("BY");
      do {
        Expr expression = expression();
        boolean descending = keyword("DESC");
        if (!descending) {
          keyword("ASC");
        }
        orderBy.add(new Statement.Order(expression, descending));
      } while (accept(","));
    }
    if (aliased) {
      // well formed, but DynamoDB has no aliases
      throw new ValidationException("Aliasing is not supported");
    }
    return new Statement.Select(projections, table, index, where, orderBy, parameters);
  }

  private Statement.Update update() {
    String table = name();
    List<Statement.Action> actions = new ArrayList<>();
    while (true) {
      if (keyword("SET")) {
        do {
          Expr.PathOf path = path();
          expect("=");
          actions.add(new Statement.Action(path, Optional.of(expression())));
        } while (accept(","));
      } else if (keyword("REMOVE")) {
        // one path per REMOVE clause, as DynamoDB reads it
        actions.add(new Statement.Action(path(), Optional.empty()));
      } else {
        break;
      }
    }
    if (actions.isEmpty()) {
      throw new Refused();
    }
    Optional<Expr> where = keyword("WHERE") ? Optional.of(expression()) : Optional.empty();
    return new Statement.Update(table, actions, where, returning(), parameters);
  }

  private Optional<Statement.Returning> returning() {
    if (!keyword("RETURNING")) {
      return Optional.empty();
    }
    boolean all;
    if (keyword("ALL")) {
      all = true;
    } else {
      expectKeyword("MODIFIED");
      all = false;
    }
    boolean newValues;
    if (keyword("NEW")) {
      newValues = true;
    } else {
      expectKeyword("OLD");
      newValues = false;
    }
    expect("*");
    return Optional.of(new Statement.Returning(all, newValues));
  }

  /** A table or index name: bare or double-quoted. */
  private String name() {
    PartiqlToken token = next();
    if (token.kind() == PartiqlToken.Kind.QUOTED
        || token.kind() == PartiqlToken.Kind.WORD && !RESERVED.contains(token.upper())) {
      return token.text();
    }
    throw new Refused();
  }

  private Expr.PathOf path() {
    Expr path = primary();
    if (!(path instanceof Expr.PathOf)) {
      throw new Refused();
    }
    return (Expr.PathOf) path;
  }

  // ---- expressions, by precedence ---------------------------------------------------------

  private Expr expression() {
    enter();
    try {
      return or();
    } finally {
      depth--;
    }
  }

  /** One level deeper; refuses a statement that nests deeper than {@link #MAX_NESTING}. */
  private void enter() {
    if (depth == MAX_NESTING) {
      throw new ValidationException(
          NOT_WELL_FORMED + "expressions nest more than " + MAX_NESTING + " levels deep");
    }
    depth++;
  }

  private Expr or() {
    Expr left = and();
    while (keyword("OR")) {
      left = new Expr.Or(left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (keyword("AND")) {
      left = new Expr.And(left, not());
    }
    return left;
  }

  private Expr not() {
    if (keyword("NOT")) {
      enter();
      try {
        return new Expr.Not(not());
      } finally {
        depth--;
      }
    }
    return predicate();
  }

  private Expr predicate() {
    Expr left = additive();
    while (true) {
      String operator = comparison();
      if (operator != null) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary(operator, left, additive()), token);
        continue;
      }
      int start = position;
      boolean negated = keyword("NOT");
      if (keyword("BETWEEN")) {
        Expr low = additive();
        expectKeyword("AND");
        left = new Expr.Between(left, low, additive(), negated);
      } else if (keyword("IN")) {
        left = new Expr.In(left, additive(), negated);
      } else if (!negated && keyword("IS")) {
        boolean not = keyword("NOT");
        String what;
        if (keyword("MISSING")) {
          what = "MISSING";
        } else {
          expectKeyword("NULL");
          what = "NULL";
        }
        left = new Expr.Is(left, what, not);
      } else {
        position = start;
        return left;
      }
    }
  }

  private String comparison() {
    for (String operator : new String[] {"=", "<>", "!=", "<=", ">=", "<", ">"}) {
      if (accept(operator)) {
        return operator;
      }
    }
    return null;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      if (accept("+")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("+", left, multiplicative()), token);
      } else if (accept("-")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("-", left, multiplicative()), token);
      } else if (accept("||")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("||", left, multiplicative()), token);
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      if (accept("*")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("*", left, unary()), token);
      } else if (accept("/")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("/", left, unary()), token);
      } else if (accept("%")) {
        PartiqlToken token = previous();
        left = at(new Expr.Binary("%", left, unary()), token);
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    if (peekSymbol("-") || peekSymbol("+")) {
      enter();
      try {
        return sign();
      } finally {
        depth--;
      }
    }
    return primary();
  }

  private Expr sign() {
    if (accept("-")) {
      PartiqlToken minus = previous();
      Expr operand = unary();
      if (operand instanceof Expr.Number) {
        return at(new Expr.Number(((Expr.Number) operand).value().negate()), minus);
      }
      return at(new Expr.Negative(operand), minus);
    }
    expect("+");
    return unary();
  }

  private Expr primary() {
    PartiqlToken token = next();
    switch (token.kind()) {
      case STRING:
        return at(new Expr.Text(token.text()), token);
      case NUMBER:
        return at(new Expr.Number(number(token.text())), token);
      case ION:
        return at(new Expr.Ion(token.text()), token);
      case QUOTED:
        return steps(token);
      case WORD:
        return word(token);
      case SYMBOL:
        return symbol(token);
      default:
        throw new Refused();
    }
  }

  /** A number literal; one whose exponent is past what a decimal can hold is not well formed. */
  private static BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new Refused();
    }
  }

  private Expr word(PartiqlToken token) {
    switch (token.upper()) {
      case "TRUE":
        return at(new Expr.Bool(true), token);
      case "FALSE":
        return at(new Expr.Bool(false), token);
      case "NULL":
        return at(new Expr.Null(), token);
      case "MISSING":
        return at(new Expr.Missing(), token);
      default:
        // EXISTS names a function in an expression, one DynamoDB does not have
        if (RESERVED.contains(token.upper()) && !token.upper().equals("EXISTS")) {
          throw new Refused();
        }
        if (accept("(")) {
          List<Expr> arguments = new ArrayList<>();
          if (!accept(")")) {
            do {
              // COUNT(*) reads; DynamoDB refuses it as a projection
              if (!accept("*")) {
                arguments.add(expression());
              }
            } while (accept(","));
            expect(")");
          }
          return at(new Expr.Call(token.upper(), arguments), token);
        }
        if (RESERVED.contains(token.upper())) {
          throw new Refused();
        }
        return steps(token);
    }
  }

  private Expr symbol(PartiqlToken token) {
    switch (token.text()) {
      case "?":
        return at(new Expr.Parameter(parameters++), token);
      case "(":
        List<Expr> inner = elements(")");
        if (inner.size() == 1) {
          return inner.get(0);
        }
        if (inner.isEmpty()) {
          throw new Refused();
        }
        return at(new Expr.ListOf(inner), token);
      case "@":
        PartiqlToken variable = next();
        if (variable.kind() != PartiqlToken.Kind.WORD
            && variable.kind() != PartiqlToken.Kind.QUOTED) {
          throw new Refused();
        }
        return steps(variable);
      case "[":
        return at(new Expr.ListOf(elements("]")), token);
      case "<<":
        return at(new Expr.BagOf(elements(">>")), token);
      case "{":
        List<Expr.Entry> entries = new ArrayList<>();
        if (!accept("}")) {
          do {
            Expr key = expression();
            expect(":");
            entries.add(new Expr.Entry(key, expression()));
          } while (accept(","));
          expect("}");
        }
        return at(new Expr.TupleOf(entries), token);
      default:
        throw new Refused();
    }
  }

  private List<Expr> elements(String close) {
    List<Expr> elements = new ArrayList<>();
    if (accept(close)) {
      return elements;
    }
    do {
      elements.add(expression());
    } while (accept(","));
    expect(close);
    return elements;
  }

  /** A path from {@code root}: {@code .field}, {@code ."field"} and {@code [index]} steps. */
  private Expr.PathOf steps(PartiqlToken rootToken) {
    String root = rootToken.text();
    List<Expr.Step> steps = new ArrayList<>();
    while (true) {
      if (peekSymbol(".") && peekAfterDot()) {
        position++;
        PartiqlToken field = next();
        steps.add(new Expr.Step(field.text(), null));
      } else if (accept("[")) {
        Expr index = expression();
        expect("]");
        steps.add(new Expr.Step(null, index));
      } else {
        return at(new Expr.PathOf(root, steps), rootToken);
      }
    }
  }

  /** After a dot, a field name (not the index of {@code FROM "table"."index"}: that is a name). */
  private boolean peekAfterDot() {
    if (position + 1 >= tokens.size()) {
      return false;
    }
    PartiqlToken after = tokens.get(position + 1);
    return after.kind() == PartiqlToken.Kind.QUOTED || after.kind() == PartiqlToken.Kind.WORD;
  }

  // ---- tokens -----------------------------------------------------------------------------

  /** Notes the token an expression starts at, where a refusal of it points. */
  private <T extends Expr> T at(T expression, PartiqlToken token) {
    origins.put(expression, token);
    return expression;
  }

  private PartiqlToken previous() {
    return tokens.get(position - 1);
  }

  private boolean atEnd() {
    return position >= tokens.size();
  }

  private PartiqlToken next() {
    if (atEnd()) {
      throw new Refused();
    }
    return tokens.get(position++);
  }

  private boolean peekSymbol(String symbol) {
    return !atEnd()
        && tokens.get(position).kind() == PartiqlToken.Kind.SYMBOL
        && tokens.get(position).text().equals(symbol);
  }

  private boolean accept(String symbol) {
    if (peekSymbol(symbol)) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String symbol) {
    if (!accept(symbol)) {
      throw new Refused();
    }
  }

  private boolean keyword(String word) {
    if (!atEnd()
        && tokens.get(position).kind() == PartiqlToken.Kind.WORD
        && tokens.get(position).upper().equals(word)) {
      position++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String word) {
    if (!keyword(word)) {
      throw new Refused();
    }
  }

  @Override
  public String toString() {
    return "PartiqlParser[" + text.length() + " characters]";
  }

  static String upper(String word) {
    return word.toUpperCase(Locale.ROOT);
  }
}
