package dev.dynakit.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The key of a table or index, as a key-condition expression is checked against it.
 *
 * <pre>{@code
 * KeySchema keys = KeySchema.of("pk", ScalarAttributeType.S)
 *     .withSortKey("sk", ScalarAttributeType.N);
 * }</pre>
 *
 * <p>A table's key has one partition key attribute and at most one sort key attribute. A global
 * secondary index's key may be <em>multi-attribute</em>: up to four partition key attributes and up
 * to four sort key attributes, each in the order the index declares them.
 *
 * <pre>{@code
 * KeySchema byRegion = KeySchema.of("tenant", ScalarAttributeType.S)
 *     .withPartitionKey("region", ScalarAttributeType.S)
 *     .withSortKey("year", ScalarAttributeType.N)
 *     .withSortKey("title", ScalarAttributeType.S);
 * }</pre>
 *
 * @param partitionKeys the partition (hash) key attributes, in their declared order (at least one)
 * @param sortKeys the sort (range) key attributes, in their declared order (possibly none)
 */
public record KeySchema(List<Attribute> partitionKeys, List<Attribute> sortKeys) {
  public KeySchema {
    partitionKeys = List.copyOf(partitionKeys);
    sortKeys = List.copyOf(sortKeys);
    if (partitionKeys.isEmpty()) {
      throw new IllegalArgumentException("A key needs a partition key attribute");
    }
  }

  /** A key of a partition key alone. */
  public static KeySchema of(String partitionKey, ScalarAttributeType type) {
    return new KeySchema(List.of(new Attribute(partitionKey, type)), List.of());
  }

  /** This key with a sort key attribute added after those it has. */
  public KeySchema withSortKey(String name, ScalarAttributeType type) {
    return new KeySchema(partitionKeys, appended(sortKeys, new Attribute(name, type)));
  }

  /** This key with a partition key attribute added after those it has. */
  public KeySchema withPartitionKey(String name, ScalarAttributeType type) {
    return new KeySchema(appended(partitionKeys, new Attribute(name, type)), sortKeys);
  }

  /** Whether the partition key or the sort key is made of more than one attribute. */
  public boolean multiAttribute() {
    return partitionKeys.size() > 1 || sortKeys.size() > 1;
  }

  /**
   * The partition key attribute of a key that has one.
   *
   * @throws IllegalStateException for a multi-attribute partition key
   */
  public Attribute partitionKey() {
    if (partitionKeys.size() > 1) {
      throw new IllegalStateException("The partition key has " + partitionKeys.size() + " parts");
    }
    return partitionKeys.get(0);
  }

  /**
   * The sort key attribute, if the key has one.
   *
   * @throws IllegalStateException for a multi-attribute sort key
   */
  public Optional<Attribute> sortKey() {
    if (sortKeys.size() > 1) {
      throw new IllegalStateException("The sort key has " + sortKeys.size() + " parts");
    }
    return sortKeys.stream().findFirst();
  }

  /** Every key attribute: the partition key attributes, then the sort key attributes. */
  public List<Attribute> attributes() {
    List<Attribute> all = new ArrayList<>(partitionKeys);
    all.addAll(sortKeys);
    return all;
  }

  /** The key attribute of that name, if there is one. */
  public Optional<Attribute> attribute(String name) {
    return attributes().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static List<Attribute> appended(List<Attribute> attributes, Attribute attribute) {
    List<Attribute> longer = new ArrayList<>(attributes);
    longer.add(attribute);
    return longer;
  }

  /**
   * One key attribute.
   *
   * @param name the attribute name
   * @param type S, N or B
   */
  public record Attribute(String name, ScalarAttributeType type) {
    public Attribute {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}
