package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** BatchWriteItem and BatchGetItem on the engine and on DynamoDB Local: equal outcomes. */
class BatchOperationsTest {
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

  @org.junit.jupiter.api.Test
  void batchGetItemAnswersAtMost16MegabytesAndLeavesTheRestUnprocessed() {
    String table = "big-items";
    List<DynamoDbClient> clients = List.of(REFERENCE, ENGINE.client());
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      keys.add(key("k" + i));
    }
    List<List<Object>> outcomes = new ArrayList<>();
    for (DynamoDbClient client : clients) {
      createTable(client, table);
      for (Map<String, AttributeValue> key : keys) {
        client.putItem(b -> b.tableName(table).item(item(key.get("pk").s(), 350_000)));
      }
      List<Object> calls = new ArrayList<>();
      List<String> answered = new ArrayList<>();
      Map<String, KeysAndAttributes> asked =
          Map.of(
              table, KeysAndAttributes.builder().keys(keys).projectionExpression("pk, n").build());
      while (!asked.isEmpty()) {
        Map<String, KeysAndAttributes> request = asked;
        BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(request));
        response.responses().get(table).forEach(item -> answered.add(item.get("pk").s()));
        calls.add(response.responses().get(table).size());
        asked = response.unprocessedKeys();
        asked.values().forEach(k -> assertThat(k.projectionExpression()).isEqualTo("pk, n"));
      }
      answered.sort(Comparator.naturalOrder());
      outcomes.add(List.of(calls, answered));
    }
    List<String> all = keys.stream().map(k -> k.get("pk").s()).sorted().toList();
    // 60 items of 350 KB: 47 fit in 16 MB (of items read, whatever the projection), then the
    // other 13; every item is answered once, on both.
    assertThat(outcomes.get(1)).isEqualTo(List.of(List.of(47, 13), all));
    assertThat(outcomes.get(0)).isEqualTo(outcomes.get(1));
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(p -> p.item(item)).build();
  }

  private static WriteRequest delete(String pk) {
    return WriteRequest.builder().deleteRequest(d -> d.key(key(pk))).build();
  }

  private static Map<String, AttributeValue> item(String pk, int padding) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(key(pk));
    item.put("pad", AttributeValue.fromS("x".repeat(padding)));
    item.put("n", AttributeValue.fromN("01.50"));
    return item;
  }

  interface Scenario extends Function<DynamoDbClient, Object> {}

  /** A BatchGetItem of these keys of one table. */
  private static Scenario getting(String table, List<Map<String, AttributeValue>> keys) {
    return c ->
        c.batchGetItem(
            b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())));
  }

  static Stream<Arguments> scenarios() {
    Map<String, Function<String, Scenario>> all = new LinkedHashMap<>();
    all.put(
        "writes and deletes, with capacity, then reads back",
        t ->
            c -> {
              c.putItem(b -> b.tableName(t).item(item("old", 3000)));
              var written =
                  c.batchWriteItem(
                      b ->
                          b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                              .requestItems(
                                  Map.of(
                                      t,
                                      List.of(
                                          put(item("a", 10)),
                                          put(item("b", 2500)),
                                          delete("old")))));
              var read =
                  c.batchGetItem(
                      b ->
                          b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                              .requestItems(
                                  Map.of(
                                      t,
                                      KeysAndAttributes.builder()
                                          .keys(key("a"), key("b"), key("old"), key("nothing"))
                                          .build())));
              return List.of(written, sorted(read));
            });
    all.put(
        "consistent read with projection and names",
        t ->
            c -> {
              c.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(put(item("a", 5000))))));
              return sorted(
                  c.batchGetItem(
                      b ->
                          b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                              .requestItems(
                                  Map.of(
                                      t,
                                      KeysAndAttributes.builder()
                                          .keys(key("a"))
                                          .consistentRead(true)
                                          .projectionExpression("#n")
                                          .expressionAttributeNames(Map.of("#n", "n"))
                                          .build()))));
            });
    all.put(
        "too many writes",
        t ->
            c -> {
              List<WriteRequest> writes = new ArrayList<>();
              for (int i = 0; i < 26; i++) {
                writes.add(put(key("k" + i)));
              }
              return c.batchWriteItem(b -> b.requestItems(Map.of(t, writes)));
            });
    all.put("no writes", t -> c -> c.batchWriteItem(b -> b.requestItems(Map.of())));
    all.put(
        "empty write list", t -> c -> c.batchWriteItem(b -> b.requestItems(Map.of(t, List.of()))));
    all.put(
        "the same key twice",
        t ->
            c ->
                c.batchWriteItem(
                    b -> b.requestItems(Map.of(t, List.of(put(key("a")), delete("a"))))));
    all.put(
        "write to a missing table",
        t ->
            c ->
                c.batchWriteItem(
                    b -> b.requestItems(Map.of("no_such_table", List.of(put(key("a")))))));
    all.put(
        "a write request that is neither put nor delete",
        t ->
            c ->
                c.batchWriteItem(
                    b -> b.requestItems(Map.of(t, List.of(WriteRequest.builder().build())))));
    all.put(
        "a put without its key",
        t ->
            c ->
                c.batchWriteItem(
                    b ->
                        b.requestItems(
                            Map.of(t, List.of(put(Map.of("x", AttributeValue.fromS("a"))))))));
    all.put(
        "too many gets",
        t ->
            c -> {
              List<Map<String, AttributeValue>> keys = new ArrayList<>();
              for (int i = 0; i < 101; i++) {
                keys.add(key("k" + i));
              }
              return c.batchGetItem(
                  b -> b.requestItems(Map.of(t, KeysAndAttributes.builder().keys(keys).build())));
            });
    all.put("no gets", t -> c -> c.batchGetItem(b -> b.requestItems(Map.of())));
    all.put(
        "a put of an empty item",
        t ->
            c ->
                c.batchWriteItem(
                    b -> b.requestItems(Map.of(t, List.of(put(key("a")), put(Map.of()))))));
    all.put("a get of an empty key", t -> getting(t, List.of(key("a"), Map.of())));
    all.put("no keys", t -> getting(t, List.of()));
    all.put("duplicate keys", t -> getting(t, List.of(key("a"), key("a"))));
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void engineAnswersAsDynamoDbLocal(String name, Function<String, Scenario> scenario) {
    String table = nextTable();
    Object expected = run(REFERENCE, table, scenario);
    assertThat(run(ENGINE.client(), table, scenario)).as("in-process").isEqualTo(expected);
    assertThat(run(HTTP, table, scenario)).as("over HTTP").isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void deletingAMissingItemCostsOneUnitAsDocumented() {
    // DynamoDB Local charges 2 in a batch, 1 in DeleteItem; AWS documents 1
    // (docs/compatibility.md).
    Function<String, Scenario> deleteMissing =
        t ->
            c ->
                c.batchWriteItem(
                        b ->
                            b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                                .requestItems(Map.of(t, List.of(delete("missing")))))
                    .consumedCapacity()
                    .get(0)
                    .capacityUnits();
    String table = nextTable();
    assertThat(run(REFERENCE, table, deleteMissing)).isEqualTo(2.0);
    assertThat(run(ENGINE.client(), table, deleteMissing)).isEqualTo(1.0);
  }

  @org.junit.jupiter.api.Test
  void writeCapacityListsTablesInDynamoDbLocalsOrder() {
    List<String> names = List.of("batchGamma", "batchAlpha", "batchDelta", "batchBeta");
    Scenario write =
        c -> {
          Map<String, List<WriteRequest>> writes = new LinkedHashMap<>();
          for (String name : names) {
            c.createTable(
                b ->
                    b.tableName(name)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .billingMode("PAY_PER_REQUEST"));
            writes.put(name, List.of(put(key("a"))));
          }
          return c
              .batchWriteItem(
                  b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).requestItems(writes))
              .consumedCapacity()
              .stream()
              .map(capacity -> capacity.tableName())
              .toList();
        };
    Object expected = write.apply(REFERENCE);
    assertThat(expected).as("not the order of the request").isNotEqualTo(names);
    assertThat(write.apply(ENGINE.client())).as("in-process").isEqualTo(expected);
    assertThat(write.apply(HTTP)).as("over HTTP").isEqualTo(expected);
  }

  /** Batch reads return items in no promised order; sort them to compare. */
  private static Object sorted(BatchGetItemResponse response) {
    Map<String, List<String>> items = new LinkedHashMap<>();
    response
        .responses()
        .forEach(
            (table, found) ->
                items.put(
                    table,
                    found.stream()
                        .map(item -> new java.util.TreeMap<>(item).toString())
                        .sorted(Comparator.naturalOrder())
                        .toList()));
    return List.of(items, response.unprocessedKeys(), response.consumedCapacity());
  }

  /** An on-demand table keyed by the string {@code pk}. */
  private static void createTable(DynamoDbClient client, String table) {
    client.createTable(
        b ->
            b.tableName(table)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));
  }

  private static Object run(
      DynamoDbClient client, String table, Function<String, Scenario> scenario) {
    createTable(client, table);
    try {
      return Targets.canonical(scenario.apply(table).apply(client));
    } catch (DynamoDbException e) {
      return Arrays.asList(
          e.getClass().getSimpleName(),
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage());
    }
  }

  private static synchronized String nextTable() {
    return "batch" + tables++;
  }
}
