package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Query and Scan on the engine and on Amazon DynamoDB Local, over the same items: the same pages in
 * the same order, counts, keys to resume from, consumed capacity and errors.
 */
class QueryAndScanTest {
  private static final String TABLE = "reads";
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);

  @BeforeAll
  static void load() {
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE.client(), HTTP)) {
      client.createTable(
          b ->
              b.tableName(TABLE)
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("sk").attributeType("N"))
                  .keySchema(
                      k -> k.attributeName("pk").keyType(KeyType.HASH),
                      k -> k.attributeName("sk").keyType(KeyType.RANGE))
                  .billingMode("PAY_PER_REQUEST"));
      for (String partition : List.of("a", "b", "c", "é", "")) {
        if (partition.isEmpty()) {
          continue;
        }
        for (int sort = -3; sort < 12; sort++) {
          Map<String, AttributeValue> item = new LinkedHashMap<>();
          item.put("pk", AttributeValue.fromS(partition));
          item.put("sk", AttributeValue.fromN(sort + (sort % 3 == 0 ? ".5" : "")));
          item.put("even", AttributeValue.fromBool(sort % 2 == 0));
          item.put("pad", AttributeValue.fromS("x".repeat(sort * 700 + 2200)));
          client.putItem(b -> b.tableName(TABLE).item(item));
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  private static Map<String, AttributeValue> values(Object... pairs) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      values.put(
          (String) pairs[i],
          value instanceof Integer n
              ? AttributeValue.fromN(n.toString())
              : AttributeValue.fromS((String) value));
    }
    return values;
  }

  static Stream<Arguments> queries() {
    Map<String, java.util.function.Consumer<QueryRequest.Builder>> all = new LinkedHashMap<>();
    all.put(
        "whole partition",
        b -> b.keyConditionExpression("pk = :p").expressionAttributeValues(values(":p", "b")));
    all.put(
        "backwards",
        b ->
            b.keyConditionExpression("pk = :p")
                .scanIndexForward(false)
                .expressionAttributeValues(values(":p", "b")));
    all.put(
        "sort key equal",
        b ->
            b.keyConditionExpression("pk = :p AND sk = :s")
                .expressionAttributeValues(values(":p", "a", ":s", 4)));
    all.put(
        "sort key less",
        b ->
            b.keyConditionExpression("pk = :p AND sk < :s")
                .expressionAttributeValues(values(":p", "a", ":s", 2)));
    all.put(
        "sort key at most",
        b ->
            b.keyConditionExpression("pk = :p AND sk <= :s")
                .expressionAttributeValues(values(":p", "a", ":s", 2)));
    all.put(
        "sort key greater",
        b ->
            b.keyConditionExpression("pk = :p AND sk > :s")
                .expressionAttributeValues(values(":p", "é", ":s", 5)));
    all.put(
        "sort key at least",
        b ->
            b.keyConditionExpression("pk = :p AND sk >= :s")
                .expressionAttributeValues(values(":p", "é", ":s", 5)));
    all.put(
        "sort key between",
        b ->
            b.keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(values(":p", "c", ":lo", -1, ":hi", 6)));
    all.put(
        "filter and counts",
        b ->
            b.keyConditionExpression("pk = :p")
                .filterExpression("even = :t")
                .expressionAttributeValues(
                    Map.of(":p", AttributeValue.fromS("a"), ":t", AttributeValue.fromBool(true))));
    all.put(
        "count only",
        b ->
            b.keyConditionExpression("pk = :p")
                .select(Select.COUNT)
                .expressionAttributeValues(values(":p", "a")));
    all.put(
        "projection",
        b ->
            b.keyConditionExpression("pk = :p")
                .projectionExpression("sk, even")
                .expressionAttributeValues(values(":p", "a")));
    all.put(
        "limit",
        b ->
            b.keyConditionExpression("pk = :p")
                .limit(4)
                .expressionAttributeValues(values(":p", "a")));
    all.put(
        "limit equal to what there is",
        b ->
            b.keyConditionExpression("pk = :p AND sk < :s")
                .limit(3)
                .expressionAttributeValues(values(":p", "a", ":s", -0.5 > 0 ? 0 : 0)));
    all.put(
        "capacity, consistent",
        b ->
            b.keyConditionExpression("pk = :p")
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .expressionAttributeValues(values(":p", "b")));
    all.put(
        "capacity, eventual, by index",
        b ->
            b.keyConditionExpression("pk = :p")
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .expressionAttributeValues(values(":p", "c")));
    all.put(
        "capacity of nothing",
        b ->
            b.keyConditionExpression("pk = :p")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .expressionAttributeValues(values(":p", "zz")));
    all.put(
        "limit zero",
        b ->
            b.keyConditionExpression("pk = :p")
                .limit(0)
                .expressionAttributeValues(values(":p", "a")));
    all.put("no key condition", b -> b.expressionAttributeValues(values(":p", "a")));
    all.put(
        "filter on the sort key",
        b ->
            b.keyConditionExpression("pk = :p")
                .filterExpression("sk > :p")
                .expressionAttributeValues(values(":p", "a")));
    all.put(
        "invalid start key",
        b ->
            b.keyConditionExpression("pk = :p")
                .exclusiveStartKey(values("pk", "a"))
                .expressionAttributeValues(values(":p", "a")));
    all.put(
        "count with projection",
        b ->
            b.keyConditionExpression("pk = :p")
                .select(Select.COUNT)
                .projectionExpression("sk")
                .expressionAttributeValues(values(":p", "a")));
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void queriesAnswerAsDynamoDbLocal(
      String name, java.util.function.Consumer<QueryRequest.Builder> query) {
    java.util.function.Consumer<QueryRequest.Builder> request =
        query.andThen(b -> b.tableName(TABLE));
    assertThat(outcome(c -> c.query(request)))
        .isEqualTo(outcomeOn(REFERENCE, c -> c.query(request)));
  }

  @Test
  void queryPagesResumeWhereTheyStopped() {
    for (Integer limit : new Integer[] {null, 1, 5, 15}) {
      assertThat(pages(ENGINE.client(), limit, true)).isEqualTo(pages(REFERENCE, limit, true));
      assertThat(pages(HTTP, limit, true)).isEqualTo(pages(REFERENCE, limit, true));
      assertThat(pages(ENGINE.client(), limit, false)).isEqualTo(pages(REFERENCE, limit, false));
    }
  }

  @Test
  void scansPageAndSegmentAsDynamoDbLocal() {
    for (Integer limit : new Integer[] {null, 1, 7, 40}) {
      assertThat(scanPages(ENGINE.client(), b -> b.limit(limit)))
          .isEqualTo(scanPages(REFERENCE, b -> b.limit(limit)));
      assertThat(scanPages(HTTP, b -> b.limit(limit)))
          .isEqualTo(scanPages(REFERENCE, b -> b.limit(limit)));
    }
    for (int segment = 0; segment < 3; segment++) {
      int s = segment;
      java.util.function.Consumer<ScanRequest.Builder> options =
          b -> b.segment(s).totalSegments(3).limit(5);
      assertThat(scanPages(ENGINE.client(), options)).isEqualTo(scanPages(REFERENCE, options));
    }
  }

  @Test
  void aStartKeyOutsideTheSegmentIsRefused() {
    Map<String, AttributeValue> start = new LinkedHashMap<>();
    start.put("pk", AttributeValue.fromS("a"));
    start.put("sk", AttributeValue.fromN("1"));
    for (int segment = 0; segment < 2; segment++) {
      int s = segment;
      java.util.function.Consumer<ScanRequest.Builder> request =
          b -> b.tableName(TABLE).segment(s).totalSegments(2).exclusiveStartKey(start);
      assertThat(outcome(c -> c.scan(request)))
          .isEqualTo(outcomeOn(REFERENCE, c -> c.scan(request)));
    }
  }

  @Test
  void scanCountsAndFiltersAsDynamoDbLocal() {
    java.util.function.Consumer<ScanRequest.Builder> request =
        b ->
            b.tableName(TABLE)
                .filterExpression("even = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(false)))
                .select(Select.COUNT);
    var expected = REFERENCE.scan(request);
    var actual = ENGINE.client().scan(request);
    assertThat(actual.count()).isEqualTo(expected.count());
    assertThat(actual.scannedCount()).isEqualTo(expected.scannedCount());
  }

  @Test
  void scanSegmentsAreChecked() {
    for (var bad :
        List.<java.util.function.Consumer<ScanRequest.Builder>>of(
            b -> b.segment(1), b -> b.totalSegments(2), b -> b.segment(2).totalSegments(2))) {
      java.util.function.Consumer<ScanRequest.Builder> request =
          bad.andThen(b -> b.tableName(TABLE));
      assertThat(outcome(c -> c.scan(request)))
          .isEqualTo(outcomeOn(REFERENCE, c -> c.scan(request)));
    }
  }

  private static List<Object> pages(DynamoDbClient client, Integer limit, boolean forward) {
    List<Object> pages = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          client.query(
              b ->
                  b.tableName(TABLE)
                      .keyConditionExpression("pk = :p")
                      .expressionAttributeValues(values(":p", "b"))
                      .scanIndexForward(forward)
                      .limit(limit)
                      .exclusiveStartKey(from));
      pages.add(
          java.util.Arrays.asList(
              page.count(),
              page.scannedCount(),
              page.items().stream().map(i -> i.get("sk")).toList(),
              page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return pages;
  }

  private static List<Object> scanPages(
      DynamoDbClient client, java.util.function.Consumer<ScanRequest.Builder> options) {
    List<Object> pages = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = client.scan(options.andThen(b -> b.tableName(TABLE).exclusiveStartKey(from)));
      pages.add(
          java.util.Arrays.asList(
              page.count(),
              page.items().stream().map(i -> List.of(i.get("pk"), i.get("sk"))).toList(),
              page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return pages;
  }

  /**
   * Start keys against the key condition, and where pages end: a start key must satisfy the
   * condition and may not lie on the inclusive bound where the read ends; a page that ends on that
   * bound has no LastEvaluatedKey.
   */
  @Test
  void startKeysAndLastPagesFollowTheKeyCondition() {
    String table = "bounds";
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE.client(), HTTP)) {
      client.createTable(
          b ->
              b.tableName(table)
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("sk").attributeType("N"))
                  .keySchema(
                      k -> k.attributeName("pk").keyType(KeyType.HASH),
                      k -> k.attributeName("sk").keyType(KeyType.RANGE))
                  .billingMode("PAY_PER_REQUEST"));
      for (int sort = 0; sort < 10; sort++) {
        Map<String, AttributeValue> item = values("pk", "a", "sk", sort);
        client.putItem(b -> b.tableName(table).item(item));
      }
    }
    List<String> conditions =
        List.of(
            "pk = :p",
            "pk = :p AND sk = :v",
            "pk = :p AND sk < :v",
            "pk = :p AND sk <= :v",
            "pk = :p AND sk > :v",
            "pk = :p AND sk >= :v",
            "pk = :p AND sk BETWEEN :w AND :v",
            "pk = :p AND sk BETWEEN :v AND :x");
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    for (String condition : conditions) {
      Map<String, AttributeValue> values = new LinkedHashMap<>(values(":p", "a"));
      for (String name : List.of(":v", ":w", ":x")) {
        if (condition.contains(name)) {
          values.put(
              name, AttributeValue.fromN(name.equals(":v") ? "5" : name.equals(":w") ? "4" : "7"));
        }
      }
      for (boolean forward : List.of(true, false)) {
        for (Object[] start :
            new Object[][] {{"b", 3}, {"a", 3}, {"a", 4}, {"a", 5}, {"a", 6}, {"a", 7}}) {
          java.util.function.Consumer<QueryRequest.Builder> request =
              b ->
                  b.tableName(table)
                      .keyConditionExpression(condition)
                      .expressionAttributeValues(values)
                      .scanIndexForward(forward)
                      .exclusiveStartKey(values("pk", start[0], "sk", start[1]));
          soft.assertThat(outcome(c -> c.query(request)))
              .as(condition + " from " + List.of(start) + (forward ? "" : " backwards"))
              .isEqualTo(outcomeOn(REFERENCE, c -> c.query(request)));
        }
        for (int limit = 1; limit <= 7; limit++) {
          int l = limit;
          java.util.function.Consumer<QueryRequest.Builder> request =
              b ->
                  b.tableName(table)
                      .keyConditionExpression(condition)
                      .expressionAttributeValues(values)
                      .scanIndexForward(forward)
                      .limit(l);
          soft.assertThat(outcome(c -> c.query(request)))
              .as(condition + " limit " + l + (forward ? "" : " backwards"))
              .isEqualTo(outcomeOn(REFERENCE, c -> c.query(request)));
        }
      }
    }
    soft.assertAll();
  }

  private static Object outcome(Function<DynamoDbClient, Object> call) {
    return outcomeOn(ENGINE.client(), call);
  }

  private static Object outcomeOn(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
    return Targets.outcome(client, call);
  }
}
