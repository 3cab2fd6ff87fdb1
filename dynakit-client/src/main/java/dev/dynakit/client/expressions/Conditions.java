package dev.dynakit.client.expressions;

import dev.dynakit.client.expressions.Node.Comparator;
import dev.dynakit.client.expressions.Node.FunctionName;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conditions DynamoDB's condition and filter expressions know.
 *
 * <pre>{@code
 * Condition c = Conditions.attributeNotExists(Path.of("pk"))
 *     .or(Conditions.lt(Path.of("version"), AttributeValue.fromN("3"))
 *         .and(Conditions.size(Path.of("tags")).gt(AttributeValue.fromN("0"))));
 * c.render(p); // (attribute_not_exists(#n0)) OR ((#n1 < :v0) AND (size(#n2) > :v1))
 * }</pre>
 *
 * <p>What DynamoDB would refuse is refused here, with DynamoDB's words, by an {@link
 * IllegalArgumentException}: an ordering comparison or {@code BETWEEN} with a value that is not a
 * string, number or binary, {@code BETWEEN} bounds of two types or in the wrong order, a path
 * compared with itself, an unknown {@code attribute_type}, a {@code begins_with} prefix that is not
 * a string or binary, and {@code IN} with no value or more than 100.
 */
public final class Conditions {
  /** DynamoDB's limit on the values of one {@code IN}. */
  static final int MAX_IN_VALUES = 100;

  private static final Set<String> TYPES =
      Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

  private Conditions() {}

  /** {@code path = value}. */
  public static Condition eq(Path path, AttributeValue value) {
    return compare(path, Comparator.EQ, value);
  }

  /** {@code path <> value}. */
  public static Condition ne(Path path, AttributeValue value) {
    return compare(path, Comparator.NE, value);
  }

  /** {@code path < value}. */
  public static Condition lt(Path path, AttributeValue value) {
    return compare(path, Comparator.LT, value);
  }

  /** {@code path <= value}. */
  public static Condition le(Path path, AttributeValue value) {
    return compare(path, Comparator.LE, value);
  }

  /** {@code path > value}. */
  public static Condition gt(Path path, AttributeValue value) {
    return compare(path, Comparator.GT, value);
  }

  /** {@code path >= value}. */
  public static Condition ge(Path path, AttributeValue value) {
    return compare(path, Comparator.GE, value);
  }

  /** {@code left = right}: the values at two paths of the item are equal. */
  public static Condition eq(Path left, Path right) {
    return compare(left, Comparator.EQ, right);
  }

  /** {@code left <> right}. */
  public static Condition ne(Path left, Path right) {
    return compare(left, Comparator.NE, right);
  }

  /** {@code left < right}. */
  public static Condition lt(Path left, Path right) {
    return compare(left, Comparator.LT, right);
  }

  /** {@code left <= right}. */
  public static Condition le(Path left, Path right) {
    return compare(left, Comparator.LE, right);
  }

  /** {@code left > right}. */
  public static Condition gt(Path left, Path right) {
    return compare(left, Comparator.GT, right);
  }

  /** {@code left >= right}. */
  public static Condition ge(Path left, Path right) {
    return compare(left, Comparator.GE, right);
  }

  /**
   * {@code path BETWEEN low AND high} (both ends included).
   *
   * @throws IllegalArgumentException unless both bounds are strings, numbers or binaries of one
   *     type and {@code low <= high}, as DynamoDB requires
   */
  public static Condition between(Path path, AttributeValue low, AttributeValue high) {
    bounds(low, high);
    return new Node.Between(
        new Operand.OfPath(need(path, "path")),
        new Operand.OfValue(low),
        new Operand.OfValue(high));
  }

  /**
   * {@code path IN (v1, v2, ...)}.
   *
   * @throws IllegalArgumentException unless there are 1 to 100 values
   */
  public static Condition in(Path path, List<AttributeValue> values) {
    need(values, "values");
    if (values.isEmpty() || values.size() > MAX_IN_VALUES) {
      throw new IllegalArgumentException(
          "IN takes 1 to " + MAX_IN_VALUES + " values, not " + values.size());
    }
    values.forEach(v -> need(v, "values[]"));
    return new Node.In(new Operand.OfPath(need(path, "path")), values);
  }

  /** {@code attribute_exists(path)}. */
  public static Condition attributeExists(Path path) {
    return new Node.Function(FunctionName.ATTRIBUTE_EXISTS, need(path, "path"), null);
  }

  /** {@code attribute_not_exists(path)}. */
  public static Condition attributeNotExists(Path path) {
    return new Node.Function(FunctionName.ATTRIBUTE_NOT_EXISTS, need(path, "path"), null);
  }

