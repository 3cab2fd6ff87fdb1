package dev.dynakit.client.expressions;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The kinds of condition: each writes itself with a {@link Naming}. */
abstract sealed class Node implements Condition
    permits Node.Comparison, Node.Between, Node.In, Node.Function, Node.Junction, Node.Negation {

  abstract String text(Naming naming);

  @Override
  public final String render(Placeholders p) {
    return text(p);
  }

  @Override
  public final String toString() {
    return text(Inline.NAMING);
  }

  static String text(Condition condition, Naming naming) {
    return ((Node) condition).text(naming);
  }

  /** The comparison operators. */
  enum Comparator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code left op right}. */
  static final class Comparison extends Node {
    final Operand left;
    final Comparator comparator;
    final Operand right;

    Comparison(Operand left, Comparator comparator, Operand right) {
      this.left = left;
      this.comparator = comparator;
      this.right = right;
    }

    @Override
    String text(Naming naming) {
      return left.text(naming) + " " + comparator.symbol + " " + right.text(naming);
    }
  }

  /** {@code value BETWEEN low AND high}. */
  static final class Between extends Node {
    final Operand value;
    final Operand low;
    final Operand high;

    Between(Operand value, Operand low, Operand high) {
      this.value = value;
      this.low = low;
      this.high = high;
    }

    @Override
    String text(Naming naming) {
      return value.text(naming) + " BETWEEN " + low.text(naming) + " AND " + high.text(naming);
    }
  }

  /** {@code value IN (a, b, ...)}. */
  static final class In extends Node {
    final Operand value;
    final List<AttributeValue> candidates;

    In(Operand value, List<AttributeValue> candidates) {
      this.value = value;
      this.candidates = List.copyOf(candidates);
    }

    @Override
    String text(Naming naming) {
      return value.text(naming)
          + " IN ("
          + candidates.stream().map(naming::value).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** The functions that are conditions. */
  enum FunctionName {
    ATTRIBUTE_EXISTS("attribute_exists"),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists"),
    ATTRIBUTE_TYPE("attribute_type"),
    BEGINS_WITH("begins_with"),
    CONTAINS("contains");

    final String written;

    FunctionName(String written) {
      this.written = written;
    }
  }

  /** {@code function(path)} or {@code function(path, value)}. */
  static final class Function extends Node {
    final FunctionName function;
    final Path path;
    final AttributeValue argument;

    Function(FunctionName function, Path path, AttributeValue argument) {
      this.function = function;
      this.path = path;
      this.argument = argument;
    }

    @Override
    String text(Naming naming) {
      String first = path.text(naming);
      return function.written
          + "("
          + (argument == null ? first : first + ", " + naming.value(argument))
          + ")";
    }
  }

  /** Two or more conditions joined by {@code AND} or by {@code OR}. */
  static final class Junction extends Node {
    final boolean and;
    final List<Condition> parts;

    Junction(boolean and, List<Condition> parts) {
      this.and = and;
      this.parts = List.copyOf(parts);
    }

    @Override
    String text(Naming naming) {
      return parts.stream()
          .map(part -> "(" + text(part, naming) + ")")
          .collect(Collectors.joining(and ? " AND " : " OR "));
    }
  }

  /** {@code NOT (condition)}. */
  static final class Negation extends Node {
    final Condition operand;

    Negation(Condition operand) {
      this.operand = operand;
    }

    @Override
    String text(Naming naming) {
      return "NOT (" + text(operand, naming) + ")";
    }
  }
}
