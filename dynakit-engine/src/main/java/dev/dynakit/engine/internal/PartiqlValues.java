package dev.dynakit.engine.internal;

import dev.dynakit.expression.partiql.Expr;
import dev.dynakit.expression.partiql.PartiqlParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The values a PartiQL statement writes: literals, {@code ?} parameters, lists, tuples (maps) and
 * bags (string or number sets), as DynamoDB converts them, and refused in DynamoDB's words where
 * DynamoDB has no such value (MISSING, Ion literals, paths, arithmetic).
 */
final class PartiqlValues {
  private final List<AttributeValue> parameters;
  private final PartiqlParser.Parsed parsed;

  /**
   * @param parameters the request's parameters, which the statement's {@code ?} stand for
   * @param parsed the statement, whose positions refusals name
   */
  PartiqlValues(List<AttributeValue> parameters, PartiqlParser.Parsed parsed) {
    this.parameters = parameters;
    this.parsed = parsed;
  }

  /** Where in the statement an expression lies, as a refusal of it names it. */
  String at(Expr expression) {
    return parsed == null ? "" : parsed.at(expression);
  }

  /**
   * Checks the request's parameters against a statement that takes {@code needed} of them: fewer is
   * refused, as is a parameter that holds no value. (DynamoDB Local takes more than needed.)
   */
  static void checkParameters(List<AttributeValue> parameters, int needed) {
    if (parameters.size() < needed) {
      throw Errors.validation("Number of parameters in request and statement don't match.");
    }
    for (AttributeValue parameter : parameters) {
      if (parameter.type() == null
          || parameter.type() == AttributeValue.Type.UNKNOWN_TO_SDK_VERSION) {
        throw Errors.validation(
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
      }
    }
  }

  /**
   * Whether the expression is a value (a literal or a parameter) rather than a path or an
   * operation.
   */
  static boolean isValue(Expr expression) {
    return expression instanceof Expr.Text
        || expression instanceof Expr.Number
        || expression instanceof Expr.Bool
        || expression instanceof Expr.Null
        || expression instanceof Expr.Parameter
        || expression instanceof Expr.ListOf
        || expression instanceof Expr.BagOf
        || expression instanceof Expr.TupleOf
        || expression instanceof Expr.Ion
        || expression instanceof Expr.Missing;
  }

  /** The value the expression stands for. */
  AttributeValue value(Expr expression) {
    return value(expression, "key root");
  }

  /** The item an INSERT writes: a tuple. */
  Map<String, AttributeValue> item(Expr expression) {
    if (!(expression instanceof Expr.TupleOf)) {
      throw Errors.validation(
          "Unsupported format in item expression. Please use struct format {...} to express item"
              + " values for insert statement."
              + at(expression));
    }
    return tuple((Expr.TupleOf) expression, "root");
  }

  private AttributeValue value(Expr expression, String where) {
    if (expression instanceof Expr.Text text) {
      return AttributeValue.fromS(text.value());
    }
    if (expression instanceof Expr.Number number) {
      return AttributeValue.fromN(number.value().toString());
    }
    if (expression instanceof Expr.Bool bool) {
      return AttributeValue.fromBool(bool.value());
    }
    if (expression instanceof Expr.Null) {
      return AttributeValue.fromNul(true);
    }
    if (expression instanceof Expr.Parameter parameter) {
      return parameters.get(parameter.index());
    }
    if (expression instanceof Expr.ListOf list) {
      List<AttributeValue> elements = new ArrayList<>();
      for (int i = 0; i < list.elements().size(); i++) {
        String path = where + "." + i;
        elements.add(value(list.elements().get(i), path));
      }
      return AttributeValue.fromL(elements);
    }
    if (expression instanceof Expr.TupleOf tuple) {
      String path = where.startsWith("key ") ? where.substring(4) : where;
      return AttributeValue.fromM(tuple(tuple, path));
    }
    if (expression instanceof Expr.BagOf bag) {
      return bag(bag, where);
    }
    if (expression instanceof Expr.Ion ion) {
      throw Errors.validation(
          "Ion Literals are not supported: "
              + ionType(ion.text())
              + " under "
              + where
              + at(expression));
    }
    String what =
        expression instanceof Expr.Missing && where.contains(".")
            ? "LiteralMissing"
            : describe(expression);
    throw Errors.validation("Unsupported data type: " + what + " under " + where + at(expression));
  }

  private Map<String, AttributeValue> tuple(Expr.TupleOf tuple, String where) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (Expr.Entry entry : tuple.entries()) {
      String key = key(entry.key(), where);
      if (map.containsKey(key)) {
        throw Errors.validation(
            "Duplicate keys in tuple. Key: " + key + " under " + where + at(entry.key()));
      }
      map.put(key, value(entry.value(), "key " + where));
    }
    return map;
  }

