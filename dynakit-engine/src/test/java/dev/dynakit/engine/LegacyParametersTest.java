package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB's legacy parameters ({@code Expected}, {@code ConditionalOperator}, {@code
 * AttributeUpdates}, {@code AttributesToGet}): every scenario runs on a fresh table on the engine
 * and on Amazon DynamoDB Local, and the outcomes (responses, or errors with their messages) must be
 * equal.
 */
class LegacyParametersTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static int tables;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"), "sk", n("1"));

  private static Map<String, AttributeValue> item() {
    Map<String, AttributeValue> item = new LinkedHashMap<>(KEY);
    item.put("name", s("Ann"));
    item.put("num", n("5"));
    item.put("tags", AttributeValue.fromSs(List.of("x", "y")));
    item.put("l", AttributeValue.fromL(List.of(s("x"), n("2"))));
    item.put("odd.name[0]", s("dotted"));
    return item;
  }

  private static ExpectedAttributeValue op(String operator, AttributeValue... values) {
    return ExpectedAttributeValue.builder()
        .comparisonOperator(operator)
        .attributeValueList(values)
        .build();
  }

  interface Scenario extends BiFunction<DynamoDbClient, String, Object> {}

  /** Puts the item, then puts it again under the given expectations: the outcome of the second. */
  private static Scenario putExpecting(
      Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
    return (c, t) -> {
      c.putItem(b -> b.tableName(t).item(item()));
      return c.putItem(
              b ->
                  b.tableName(t)
                      .item(item())
                      .expected(expected)
                      .conditionalOperator(conditionalOperator))
          .attributes();
    };
  }

  static Stream<Arguments> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    List<String> attributes = List.of("name", "num", "missing", "tags", "l", "odd.name[0]");
    List<AttributeValue> operands = List.of(s("Ann"), s("x"), n("5"), s("A"), s("dot"));
    for (String operator :
        List.of(
            "EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN")) {
      for (String attribute : attributes) {
        for (AttributeValue operand : operands) {
          all.put(
              "Expected " + attribute + " " + operator + " " + operand,
              putExpecting(Map.of(attribute, op(operator, operand)), null));
        }
      }
    }
    for (String attribute : attributes) {
      all.put("Expected " + attribute + " NULL", putExpecting(Map.of(attribute, op("NULL")), null));
      all.put(
          "Expected " + attribute + " NOT_NULL",
          putExpecting(Map.of(attribute, op("NOT_NULL")), null));
      all.put(
          "Expected " + attribute + " BETWEEN",
          putExpecting(Map.of(attribute, op("BETWEEN", n("1"), n("9"))), null));
      all.put(
          "Expected " + attribute + " exists false",
          putExpecting(
              Map.of(attribute, ExpectedAttributeValue.builder().exists(false).build()), null));
      all.put(
          "Expected " + attribute + " value",
          putExpecting(
              Map.of(attribute, ExpectedAttributeValue.builder().value(s("Ann")).build()), null));
      all.put(
          "Expected " + attribute + " exists with value",
          putExpecting(
              Map.of(
                  attribute, ExpectedAttributeValue.builder().exists(true).value(n("5")).build()),
              null));
    }
    for (String operator :
        List.of(
            "EQ",
            "NE",
            "LE",
            "LT",
            "GE",
            "GT",
            "CONTAINS",
            "NOT_CONTAINS",
            "BEGINS_WITH",
            "IN",
            "BETWEEN",
            "NULL",
            "NOT_NULL")) {
      all.put("no arguments for " + operator, putExpecting(Map.of("num", op(operator)), null));
      all.put(
          "one argument for " + operator, putExpecting(Map.of("num", op(operator, n("4"))), null));
      all.put(
          "three arguments for " + operator,
          putExpecting(Map.of("num", op(operator, n("1"), n("5"), n("3"))), null));
    }
    all.put("unknown operator", putExpecting(Map.of("num", op("FOO", n("1"))), null));
    all.put(
        "LT on a set",
        putExpecting(Map.of("tags", op("LT", AttributeValue.fromSs(List.of("x")))), null));
    all.put(
        "CONTAINS a set",
        putExpecting(Map.of("tags", op("CONTAINS", AttributeValue.fromSs(List.of("x")))), null));
    all.put("BETWEEN reversed", putExpecting(Map.of("num", op("BETWEEN", n("9"), n("1"))), null));
    all.put(
        "BETWEEN of two types", putExpecting(Map.of("num", op("BETWEEN", n("1"), s("9"))), null));
    all.put("IN of two types", putExpecting(Map.of("num", op("IN", n("5"), s("9"))), null));
    all.put("IN matches", putExpecting(Map.of("num", op("IN", n("4"), n("5.0"))), null));
    all.put(
        "EQ a boolean", putExpecting(Map.of("num", op("EQ", AttributeValue.fromBool(true))), null));
    all.put(
        "EQ a list",
        putExpecting(Map.of("l", op("EQ", AttributeValue.fromL(List.of(s("x"), n("2"))))), null));
    all.put(
        "NE a list",
        putExpecting(Map.of("l", op("NE", AttributeValue.fromL(List.of(s("x"))))), null));
    all.put(
        "LT a list",
        putExpecting(Map.of("l", op("LT", AttributeValue.fromL(List.of(s("x"))))), null));
    all.put(
        "Exists true without value",
        putExpecting(Map.of("num", ExpectedAttributeValue.builder().exists(true).build()), null));
    all.put(
        "Exists false with value",
        putExpecting(
            Map.of("num", ExpectedAttributeValue.builder().exists(false).value(n("5")).build()),
            null));
    all.put(
        "empty expectation",
        putExpecting(Map.of("num", ExpectedAttributeValue.builder().build()), null));
    all.put(
        "Value and AttributeValueList",
        putExpecting(
            Map.of(
                "num",
                ExpectedAttributeValue.builder()
                    .value(n("5"))
                    .comparisonOperator("EQ")
                    .attributeValueList(n("5"))
                    .build()),
            null));
    all.put(
        "Exists and ComparisonOperator",
        putExpecting(
            Map.of(
                "num",
                ExpectedAttributeValue.builder()
                    .exists(true)
                    .comparisonOperator("EQ")
                    .attributeValueList(n("5"))
                    .build()),
            null));
    all.put(
        "ComparisonOperator without values",
        putExpecting(
            Map.of("num", ExpectedAttributeValue.builder().comparisonOperator("EQ").build()),
            null));
    all.put("empty Expected", putExpecting(Map.of(), null));
    Map<String, ExpectedAttributeValue> two = new LinkedHashMap<>();
    two.put("num", op("EQ", n("6")));
    two.put("name", op("EQ", s("Ann")));
    all.put("OR of two", putExpecting(two, "OR"));
    all.put("AND of two", putExpecting(two, "AND"));
    all.put("two without operator", putExpecting(two, null));
    all.put("ConditionalOperator without Expected", putExpecting(null, "AND"));
    all.put("ConditionalOperator with one", putExpecting(Map.of("num", op("EQ", n("5"))), "OR"));
    all.put(
        "Expected with ConditionExpression",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item())
                        .conditionExpression("attribute_exists(pk)")
                        .expected(Map.of("num", op("EQ", n("5"))))));
    all.put(
        "ConditionalOperator with ConditionExpression",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item())
                        .conditionExpression("attribute_exists(pk)")
                        .conditionalOperator("OR")));
    all.put(
        "Expected with ExpressionAttributeNames",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item())
                        .expressionAttributeNames(Map.of("#a", "num"))
                        .expected(Map.of("num", op("NULL")))));
    all.put(
        "Expected with ExpressionAttributeValues",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item())
                        .expressionAttributeValues(Map.of(":a", n("1")))
                        .expected(Map.of("num", op("NULL")))));
    all.put(
        "Expected and ConditionalOperator with ConditionExpression",
        (c, t) ->
            c.putItem(
                b ->
                    b.tableName(t)
                        .item(item())
                        .conditionExpression("attribute_exists(pk)")
                        .conditionalOperator("OR")
                        .expected(two)));
    all.put(
        "every kind of parameter on UpdateItem",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .conditionExpression("attribute_exists(pk)")
                        .updateExpression("REMOVE zz")
                        .conditionalOperator("OR")
                        .expected(two)
                        .attributeUpdates(
                            Map.of(
                                "b",
                                AttributeValueUpdate.builder()
                                    .action("PUT")
                                    .value(n("1"))
                                    .build()))));
    all.put(
        "Value with ComparisonOperator",
        putExpecting(
            Map.of(
                "num",
                ExpectedAttributeValue.builder().value(n("5")).comparisonOperator("EQ").build()),
            null));
    all.put(
        "Value with NULL",
        putExpecting(
            Map.of(
                "missing",
                ExpectedAttributeValue.builder().value(n("5")).comparisonOperator("NULL").build()),
            null));
    List<AttributeValue> kinds =
        List.of(
            n("1"),
            AttributeValue.fromBool(true),
            AttributeValue.fromNul(true),
            AttributeValue.fromM(Map.of("a", n("1"))),
            AttributeValue.fromL(List.of(n("1"))),
            AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("x")));
    for (AttributeValue kind : kinds) {
      for (String operator : List.of("EQ", "NE", "IN", "CONTAINS", "NOT_CONTAINS")) {
        all.put(
            operator + " of type " + kind.type(),
            putExpecting(Map.of("num", op(operator, kind)), null));
      }
      all.put(
          "ADD of type " + kind.type(),
          (c, t) ->
              c.updateItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .returnValues("ALL_NEW")
                              .attributeUpdates(
                                  Map.of(
                                      "z",
                                      AttributeValueUpdate.builder()
                                          .action("ADD")
                                          .value(kind)
                                          .build())))
                  .attributes());
      all.put(
          "DELETE of type " + kind.type(),
          (c, t) ->
              c.updateItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .attributeUpdates(
                                  Map.of(
                                      "z",
                                      AttributeValueUpdate.builder()
                                          .action("DELETE")
                                          .value(kind)
                                          .build())))
                  .attributes());
    }
    all.put(
        "delete under Expected",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(item()));
          Object failed =
              outcome(
                  () ->
                      c.deleteItem(
                          b ->
                              b.tableName(t)
                                  .key(KEY)
                                  .expected(Map.of("num", op("GT", n("5"))))
                                  .returnValues("ALL_OLD")));
          Object deleted =
              c.deleteItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .expected(Map.of("num", op("GE", n("5"))))
                              .returnValues("ALL_OLD"))
                  .attributes();
          return List.of(failed, deleted);
        });
    all.put(
        "delete mixing Expected and ConditionExpression",
        (c, t) ->
            c.deleteItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .conditionExpression("attribute_exists(pk)")
                        .expected(Map.of("num", op("NULL")))));
    // AttributeUpdates
    Map<String, AttributeValueUpdate> first = new LinkedHashMap<>();
    first.put("a", AttributeValueUpdate.builder().action("PUT").value(n("1")).build());
    first.put(
        "s",
        AttributeValueUpdate.builder()
            .action("ADD")
            .value(AttributeValue.fromSs(List.of("p", "q")))
            .build());
    first.put("odd.name[0]", AttributeValueUpdate.builder().action("PUT").value(s("v")).build());
    first.put(
        "li",
        AttributeValueUpdate.builder()
            .action("ADD")
            .value(AttributeValue.fromL(List.of(s("x"))))
            .build());
    Map<String, AttributeValueUpdate> second = new LinkedHashMap<>();
    second.put("a", AttributeValueUpdate.builder().action("ADD").value(n("2")).build());
    second.put("new", AttributeValueUpdate.builder().action("ADD").value(n("2")).build());
    second.put(
        "s",
        AttributeValueUpdate.builder()
            .action("DELETE")
            .value(AttributeValue.fromSs(List.of("p")))
            .build());
    second.put(
        "li",
        AttributeValueUpdate.builder()
            .action("ADD")
            .value(AttributeValue.fromL(List.of(s("y"))))
            .build());
    second.put("odd.name[0]", AttributeValueUpdate.builder().action("DELETE").build());
    second.put("absent", AttributeValueUpdate.builder().action("DELETE").build());
    all.put(
        "AttributeUpdates",
        (c, t) -> {
          List<Object> results = new ArrayList<>();
          results.add(
              c.updateItem(
                      b -> b.tableName(t).key(KEY).attributeUpdates(first).returnValues("ALL_NEW"))
                  .attributes());
          results.add(
              c.updateItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .attributeUpdates(second)
                              .returnValues("UPDATED_OLD"))
                  .attributes());
          results.add(c.getItem(b -> b.tableName(t).key(KEY)).item());
          results.add(
              c.updateItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .attributeUpdates(
                                  Map.of(
                                      "s",
                                      AttributeValueUpdate.builder()
                                          .action("DELETE")
                                          .value(AttributeValue.fromSs(List.of("q")))
                                          .build()))
                              .returnValues("UPDATED_NEW"))
                  .attributes());
          results.add(c.getItem(b -> b.tableName(t).key(KEY)).item());
          return results;
        });
    all.put(
        "AttributeUpdates under Expected",
        (c, t) -> {
          Object failed =
              outcome(
                  () ->
                      c.updateItem(
                          b ->
                              b.tableName(t)
                                  .key(KEY)
                                  .expected(
                                      Map.of(
                                          "a",
                                          ExpectedAttributeValue.builder()
                                              .exists(true)
                                              .value(n("1"))
                                              .build()))
                                  .attributeUpdates(first)));
          Object done =
              c.updateItem(
                      b ->
                          b.tableName(t)
                              .key(KEY)
                              .expected(
                                  Map.of(
                                      "a", ExpectedAttributeValue.builder().exists(false).build()))
                              .attributeUpdates(first)
                              .returnValues("ALL_NEW"))
                  .attributes();
          return List.of(failed, done);
        });
    all.put(
        "empty AttributeUpdates",
        (c, t) ->
            c.updateItem(
                    b -> b.tableName(t).key(KEY).attributeUpdates(Map.of()).returnValues("ALL_NEW"))
                .attributes());
    all.put(
        "PUT without value",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of("a", AttributeValueUpdate.builder().action("PUT").build()))));
    all.put(
        "ADD without value",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of("a", AttributeValueUpdate.builder().action("ADD").build()))));
    all.put(
        "ADD a string",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of(
                                "a",
                                AttributeValueUpdate.builder()
                                    .action("ADD")
                                    .value(s("x"))
                                    .build()))));
    all.put(
        "DELETE a string",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of(
                                "a",
                                AttributeValueUpdate.builder()
                                    .action("DELETE")
                                    .value(s("x"))
                                    .build()))));
    all.put(
        "AttributeUpdates of a key",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of(
                                "pk",
                                AttributeValueUpdate.builder()
                                    .action("PUT")
                                    .value(s("x"))
                                    .build()))));
    all.put(
        "AttributeUpdates with UpdateExpression",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .updateExpression("SET a = :a")
                        .expressionAttributeValues(Map.of(":a", n("1")))
                        .attributeUpdates(
                            Map.of(
                                "b",
                                AttributeValueUpdate.builder()
                                    .action("PUT")
                                    .value(n("1"))
                                    .build()))));
    all.put(
        "AttributeUpdates and Expected with ConditionExpression",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .conditionExpression("attribute_exists(pk)")
                        .expected(Map.of("num", op("EQ", n("5"))))
                        .attributeUpdates(
                            Map.of(
                                "b",
                                AttributeValueUpdate.builder()
                                    .action("PUT")
                                    .value(n("1"))
                                    .build()))));
    all.put(
        "both kinds of both",
        (c, t) ->
            c.updateItem(
                b ->
                    b.tableName(t)
                        .key(KEY)
                        .updateExpression("SET a = :a")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":a", n("1")))
                        .expected(Map.of("num", op("EQ", n("5"))))
                        .attributeUpdates(
                            Map.of(
                                "b",
                                AttributeValueUpdate.builder()
                                    .action("PUT")
                                    .value(n("1"))
                                    .build()))));
    // AttributesToGet
    all.put(
        "AttributesToGet",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(item()));
          return c.getItem(
                  b ->
                      b.tableName(t).key(KEY).attributesToGet("num", "missing", "l", "odd.name[0]"))
              .item();
        });
    all.put(
        "AttributesToGet empty",
        (c, t) -> {
          c.putItem(b -> b.tableName(t).item(item()));
          return c.getItem(b -> b.tableName(t).key(KEY).attributesToGet(List.of())).item();
        });
    all.put(
        "AttributesToGet twice the same",
        (c, t) -> c.getItem(b -> b.tableName(t).key(KEY).attributesToGet("num", "num")).item());
    all.put(
        "AttributesToGet an empty name",
        (c, t) -> c.getItem(b -> b.tableName(t).key(KEY).attributesToGet("a", "")).item());
    all.put(
        "AttributesToGet with ProjectionExpression",
        (c, t) ->
            c.getItem(
                    b -> b.tableName(t).key(KEY).projectionExpression("pk").attributesToGet("num"))
                .item());
    all.put(
        "AttributesToGet with ExpressionAttributeNames",
        (c, t) ->
            c.getItem(
                    b ->
                        b.tableName(t)
                            .key(KEY)
                            .expressionAttributeNames(Map.of("#a", "num"))
                            .attributesToGet("num"))
                .item());
    reads(all);
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  private static Condition c(String operator, AttributeValue... values) {
    return Condition.builder().comparisonOperator(operator).attributeValueList(values).build();
  }

  /** Puts three items, then reads: the outcome of the read. */
  private static Scenario reading(java.util.function.Function<DynamoDbClient, Object> read) {
    return (c, t) -> {
      for (int i = 1; i <= 3; i++) {
        Map<String, AttributeValue> row = item();
        row.put("sk", n(Integer.toString(i)));
        row.put("num", n(Integer.toString(4 + i)));
        if (i == 2) {
          row.remove("name");
        }
        c.putItem(b -> b.tableName(t).item(row));
      }
      return read.apply(c);
    };
  }

  private static void reads(Map<String, Scenario> all) {
    List<String> filterAttributes = List.of("name", "num", "missing", "tags", "l");
    for (String operator :
        List.of(
            "EQ", "NE", "LE", "LT", "GE", "GT", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH", "IN")) {
      for (String attribute : filterAttributes) {
        for (AttributeValue operand : List.of(s("Ann"), n("6"), s("x"))) {
          all.put(
              "ScanFilter " + attribute + " " + operator + " " + operand,
              (c, t) ->
                  reading(
                          x ->
                              x.scan(
                                      b ->
                                          b.tableName(t)
                                              .scanFilter(Map.of(attribute, c(operator, operand))))
                                  .items())
                      .apply(c, t));
        }
      }
    }
    for (String operator : List.of("NULL", "NOT_NULL")) {
      for (String attribute : filterAttributes) {
        all.put(
            "ScanFilter " + attribute + " " + operator,
            (c, t) ->
                reading(
                        x ->
                            x.scan(b -> b.tableName(t).scanFilter(Map.of(attribute, c(operator))))
                                .count())
                    .apply(c, t));
      }
    }
    Map<String, Condition> twoFilters = new LinkedHashMap<>();
    twoFilters.put("num", c("GT", n("5")));
    twoFilters.put("name", c("EQ", s("Ann")));
    for (String operator : java.util.Arrays.asList("AND", "OR", null)) {
      all.put(
          "ScanFilter of two with " + operator,
          (c, t) ->
              reading(
                      x ->
                          x.scan(
                                  b ->
                                      b.tableName(t)
                                          .scanFilter(twoFilters)
                                          .conditionalOperator(operator))
                              .items())
                  .apply(c, t));
      all.put(
          "QueryFilter of two with " + operator,
          (c, t) ->
              reading(
                      x ->
                          x.query(
                                  b ->
                                      b.tableName(t)
                                          .keyConditions(Map.of("pk", c("EQ", s("a"))))
                                          .queryFilter(twoFilters)
                                          .conditionalOperator(operator))
                              .items())
                  .apply(c, t));
    }
    Map<String, java.util.function.BiFunction<DynamoDbClient, String, Object>> reads =
        new LinkedHashMap<>();
    reads.put(
        "ScanFilter with a wrong number of values",
        (x, t) -> x.scan(b -> b.tableName(t).scanFilter(Map.of("pk", c("EQ")))));
    reads.put(
        "ConditionalOperator without ScanFilter",
        (x, t) -> x.scan(b -> b.tableName(t).conditionalOperator("OR")));
    reads.put(
        "ScanFilter with FilterExpression",
        (x, t) ->
            x.scan(
                b ->
                    b.tableName(t)
                        .filterExpression("num = :p")
                        .expressionAttributeValues(Map.of(":p", n("5")))
                        .scanFilter(Map.of("num", c("EQ", n("5"))))));
    reads.put(
        "Scan AttributesToGet with ProjectionExpression",
        (x, t) -> x.scan(b -> b.tableName(t).projectionExpression("num").attributesToGet("num")));
    reads.put(
        "Scan AttributesToGet",
        (x, t) ->
            x.scan(
                    b ->
                        b.tableName(t)
                            .scanFilter(Map.of("num", c("GE", n("6"))))
                            .attributesToGet("num", "odd.name[0]"))
                .items());
    reads.put(
        "Scan SPECIFIC_ATTRIBUTES",
        (x, t) ->
            x.scan(b -> b.tableName(t).select("SPECIFIC_ATTRIBUTES").attributesToGet("sk"))
                .items());
    reads.put(
        "Scan ALL_ATTRIBUTES with AttributesToGet",
        (x, t) -> x.scan(b -> b.tableName(t).select("ALL_ATTRIBUTES").attributesToGet("num")));
    reads.put(
        "Scan COUNT with AttributesToGet",
        (x, t) -> x.scan(b -> b.tableName(t).select("COUNT").attributesToGet("num")));
    reads.put(
        "KeyConditions",
        (x, t) ->
            x.query(
                    b ->
                        b.tableName(t)
                            .keyConditions(
                                Map.of("pk", c("EQ", s("a")), "sk", c("BETWEEN", n("2"), n("3"))))
                            .attributesToGet("sk", "name"))
                .items());
    for (String operator : List.of("EQ", "LE", "LT", "GE", "GT")) {
      reads.put(
          "KeyConditions sk " + operator,
          (x, t) ->
              x.query(
                      b ->
                          b.tableName(t)
                              .keyConditions(
                                  Map.of("pk", c("EQ", s("a")), "sk", c(operator, n("2"))))
                              .scanIndexForward(false))
                  .items());
    }
    reads.put(
        "KeyConditions with FilterExpression",
        (x, t) ->
            x.query(
                    b ->
                        b.tableName(t)
                            .filterExpression("num = :p")
                            .expressionAttributeValues(Map.of(":p", n("6")))
                            .keyConditions(Map.of("pk", c("EQ", s("a")))))
                .items());
    reads.put(
        "KeyConditions with ProjectionExpression",
        (x, t) ->
            x.query(
                    b ->
                        b.tableName(t)
                            .projectionExpression("sk")
                            .keyConditions(Map.of("pk", c("EQ", s("a")))))
                .items());
    reads.put(
        "every kind of parameter on Query",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditionExpression("pk = :p")
                        .filterExpression("num = :p")
                        .projectionExpression("num")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .keyConditions(Map.of("pk", c("EQ", s("a"))))
                        .queryFilter(twoFilters)
                        .attributesToGet("num")
                        .conditionalOperator("OR")));
    reads.put(
        "every kind of parameter on Scan",
        (x, t) ->
            x.scan(
                b ->
                    b.tableName(t)
                        .filterExpression("num = :p")
                        .projectionExpression("num")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .scanFilter(twoFilters)
                        .attributesToGet("num")
                        .conditionalOperator("OR")));
    reads.put(
        "three KeyConditions",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditions(
                            Map.of(
                                "pk",
                                c("EQ", s("a")),
                                "sk",
                                c("EQ", n("1")),
                                "num",
                                c("EQ", n("1"))))));
    for (String operator : List.of("BEGINS_WITH", "IN", "NULL")) {
      reads.put(
          "KeyConditions " + operator + " on the partition key",
          (x, t) ->
              x.query(
                  b ->
                      b.tableName(t)
                          .keyConditions(
                              Map.of(
                                  "pk",
                                  operator.equals("NULL") ? c(operator) : c(operator, s("a"))))));
    }
    for (String operator : List.of("CONTAINS", "NOT_NULL")) {
      reads.put(
          "KeyConditions " + operator + " on the sort key",
          (x, t) ->
              x.query(
                  b ->
                      b.tableName(t)
                          .keyConditions(
                              Map.of(
                                  "pk",
                                  c("EQ", s("a")),
                                  "sk",
                                  operator.equals("NOT_NULL")
                                      ? c(operator)
                                      : c(operator, n("1"))))));
    }
    reads.put(
        "empty ScanFilter", (x, t) -> x.scan(b -> b.tableName(t).scanFilter(Map.of())).count());
    reads.put(
        "empty ScanFilter with ConditionalOperator",
        (x, t) -> x.scan(b -> b.tableName(t).scanFilter(Map.of()).conditionalOperator("AND")));
    reads.put(
        "empty AttributesToGet on Scan",
        (x, t) -> x.scan(b -> b.tableName(t).attributesToGet(List.of())).count());
    reads.put(
        "empty AttributesToGet with SPECIFIC_ATTRIBUTES",
        (x, t) ->
            x.scan(b -> b.tableName(t).select("SPECIFIC_ATTRIBUTES").attributesToGet(List.of())));
    reads.put(
        "KeyConditions without the partition key",
        (x, t) -> x.query(b -> b.tableName(t).keyConditions(Map.of("sk", c("EQ", n("1"))))));
    reads.put(
        "KeyConditions NE on the partition key",
        (x, t) -> x.query(b -> b.tableName(t).keyConditions(Map.of("pk", c("NE", s("a"))))));
    reads.put(
        "KeyConditions IN on the sort key",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditions(Map.of("pk", c("EQ", s("a")), "sk", c("IN", n("1"))))));
    reads.put(
        "KeyConditions on a non-key attribute",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditions(Map.of("pk", c("EQ", s("a")), "num", c("EQ", n("1"))))));
    reads.put(
        "KeyConditions with two values for EQ",
        (x, t) ->
            x.query(b -> b.tableName(t).keyConditions(Map.of("pk", c("EQ", s("a"), s("b"))))));
    reads.put(
        "KeyConditions BEGINS_WITH a number",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditions(
                            Map.of("pk", c("EQ", s("a")), "sk", c("BEGINS_WITH", n("1"))))));
    reads.put(
        "KeyConditions of the wrong type",
        (x, t) -> x.query(b -> b.tableName(t).keyConditions(Map.of("pk", c("EQ", n("1"))))));
    reads.put("Query with no key condition", (x, t) -> x.query(b -> b.tableName(t)));
    reads.put(
        "empty KeyConditions", (x, t) -> x.query(b -> b.tableName(t).keyConditions(Map.of())));
    reads.put(
        "QueryFilter on the sort key",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditions(Map.of("pk", c("EQ", s("a"))))
                        .queryFilter(Map.of("sk", c("EQ", n("1"))))));
    reads.put(
        "KeyConditions with KeyConditionExpression",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .keyConditions(Map.of("pk", c("EQ", s("a"))))));
    reads.put(
        "QueryFilter with KeyConditionExpression",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .queryFilter(Map.of("num", c("EQ", n("5"))))));
    reads.put(
        "Query AttributesToGet with KeyConditionExpression",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .attributesToGet("num")));
    reads.put(
        "Query ConditionalOperator with KeyConditionExpression",
        (x, t) ->
            x.query(
                b ->
                    b.tableName(t)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("a")))
                        .conditionalOperator("OR")));
    reads.put(
        "BatchGetItem AttributesToGet",
        (x, t) ->
            x.batchGetItem(
                    b ->
                        b.requestItems(
                            Map.of(
                                t,
                                KeysAndAttributes.builder()
                                    .keys(KEY)
                                    .attributesToGet("num", "odd.name[0]")
                                    .build())))
                .responses());
    reads.put(
        "BatchGetItem AttributesToGet with ProjectionExpression",
        (x, t) ->
            x.batchGetItem(
                b ->
                    b.requestItems(
                        Map.of(
                            t,
                            KeysAndAttributes.builder()
                                .keys(KEY)
                                .projectionExpression("pk")
                                .attributesToGet("num")
                                .build()))));
    reads.forEach(
        (name, read) -> all.put(name, (c, t) -> reading(x -> read.apply(x, t)).apply(c, t)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void engineAnswersAsDynamoDbLocal(String name, Scenario scenario) {
    String table = nextTableName();
    Object expected = run(REFERENCE, table, scenario);
    Object actual = run(ENGINE.client(), table, scenario);
    assertThat(actual).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void anUpdateWithoutActionPutsAsTheApiReferenceSays() {
    // DynamoDB Local 3.3.1 does not apply such updates (docs/compatibility.md).
    DynamoDbClient client = ENGINE.client();
    String table = nextTableName();
    createTable(client, table);
    Map<String, AttributeValue> updated =
        client
            .updateItem(
                b ->
                    b.tableName(table)
                        .key(KEY)
                        .attributeUpdates(
                            Map.of("a", AttributeValueUpdate.builder().value(n("1")).build()))
                        .returnValues("ALL_NEW"))
            .attributes();
    Map<String, AttributeValue> expected = new LinkedHashMap<>(KEY);
    expected.put("a", n("1"));
    assertThat(updated).isEqualTo(expected);
  }

  private static Object outcome(java.util.function.Supplier<Object> call) {
    try {
      return call.get();
    } catch (DynamoDbException e) {
      return describe(e);
    }
  }

  private static Object describe(DynamoDbException e) {
    Object item =
        e instanceof ConditionalCheckFailedException failed && failed.hasItem()
            ? failed.item()
            : null;
    return Arrays.asList(
        e.getClass().getSimpleName(),
        e.awsErrorDetails().errorCode(),
        e.awsErrorDetails().errorMessage(),
        item);
  }

  private static Object run(DynamoDbClient client, String table, Scenario scenario) {
    createTable(client, table);
    try {
      return scenario.apply(client, table);
    } catch (DynamoDbException e) {
      return describe(e);
    }
  }

  private static synchronized String nextTableName() {
    return "legacy" + tables++;
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
