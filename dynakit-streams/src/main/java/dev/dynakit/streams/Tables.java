package dev.dynakit.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** What the consumer's own tables (leases, checkpoints) and the item poller do with DynamoDB. */
final class Tables {
  private Tables() {}

  /**
   * Creates an on-demand table unless one of that name exists, and waits until it is active.
   *
   * @param keys the key attributes (partition, then sort), all strings
   */
  static void createIfAbsent(DynamoDbClient dynamodb, String table, String... keys) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(keys[i])
              .attributeType(ScalarAttributeType.S)
              .build());
      schema.add(
          KeySchemaElement.builder()
              .attributeName(keys[i])
              .keyType(i == 0 ? KeyType.HASH : KeyType.RANGE)
              .build());
    }
    try {
      dynamodb.createTable(
          b ->
              b.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(attributes)
                  .keySchema(schema));
    } catch (RuntimeException e) {
      if (Failures.of(e) != Failures.IN_USE) {
        throw e;
      }
      return;
    }
    dynamodb.waiter().waitUntilTableExists(b -> b.tableName(table));
  }

  /** Every item {@code request} scans, page after page (strongly consistent). */
  static List<Map<String, AttributeValue>> scanAll(DynamoDbClient dynamodb, ScanRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanResponse page =
          dynamodb.scan(request.toBuilder().consistentRead(true).exclusiveStartKey(start).build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /**
   * {@code duration} if it is positive.
   *
   * @throws IllegalArgumentException naming {@code setting} otherwise
   */
  static Duration positive(Duration duration, String setting) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(setting + " must be positive");
    }
    return duration;
  }
}
