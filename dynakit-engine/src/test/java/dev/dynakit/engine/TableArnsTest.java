package dev.dynakit.engine;

import static dev.dynakit.engine.IndexTablesTest.definitions;
import static dev.dynakit.engine.IndexTablesTest.hash;
import static dev.dynakit.engine.IndexTablesTest.lsi;
import static dev.dynakit.engine.IndexTablesTest.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * A table named by its ARN wherever a request takes a table's name, on the engine, in-process and
 * over HTTP, and on Amazon DynamoDB Local: the same outcomes, except where DynamoDB Local departs
 * from the AWS documentation (docs/compatibility.md), asserted on both. DynamoDB Local answers with
 * the table's name where the API reference says a response names the table as the request did
 * (ConsumedCapacity, BatchGetItem's Responses and UnprocessedKeys, BatchWriteItem's
 * UnprocessedItems and ItemCollectionMetrics), ignores an ARN's region and account, and finds no
 * table by ARN in a transaction.
 */
class TableArnsTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final List<DynamoDbClient> ENGINES =
      List.of(ENGINE.client(), Targets.overHttp(HTTP_ENGINE));
  private static final String TABLE = "arned";
  private static final String PREFIX = "arn:aws:dynamodb:us-east-1:000000000000:table/";
  private static final String ARN = PREFIX + TABLE;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static Map<String, AttributeValue> item(String pk, String sk, String n) {
    return Map.of("pk", s(pk), "sk", s(sk), "n", AttributeValue.fromN(n), "v", s("value " + n));
  }

  /**
   * The table {@value #TABLE} made anew, keyed on pk and sk with a local index on n (so that writes
   * return item collection metrics), holding the items a/1 and a/2.
   */
  private static void fresh(DynamoDbClient client) {
    try {
      client.updateTable(b -> b.tableName(TABLE).deletionProtectionEnabled(false));
      client.deleteTable(b -> b.tableName(TABLE));
    } catch (ResourceNotFoundException e) {
      // not there yet
    }
    client.createTable(
        b ->
            b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definitions("pk", "S", "sk", "S", "n", "N"))
                .keySchema(hash("pk"), range("sk"))
                .localSecondaryIndexes(
                    lsi("bynumber", IndexTablesTest.all(), hash("pk"), range("n"))));
    client.putItem(b -> b.tableName(TABLE).item(item("a", "1", "10")));
    client.putItem(b -> b.tableName(TABLE).item(item("a", "2", "20")));
  }

  /** The outcome of a call on the table made anew, the table named as given. */
  private static Object outcome(
      DynamoDbClient client, BiFunction<DynamoDbClient, String, Object> call, String table) {
    fresh(client);
    return Targets.outcome(client, c -> call.apply(c, table));
  }

  /**
   * A canonical outcome with every string equal to {@code from}, value or map key, made {@code to}.
   */
  static Object replaced(Object value, String from, String to) {
    if (value instanceof String text) {
      return text.equals(from) ? to : text;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(replaced(element, from, to)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(replaced(k, from, to), replaced(v, from, to)));
      return copy;
    }
    return value;
  }

  private static Arguments call(String name, BiFunction<DynamoDbClient, String, Object> call) {
    return Arguments.of(name, call);
  }

  static Stream<Arguments> dataPlane() {
    ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
    Map<String, AttributeValue> values = Map.of(":p", s("a"), ":n", AttributeValue.fromN("15"));
    return Stream.of(
        call(
            "GetItem",
            (c, t) ->
                c.getItem(b -> b.tableName(t).key(key("a", "1")).returnConsumedCapacity(indexes))),
        call(
            "PutItem",
            (c, t) ->
                c.putItem(
                    b ->
                        b.tableName(t).item(item("a", "3", "30")).returnConsumedCapacity(indexes))),
        call(
            "PutItem, its condition failing",
            (c, t) ->
                c.putItem(
                    b ->
                        b.tableName(t)
                            .item(item("a", "1", "30"))
                            .conditionExpression("attribute_not_exists(pk)"))),
        call(
            "UpdateItem",
            (c, t) ->
                c.updateItem(
                    b ->
                        b.tableName(t)
                            .key(key("a", "1"))
                            .updateExpression("SET n = n + :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.ALL_NEW)
                            .returnConsumedCapacity(indexes))),
        call(
            "DeleteItem",
            (c, t) ->
                c.deleteItem(
                    b ->
                        b.tableName(t)
                            .key(key("a", "2"))
                            .returnValues(ReturnValue.ALL_OLD)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
        call(
            "Query",
            (c, t) ->
                c.query(
                    b ->
                        b.tableName(t)
                            .keyConditionExpression("pk = :p")
                            .filterExpression("n > :n")
                            .expressionAttributeValues(values)
                            .returnConsumedCapacity(indexes))),
        call(
            "Query of the local index",
            (c, t) ->
                c.query(
                    b ->
                        b.tableName(t)
                            .indexName("bynumber")
                            .keyConditionExpression("pk = :p AND n > :n")
                            .expressionAttributeValues(values)
                            .returnConsumedCapacity(indexes))),
        call(
            "Scan", (c, t) -> c.scan(b -> b.tableName(t).limit(1).returnConsumedCapacity(indexes))),
        call(
            "BatchGetItem",
            (c, t) ->
                c.batchGetItem(
                    b ->
                        b.requestItems(
                                Map.of(
                                    t,
                                    KeysAndAttributes.builder()
                                        .keys(key("a", "1"), key("a", "9"))
                                        .projectionExpression("sk, v")
                                        .build()))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
        call(
            "BatchWriteItem",
            (c, t) ->
                c.batchWriteItem(
                    b ->
                        b.requestItems(
                                Map.of(
                                    t,
                                    List.of(
                                        WriteRequest.builder()
                                            .putRequest(p -> p.item(item("b", "1", "5")))
                                            .build(),
                                        WriteRequest.builder()
                                            .deleteRequest(d -> d.key(key("a", "1")))
                                            .build())))
                            .returnConsumedCapacity(indexes))),
        call(
            "BatchGetItem of a key twice",
            (c, t) ->
                c.batchGetItem(
                    b ->
                        b.requestItems(
                            Map.of(
                                t,
                                KeysAndAttributes.builder()
                                    .keys(key("a", "1"), key("a", "1"))
                                    .build())))),
        call(
            "Query of an index the table has not",
            (c, t) ->
                c.query(
                    b ->
                        b.tableName(t)
                            .indexName("nope")
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", s("a"))))));
  }

  /**
   * A data-plane call by ARN answers as DynamoDB Local answers it, but for the table's name in the
   * response: the engine names the table by its ARN, as the request did, where DynamoDB Local gives
   * its name.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dataPlane")
  void dataPlaneOperationsTakeTheTableArn(
      String name, BiFunction<DynamoDbClient, String, Object> call) {
    Object local = outcome(REFERENCE, call, ARN);
    assertThat(local).isEqualTo(outcome(REFERENCE, call, TABLE));
    for (DynamoDbClient client : ENGINES) {
      assertThat(outcome(client, call, ARN)).isEqualTo(replaced(local, TABLE, ARN));
      assertThat(outcome(client, call, TABLE)).isEqualTo(local);
    }
  }

  @Test
  void responsesNameTheTableAsTheRequestDid() {
    BiFunction<DynamoDbClient, String, Object> get =
        (c, t) ->
            c.batchGetItem(
                b ->
                    b.requestItems(
                            Map.of(t, KeysAndAttributes.builder().keys(key("a", "1")).build()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    fresh(REFERENCE);
    var local =
        REFERENCE.batchGetItem(
            r ->
                r.requestItems(Map.of(ARN, keys(key("a", "1"))))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(local.responses()).containsOnlyKeys(TABLE);
    assertThat(local.consumedCapacity().get(0).tableName()).isEqualTo(TABLE);
    for (DynamoDbClient client : ENGINES) {
      fresh(client);
      var response =
          client.batchGetItem(
              r ->
                  r.requestItems(Map.of(ARN, keys(key("a", "1"))))
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      assertThat(response.responses()).containsOnlyKeys(ARN);
      assertThat(response.responses().get(ARN)).containsExactly(item("a", "1", "10"));
      assertThat(response.consumedCapacity().get(0).tableName()).isEqualTo(ARN);
      var written =
          client.putItem(
              b ->
                  b.tableName(ARN)
                      .item(item("c", "1", "1"))
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
      assertThat(written.consumedCapacity().tableName()).isEqualTo(ARN);
      var batch =
          client.batchWriteItem(
              r ->
                  r.requestItems(Map.of(ARN, List.of(put(item("c", "2", "2")))))
                      .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
      assertThat(batch.itemCollectionMetrics()).containsOnlyKeys(ARN);
      assertThat(outcome(client, get, TABLE)).isEqualTo(outcome(REFERENCE, get, TABLE));
    }
  }

  private static KeysAndAttributes keys(Map<String, AttributeValue> key) {
    return KeysAndAttributes.builder().keys(key).build();
  }

  /**
   * The same table named once by name and once by ARN in one batch: two entries of the request,
   * each answered under its own name, as the API reference has responses name tables as requests
   * do. DynamoDB Local keeps one entry only: it answers the ARN's keys under the table's name and
   * loses the other entry's, and it writes the ARN's items and loses the other entry's.
   */
  @Test
  void aTableNamedTwiceInOneBatchIsTwoEntriesOfIt() {
    Map<String, KeysAndAttributes> both = new LinkedHashMap<>();
    both.put(TABLE, keys(key("a", "1")));
    both.put(ARN, keys(key("a", "2")));
    Map<String, List<WriteRequest>> writes = new LinkedHashMap<>();
    writes.put(TABLE, List.of(put(item("d", "1", "1"))));
    writes.put(ARN, List.of(put(item("d", "2", "2"))));
    fresh(REFERENCE);
    var local = REFERENCE.batchGetItem(r -> r.requestItems(both));
    assertThat(local.responses()).containsOnlyKeys(TABLE);
    assertThat(local.responses().get(TABLE)).containsExactly(item("a", "2", "20"));
    assertThat(REFERENCE.batchWriteItem(r -> r.requestItems(writes)).unprocessedItems()).isEmpty();
    assertThat(partitions(REFERENCE)).containsExactly("a", "a", "d");
    for (DynamoDbClient client : ENGINES) {
      fresh(client);
      var response = client.batchGetItem(r -> r.requestItems(both));
      assertThat(response.responses()).containsOnlyKeys(TABLE, ARN);
      assertThat(response.responses().get(TABLE)).containsExactly(item("a", "1", "10"));
      assertThat(response.responses().get(ARN)).containsExactly(item("a", "2", "20"));
      assertThat(client.batchWriteItem(r -> r.requestItems(writes)).unprocessedItems()).isEmpty();
      assertThat(partitions(client)).containsExactly("a", "a", "d", "d");
      assertThat(client.getItem(b -> b.tableName(TABLE).key(key("d", "1"))).item())
          .isEqualTo(item("d", "1", "1"));
    }
  }

  private static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(p -> p.item(item)).build();
  }

  /** The partition keys of the table's items, sorted. */
  private static List<String> partitions(DynamoDbClient client) {
    return client.scan(b -> b.tableName(TABLE)).items().stream()
        .map(i -> i.get("pk").s())
        .sorted()
        .toList();
  }

  /**
   * Transactions of actions whose costs differ, so that DynamoDB Local's way of counting actions of
   * equal cost (docs/compatibility.md) plays no part.
   *
   * @return the name, whether DynamoDB Local answers as to the table's name (rather than that there
   *     is no such table), and the call
   */
  static Stream<Arguments> transactions() {
    return Stream.of(
        Arguments.of(
            "TransactGetItems",
            false,
            (BiFunction<DynamoDbClient, String, Object>)
                (c, t) ->
                    c.transactGetItems(
                        b ->
                            b.transactItems(
                                    TransactGetItem.builder()
                                        .get(g -> g.tableName(t).key(key("a", "1")))
                                        .build(),
                                    TransactGetItem.builder()
                                        .get(g -> g.tableName(t).key(key("a", "9")))
                                        .build())
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
        Arguments.of(
            "TransactWriteItems",
            false,
            (BiFunction<DynamoDbClient, String, Object>)
                (c, t) ->
                    c.transactWriteItems(
                        b ->
                            b.transactItems(
                                    TransactWriteItem.builder()
                                        .put(p -> p.tableName(t).item(item("e", "1", "1")))
                                        .build(),
                                    TransactWriteItem.builder()
                                        .delete(d -> d.tableName(t).key(key("z", "1")))
                                        .build())
                                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))),
        Arguments.of(
            "TransactWriteItems, a condition failing",
            true,
            (BiFunction<DynamoDbClient, String, Object>)
                (c, t) ->
                    c.transactWriteItems(
                        b ->
                            b.transactItems(
                                TransactWriteItem.builder()
                                    .put(
                                        p ->
                                            p.tableName(t)
                                                .item(item("a", "1", "1"))
                                                .conditionExpression("attribute_not_exists(pk)"))
                                    .build()))));
  }

  /**
   * A transaction's actions take the table's ARN, as the API reference says; DynamoDB Local finds
   * no table by ARN there (but for a failing condition, which it reports first). The engine answers
   * as DynamoDB Local does to the table's name, but for the table's name in the response.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transactions")
  void transactionsTakeTheTableArn(
      String name, boolean localFindsIt, BiFunction<DynamoDbClient, String, Object> call) {
    Object local = outcome(REFERENCE, call, TABLE);
    assertThat(outcome(REFERENCE, call, ARN))
        .isEqualTo(
            localFindsIt
                ? local
                : List.of(
                    "ResourceNotFoundException",
                    "ResourceNotFoundException",
                    "Cannot do operations on a non-existent table"));
    for (DynamoDbClient client : ENGINES) {
      assertThat(outcome(client, call, ARN)).isEqualTo(replaced(local, TABLE, ARN));
      assertThat(outcome(client, call, TABLE)).isEqualTo(local);
    }
  }

  /** One item named by name and by ARN in one transaction is one item twice. */
  @Test
  void aTransactionSeesOneItemThroughNameAndArn() {
    Function<DynamoDbClient, Object> twice =
        c ->
            c.transactWriteItems(
                b ->
                    b.transactItems(
                        TransactWriteItem.builder()
                            .put(p -> p.tableName(TABLE).item(item("a", "1", "1")))
                            .build(),
                        TransactWriteItem.builder()
                            .delete(d -> d.tableName(ARN).key(key("a", "1")))
                            .build()));
    Function<DynamoDbClient, Object> byName =
        c ->
            c.transactWriteItems(
                b ->
                    b.transactItems(
                        TransactWriteItem.builder()
                            .put(p -> p.tableName(TABLE).item(item("a", "1", "1")))
                            .build(),
                        TransactWriteItem.builder()
                            .delete(d -> d.tableName(TABLE).key(key("a", "1")))
                            .build()));
    fresh(REFERENCE);
    Object local = Targets.outcome(REFERENCE, byName);
    assertThat(local)
        .isEqualTo(
            List.of(
                "DynamoDbException",
                "ValidationException",
                "Transaction request cannot include multiple operations on one item"));
    for (DynamoDbClient client : ENGINES) {
      fresh(client);
      assertThat(Targets.outcome(client, twice)).isEqualTo(local);
    }
  }

  static Stream<Arguments> controlPlane() {
    return Stream.of(
        call(
            "DescribeTable",
            (c, t) -> IndexTablesTest.comparable(c.describeTable(b -> b.tableName(t)).table())),
        call(
            "UpdateTable",
            (c, t) ->
                IndexTablesTest.comparable(
                    c.updateTable(b -> b.tableName(t).deletionProtectionEnabled(true))
                        .tableDescription())),
        call(
            "DeleteTable",
            (c, t) ->
                List.of(
                    IndexTablesTest.comparable(
                        c.deleteTable(b -> b.tableName(t)).tableDescription()),
                    Targets.outcome(c, d -> d.describeTable(b -> b.tableName(TABLE))))),
        call(
            "UpdateTimeToLive",
            (c, t) ->
                List.of(
                    Targets.canonical(
                        c.updateTimeToLive(
                            b ->
                                b.tableName(t)
                                    .timeToLiveSpecification(
                                        s -> s.attributeName("n").enabled(true)))),
                    Targets.canonical(c.describeTimeToLive(b -> b.tableName(t))))),
        call(
            "CreateTable",
            (c, t) ->
                c.createTable(
                    b ->
                        b.tableName(PREFIX + "made")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(definitions("pk", "S"))
                            .keySchema(hash("pk")))));
  }

  /** The control plane takes the ARN as DynamoDB Local does, and CreateTable refuses it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("controlPlane")
  void controlPlaneOperationsTakeTheTableArn(
      String name, BiFunction<DynamoDbClient, String, Object> call) {
    Object local = outcome(REFERENCE, call, ARN);
    assertThat(local).isEqualTo(outcome(REFERENCE, call, TABLE));
    for (DynamoDbClient client : ENGINES) {
      assertThat(outcome(client, call, ARN)).isEqualTo(local);
    }
  }

  /**
   * Names and ARNs of the wrong shape: DynamoDB's messages for a bad name (also inside an ARN) and
   * for a bad ARN, the same on every operation.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "ta b",
        "ARN:aws:dynamodb:us-east-1:000000000000:table/arned",
        PREFIX + "x",
        PREFIX,
        PREFIX + "ta b",
        PREFIX + "arned/index/bynumber",
        PREFIX + "arned/stream/2026-01-01T00:00:00.000",
        "arn:aws:dynamodb:us-east-1:000000000000:index/arned",
        "arn:aws:dynamodb:us-east-1:000000000000:arned",
        "arn:aws:s3:us-east-1:000000000000:table/arned",
        "arn:aws-cn:dynamodb:us-east-1:000000000000:table/arned",
        "arn:foo",
        "arn:",
        "nope",
        PREFIX + "nope"
      })
  void badNamesAndArnsAreRefusedAsDynamoDbLocalRefusesThem(String name) {
    List<Function<DynamoDbClient, Object>> calls =
        List.of(
            c -> c.getItem(b -> b.tableName(name).key(key("a", "1"))),
            c -> c.putItem(b -> b.tableName(name).item(item("a", "1", "1"))),
            c -> c.scan(b -> b.tableName(name)),
            c -> c.describeTable(b -> b.tableName(name)),
            c -> c.describeTimeToLive(b -> b.tableName(name)),
            c -> c.deleteTable(b -> b.tableName(name)),
            c -> c.batchGetItem(b -> b.requestItems(Map.of(name, keys(key("a", "1"))))),
            c ->
                c.createTable(b -> b.tableName(name).attributeDefinitions(definitions("pk", "S"))));
    for (Function<DynamoDbClient, Object> call : calls) {
      Object local = Targets.outcome(REFERENCE, call);
      assertThat(local).asList().hasSize(3);
      for (DynamoDbClient client : ENGINES) {
        assertThat(Targets.outcome(client, call)).as(name).isEqualTo(local);
      }
    }
  }

  /**
   * An ARN of another region or account: DynamoDB Local ignores both and serves the table; AWS
   * refuses another region's ARN, and another account's unless a resource-based policy opens it,
   * which no table of the engine has.
   */
  @Test
  void anArnOfAnotherRegionOrAccountIsRefused() {
    String otherRegion = "arn:aws:dynamodb:us-west-2:000000000000:table/" + TABLE;
    String otherAccount = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
    BiFunction<DynamoDbClient, String, Object> get =
        (c, t) -> c.getItem(b -> b.tableName(t).key(key("a", "1"))).item();
    assertThat(outcome(REFERENCE, get, otherRegion)).isEqualTo(outcome(REFERENCE, get, TABLE));
    assertThat(outcome(REFERENCE, get, otherAccount)).isEqualTo(outcome(REFERENCE, get, TABLE));
    for (DynamoDbClient client : ENGINES) {
      assertThat(outcome(client, get, otherRegion))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "1 validation error detected: Invalid AWS region in '" + otherRegion + "'"));
      assertThat(outcome(client, get, otherAccount))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "AccessDeniedException",
                  "User is not authorized to access the table "
                      + otherAccount
                      + ": it belongs to another account, and no resource-based policy allows"
                      + " access to it"));
    }
  }

  /** An engine of another region takes ARNs of its own region only. */
  @Test
  void theArnOfATableHasTheEnginesRegion() {
    try (DynakitEngine engine = DynakitEngine.builder().region("eu-west-1").build()) {
      DynamoDbClient client = engine.client();
      fresh(client);
      String arn = client.describeTable(b -> b.tableName(TABLE)).table().tableArn();
      assertThat(arn).isEqualTo("arn:aws:dynamodb:eu-west-1:000000000000:table/" + TABLE);
      assertThat(client.getItem(b -> b.tableName(arn).key(key("a", "1"))).item())
          .isEqualTo(item("a", "1", "10"));
      assertThat(Targets.outcome(client, c -> c.describeTable(b -> b.tableName(ARN))))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "1 validation error detected: Invalid AWS region in '" + ARN + "'"));
    }
  }
}
