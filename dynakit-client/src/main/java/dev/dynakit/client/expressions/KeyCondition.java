package dev.dynakit.client.expressions;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key condition for Query: an equality on the partition key, then optionally a condition on the
 * sort key. Keys of several attributes (multi-attribute index keys) take an equality on each
 * partition key attribute ({@link #and}) and equalities on the leading sort key attributes before
 * the last sort condition, which may be a range.
 *
 * <pre>{@code
 * KeyCondition.partition("pk", AttributeValue.fromS("user#1"))
 *     .sortBeginsWith("sk", AttributeValue.fromS("order#"));
 * // #n0 = :v0 AND begins_with(#n1, :v1)
 *
 * KeyCondition.partition("tenant", t).and("region", r)
 *     .sortEq("year", y).sortBetween("day", from, to);
 * // #n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 BETWEEN :v3 AND :v4
 * }</pre>
 *
 * <p>Immutable: each method returns a new key condition.
 */
public final class KeyCondition {
  private final List<Part> partition;
  private final List<Part> sort;

  private KeyCondition(List<Part> partition, List<Part> sort) {
    this.partition = List.copyOf(partition);
    this.sort = List.copyOf(sort);
  }

  /** {@code name = value} on the partition key. */
  public static KeyCondition partition(String name, AttributeValue value) {
    return new KeyCondition(List.of(Part.of(name, Op.EQ, value, null)), List.of());
  }

  /**
   * Adds {@code name = value} on another attribute of a multi-attribute partition key.
   *
   * @throws IllegalStateException once a sort key condition was added
   */
  public KeyCondition and(String name, AttributeValue value) {
    if (!sort.isEmpty()) {
      throw new IllegalStateException(
          "Partition key equalities come before the sort key conditions; add '"
              + name
              + "' before them");
    }
    List<Part> more = new ArrayList<>(partition);
    more.add(checked(Part.of(name, Op.EQ, value, null)));
    return new KeyCondition(more, sort);
  }

  /** {@code name = value} on the sort key (or on one of its leading attributes). */
  public KeyCondition sortEq(String name, AttributeValue value) {
    return sort(Part.of(name, Op.EQ, value, null));
  }

  /** {@code name < value} on the sort key. */
  public KeyCondition sortLt(String name, AttributeValue value) {
    return sort(Part.of(name, Op.LT, value, null));
  }

  /** {@code name <= value} on the sort key. */
  public KeyCondition sortLe(String name, AttributeValue value) {
    return sort(Part.of(name, Op.LE, value, null));
  }

  /** {@code name > value} on the sort key. */
  public KeyCondition sortGt(String name, AttributeValue value) {
    return sort(Part.of(name, Op.GT, value, null));
  }

  /** {@code name >= value} on the sort key. */
  public KeyCondition sortGe(String name, AttributeValue value) {
    return sort(Part.of(name, Op.GE, value, null));
  }

  /** {@code name BETWEEN low AND high} on the sort key. */
  public KeyCondition sortBetween(String name, AttributeValue low, AttributeValue high) {
    Conditions.bounds(low, high);
    return sort(Part.of(name, Op.BETWEEN, low, high));
  }

  /** {@code begins_with(name, prefix)} on the sort key (a string or binary prefix). */
  public KeyCondition sortBeginsWith(String name, AttributeValue prefix) {
    return sort(Part.of(name, Op.BEGINS_WITH, Conditions.prefix(prefix), null));
  }

  /** The expression, with placeholders of {@code p}. */
  public String render(Placeholders p) {
    return text(p);
  }

  /** The partition key equalities, in order. */
  List<Part> partition() {
    return partition;
  }

  /** The sort key conditions, in order; all but the last are equalities. */
  List<Part> sort() {
    return sort;
  }

  private KeyCondition sort(Part part) {
    if (!sort.isEmpty() && sort.get(sort.size() - 1).op != Op.EQ) {
      throw new IllegalStateException(
          "Only the last sort key condition may be other than an equality; '"
              + sort.get(sort.size() - 1).name
              + "' already has one");
    }
    List<Part> more = new ArrayList<>(sort);
    more.add(checked(part));
    return new KeyCondition(partition, more);
  }

  private Part checked(Part part) {
    for (Part other : partition) {
      repeated(other, part);
    }
    for (Part other : sort) {
      repeated(other, part);
    }
    return part;
  }

  private static void repeated(Part other, Part part) {
    if (other.name.equals(part.name)) {
      throw new IllegalArgumentException(
          "The key condition already has a condition on '" + part.name + "'");
    }
  }

  private String text(Naming naming) {
    List<String> parts = new ArrayList<>();
    partition.forEach(part -> parts.add(part.text(naming)));
    sort.forEach(part -> parts.add(part.text(naming)));
    return String.join(" AND ", parts);
  }

  /** The expression with names and values inline, for logs and errors. */
  @Override
  public String toString() {
    return text(Inline.NAMING);
  }

  /** How a key attribute is constrained. */
  enum Op {
    EQ("="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    BETWEEN(null),
    BEGINS_WITH(null);

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** A condition on one key attribute. */
  static final class Part {
    final String name;
    final Op op;
    final AttributeValue value;
    final AttributeValue high;

    private Part(String name, Op op, AttributeValue value, AttributeValue high) {
      this.name = name;
      this.op = op;
      this.value = value;
      this.high = high;
    }

    static Part of(String name, Op op, AttributeValue value, AttributeValue high) {
      Path.of(name);
      if (op.symbol != null && op != Op.EQ) {
        Conditions.orderable(op.symbol, Conditions.need(value, "value"));
      }
      return new Part(name, op, Conditions.need(value, "value"), high);
    }

    String text(Naming naming) {
      String n = naming.name(name);
      switch (op) {
        case BETWEEN:
          return n + " BETWEEN " + naming.value(value) + " AND " + naming.value(high);
        case BEGINS_WITH:
          return "begins_with(" + n + ", " + naming.value(value) + ")";
        default:
          return n + " " + op.symbol + " " + naming.value(value);
      }
    }
  }
}