  private String key(Expr key, String where) {
    if (key instanceof Expr.Text text) {
      return text.value();
    }
    if (key instanceof Expr.Parameter parameter && parameters.get(parameter.index()).s() != null) {
      return parameters.get(parameter.index()).s();
    }
    throw Errors.validation(
        "Tuple keys must be of type String. Actual type: "
            + typeOf(key)
            + " under "
            + where
            + at(key));
  }

  private AttributeValue bag(Expr.BagOf bag, String where) {
    if (bag.elements().isEmpty()) {
      throw Errors.validation("Empty bags are not supported" + at(bag));
    }
    Set<String> strings = new LinkedHashSet<>();
    Set<BigDecimal> numbers = new LinkedHashSet<>();
    List<String> numberTexts = new ArrayList<>();
    List<SdkBytes> binaries = new ArrayList<>();
    for (Expr element : bag.elements()) {
      AttributeValue value = value(element, where);
      if (value.s() != null && numbers.isEmpty() && binaries.isEmpty()) {
        if (!strings.add(value.s())) {
          throw Errors.validation("Input collection contains duplicates");
        }
      } else if (value.n() != null && strings.isEmpty() && binaries.isEmpty()) {
        if (!numbers.add(new BigDecimal(value.n()).stripTrailingZeros())) {
          throw Errors.validation("Input collection contains duplicates");
        }
        numberTexts.add(value.n());
      } else if (value.b() != null && strings.isEmpty() && numbers.isEmpty()) {
        if (binaries.contains(value.b())) {
          throw Errors.validation("Input collection contains duplicates");
        }
        binaries.add(value.b());
      } else {
        throw Errors.validation(
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in"
                + " bags");
      }
    }
    if (!strings.isEmpty()) {
      return AttributeValue.fromSs(List.copyOf(strings));
    }
    return numbers.isEmpty() ? AttributeValue.fromBs(binaries) : AttributeValue.fromNs(numberTexts);
  }

  /** How DynamoDB names an expression that is not a value. */
  private static String describe(Expr expression) {
    if (expression instanceof Expr.Missing) {
      return "MISSING";
    }
    if (expression instanceof Expr.PathOf path) {
      return path.root();
    }
    if (expression instanceof Expr.Binary binary) {
      return binary.operator();
    }
    if (expression instanceof Expr.Negative) {
      return "-";
    }
    if (expression instanceof Expr.Call call) {
      return call.name().toLowerCase(Locale.ROOT);
    }
    return expression.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String typeOf(Expr expression) {
    if (expression instanceof Expr.Number number) {
      return number.value().scale() <= 0 ? "INT" : "DECIMAL";
    }
    if (expression instanceof Expr.Bool) {
      return "BOOL";
    }
    if (expression instanceof Expr.Null) {
      return "NULL";
    }
    if (expression instanceof Expr.Missing) {
      return "MISSING";
    }
    if (expression instanceof Expr.ListOf) {
      return "LIST";
    }
    if (expression instanceof Expr.BagOf) {
      return "BAG";
    }
    if (expression instanceof Expr.TupleOf) {
      return "STRUCT";
    }
    return describe(expression).toUpperCase(Locale.ROOT);
  }

  /** The Ion type of an Ion literal's text, as DynamoDB names it when it refuses the literal. */
  static String ionType(String text) {
    String ion = text.strip();
    if (ion.startsWith("{{")) {
      return ion.startsWith("{{\"") || ion.startsWith("{{'") ? "CLOB" : "BLOB";
    }
    if (ion.startsWith("{")) {
      return "STRUCT";
    }
    if (ion.startsWith("[")) {
      return "LIST";
    }
    if (ion.startsWith("(")) {
      return "SEXP";
    }
    if (ion.startsWith("\"") || ion.startsWith("'''")) {
      return "STRING";
    }
    if (ion.startsWith("'")) {
      return "SYMBOL";
    }
    if (ion.equals("true") || ion.equals("false")) {
      return "BOOL";
    }
    if (ion.startsWith("null")) {
      return "NULL";
    }
    if (ion.matches("-?\\d{4}(-\\d{2}(-\\d{2})?)?T.*") || ion.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return "TIMESTAMP";
    }
    if (ion.matches("-?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\\d[\\d_]*)")) {
      return "INT";
    }
    if (ion.matches("-?\\d[\\d_]*(\\.\\d*)?([dD][+-]?\\d+)?") || ion.matches("-?\\.\\d+")) {
      return "DECIMAL";
    }
    if (ion.matches("-?\\d[\\d_]*(\\.\\d*)?[eE][+-]?\\d+") || ion.matches("[+-]inf|nan")) {
      return "FLOAT";
    }
    return "SYMBOL";
  }
}
