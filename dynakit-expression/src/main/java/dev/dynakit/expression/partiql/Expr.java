package dev.dynakit.expression.partiql;

import java.math.BigDecimal;
import java.util.List;

/** An expression of a PartiQL statement: values, paths, operators and function calls. */
public sealed interface Expr {
  /** A string literal, {@code 'text'}. */
  record Text(String value) implements Expr {}

  /** A number literal, exact. */
  record Number(BigDecimal value) implements Expr {}

  /** {@code TRUE} or {@code FALSE}. */
  record Bool(boolean value) implements Expr {}

  /** {@code NULL}. */
  record Null() implements Expr {}

  /** {@code MISSING}. */
  record Missing() implements Expr {}

  /** An Ion literal in backticks, its text as written. */
  record Ion(String text) implements Expr {}

  /** The {@code index}-th {@code ?} of the statement, from 0. */
  record Parameter(int index) implements Expr {}

  /** A list, {@code [a, b]}. */
  record ListOf(List<Expr> elements) implements Expr {}

  /** A bag (DynamoDB: a set), {@code <<a, b>>}. */
  record BagOf(List<Expr> elements) implements Expr {}

  /** A tuple (DynamoDB: a map or an item), {@code {'k': v}}. */
  record TupleOf(List<Entry> entries) implements Expr {}

  /** One entry of a tuple. */
  record Entry(Expr key, Expr value) {}

  /** A document path: a name, then fields and indexes. */
  record PathOf(String root, List<Step> steps) implements Expr {}

  /** One step of a path: {@code .field} or {@code [index]} (a number or a string). */
  record Step(String field, Expr index) {}

  /** {@code left op right} for {@code = <> != < <= > >= + - * / % ||}. */
  record Binary(String operator, Expr left, Expr right) implements Expr {}

  /** {@code - operand}. */
  record Negative(Expr operand) implements Expr {}

  /** {@code left AND right}. */
  record And(Expr left, Expr right) implements Expr {}

  /** {@code left OR right}. */
  record Or(Expr left, Expr right) implements Expr {}

  /** {@code NOT operand}. */
  record Not(Expr operand) implements Expr {}

  /** {@code value [NOT] BETWEEN low AND high}. */
  record Between(Expr value, Expr low, Expr high, boolean negated) implements Expr {}

  /** {@code value [NOT] IN collection}. */
  record In(Expr value, Expr collection, boolean negated) implements Expr {}

  /** {@code value IS [NOT] MISSING} or {@code IS [NOT] NULL}. */
  record Is(Expr value, String what, boolean negated) implements Expr {}

  /** A function call, {@code name(arguments)}; the name in upper case. */
  record Call(String name, List<Expr> arguments) implements Expr {}
}
