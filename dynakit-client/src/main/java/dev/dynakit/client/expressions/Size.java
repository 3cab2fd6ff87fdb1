package dev.dynakit.client.expressions;

import dev.dynakit.client.expressions.Node.Comparator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code size(path)}: the length of a string or binary, or the number of elements of a set, list or
 * map, as a number to compare. Made by {@link Conditions#size(Path)}.
 */
public final class Size {
  private final Path path;

  Size(Path path) {
    this.path = path;
  }

  /** {@code size(path) = value}. */
  public Condition eq(AttributeValue value) {
    return compare(Comparator.EQ, value);
  }

  /** {@code size(path) <> value}. */
  public Condition ne(AttributeValue value) {
    return compare(Comparator.NE, value);
  }

  /** {@code size(path) < value}. */
  public Condition lt(AttributeValue value) {
    return compare(Comparator.LT, value);
  }

  /** {@code size(path) <= value}. */
  public Condition le(AttributeValue value) {
    return compare(Comparator.LE, value);
  }

  /** {@code size(path) > value}. */
  public Condition gt(AttributeValue value) {
    return compare(Comparator.GT, value);
  }

  /** {@code size(path) >= value}. */
  public Condition ge(AttributeValue value) {
    return compare(Comparator.GE, value);
  }

  /** {@code size(path) BETWEEN low AND high}. */
  public Condition between(AttributeValue low, AttributeValue high) {
    Conditions.bounds(low, high);
    return new Node.Between(
        new Operand.OfSize(path), new Operand.OfValue(low), new Operand.OfValue(high));
  }

  private Condition compare(Comparator comparator, AttributeValue value) {
    if (comparator != Comparator.EQ && comparator != Comparator.NE) {
      Conditions.orderable(comparator.symbol, Conditions.need(value, "value"));
    }
    return new Node.Comparison(
        new Operand.OfSize(path), comparator, new Operand.OfValue(Conditions.need(value, "value")));
  }

  /** {@code size(path)}, with the path in readable form. */
  @Override
  public String toString() {
    return "size(" + path + ")";
  }
}
