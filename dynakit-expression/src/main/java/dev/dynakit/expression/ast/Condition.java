package dev.dynakit.expression.ast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A condition: the tree of a {@code ConditionExpression}, {@code FilterExpression} or {@code
 * KeyConditionExpression}. Printing parenthesizes every compound part, so text and tree agree
 * whatever the precedence.
 */
public sealed interface Condition {

  /** {@code left op right}. */
  record Comparison(Operand left, Comparator comparator, Operand right) implements Condition {
    @Override
    public String toString() {
      return left + " " + comparator.symbol() + " " + right;
    }
  }

  /** {@code value BETWEEN low AND high}. */
  record Between(Operand value, Operand low, Operand high) implements Condition {
    @Override
    public String toString() {
      return value + " BETWEEN " + low + " AND " + high;
    }
  }

  /** {@code value IN (a, b, ...)}. */
  record In(Operand value, List<Operand> candidates) implements Condition {
    public In {
      candidates = List.copyOf(candidates);
    }

    @Override
    public String toString() {
      return value
          + " IN ("
          + candidates.stream().map(Object::toString).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** A function that is a condition: {@code attribute_exists}, {@code begins_with} and so on. */
  record Function(ConditionFunction function, List<Operand> arguments) implements Condition {
    public Function {
      arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
      return function.functionName()
          + "("
          + arguments.stream().map(Object::toString).collect(Collectors.joining(", "))
          + ")";
    }
  }

  /** {@code left AND right}. */
  record And(Condition left, Condition right) implements Condition {
    @Override
    public String toString() {
      return "(" + left + ") AND (" + right + ")";
    }
  }

  /** {@code left OR right}. */
  record Or(Condition left, Condition right) implements Condition {
    @Override
    public String toString() {
      return "(" + left + ") OR (" + right + ")";
    }
  }

  /** {@code NOT operand}. */
  record Not(Condition operand) implements Condition {
    @Override
    public String toString() {
      return "NOT (" + operand + ")";
    }
  }

  /** The functions that are conditions. */
  enum ConditionFunction {
    ATTRIBUTE_EXISTS("attribute_exists", 1),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists", 1),
    ATTRIBUTE_TYPE("attribute_type", 2),
    BEGINS_WITH("begins_with", 2),
    CONTAINS("contains", 2);

    private final String functionName;
    private final int arity;

    ConditionFunction(String functionName, int arity) {
      this.functionName = functionName;
      this.arity = arity;
    }

    /** The name as written in expressions. */
    public String functionName() {
      return functionName;
    }

    /** How many arguments it takes. */
    public int arity() {
      return arity;
    }
  }
}
