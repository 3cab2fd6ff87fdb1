package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Items and keys without their key attributes, refused on every target as DynamoDB Local. */
class MissingKeysTest {
  private static final String TABLE = "keyed";
  private static final Map<String, AttributeValue> NO_KEY = Map.of("v", AttributeValue.fromS("x"));
  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.withTable(TABLE);
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  @Test
  void anItemWithoutItsKeyIsRefusedByEveryWrite() {
    Outcome put =
        targets.check("put without the key", c -> c.putItem(b -> b.tableName(TABLE).item(NO_KEY)));
    assertThat(put.value().toString()).contains("ValidationException");
    targets.check(
        "batch put without the key",
        c ->
            c.batchWriteItem(
                b ->
                    b.requestItems(
                        Map.of(
                            TABLE,
                            java.util.List.of(
                                WriteRequest.builder()
                                    .putRequest(PutRequest.builder().item(NO_KEY).build())
                                    .build())))));
    targets.check(
        "transactional put without the key",
        c ->
            c.transactWriteItems(
                b ->
                    b.transactItems(
                        TransactWriteItem.builder()
                            .put(Put.builder().tableName(TABLE).item(NO_KEY).build())
                            .build())));
  }

  @Test
  void aKeyWithoutItsAttributeIsRefusedByEveryRead() {
    targets.check("get without the key", c -> c.getItem(b -> b.tableName(TABLE).key(NO_KEY)));
    targets.check(
        "update without the key",
        c ->
            c.updateItem(
                b ->
                    b.tableName(TABLE)
                        .key(NO_KEY)
                        .updateExpression("SET w = :w")
                        .expressionAttributeValues(Map.of(":w", AttributeValue.fromS("y")))));
    targets.check("delete without the key", c -> c.deleteItem(b -> b.tableName(TABLE).key(NO_KEY)));
  }
}
