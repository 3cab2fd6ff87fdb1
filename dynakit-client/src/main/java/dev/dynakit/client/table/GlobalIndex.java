package dev.dynakit.client.table;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A global secondary index for {@link DynakitTable#createTableIfMissing(GlobalIndex...)}: its name,
 * its partition and optional sort key attributes (their types taken from the mapped fields that
 * store them, S for attributes no field maps), all attributes projected.
 *
 * <pre>{@code
 * // single-table design: one overloaded index serves every entity's second access pattern
 * table.createTableIfMissing(GlobalIndex.of("gsi1", "gsi1pk", "gsi1sk"));
 * }</pre>
 */
public record GlobalIndex(String name, String partitionKey, Optional<String> sortKey) {
  public GlobalIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    if (name.length() < 3 || name.length() > 255) {
      throw new IllegalArgumentException("index name must be 3 to 255 characters");
    }
  }

  /** An index keyed by {@code partitionKey} alone. */
  public static GlobalIndex of(String name, String partitionKey) {
    return new GlobalIndex(name, partitionKey, Optional.empty());
  }

  /** An index keyed by {@code partitionKey} and {@code sortKey}. */
  public static GlobalIndex of(String name, String partitionKey, String sortKey) {
    return new GlobalIndex(name, partitionKey, Optional.of(sortKey));
  }

  static ScalarAttributeType typeOf(Optional<ScalarAttributeType> mapped) {
    return mapped.orElse(ScalarAttributeType.S);
  }
}
