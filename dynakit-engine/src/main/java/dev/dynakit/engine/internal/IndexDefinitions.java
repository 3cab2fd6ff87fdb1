package dev.dynakit.engine.internal;

import dev.dynakit.expression.KeySchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The checks DynamoDB makes on the definition of a secondary index (CreateTable's indexes and
 * UpdateTable's new ones), with its messages, and the descriptions and models built from a valid
 * one.
 */
final class IndexDefinitions {
  /** The most non-key attributes all the indexes of a table may project, summed over indexes. */
  static final int MAX_PROJECTED = 100;

  static final int MAX_GLOBAL = 20;
  static final int MAX_LOCAL = 5;

  /** A key schema element or attribute definition without its name. */
  static final String NO_ATTRIBUTE_NAME = "Attribute name must be specified.";

  /** The most partition key attributes, and the most sort key attributes, of a global index. */
  static final int MAX_GLOBAL_KEY_ATTRIBUTES = 4;

  private static final String INVALID_KEY_ORDER =
      "Invalid key order. Hash Key must be specified first in key schema, Range Key must be"
          + " specifed second";
  static final String KEY_SCHEMA_TOO_BIG =
      "Key Schema too big.  Key Schema must at most consist of the hash and range key of a table";

  private IndexDefinitions() {}

  /** The index name's check: the same as a table name's. */
  static void checkName(String name) {
    Tables.checkName(name);
  }

  /**
   * A global index's throughput, as a table provisioned requires it (an on-demand table's index
   * with throughput is refused later, by {@link #checkAsDocumented}).
   */
  static void checkThroughput(ProvisionedThroughput throughput, boolean onDemand) {
    if (onDemand) {
      return;
    }
    if (throughput == null) {
      throw Errors.validation("No provisioned throughput specified for the global secondary index");
    }
    checkUnits(throughput);
  }

  /**
   * What DynamoDB Local accepts in a global index and the AWS documentation forbids, refused after
   * every check DynamoDB Local makes (docs/compatibility.md): throughput for an index of an
   * on-demand table.
   */
  static void checkAsDocumented(ProvisionedThroughput throughput, boolean onDemand, String name) {
    if (onDemand && throughput != null) {
      throw Errors.validation(
          "One or more parameter values were invalid: ProvisionedThroughput should not be"
              + " specified for index: "
              + name
              + " when BillingMode is PAY_PER_REQUEST");
    }
  }

  /** Units of a global index's throughput: both given, both at least 1. */
  static void checkUnits(ProvisionedThroughput throughput) {
    Tables.checkUnits(throughput, "Global Secondary Index's");
  }

  /** A projection: its type, and non-key attributes exactly when it is INCLUDE. */
  static void checkProjection(Projection projection) {
    if (projection == null || projection.projectionTypeAsString() == null) {
      throw Errors.validation("Indexes must have a projection specified");
    }
    ProjectionType type = projection.projectionType();
    if (type == null || type == ProjectionType.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation("Projection type must be INCLUDE, ALL, or KEYS_ONLY");
    }
    boolean attributes =
        projection.hasNonKeyAttributes() && !projection.nonKeyAttributes().isEmpty();
    if (type != ProjectionType.INCLUDE && attributes) {
      throw Errors.validation(
          "No attributes should be specified to be projected unless projection type is INCLUDE");
    }
    if (type == ProjectionType.INCLUDE && !attributes) {
      throw Errors.validation(
          "If Projection type INCLUDE is specified, some non-key attributes to include in the"
              + " projection must be specified as well");
    }
    Set<String> seen = new HashSet<>();
    for (String attribute : attributes ? projection.nonKeyAttributes() : List.<String>of()) {
      checkAttributeName(attribute);
      if (!seen.add(attribute)) {
        throw Errors.validation("Cannot have two attributes with the same name");
      }
    }
  }

  /** The number of non-key attributes a projection lists, as counted against the table's limit. */
  static int projected(Projection projection) {
    return projection != null && projection.hasNonKeyAttributes()
        ? projection.nonKeyAttributes().size()
        : 0;
  }

  /** The limit on non-key attributes projected into all the indexes of a table. */
  static void checkProjectedTotal(int total) {
    if (total > MAX_PROJECTED) {
      throw Errors.validation(
          "No more than 20 attributes per table can be projected into Local Secondary Indices");
    }
  }

  /**
   * The shape of an index's key schema: named and typed elements, no name twice, hash keys first; a
   * local index has one hash key and at most one range key, a global index at most four of each (a
   * multi-attribute key).
   */
  static void checkKeyShape(List<KeySchemaElement> keys, boolean global) {
    if (keys == null || keys.isEmpty()) {
      throw Errors.validation(Tables.NO_KEY_SCHEMA);
    }
    Set<String> names = new HashSet<>();
    for (KeySchemaElement key : keys) {
      if (key.attributeName() == null) {
        throw Errors.validation(NO_ATTRIBUTE_NAME);
      }
      if (key.keyType() == null || key.keyType() == KeyType.UNKNOWN_TO_SDK_VERSION) {
        throw Errors.validation("One or more keys is not specified as being hash or range.");
      }
      checkAttributeName(key.attributeName());
      if (!names.add(key.attributeName())) {
        throw Errors.validation("Two keys can not have the same name");
      }
    }
    if (keys.stream().noneMatch(key -> key.keyType() == KeyType.HASH)) {
      throw Errors.validation(Tables.NO_HASH_KEY);
    }
    if (keys.get(0).keyType() != KeyType.HASH) {
      throw Errors.validation(INVALID_KEY_ORDER);
    }
    if (keys.size() > (global ? MAX_GLOBAL_KEY_ATTRIBUTES * 2 : 2)) {
      throw Errors.validation(KEY_SCHEMA_TOO_BIG);
    }
    long hashes = keys.stream().filter(key -> key.keyType() == KeyType.HASH).count();
    if (!global && hashes > 1) {
      throw Errors.validation(Tables.TOO_MANY_HASH_KEYS);
    }
    if (keys.subList((int) hashes, keys.size()).stream()
        .anyMatch(key -> key.keyType() == KeyType.HASH)) {
      throw Errors.validation(INVALID_KEY_ORDER);
    }
    if (hashes > MAX_GLOBAL_KEY_ATTRIBUTES) {
      throw Errors.validation("Too many partition keys. GSI can have at most 4 partition keys");
    }
    if (keys.size() - hashes > MAX_GLOBAL_KEY_ATTRIBUTES) {
      throw Errors.validation("Too many sort keys. GSI can have at most 4 sort keys");
    }
  }

  /** A global index's key attributes, each defined. */
  static void checkDefined(List<KeySchemaElement> keys, Map<String, ScalarAttributeType> types) {
    for (KeySchemaElement key : keys) {
      if (!types.containsKey(key.attributeName())) {
        throw Errors.validation(
            "Attribute " + key.attributeName() + " is not defined in AttributeDefinitions");
      }
    }
  }

  /** A local index's key: the table's hash key, then a defined range key. */
  static void checkLocalKeys(
      List<KeySchemaElement> keys, KeySchema table, Map<String, ScalarAttributeType> types) {
    if (!keys.get(0).attributeName().equals(table.partitionKey().name())) {
      throw Errors.validation(
          "Local Secondary indices must have the same hash key as the main table");
    }
    if (keys.size() < 2) {
      throw Errors.validation("Local secondary indices must have a range key");
    }
    if (!types.containsKey(keys.get(1).attributeName())) {
      throw Errors.validation(
          "Local Secondary Index range key not specified in Attribute Definitions.Type unknown.");
    }
  }

  private static void checkAttributeName(String name) {
    if (name.isEmpty() || name.length() > 255) {
      throw Errors.validation(
          "Names of key attributes and attributes projected into an index must be between 1 and"
              + " 255 characters, inclusive");
    }
  }

  /** A new global index's description: no counts yet, its throughput as its table is billed. */
  static GlobalSecondaryIndexDescription.Builder global(
      String name,
      List<KeySchemaElement> keys,
      Projection projection,
      ProvisionedThroughput throughput,
      String tableArn) {
    GlobalSecondaryIndexDescription.Builder description =
        GlobalSecondaryIndexDescription.builder()
            .indexName(name)
            .keySchema(keys)
            .projection(projection)
            .indexStatus(IndexStatus.ACTIVE)
            .indexArn(tableArn + "/index/" + name);
    if (throughput != null) {
      description.provisionedThroughput(throughput(throughput));
    }
    return description;
  }

  /** A global index's throughput as DynamoDB Local describes it (no count of decreases). */
  static ProvisionedThroughputDescription throughput(ProvisionedThroughput throughput) {
    return ProvisionedThroughputDescription.builder()
        .readCapacityUnits(throughput.readCapacityUnits())
        .writeCapacityUnits(throughput.writeCapacityUnits())
        .build();
  }

  /** A new local index's description. */
  static LocalSecondaryIndexDescription local(
      String name, List<KeySchemaElement> keys, Projection projection, String tableArn) {
    return LocalSecondaryIndexDescription.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(projection)
        .indexSizeBytes(0L)
        .itemCount(0L)
        .indexArn(tableArn + "/index/" + name)
        .build();
  }

  /** The index the engine maintains for a valid definition. */
  static SecondaryIndex model(
      String name,
      boolean global,
      List<KeySchemaElement> elements,
      Projection projection,
      KeySchema tableKeys,
      Map<String, ScalarAttributeType> types,
      String tableId) {
    KeySchema indexKeys =
        KeySchema.of(elements.get(0).attributeName(), types.get(elements.get(0).attributeName()));
    for (KeySchemaElement element : elements.subList(1, elements.size())) {
      String attribute = element.attributeName();
      indexKeys =
          element.keyType() == KeyType.HASH
              ? indexKeys.withPartitionKey(attribute, types.get(attribute))
              : indexKeys.withSortKey(attribute, types.get(attribute));
    }
    return new SecondaryIndex(
        name,
        global,
        indexKeys,
        tableKeys,
        projection.projectionType(),
        projection.hasNonKeyAttributes() ? projection.nonKeyAttributes() : List.of(),
        "index/" + tableId + "/" + name);
  }

  /**
   * Elements in the order a {@link HashMap} keyed by their names iterates them: the order in which
   * DynamoDB Local lists attribute definitions and global indexes once UpdateTable changed them.
   */
  static <T> List<T> inHashOrder(List<T> elements, Function<T, String> name) {
    Map<String, T> byName = new HashMap<>();
    elements.forEach(element -> byName.put(name.apply(element), element));
    return new ArrayList<>(byName.values());
  }
}
