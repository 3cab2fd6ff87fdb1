package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem: every scenario runs on a fresh table on the engine
 * and on Amazon DynamoDB Local, and the responses (items, returned values, consumed capacity) or
 * errors (type, code, message) must be equal.
 */
class ItemOperationsTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static int tables;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static Map<String, AttributeValue> item(Object... pairs) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      item.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
    }
    return item;
  }

  /** A scenario: given a client and a fresh table (pk S, sk N), what it answers. */
  interface Scenario extends BiFunction<DynamoDbClient, String, Object> {}

  static Stream<Arguments> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    Map<String, AttributeValue> key = item("pk", s("a"), "sk", n("1"));
    Map<String, AttributeValue> full =
        item(
            "pk",
            s("a"),
            "sk",
            n("1"),
            "name",
            s("Ann"),
            "tags",
            AttributeValue.fromSs(List.of("x", "y")),
            "m",
            AttributeValue.fromM(item("deep", AttributeValue.fromL(List.of(n("1.5"), s(""))))),
            "b",
            AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
            "ok",
            AttributeValue.fromBool(true),
            "nil",
            AttributeValue.fromNul(true),
            "num",
            n("0012.3400"));
    all.put(
        "put then get, numbers as DynamoDB stores them",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.getItem(b -> b.tableName(t).key(key).consistentRead(true));
        });
    all.put(
        "get of a missing item, with capacity",
        (c, t) ->
            c.getItem(
                b -> b.tableName(t).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    all.put(
        "eventually consistent get with capacity by index",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.getItem(
              b -> b.tableName(t).key(key).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        });
    all.put(
        "get with a projection",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.getItem(
              b ->
                  b.tableName(t)
                      .key(key)
                      .projectionExpression("#n, m.deep[1], missing2")
                      .expressionAttributeNames(Map.of("#n", "name")));
        });
    all.put(
        "put returns the old item",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.putItem(
              b ->
                  b.tableName(t)
                      .item(key)
                      .returnValues(ReturnValue.ALL_OLD)
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        });
    all.put(
        "put refuses ALL_NEW",
        (c, t) -> c.putItem(b -> b.tableName(t).item(key).returnValues(ReturnValue.ALL_NEW)));
    all.put(
        "conditional put fails and returns the old item",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.putItem(
              b ->
                  b.tableName(t)
                      .item(key)
                      .conditionExpression("attribute_not_exists(pk)")
                      .returnValuesOnConditionCheckFailure(
                          ReturnValuesOnConditionCheckFailure.ALL_OLD));
        });
    all.put(
        "put without the sort key",
        (c, t) -> c.putItem(b -> b.tableName(t).item(item("pk", s("a")))));
    all.put(
        "an update of a key attribute reports a failed condition first",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(key)
                        .updateExpression("SET pk = :a")
                        .conditionExpression("attribute_exists(missing)")
                        .expressionAttributeValues(Map.of(":a", s("a")))));
    all.put(
        "an update of both key attributes names the partition key",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(key));
          return c.updateItem(b -> b.tableName(t).key(key).updateExpression("REMOVE sk, pk"));
        });
    all.put(
        "put with a key of the wrong type",
        (c, t) -> c.putItem(b -> b.tableName(t).item(item("pk", n("1"), "sk", n("1")))));
    all.put(
        "put with an empty string key",
        (c, t) -> c.putItem(b -> b.tableName(t).item(item("pk", s(""), "sk", n("1")))));
    all.put(
        "put of an item over 400 KB",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item("pk", s("a"), "sk", n("1"), "big", s("x".repeat(409_600))))));
    all.put(
        "put with an empty set",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(
                            item(
                                "pk",
                                s("a"),
                                "sk",
                                n("1"),
                                "e",
                                AttributeValue.fromSs(List.of())))));
    all.put(
        "partition key of 2048 bytes",
        (c, t) ->
            c.putItem(b -> b.tableName(t).item(item("pk", s("x".repeat(2048)), "sk", n("1")))));
    all.put(
        "partition key over 2048 bytes",
        (c, t) ->
            c.putItem(
                b -> b.tableName(t).item(item("pk", s("x".repeat(2047) + "é"), "sk", n("1")))));
    all.put(
        "get with a partition key over 2048 bytes",
        (c, t) ->
            c.getItem(b -> b.tableName(t).key(item("pk", s("x".repeat(2049)), "sk", n("1")))));
    all.put(
        "an empty attribute name",
        (c, t) ->
            c.putItem(b -> b.tableName(t).item(item("pk", s("a"), "sk", n("1"), "", s("v")))));
    all.put(
        "an empty name inside a map",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(
                            item(
                                "pk",
                                s("a"),
                                "sk",
                                n("1"),
                                "m",
                                AttributeValue.fromM(item("", s("v")))))));
    all.put(
        "an attribute name of 64 KiB",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item("pk", s("a"), "sk", n("1"), "n".repeat(65536), s("v")))));
    all.put(
        "put with an unused value",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(key)
                        .conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    all.put(
        "get with a partial key", (c, t) -> c.getItem(b -> b.tableName(t).key(item("pk", s("a")))));
    all.put(
        "get with a key of the wrong type",
        (c, t) -> c.getItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", s("1")))));
    all.put(
        "get from a table that does not exist",
        (c, t) -> c.getItem(b -> b.tableName("missing_table").key(key)));
    all.put(
        "update creates the item and returns it all",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(key)
                        .updateExpression("SET a = :one, l = :l ADD c :one")
                        .expressionAttributeValues(
                            Map.of(":one", n("1"), ":l", AttributeValue.fromL(List.of(s("x")))))
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    all.put(
        "update returns updated old and new parts",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          var old =
              c.updateItem(
                  b ->
                      b.tableName(t)
                          .key(key)
                          .updateExpression("SET m.deep[0] = :v REMOVE ok")
                          .expressionAttributeValues(Map.of(":v", n("7")))
                          .returnValues(ReturnValue.UPDATED_OLD));
          var fresh =
              c.updateItem(
                  b ->
                      b.tableName(t)
                          .key(key)
                          .updateExpression("SET #n = :v")
                          .expressionAttributeNames(Map.of("#n", "name"))
                          .expressionAttributeValues(Map.of(":v", s("Bo")))
                          .returnValues(ReturnValue.UPDATED_NEW));
          return List.of(old, fresh, c.getItem(b -> b.tableName(t).key(key)));
        });
    all.put(
        "update without an expression on a missing item",
        (c, t) -> {
          c.updateItem(b -> b.tableName(t).key(key));
          return c.getItem(b -> b.tableName(t).key(key));
        });
    all.put(
        "REMOVE on a missing item",
        (c, t) -> {
          c.updateItem(b -> b.tableName(t).key(key).updateExpression("REMOVE a"));
          return c.getItem(b -> b.tableName(t).key(key));
        });
    all.put(
        "DELETE on a missing item",
        (c, t) -> {
          c.updateItem(
              b ->
                  b.tableName(t)
                      .key(key)
                      .updateExpression("DELETE s :s")
                      .expressionAttributeValues(
                          Map.of(":s", AttributeValue.fromSs(List.of("x")))));
          return c.getItem(b -> b.tableName(t).key(key));
        });
    all.put(
        "DELETE that empties a set, returning updated new",
        (c, t) -> {
          c.putItem(
              b ->
                  b.tableName(t)
                      .item(
                          item(
                              "pk",
                              s("a"),
                              "sk",
                              n("1"),
                              "s",
                              AttributeValue.fromSs(List.of("x")))));
          return c.updateItem(
              b ->
                  b.tableName(t)
                      .key(key)
                      .updateExpression("DELETE s :s")
                      .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.of("x"))))
                      .returnValues(ReturnValue.UPDATED_NEW));
        });
    all.put(
        "update of a key attribute",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(key)
                        .updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", s("b")))));
    all.put(
        "conditional update fails",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(key)
                        .updateExpression("SET a = :v")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":v", s("b")))));
    all.put(
        "update with a runtime type error changes nothing",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          Object error;
          try {
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(key)
                        .updateExpression("SET x = :v ADD #n :one")
                        .expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":v", s("b"), ":one", n("1"))));
            error = null;
          } catch (DynamoDbException e) {
            error = List.of(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
          }
          return List.of(error, c.getItem(b -> b.tableName(t).key(key)));
        });
    all.put(
        "delete returns the old item and removes it",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          var deleted =
              c.deleteItem(
                  b ->
                      b.tableName(t)
                          .key(key)
                          .returnValues(ReturnValue.ALL_OLD)
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
          return List.of(deleted, c.getItem(b -> b.tableName(t).key(key)));
        });
    all.put(
        "delete of a missing item with capacity",
        (c, t) ->
            c.deleteItem(
                b -> b.tableName(t).key(key).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    all.put(
        "conditional delete fails",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(full));
          return c.deleteItem(
              b ->
                  b.tableName(t)
                      .key(key)
                      .conditionExpression("#n = :v")
                      .expressionAttributeNames(Map.of("#n", "name"))
                      .expressionAttributeValues(Map.of(":v", s("Bob"))));
        });
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void engineAnswersAsDynamoDbLocal(String name, Scenario scenario) {
    String table = nextTableName();
    Object expected = run(REFERENCE, table, scenario);
    assertThat(run(ENGINE.client(), table, scenario)).as("in-process").isEqualTo(expected);
    assertThat(run(HTTP, table, scenario)).as("over HTTP").isEqualTo(expected);
  }

  @Test
  void numbersInsideListsAreTrimmedAsTheDocumentationSays() {
    // DynamoDB Local trims top-level numbers only (docs/compatibility.md).
    Scenario putThenGet =
        (c, t) -> {
          c.putItem(
              b ->
                  b.tableName(t)
                      .item(
                          item(
                              "pk",
                              s("a"),
                              "sk",
                              n("1"),
                              "l",
                              AttributeValue.fromL(List.of(n("1.50"))))));
          return c.getItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", n("1"))))
              .item()
              .get("l");
        };
    String table = nextTableName();
    assertThat(run(REFERENCE, table, putThenGet))
        .isEqualTo(AttributeValue.fromL(List.of(n("1.50"))));
    assertThat(run(ENGINE.client(), table, putThenGet))
        .isEqualTo(AttributeValue.fromL(List.of(n("1.5"))));
  }

  @Test
  void deleteItemReturnsNoConsumedCapacityUnlessAskedAsTheApiReferenceSays() {
    // DynamoDB Local returns it anyway (docs/compatibility.md).
    Scenario delete =
        (c, t) ->
            java.util.Optional.ofNullable(
                    c.deleteItem(b -> b.tableName(t).key(item("pk", s("a"), "sk", n("1"))))
                        .consumedCapacity())
                .map(capacity -> capacity.capacityUnits());
    assertThat(run(REFERENCE, nextTableName(), delete)).isEqualTo(java.util.Optional.of(1.0));
    assertThat(run(ENGINE.client(), nextTableName(), delete)).isEqualTo(java.util.Optional.empty());
    assertThat(run(HTTP, nextTableName(), delete)).isEqualTo(java.util.Optional.empty());
  }

  @Test
  void describeTableCountsItemsAndBytes() {
    DynamoDbClient client = ENGINE.client();
    String table = nextTableName();
    createTable(client, table);
    client.putItem(b -> b.tableName(table).item(item("pk", s("a"), "sk", n("1"), "v", s("xyz"))));
    client.putItem(b -> b.tableName(table).item(item("pk", s("a"), "sk", n("2"))));
    client.deleteItem(b -> b.tableName(table).key(item("pk", s("a"), "sk", n("2"))));
    var description = client.describeTable(b -> b.tableName(table)).table();
    assertThat(description.itemCount()).isEqualTo(1);
    assertThat(description.tableSizeBytes()).isEqualTo(2 + 1 + 2 + 2 + 1 + 3);
  }

  @Test
  void aConditionFailureIsTheSdkType() {
    DynamoDbClient client = ENGINE.client();
    String table = nextTableName();
    Object outcome =
        run(
            client,
            table,
            (c, t) ->
                c.putItem(
                    b ->
                        b.tableName(table)
                            .item(item("pk", s("a"), "sk", n("1")))
                            .conditionExpression("attribute_exists(pk)")));
    assertThat(outcome).asString().contains(ConditionalCheckFailedException.class.getSimpleName());
  }

  private static Object run(DynamoDbClient client, String table, Scenario scenario) {
    createTable(client, table);
    try {
      return Targets.canonical(scenario.apply(client, table));
    } catch (DynamoDbException e) {
      Object item =
          e instanceof ConditionalCheckFailedException failed && failed.hasItem()
              ? failed.item()
              : null;
      return java.util.Arrays.asList(
          e.getClass().getSimpleName(),
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage(),
          item);
    }
  }

  private static synchronized String nextTableName() {
    return "items" + tables++;
  }

  private static void createTable(DynamoDbClient client, String name) {
    client.createTable(
        b ->
            b.tableName(name)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType("S"),
                    a -> a.attributeName("sk").attributeType("N"))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .billingMode("PAY_PER_REQUEST"));
  }
}
