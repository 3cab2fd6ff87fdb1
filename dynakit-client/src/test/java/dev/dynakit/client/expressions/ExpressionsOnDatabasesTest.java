package dev.dynakit.client.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.expression.value.AttributeValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Requests built with the expression builders, sent to the engine in-process and to Amazon DynamoDB
 * Local over HTTP: both accept every rendered expression, and both agree with what the builders'
 * trees say (the reference evaluator of {@link ExpressionPropertiesTest}).
 */
class ExpressionsOnDatabasesTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static DynakitEngine engine;
  private static DynamoDbLocalServer local;
  private static DynamoDbClient onLocal;
  private static List<DynamoDbClient> targets;

  @BeforeContainer
  static void start() {
    engine = DynakitEngine.inMemory();
    local = DynamoDbLocalServer.start();
    onLocal = local.client();
    targets = List.of(engine.client(), onLocal);
    for (DynamoDbClient sdk : targets) {
      Adapters.createTable(sdk, "things", true);
    }
  }

  @AfterContainer
  static void stop() {
    onLocal.close();
    local.close();
    engine.close();
  }

  @Property(tries = 60)
  void bothDatabasesFilterAsTheConditionTreeSays(
      @ForAll("conditions") Condition condition, @ForAll("item") Map<String, AttributeValue> item) {
    String id = "p" + IDS.incrementAndGet();
    Map<String, AttributeValue> stored = new LinkedHashMap<>(item);
    stored.put("pk", AttributeValue.fromS(id));
    stored.put("sk", AttributeValue.fromS("s"));
    boolean expected = Reference.test(condition, stored);
    for (DynamoDbClient sdk : targets) {
      sdk.putItem(b -> b.tableName("things").item(stored));
      Placeholders p = new Placeholders();
      String key = KeyCondition.partition("pk", AttributeValue.fromS(id)).render(p);
      String filter = condition.render(p);
      QueryResponse response =
          sdk.query(
              b ->
                  b.tableName("things")
                      .keyConditionExpression(key)
                      .filterExpression(filter)
                      .expressionAttributeNames(p.namesOrNull())
                      .expressionAttributeValues(p.valuesOrNull()));
      assertThat(response.count())
          .as("%s on %s at %s", condition, stored, sdk)
          .isEqualTo(expected ? 1 : 0);
    }
  }

  @Provide
  Arbitrary<Condition> conditions() {
    return new ExpressionPropertiesTest().conditions();
  }

  @Provide
  Arbitrary<Map<String, AttributeValue>> item() {
    return net.jqwik.api.Arbitraries.maps(
            net.jqwik.api.Arbitraries.of(ExpressionPropertiesTest.NAMES),
            ExpressionPropertiesTest.values(2))
        .ofMaxSize(ExpressionPropertiesTest.NAMES.size());
  }

  @Example
  void anUpdateOfEveryKindAndItsConditionWorkOnBothDatabases() {
    Map<String, AttributeValue> after = null;
    for (DynamoDbClient sdk : targets) {
      Map<String, AttributeValue> key = Map.of("pk", s("u1"), "sk", s("x"));
      Map<String, AttributeValue> item = new LinkedHashMap<>(key);
      item.put("name", s("first"));
      item.put("status", s("NEW"));
      item.put("size", n("3"));
      item.put("a.b", AttributeValue.fromM(Map.of("c-d", n("1"), "keep", s("k"))));
      item.put("tags", AttributeValue.fromSs(List.of("red", "blue")));
      item.put("日本", AttributeValue.fromL(List.of(n("1"))));
      Placeholders put = new Placeholders();
      String notThere = Conditions.attributeNotExists(Path.of("pk")).render(put);
      sdk.putItem(
          b ->
              b.tableName("things")
                  .item(item)
                  .conditionExpression(notThere)
                  .expressionAttributeNames(put.namesOrNull())
                  .expressionAttributeValues(put.valuesOrNull()));
      assertThatThrownBy(
              () ->
                  sdk.putItem(
                      b ->
                          b.tableName("things")
                              .item(item)
                              .conditionExpression(notThere)
                              .expressionAttributeNames(put.namesOrNull())))
          .isInstanceOf(ConditionalCheckFailedException.class);

      Update update =
          Update.builder()
              .set(Path.of("status"), s("DONE"))
              .set(Path.of("copy of name"), Path.of("name"))
              .setIfNotExists(Path.of("created"), n("7"))
              .setIfNotExists(Path.of("name"), s("ignored"))
              .increment(Path.of("size"), 2)
              .decrement(Path.of("a.b").field("c-d"), 1)
              .add(Path.of("count"), n("5"))
              .add(Path.of("tags"), AttributeValue.fromSs(List.of("green")))
              .appendToList(Path.of("log"), AttributeValue.fromL(List.of(s("made"))))
              .prependToList(Path.of("日本"), AttributeValue.fromL(List.of(n("0"))))
              .remove(Path.of("a.b").field("keep"))
              .delete(Path.of("nums"), AttributeValue.fromNs(List.of("1")))
              .build();
      Condition condition =
          Conditions.eq(Path.of("status"), s("NEW"))
              .and(Conditions.size(Path.of("tags")).eq(n("2")))
              .and(Conditions.in(Path.of("name"), List.of(s("first"), s("second"))))
              .and(Conditions.attributeType(Path.of("a.b"), "M"))
              .and(Conditions.lt(Path.of("a.b").field("c-d"), n("2")))
              .and(
                  Conditions.contains(Path.of("tags"), s("red"))
                      .or(Conditions.attributeExists(Path.of("x y"))))
              .and(Conditions.beginsWith(Path.of("name"), s("fi")).not().not());
      Placeholders p = new Placeholders();
      String updateText = update.render(p);
      String conditionText = condition.render(p);
      sdk.updateItem(
          b ->
              b.tableName("things")
                  .key(key)
                  .updateExpression(updateText)
                  .conditionExpression(conditionText)
                  .expressionAttributeNames(p.namesOrNull())
                  .expressionAttributeValues(p.valuesOrNull()));
      Placeholders read = new Placeholders();
      String projection =
          Projection.of(
                  Path.of("status"),
                  Path.of("copy of name"),
                  Path.of("created"),
                  Path.of("name"),
                  Path.of("size"),
                  Path.of("a.b"),
                  Path.of("count"),
                  Path.of("tags"),
                  Path.of("log"),
                  Path.of("日本"))
              .render(read);
      Map<String, AttributeValue> got =
          sdk.getItem(
                  b ->
                      b.tableName("things")
                          .key(key)
                          .consistentRead(true)
                          .projectionExpression(projection)
                          .expressionAttributeNames(read.namesOrNull()))
              .item();
      assertThat(got)
          .containsEntry("status", s("DONE"))
          .containsEntry("copy of name", s("first"))
          .containsEntry("created", n("7"))
          .containsEntry("name", s("first"))
          .containsEntry("size", n("5"))
          .containsEntry("a.b", AttributeValue.fromM(Map.of("c-d", n("0"))))
          .containsEntry("count", n("5"))
          .containsEntry("log", AttributeValue.fromL(List.of(s("made"))))
          .containsEntry("日本", AttributeValue.fromL(List.of(n("0"), n("1"))))
          .hasSize(10);
      assertThat(
              AttributeValues.equal(
                  got.get("tags"), AttributeValue.fromSs(List.of("red", "blue", "green"))))
          .isTrue();
      if (after != null) {
        assertThat(got.keySet()).isEqualTo(after.keySet());
      }
      after = got;
    }
  }

  @Example
  void keyConditionsQueryBothDatabasesAlike() {
    for (DynamoDbClient sdk : targets) {
      for (String sk : List.of("2024-01", "2024-02", "2024-03", "2025-01")) {
        sdk.putItem(
            b ->
                b.tableName("things")
                    .item(Map.of("pk", s("q"), "sk", s(sk), "size", n(sk.substring(5)))));
      }
      assertThat(
              sortKeys(
                  sdk, KeyCondition.partition("pk", s("q")).sortBeginsWith("sk", s("2024")), null))
          .containsExactly("2024-01", "2024-02", "2024-03");
      assertThat(
              sortKeys(
                  sdk,
                  KeyCondition.partition("pk", s("q"))
                      .sortBetween("sk", s("2024-02"), s("2025-01")),
                  Conditions.ne(Path.of("size"), n("3"))))
          .containsExactly("2024-02", "2025-01");
      assertThat(
              sortKeys(sdk, KeyCondition.partition("pk", s("q")).sortGt("sk", s("2024-03")), null))
          .containsExactly("2025-01");
      assertThat(
              sortKeys(sdk, KeyCondition.partition("pk", s("q")).sortLe("sk", s("2024-01")), null))
          .containsExactly("2024-01");
    }
  }

  @Example
  void multiAttributeIndexKeysQueryBothDatabasesAlike() {
    for (DynamoDbClient sdk : targets) {
      sdk.createTable(
          b ->
              b.tableName("multi")
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("tenant").attributeType("S"),
                      a -> a.attributeName("region").attributeType("S"),
                      a -> a.attributeName("year").attributeType("N"),
                      a -> a.attributeName("day").attributeType("N"))
                  .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                  .globalSecondaryIndexes(
                      g ->
                          g.indexName("byRegion")
                              .keySchema(
                                  k -> k.attributeName("tenant").keyType("HASH"),
                                  k -> k.attributeName("region").keyType("HASH"),
                                  k -> k.attributeName("year").keyType("RANGE"),
                                  k -> k.attributeName("day").keyType("RANGE"))
                              .projection(p -> p.projectionType("ALL"))));
      for (int i = 0; i < 12; i++) {
        int k = i;
        sdk.putItem(
            b ->
                b.tableName("multi")
                    .item(
                        Map.of(
                            "pk", s("o" + k),
                            "tenant", s(k % 2 == 0 ? "acme" : "globex"),
                            "region", s(k % 3 == 0 ? "eu" : "us"),
                            "year", n(String.valueOf(2020 + k / 6)),
                            "day", n(String.valueOf(k)))));
      }
      KeyCondition key =
          KeyCondition.partition("tenant", s("acme"))
              .and("region", s("us"))
              .sortEq("year", n("2020"))
              .sortGt("day", n("1"));
      Placeholders p = new Placeholders();
      String text = key.render(p);
      List<String> found =
          sdk
              .query(
                  b ->
                      b.tableName("multi")
                          .indexName("byRegion")
                          .keyConditionExpression(text)
                          .expressionAttributeNames(p.namesOrNull())
                          .expressionAttributeValues(p.valuesOrNull()))
              .items()
              .stream()
              .map(item -> item.get("pk").s())
              .toList();
      // acme: even k; us: k % 3 != 0; year 2020: k < 6; day > 1: k > 1 -> k = 2, 4.
      assertThat(found).as("%s", sdk).containsExactly("o2", "o4");
    }
  }

  private static List<String> sortKeys(DynamoDbClient sdk, KeyCondition key, Condition filter) {
    Placeholders p = new Placeholders();
    String keyText = key.render(p);
    String filterText = filter == null ? null : filter.render(p);
    return sdk
        .query(
            b ->
                b.tableName("things")
                    .keyConditionExpression(keyText)
                    .filterExpression(filterText)
                    .expressionAttributeNames(p.namesOrNull())
                    .expressionAttributeValues(p.valuesOrNull()))
        .items()
        .stream()
        .map(item -> item.get("sk").s())
        .toList();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }
}
