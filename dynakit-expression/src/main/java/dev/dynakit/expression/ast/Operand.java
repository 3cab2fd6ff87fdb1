package dev.dynakit.expression.ast;

import java.util.List;

/**
 * Something that yields an attribute value: a path into the item, a {@code :value} placeholder, or
 * one of the functions that return values ({@code size}; in updates also {@code if_not_exists},
 * {@code list_append} and {@code +}/{@code -}).
 */
public sealed interface Operand {

  /** The value at a document path of the item. */
  record Path(DocumentPath path) implements Operand {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** A {@code :value} placeholder from {@code ExpressionAttributeValues}. */
  record Value(String placeholder) implements Operand {
    @Override
    public String toString() {
      return placeholder;
    }
  }

  /** {@code size(path)}: the size of the value at a path, as a number. */
  record Size(Operand operand) implements Operand {
    @Override
    public String toString() {
      return "size(" + operand + ")";
    }
  }

  /** {@code left + right} or {@code left - right} in a {@code SET} action. */
  record Arithmetic(Operand left, ArithmeticOperator operator, Operand right) implements Operand {
    @Override
    public String toString() {
      return left + " " + operator.symbol() + " " + right;
    }
  }

  /** {@code if_not_exists(path, fallback)} in a {@code SET} action. */
  record IfNotExists(Operand path, Operand fallback) implements Operand {
    @Override
    public String toString() {
      return "if_not_exists(" + path + ", " + fallback + ")";
    }
  }

  /** {@code list_append(first, second)} in a {@code SET} action. */
  record ListAppend(Operand first, Operand second) implements Operand {
    @Override
    public String toString() {
      return "list_append(" + first + ", " + second + ")";
    }
  }

  /** The two arithmetic operators of update expressions. */
  enum ArithmeticOperator {
    PLUS("+"),
    MINUS("-");

    private final String symbol;

    ArithmeticOperator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }
  }

  /** The direct sub-operands, for walking the tree. */
  default List<Operand> children() {
    if (this instanceof Size size) {
      return List.of(size.operand());
    } else if (this instanceof Arithmetic arithmetic) {
      return List.of(arithmetic.left(), arithmetic.right());
    } else if (this instanceof IfNotExists ifNotExists) {
      return List.of(ifNotExists.path(), ifNotExists.fallback());
    } else if (this instanceof ListAppend listAppend) {
      return List.of(listAppend.first(), listAppend.second());
    }
    return List.of();
  }
}
