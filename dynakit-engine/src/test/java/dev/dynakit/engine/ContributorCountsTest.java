package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** While contributor insights are enabled, the engine counts the keys accessed. */
class ContributorCountsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final DynamoDbClient db = engine.client();

  ContributorCountsTest() {
    db.createTable(
        b ->
            b.tableName("events")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("user").attributeType("S"),
                    a -> a.attributeName("seq").attributeType("N"))
                .keySchema(
                    k -> k.attributeName("user").keyType("HASH"),
                    k -> k.attributeName("seq").keyType("RANGE")));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static Map<String, AttributeValue> key(String user, int seq) {
    return Map.of("user", AttributeValue.fromS(user), "seq", AttributeValue.fromN("" + seq));
  }

  private void insights(String action) {
    db.updateContributorInsights(b -> b.tableName("events").contributorInsightsAction(action));
  }

  @Test
  void theMostAccessedKeysAreCountedWhileInsightsAreEnabled() {
    db.putItem(b -> b.tableName("events").item(key("ann", 1)));
    assertThat(engine.contributors("events", 5)).isEmpty();
    insights("ENABLE");
    for (int i = 0; i < 3; i++) {
      db.getItem(b -> b.tableName("events").key(key("ann", 1)));
    }
    db.putItem(b -> b.tableName("events").item(key("ann", 2)));
    db.updateItem(
        b ->
            b.tableName("events")
                .key(key("bob", 1))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1"))));
    db.deleteItem(b -> b.tableName("events").key(key("bob", 1)));
    db.batchGetItem(
        b ->
            b.requestItems(
                Map.of("events", KeysAndAttributes.builder().keys(key("cid", 1)).build())));
    db.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    "events",
                    List.of(
                        WriteRequest.builder().putRequest(p -> p.item(key("cid", 2))).build()))));
    db.transactWriteItems(
        b -> b.transactItems(t -> t.put(p -> p.tableName("events").item(key("ann", 3)))));
    DynakitEngine.Contributors counted = engine.contributors("events", 2).orElseThrow();
    assertThat(counted.throttledKeys()).isEmpty();
    assertThat(counted.partitionKeys())
        .containsExactly(
            Map.entry(Map.of("user", AttributeValue.fromS("ann")), 5L),
            Map.entry(Map.of("user", AttributeValue.fromS("bob")), 2L));
    assertThat(counted.keys()).containsEntry(key("ann", 1), 3L).hasSize(2);
    assertThat(counted.keys().keySet().iterator().next()).isEqualTo(key("ann", 1));

    insights("DISABLE");
    assertThat(engine.contributors("events", 5)).isEmpty();
    insights("ENABLE");
    db.getItem(b -> b.tableName("events").key(key("ann", 1)));
    assertThat(engine.contributors("events", 5).orElseThrow().keys())
        .containsExactly(Map.entry(key("ann", 1), 1L));
    assertThatThrownBy(() -> engine.contributors("nope", 5))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
