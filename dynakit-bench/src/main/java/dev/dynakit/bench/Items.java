package dev.dynakit.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The table and the ~200-byte items every workload uses. */
final class Items {
  static final String PK = "pk";
  static final String SK = "sk";

  /** A 168-character payload: with the keys and two small attributes, an item of ~200 bytes. */
  private static final AttributeValue PAYLOAD = AttributeValue.fromS("x".repeat(168));

  private static final AttributeValue INITIAL = AttributeValue.fromS("initial!");
  private static final AttributeValue ZERO = AttributeValue.fromN("0");

  private Items() {}

  /** Creates a table keyed by {@code pk} (S, hash) and {@code sk} (S, range), on demand. */
  static void createTable(DynamoDbClient client, String table) {
    client.createTable(
        b ->
            b.tableName(table)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(PK)
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName(SK)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  /** The partition key for number {@code i}, 7 characters: {@code p000042}. */
  static String partition(String prefix, long i) {
    return prefix + String.format("%06d", i);
  }

  /** The sort key for number {@code j}, 3 characters: {@code s07}. */
  static String sort(int j) {
    return j < 10 ? "s0" + j : "s" + j;
  }

  /** An item: its key, the payload, a number {@code n} and a string {@code a}. */
  static Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(PK, AttributeValue.fromS(pk));
    item.put(SK, AttributeValue.fromS(sk));
    item.put("payload", PAYLOAD);
    item.put("n", ZERO);
    item.put("a", INITIAL);
    return item;
  }

  /** The key of an item. */
  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }

  /**
   * An item's size as DynamoDB counts it, near enough: each attribute name's UTF-8 length plus its
   * value's (strings in UTF-8 bytes, numbers one byte per two digits plus one).
   */
  static int size(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      AttributeValue v = e.getValue();
      if (v.s() != null) {
        size += v.s().getBytes(StandardCharsets.UTF_8).length;
      } else if (v.n() != null) {
        size += (v.n().length() + 1) / 2 + 1;
      }
    }
    return size;
  }
}
