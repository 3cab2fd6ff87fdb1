package dev.dynakit.expression;

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
 * @param partitionKey the partition (hash) key
 * @param sortKey the sort (range) key, if the table or index has one
 */
public record KeySchema(Attribute partitionKey, Optional<Attribute> sortKey) {
  public KeySchema {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
  }

  /** A key of a partition key alone. */
  public static KeySchema of(String partitionKey, ScalarAttributeType type) {
    return new KeySchema(new Attribute(partitionKey, type), Optional.empty());
  }

  /** This key with a sort key added. */
  public KeySchema withSortKey(String name, ScalarAttributeType type) {
    return new KeySchema(partitionKey, Optional.of(new Attribute(name, type)));
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
