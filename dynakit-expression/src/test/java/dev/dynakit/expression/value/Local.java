package dev.dynakit.expression.value;

import dev.dynakit.expression.reference.DynamoDbLocal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/** Calls on DynamoDB Local that the value tests compare with. */
final class Local {
  static final String TABLE = DynamoDbLocal.HASH_TABLE;

  /** Size of the {@code pk} attribute of every item written here: "pk" plus 12 characters. */
  static final long KEY_BYTES = 2 + 12;

  private static final AtomicLong NEXT_KEY = new AtomicLong();

  private Local() {}

  static DynamoDbClient client() {
    return DynamoDbLocal.client();
  }

  /** A fresh partition key of fixed length, so that item sizes do not depend on it. */
  static AttributeValue freshKey() {
    return AttributeValue.fromS(String.format("value-%06d", NEXT_KEY.incrementAndGet()));
  }

  static Map<String, AttributeValue> withFreshKey(Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put("pk", freshKey());
    return item;
  }

  /** The outcome of a request: the value read back, or DynamoDB's error message. */
  record Outcome(AttributeValue value, String error) {
    static Outcome ok(AttributeValue value) {
      return new Outcome(value, null);
    }

    static Outcome failed(String error) {
      return new Outcome(null, error);
    }
  }

  /** Puts {@code a = value} in a new item and reads {@code a} back. */
  static Outcome putAndGet(AttributeValue value) {
    AttributeValue key = freshKey();
    try {
      client().putItem(b -> b.tableName(TABLE).item(Map.of("pk", key, "a", value)));
    } catch (DynamoDbException e) {
      return Outcome.failed(e.awsErrorDetails().errorMessage());
    }
    return Outcome.ok(
        client()
            .getItem(b -> b.tableName(TABLE).key(Map.of("pk", key)).consistentRead(true))
            .item()
            .get("a"));
  }

  /** Sends {@code value} as {@code :v} of a condition; the error message, or null if accepted. */
  static String expressionValueError(AttributeValue value) {
    try {
      client()
          .putItem(
              b ->
                  b.tableName(TABLE)
                      .item(Map.of("pk", freshKey()))
                      .conditionExpression("attribute_not_exists(a) OR a = :v")
                      .expressionAttributeValues(Map.of(":v", value)));
      return null;
    } catch (DynamoDbException e) {
      return e.awsErrorDetails().errorMessage();
    }
  }

  /** Puts {@code a = start}, runs the update with {@code :v = operand} and reads {@code a}. */
  static Outcome update(String start, String updateExpression, String operand) {
    AttributeValue key = freshKey();
    client()
        .putItem(b -> b.tableName(TABLE).item(Map.of("pk", key, "a", AttributeValue.fromN(start))));
    try {
      client()
          .updateItem(
              b ->
                  b.tableName(TABLE)
                      .key(Map.of("pk", key))
                      .updateExpression(updateExpression)
                      .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(operand))));
    } catch (DynamoDbException e) {
      return Outcome.failed(e.awsErrorDetails().errorMessage());
    }
    return Outcome.ok(
        client()
            .getItem(b -> b.tableName(TABLE).key(Map.of("pk", key)).consistentRead(true))
            .item()
            .get("a"));
  }

  /** An item with attribute {@code a}, for conditions on it. */
  static AttributeValue putItemWithA(AttributeValue a) {
    AttributeValue key = freshKey();
    client().putItem(b -> b.tableName(TABLE).item(Map.of("pk", key, "a", a)));
    return key;
  }

  /** Whether the condition holds on the item; DynamoDB's error message is thrown as it comes. */
  static boolean holds(AttributeValue key, String condition, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> all = new HashMap<>(values);
    all.put(":touch", AttributeValue.fromN("1"));
    try {
      client()
          .updateItem(
              b ->
                  b.tableName(TABLE)
                      .key(Map.of("pk", key))
                      .updateExpression("SET touched = :touch")
                      .conditionExpression(condition)
                      .expressionAttributeValues(all));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Write units PutItem consumes for a new item with these attributes (a fresh key added). */
  static double putCapacity(Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = withFreshKey(attributes);
    return client()
        .putItem(
            b -> b.tableName(TABLE).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
        .consumedCapacity()
        .capacityUnits();
  }
}
