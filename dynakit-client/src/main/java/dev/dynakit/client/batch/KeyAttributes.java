package dev.dynakit.client.batch;

import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The key attribute names of tables, as given by the caller or asked of DynamoDB once per table
 * with DescribeTable, and the identity of an item's key.
 */
final class KeyAttributes {
  private final Map<String, List<String>> names = new ConcurrentHashMap<>();

  /**
   * Uses {@code attributeNames} as the key of {@code table} instead of describing it.
   *
   * @throws IllegalArgumentException if there is no name
   */
  void put(String table, String... attributeNames) {
    Objects.requireNonNull(table, "table");
    if (attributeNames.length == 0) {
      throw new IllegalArgumentException(
          "A key has at least one attribute (table '" + table + "')");
    }
    names.put(table, List.of(attributeNames));
  }

  /** The key attribute names of {@code table}, described with {@code sdk} the first time. */
  List<String> of(DynamoDbClient sdk, String table) {
    List<String> known = names.get(table);
    if (known != null) {
      return known;
    }
    List<String> described = new ArrayList<>();
    for (KeySchemaElement element :
        sdk.describeTable(b -> b.tableName(table)).table().keySchema()) {
      described.add(element.attributeName());
    }
    names.put(table, List.copyOf(described));
    return described;
  }

  /**
   * The key attributes of an item to put.
   *
   * @throws RequestValidationException naming the first key attribute the item lacks, in DynamoDB's
   *     words
   */
  static Map<String, AttributeValue> project(
      String operation, String table, Map<String, AttributeValue> item, List<String> keyNames) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames) {
      AttributeValue value = item.get(name);
      if (value == null) {
        throw new RequestValidationException(
            RequestValidationException.Kind.MISSING_REQUIRED_KEY,
            operation
                + " on table '"
                + table
                + "' failed: One of the required keys was not given a value (the item has no '"
                + name
                + "')",
            ErrorContext.local(operation, table),
            false,
            null);
      }
      key.put(name, value);
    }
    return key;
  }

  /**
   * The identity of a key within one table: its attributes in name order, numbers compared by value
   * ({@code 1} and {@code 1.0} are the same key, as in DynamoDB).
   */
  static Object identity(String table, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> canonical;
    try {
      canonical = AttributeValues.canonical(key);
    } catch (ValidationException e) {
      canonical = key; // not a valid number: DynamoDB refuses it when it is sent
    }
    return List.of(table, new TreeMap<>(canonical));
  }
}