  /**
   * {@code attribute_type(path, type)}.
   *
   * @param type one of {@code S, SS, N, NS, B, BS, BOOL, NULL, L, M}
   * @throws IllegalArgumentException for any other type
   */
  public static Condition attributeType(Path path, String type) {
    if (!TYPES.contains(need(type, "type"))) {
      throw new IllegalArgumentException(
          "Invalid type: "
              + type
              + "; attribute_type takes one of S, SS, N, NS, B, BS, BOOL, NULL, L, M");
    }
    return new Node.Function(
        FunctionName.ATTRIBUTE_TYPE, need(path, "path"), AttributeValue.fromS(type));
  }

  /**
   * {@code begins_with(path, prefix)}.
   *
   * @throws IllegalArgumentException unless the prefix is a string or binary
   */
  public static Condition beginsWith(Path path, AttributeValue prefix) {
    return new Node.Function(FunctionName.BEGINS_WITH, need(path, "path"), prefix(prefix));
  }

  /** Refuses a {@code begins_with} prefix that is not a string or binary. */
  static AttributeValue prefix(AttributeValue prefix) {
    AttributeValue.Type type = need(prefix, "prefix").type();
    if (type != AttributeValue.Type.S && type != AttributeValue.Type.B) {
      throw new IllegalArgumentException(
          "begins_with takes a string or binary prefix, not a value of type " + type);
    }
    return prefix;
  }

  /** {@code contains(path, operand)}: a substring of a string, or a member of a set or list. */
  public static Condition contains(Path path, AttributeValue operand) {
    return new Node.Function(FunctionName.CONTAINS, need(path, "path"), need(operand, "operand"));
  }

  /**
   * {@code size(path)}, to compare: {@code Conditions.size(path).gt(AttributeValue.fromN("3"))}.
   */
  public static Size size(Path path) {
    return new Size(need(path, "path"));
  }

  /**
   * All of {@code conditions}; one condition is itself.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static Condition and(Condition... conditions) {
    return junction(true, conditions);
  }

  /**
   * Any of {@code conditions}; one condition is itself.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static Condition or(Condition... conditions) {
    return junction(false, conditions);
  }

  /** {@code NOT (condition)}. */
  public static Condition not(Condition condition) {
    return new Node.Negation(need(condition, "condition"));
  }

  private static Condition junction(boolean and, Condition[] conditions) {
    need(conditions, "conditions");
    if (conditions.length == 0) {
      throw new IllegalArgumentException((and ? "and" : "or") + " needs at least one condition");
    }
    List<Condition> parts = new ArrayList<>();
    for (Condition condition : conditions) {
      parts.add(need(condition, "conditions[]"));
    }
    return parts.size() == 1 ? parts.get(0) : new Node.Junction(and, parts);
  }

  static Condition compare(Path path, Comparator comparator, AttributeValue value) {
    if (comparator != Comparator.EQ && comparator != Comparator.NE) {
      orderable(comparator.symbol, need(value, "value"));
    }
    return new Node.Comparison(
        new Operand.OfPath(need(path, "path")),
        comparator,
        new Operand.OfValue(need(value, "value")));
  }

  private static Condition compare(Path left, Comparator comparator, Path right) {
    if (need(left, "left").equals(need(right, "right"))) {
      throw new IllegalArgumentException(
          "The first operand must be distinct from the remaining operands for this operator or"
              + " function; operator: "
              + comparator.symbol
              + ", first operand: "
              + left);
    }
    return new Node.Comparison(
        new Operand.OfPath(need(left, "left")),
        comparator,
        new Operand.OfPath(need(right, "right")));
  }

  /** Refuses, with DynamoDB's words, a value {@code <}, {@code >} and BETWEEN cannot order. */
  static void orderable(String operator, AttributeValue value) {
    AttributeValue.Type type = value.type();
    if (type != AttributeValue.Type.S
        && type != AttributeValue.Type.N
        && type != AttributeValue.Type.B) {
      throw new IllegalArgumentException(
          "Incorrect operand type for operator or function; operator or function: "
              + operator
              + ", operand type: "
              + (type == AttributeValue.Type.NUL ? "NULL" : type));
    }
  }

  /** Refuses, with DynamoDB's words, BETWEEN bounds of two types or in the wrong order. */
  static void bounds(AttributeValue low, AttributeValue high) {
    orderable("BETWEEN", need(low, "low"));
    orderable("BETWEEN", need(high, "high"));
    if (low.type() != high.type()) {
      throw new IllegalArgumentException(
          "The BETWEEN operator requires same data type for lower and upper bounds; lower bound: "
              + Inline.NAMING.value(low)
              + ", upper bound: "
              + Inline.NAMING.value(high));
    }
    if (AttributeValues.compare(low, high).orElse(0) > 0) {
      throw new IllegalArgumentException(
          "The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
              + " lower bound: "
              + Inline.NAMING.value(low)
              + ", upper bound: "
              + Inline.NAMING.value(high));
    }
  }

  static <T> T need(T value, String name) {
    return Objects.requireNonNull(value, name + " must not be null");
  }
}
