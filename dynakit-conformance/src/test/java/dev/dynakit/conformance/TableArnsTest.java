package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A table named by its ARN, on every target: the same answers as DynamoDB Local, but where the
 * responses name the table (as the request did, by ARN, in the engine; by name in DynamoDB Local)
 * and in transactions, which DynamoDB Local does not resolve ARNs in (docs/compatibility.md).
 */
class TableArnsTest {
  private static final String TABLE = "arnthings";
  private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/" + TABLE;
  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.withTable(TABLE);
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  private static Map<String, AttributeValue> item(String id, String value) {
    return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value));
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  @Test
  void itemsAreWrittenAndReadThroughTheTableArn() {
    targets.check("put", c -> c.putItem(b -> b.tableName(ARN).item(item("a", "1"))));
    targets.check(
        "update",
        c ->
            c.updateItem(
                b ->
                    b.tableName(ARN)
                        .key(key("a"))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2")))
                        .returnValues(ReturnValue.ALL_OLD)));
    targets.check("get", c -> c.getItem(b -> b.tableName(ARN).key(key("a")).consistentRead(true)));
    targets.check(
        "query",
        c ->
            c.query(
                    b ->
                        b.tableName(ARN)
                            .keyConditionExpression("id = :id")
                            .expressionAttributeValues(Map.of(":id", AttributeValue.fromS("a"))))
                .items());
    targets.check(
        "condition failing",
        c ->
            c.putItem(
                b ->
                    b.tableName(ARN)
                        .item(item("a", "3"))
                        .conditionExpression("attribute_not_exists(id)")));
    targets.check("describe", c -> c.describeTable(b -> b.tableName(ARN)).table().keySchema());
    targets.check(
        "batch write",
        c ->
            c.batchWriteItem(
                    b ->
                        b.requestItems(
                            Map.of(
                                ARN,
                                List.of(
                                    WriteRequest.builder()
                                        .putRequest(p -> p.item(item("b", "1")))
                                        .build()))))
                .unprocessedItems());
    targets.check("scan", c -> c.scan(b -> b.tableName(TABLE).consistentRead(true)).count());
    targets.check("delete", c -> c.deleteItem(b -> b.tableName(ARN).key(key("b"))));
  }

  /** Responses name the table as the request did; DynamoDB Local names it by its name. */
  @Test
  void responsesNameTheTableByTheArnTheRequestGave() {
    targets.check("put", c -> c.putItem(b -> b.tableName(TABLE).item(item("c", "1"))));
    targets.check(
        "batch get",
        c ->
            c.batchGetItem(
                b ->
                    b.requestItems(Map.of(ARN, KeysAndAttributes.builder().keys(key("c")).build()))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)),
        response -> Outcome.canonical(TableArnsTest.named(Outcome.canonical(response))));
    targets.check(
        "get",
        c ->
            c.getItem(
                b ->
                    b.tableName(ARN)
                        .key(key("c"))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)),
        response -> TableArnsTest.named(Outcome.canonical(response)));
  }

  /** The table's name, where DynamoDB Local answers it, made the ARN the request gave. */
  static Object named(Object value) {
    if (TABLE.equals(value)) {
      return ARN;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TableArnsTest::named).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(named(k), named(v)));
      return copy;
    }
    return value;
  }

  /** Names and ARNs of the wrong shape are refused alike on every target. */
  @Test
  void badNamesAndArnsAreRefusedAlike() {
    for (String name :
        List.of(
            "ab",
            ARN.replace(TABLE, "x"),
            ARN.replace(":table/", ":index/"),
            ARN + "/index/byname",
            "arn:aws:s3:us-east-1:000000000000:table/" + TABLE,
            "arn:foo",
            ARN.replace(TABLE, "missing"))) {
      targets.check(name, c -> c.getItem(b -> b.tableName(name).key(key("a"))));
      targets.check(name, c -> c.deleteTable(b -> b.tableName(name)));
    }
  }

  /**
   * A transaction's actions take the ARN on every engine target, answering as DynamoDB Local does
   * to the table's name; DynamoDB Local finds no table by ARN there.
   */
  @Test
  void transactionsTakeTheTableArn() {
    Scenario byName = transaction(TABLE);
    Scenario byArn = transaction(ARN);
    Outcome local = Outcome.of(targets.reference().client(), byArn);
    assertThat(local.toString()).contains("ResourceNotFoundException");
    Outcome wanted = Outcome.of(targets.reference().client(), byName);
    for (Target.Endpoint endpoint : targets.endpoints()) {
      if (endpoint != targets.reference()) {
        assertThat(Outcome.of(endpoint.client(), byArn))
            .as(endpoint.target().name())
            .isEqualTo(wanted);
      }
    }
    targets.check("the items written", c -> c.getItem(b -> b.tableName(TABLE).key(key("t1"))));
  }

  private static Scenario transaction(String table) {
    return c ->
        c.transactWriteItems(
            b ->
                b.transactItems(
                    TransactWriteItem.builder()
                        .put(p -> p.tableName(table).item(item("t1", "t")))
                        .build(),
                    TransactWriteItem.builder()
                        .conditionCheck(
                            k ->
                                k.tableName(table)
                                    .key(key("t2"))
                                    .conditionExpression("attribute_not_exists(id)"))
                        .build()));
  }
}
