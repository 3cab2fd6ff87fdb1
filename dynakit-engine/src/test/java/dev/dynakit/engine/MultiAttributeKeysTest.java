package dev.dynakit.engine;

import static dev.dynakit.engine.IndexTablesTest.definitions;
import static dev.dynakit.engine.IndexTablesTest.hash;
import static dev.dynakit.engine.IndexTablesTest.range;
import static dev.dynakit.engine.Targets.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Global secondary indexes with multi-attribute keys on the engine, in-process and over HTTP, and
 * on Amazon DynamoDB Local: key conditions valid and invalid with DynamoDB's messages in its order,
 * results in the order of the sort key attributes in turn, pages, start keys, sparse entries, and
 * the faults of DynamoDB Local that dynakit does not share (docs/compatibility.md), asserted on
 * both.
 */
class MultiAttributeKeysTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ALL = List.of(REFERENCE, ENGINE.client(), HTTP);

  static {
    // A table "orders" keyed on pk, with an index "byRegion" on (tenant, region) and (year, day,
    // title), and one "byTenant" on tenant and (title, year).
    for (DynamoDbClient client : ALL) {
      client.createTable(
          b ->
              b.tableName("orders")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      definitions(
                          "pk", "S", "tenant", "S", "region", "S", "year", "N", "day", "N", "title",
                          "S"))
                  .keySchema(hash("pk"))
                  .globalSecondaryIndexes(
                      index(
                          "byRegion",
                          hash("tenant"),
                          hash("region"),
                          range("year"),
                          range("day"),
                          range("title")),
                      index("byTenant", hash("tenant"), range("title"), range("year"))));
      for (int i = 0; i < 24; i++) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("o" + i));
        item.put("tenant", s(i % 5 == 4 ? "globex" : "acme"));
        if (i % 7 != 6) {
          item.put("region", s(i % 2 == 0 ? "eu" : "us"));
        }
        item.put("year", n(String.valueOf(2020 + i % 3)));
        item.put("day", n(String.valueOf(i % 4)));
        if (i % 6 != 5) {
          item.put("title", s("t" + (i % 3)));
        }
        client.putItem(b -> b.tableName("orders").item(item));
      }
    }
  }

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  static GlobalSecondaryIndex index(String name, KeySchemaElement... keys) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keys)
        .projection(p -> p.projectionType("ALL"))
        .build();
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        Arguments.of("byRegion", "#t = :t AND #r = :r"),
        Arguments.of("byRegion", "#r = :r AND #t = :t AND #y = :y"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y = :y AND #d > :d"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y BETWEEN :y AND :y2"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y = :y AND #d = :d AND #ti = :title"),
        Arguments.of(
            "byRegion", "#t = :t AND #r = :r AND #y = :y AND #d = :d AND begins_with(#ti, :p)"),
        Arguments.of("byTenant", "#t = :t AND begins_with(#ti, :p)"),
        Arguments.of("byTenant", "#t = :t AND #ti = :title AND #y >= :y"),
        // refused
        Arguments.of("byRegion", "#t = :t"),
        Arguments.of("byRegion", "#y = :y"),
        Arguments.of("byRegion", "#t = :t AND #r > :r"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #d = :d"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y > :y AND #d = :d"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y = :y AND #ti = :title"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #pk = :pk"),
        Arguments.of("byRegion", "#t = :t AND #r = :y"),
        Arguments.of("byRegion", "#t = :t AND #r = :r AND #y = :title"),
        Arguments.of("byRegion", "#t = :t AND #r = :r OR #y = :y"),
        Arguments.of("byRegion", "#t = :t AND #t = :t AND #r = :r"),
        Arguments.of(
            "byRegion",
            "#t = :t AND #r = :r AND #y = :y AND #d = :d AND #ti = :title AND #pk = :pk"),
        Arguments.of("byTenant", "#t = :t AND #y = :y"),
        Arguments.of("byTenant", "#t = :t AND begins_with(#y, :y)"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("conditions")
  void queriesAnswerAsDynamoDbLocal(String index, String condition) {
    Map<String, AttributeValue> all = new HashMap<>();
    all.put(":t", s("acme"));
    all.put(":r", s("eu"));
    all.put(":y", n("2021"));
    all.put(":y2", n("2022"));
    all.put(":d", n("1"));
    all.put(":title", s("t1"));
    all.put(":p", s("t"));
    all.put(":pk", s("o1"));
    Map<String, AttributeValue> values = new HashMap<>();
    all.forEach(
        (name, value) -> {
          if (condition.matches(".*" + name + "\\b.*")) {
            values.put(name, value);
          }
        });
    Map<String, String> names = new HashMap<>();
    Map.of("#t", "tenant", "#r", "region", "#y", "year", "#d", "day", "#ti", "title", "#pk", "pk")
        .forEach(
            (placeholder, name) -> {
              if (condition.matches(".*" + placeholder + "\\b.*")) {
                names.put(placeholder, name);
              }
            });
    boolean valid =
        !condition.contains("OR")
            && conditions().limit(8).anyMatch(arguments -> arguments.get()[1].equals(condition));
    for (int limit : new int[] {100, 2}) {
      for (boolean forward : new boolean[] {true, false}) {
        Function<DynamoDbClient, Object> pages =
            client -> allPages(client, index, condition, names, values, limit, forward);
        Object expected = outcome(REFERENCE, pages);
        assertThat(expected.toString())
            .as("DynamoDB Local's answer")
            .contains(valid ? "QueryResponse" : "ValidationException");
        assertThat(outcome(ENGINE.client(), pages)).isEqualTo(expected);
        assertThat(outcome(HTTP, pages)).isEqualTo(expected);
      }
    }
  }

  private static List<QueryResponse> allPages(
      DynamoDbClient client,
      String index,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      int limit,
      boolean forward) {
    List<QueryResponse> pages = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          client.query(
              b ->
                  b.tableName("orders")
                      .indexName(index)
                      .keyConditionExpression(condition)
                      .expressionAttributeNames(names.isEmpty() ? null : names)
                      .expressionAttributeValues(values)
                      .limit(limit)
                      .scanIndexForward(forward)
                      .exclusiveStartKey(from)
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      pages.add(page);
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null && pages.size() < 30);
    return pages;
  }

  @Test
  void resultsAreOrderedByTheSortKeyAttributesInTurnAndSparse() {
    QueryResponse page =
        ENGINE
            .client()
            .query(
                b ->
                    b.tableName("orders")
                        .indexName("byRegion")
                        .keyConditionExpression("tenant = :t AND #r = :r")
                        .expressionAttributeNames(Map.of("#r", "region"))
                        .expressionAttributeValues(Map.of(":t", s("acme"), ":r", s("us"))));
    List<String> keys =
        page.items().stream()
            .map(i -> i.get("year").n() + "/" + i.get("day").n() + "/" + i.get("title").s())
            .toList();
    assertThat(keys).isSortedAccordingTo(String::compareTo).hasSize(page.count());
    assertThat(page.items())
        .allSatisfy(item -> assertThat(item).containsKeys("region", "title", "year", "day"));
    assertThat(page.items()).extracting(i -> i.get("pk").s()).doesNotContain("o5", "o13");
  }

  @Test
  void startKeysAreCheckedAsDynamoDbLocalChecksThem() {
    for (Map<String, AttributeValue> start :
        List.of(
            Map.of("tenant", s("acme"), "region", s("eu"), "pk", s("o0")),
            Map.of(
                "tenant", s("acme"), "region", s("us"), "year", n("2020"), "day", n("0"), "title",
                s("t0"), "pk", s("o0")),
            Map.of(
                "tenant", s("acme"), "region", s("eu"), "year", s("2020"), "day", n("0"), "title",
                s("t0"), "pk", s("o0")))) {
      Function<DynamoDbClient, Object> query =
          client ->
              client.query(
                  b ->
                      b.tableName("orders")
                          .indexName("byRegion")
                          .keyConditionExpression("tenant = :t AND #r = :r")
                          .expressionAttributeNames(Map.of("#r", "region"))
                          .expressionAttributeValues(Map.of(":t", s("acme"), ":r", s("eu")))
                          .exclusiveStartKey(start));
      Object expected = outcome(REFERENCE, query);
      assertThat(expected.toString()).contains("ValidationException");
      assertThat(outcome(ENGINE.client(), query)).isEqualTo(expected);
      assertThat(outcome(HTTP, query)).isEqualTo(expected);
    }
  }

  @Test
  void anIndexAddedByUpdateTableHoldsTheItemsAlreadyThereAsDocumented() {
    // DynamoDB Local fails inside (a missing SQLite column) when a multi-attribute index added by
    // UpdateTable to a table without indexes is queried (docs/compatibility.md).
    Function<DynamoDbClient, Object> steps =
        client -> {
          client.createTable(
              b ->
                  b.tableName("later")
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .attributeDefinitions(definitions("pk", "S"))
                      .keySchema(hash("pk")));
          for (int i = 0; i < 6; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s("p" + i));
            item.put("a", s(i % 2 == 0 ? "x" : "y"));
            item.put("b", n(String.valueOf(i % 3)));
            if (i != 4) {
              item.put("c", s("c" + (5 - i)));
            }
            client.putItem(b -> b.tableName("later").item(item));
          }
          client.updateTable(
              b ->
                  b.tableName("later")
                      .attributeDefinitions(definitions("a", "S", "b", "N", "c", "S"))
                      .globalSecondaryIndexUpdates(
                          u ->
                              u.create(
                                  c ->
                                      c.indexName("abc")
                                          .keySchema(hash("a"), hash("b"), range("c"))
                                          .projection(p -> p.projectionType("KEYS_ONLY")))));
          List<Object> answers = new ArrayList<>();
          for (String a : List.of("x", "y")) {
            for (String b : List.of("0", "1", "2")) {
              answers.add(
                  client
                      .query(
                          q ->
                              q.tableName("later")
                                  .indexName("abc")
                                  .keyConditionExpression("a = :a AND b = :b")
                                  .expressionAttributeValues(Map.of(":a", s(a), ":b", n(b))))
                      .items());
            }
          }
          client.deleteTable(b -> b.tableName("later"));
          return answers;
        };
    assertThatThrownBy(() -> steps.apply(REFERENCE)).hasMessageContaining("no such column");
    REFERENCE.deleteTable(b -> b.tableName("later"));
    Object served = outcome(ENGINE.client(), steps);
    assertThat(served.toString()).contains("p0", "p5").doesNotContain("p4");
    assertThat(outcome(HTTP, steps)).isEqualTo(served);
  }

  @Test
  void overwritingAnItemInNeitherVersionInTheIndexCostsTheIndexNothingAsDocumented() {
    // DynamoDB Local charges the index a write when the old and the new item together hold every
    // index key attribute, though neither is in the index (docs/compatibility.md).
    Function<DynamoDbClient, Object> overwrite =
        client -> {
          client.putItem(
              b ->
                  b.tableName("orders")
                      .item(Map.of("pk", s("half"), "tenant", s("acme"), "year", n("1"))));
          ConsumedCapacity capacity =
              client
                  .putItem(
                      b ->
                          b.tableName("orders")
                              .item(
                                  Map.of(
                                      "pk", s("half"), "region", s("eu"), "day", n("1"), "title",
                                      s("t")))
                              .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                  .consumedCapacity();
          client.deleteItem(b -> b.tableName("orders").key(Map.of("pk", s("half"))));
          return new ArrayList<>(
              new java.util.TreeSet<>(capacity.globalSecondaryIndexes().keySet()));
        };
    assertThat(outcome(REFERENCE, overwrite)).isEqualTo(List.of("byRegion", "byTenant"));
    assertThat(outcome(ENGINE.client(), overwrite)).isEqualTo(List.of());
    assertThat(outcome(HTTP, overwrite)).isEqualTo(List.of());
  }

  @Test
  void aQueryOnTheTablesSortKeyReturnsEveryItemOnItsBoundAsDocumented() {
    // DynamoDB Local stops a Query of a global index at the first item on the inclusive bound of
    // a condition on the table's sort key, and drops the others with that value
    // (docs/compatibility.md).
    Function<DynamoDbClient, Object> query =
        client -> {
          client.createTable(
              b ->
                  b.tableName("bounds")
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S"))
                      .keySchema(hash("pk"), range("sk"))
                      .globalSecondaryIndexes(index("bySk", hash("g"), range("sk"))));
          for (String pk : List.of("p1", "p2", "p3")) {
            client.putItem(
                b -> b.tableName("bounds").item(Map.of("pk", s(pk), "sk", s("b"), "g", s("g"))));
          }
          client.putItem(
              b -> b.tableName("bounds").item(Map.of("pk", s("p1"), "sk", s("c"), "g", s("g"))));
          List<String> found = new ArrayList<>();
          Map<String, AttributeValue> start = null;
          do {
            Map<String, AttributeValue> from = start;
            QueryResponse page =
                client.query(
                    b ->
                        b.tableName("bounds")
                            .indexName("bySk")
                            .keyConditionExpression("g = :g AND sk BETWEEN :lo AND :hi")
                            .expressionAttributeValues(
                                Map.of(":g", s("g"), ":lo", s("b"), ":hi", s("c")))
                            .scanIndexForward(false)
                            .limit(1)
                            .exclusiveStartKey(from));
            page.items().forEach(i -> found.add(i.get("pk").s() + "/" + i.get("sk").s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
          } while (start != null);
          client.deleteTable(b -> b.tableName("bounds"));
          return found.size();
        };
    assertThat(outcome(REFERENCE, query)).isEqualTo(2);
    assertThat(outcome(ENGINE.client(), query)).isEqualTo(4);
    assertThat(outcome(HTTP, query)).isEqualTo(4);
  }

  @Test
  void aDurableEngineKeepsMultiAttributeIndexes(@TempDir Path dir) {
    List<Object> before;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      before = createAndRead(engine.client(), true);
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      assertThat(createAndRead(engine.client(), false)).isEqualTo(before);
      assertThat(
              engine
                  .client()
                  .describeTable(b -> b.tableName("kept"))
                  .table()
                  .globalSecondaryIndexes()
                  .get(0)
                  .keySchema())
          .containsExactly(hash("a"), hash("b"), range("c"), range("d"));
    }
  }

  private static List<Object> createAndRead(DynamoDbClient client, boolean create) {
    if (create) {
      client.createTable(
          b ->
              b.tableName("kept")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      definitions("pk", "S", "a", "S", "b", "S", "c", "N", "d", "S"))
                  .keySchema(hash("pk"))
                  .globalSecondaryIndexes(
                      index("multi", hash("a"), hash("b"), range("c"), range("d"))));
      for (int i = 0; i < 10; i++) {
        int at = i;
        client.putItem(
            b ->
                b.tableName("kept")
                    .item(
                        Map.of(
                            "pk",
                            s("p" + at),
                            "a",
                            s("x"),
                            "b",
                            s(at % 2 == 0 ? "e" : "o"),
                            "c",
                            n(String.valueOf(at % 3)),
                            "d",
                            s("d" + at))));
      }
    }
    QueryResponse page =
        client.query(
            b ->
                b.tableName("kept")
                    .indexName("multi")
                    .keyConditionExpression("a = :a AND b = :b AND c >= :c")
                    .expressionAttributeValues(Map.of(":a", s("x"), ":b", s("e"), ":c", n("1"))));
    assertThat(page.count()).isPositive();
    return List.of(page.items(), page.count());
  }
}
