package dev.dynakit.mcp;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The tables the tests use, made straight on the engine: orders, events, secrets. */
final class Tables {
  private Tables() {}

  static DynakitEngine engine() {
    DynakitEngine engine = DynakitEngine.inMemory();
    DynamoDbClient db = engine.client();
    create(db, "orders", "id", null);
    create(db, "secrets", "id", null);
    create(db, "events", "user", "seq");
    db.putItem(
        b ->
            b.tableName("orders")
                .item(Map.of("id", s("o-1"), "total", n("12.5"), "status", s("paid"))));
    db.putItem(b -> b.tableName("secrets").item(Map.of("id", s("s-1"), "code", s("hidden"))));
    return engine;
  }

  /** Puts {@code count} events of user {@code ann}, sequence 1 to count, each with some text. */
  static void events(DynakitEngine engine, int count, int textLength) {
    for (int i = 1; i <= count; i++) {
      int seq = i;
      engine
          .client()
          .putItem(
              b ->
                  b.tableName("events")
                      .item(
                          Map.of(
                              "user", s("ann"),
                              "seq", n(Integer.toString(seq)),
                              "text", s("x".repeat(textLength)))));
    }
  }

  static int count(DynakitEngine engine, String table) {
    return engine.client().scan(b -> b.tableName(table)).count();
  }

  static Map<String, AttributeValue> item(DynakitEngine engine, String table, String id) {
    return engine.client().getItem(b -> b.tableName(table).key(Map.of("id", s(id)))).item();
  }

  @SuppressWarnings("unchecked")
  private static void create(DynamoDbClient db, String table, String hash, String range) {
    db.createTable(
        b -> {
          b.tableName(table).billingMode("PAY_PER_REQUEST");
          if (range == null) {
            b.keySchema(k -> k.attributeName(hash).keyType(KeyType.HASH))
                .attributeDefinitions(
                    a -> a.attributeName(hash).attributeType(ScalarAttributeType.S));
          } else {
            b.keySchema(
                    k -> k.attributeName(hash).keyType(KeyType.HASH),
                    k -> k.attributeName(range).keyType(KeyType.RANGE))
                .attributeDefinitions(
                    a -> a.attributeName(hash).attributeType(ScalarAttributeType.S),
                    a -> a.attributeName(range).attributeType(ScalarAttributeType.N));
          }
        });
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }
}
