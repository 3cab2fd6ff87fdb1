package dev.dynakit.client.table;

import java.util.Objects;

/**
 * A condition on the sort key for {@link DynakitTable#queryByPk}. Values are Java values of the
 * sort key field's type (converted as the field is), or, on an index whose sort key no field maps,
 * strings, numbers or attribute values.
 *
 * <pre>{@code
 * orders.queryByPk("customer#1", SortKey.beginsWith("ORDER#2026-"));
 * orders.queryByPk("customer#1", SortKey.between("ORDER#2026-01", "ORDER#2026-06"));
 * }</pre>
 */
public final class SortKey {
  enum Operator {
    EQ("="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    BETWEEN("BETWEEN"),
    BEGINS_WITH("begins_with");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  final Operator operator;
  final Object value;
  final Object upper;

  private SortKey(Operator operator, Object value, Object upper) {
    this.operator = operator;
    this.value = Objects.requireNonNull(value, "sort key value");
    this.upper = upper;
  }

  /** Sort key equal to {@code value}. */
  public static SortKey equalTo(Object value) {
    return new SortKey(Operator.EQ, value, null);
  }

  /** Sort key less than {@code value}. */
  public static SortKey lessThan(Object value) {
    return new SortKey(Operator.LT, value, null);
  }

  /** Sort key less than or equal to {@code value}. */
  public static SortKey lessThanOrEqualTo(Object value) {
    return new SortKey(Operator.LE, value, null);
  }

  /** Sort key greater than {@code value}. */
  public static SortKey greaterThan(Object value) {
    return new SortKey(Operator.GT, value, null);
  }

  /** Sort key greater than or equal to {@code value}. */
  public static SortKey greaterThanOrEqualTo(Object value) {
    return new SortKey(Operator.GE, value, null);
  }

  /** Sort key between {@code low} and {@code high}, both included ({@code low <= high}). */
  public static SortKey between(Object low, Object high) {
    return new SortKey(Operator.BETWEEN, low, Objects.requireNonNull(high, "high"));
  }

  /** Sort key (a string or binary) starting with {@code prefix}. */
  public static SortKey beginsWith(Object prefix) {
    return new SortKey(Operator.BEGINS_WITH, prefix, null);
  }

  @Override
  public String toString() {
    switch (operator) {
      case BETWEEN:
        return "sort key BETWEEN " + value + " AND " + upper;
      case BEGINS_WITH:
        return "begins_with(sort key, " + value + ")";
      default:
        return "sort key " + operator.symbol + " " + value;
    }
  }
}
