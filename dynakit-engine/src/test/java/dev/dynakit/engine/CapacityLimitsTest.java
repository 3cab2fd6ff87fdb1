package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;

/** Provisioned capacity enforced by token buckets on the engine's clock, with burst capacity. */
class CapacityLimitsTest {
  private final BackupsTest.MovingClock clock =
      new BackupsTest.MovingClock(Instant.parse("2026-09-01T00:00:00Z"));
  private final DynakitEngine engine =
      DynakitEngine.builder().clock(clock).enforceCapacity(true).build();
  private final DynamoDbClient db = engine.client();

  CapacityLimitsTest() {
    db.createTable(
        b ->
            b.tableName("metered")
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(5L))
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType("S"),
                    a -> a.attributeName("g").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byG")
                            .keySchema(k -> k.attributeName("g").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.ALL))
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))));
    db.createTable(
        b ->
            b.tableName("free")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private void put(String table, String id) {
    db.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
  }

  private int writesUntilThrottled(String prefix) {
    for (int i = 0; i < 10_000; i++) {
      try {
        put("metered", prefix + i);
      } catch (ProvisionedThroughputExceededException e) {
        assertThat(e.getMessage())
            .startsWith(
                "The level of configured provisioned throughput for the table was exceeded.");
        return i;
      }
    }
    return -1;
  }

  @Test
  void writesAreThrottledPastTheProvisionedUnitsAndBurstCapacityBuildsUp() {
    assertThat(writesUntilThrottled("a")).isEqualTo(5);
    clock.advance(Duration.ofSeconds(1));
    assertThat(writesUntilThrottled("b")).isEqualTo(5);
    clock.advance(Duration.ofMinutes(10));
    assertThat(writesUntilThrottled("c")).isEqualTo(5 * 300);
    for (int i = 0; i < 20; i++) {
      put("free", "x" + i);
    }
  }

  @Test
  void readsHaveTheirOwnBucketAndAskedForCapacityStaysInTheAnswer() {
    put("metered", "a");
    assertThat(
            db.getItem(b -> b.tableName("metered").key(Map.of("id", AttributeValue.fromS("a"))))
                .consumedCapacity())
        .isNull();
    assertThat(
            db.getItem(
                    b ->
                        b.tableName("metered")
                            .key(Map.of("id", AttributeValue.fromS("a")))
                            .returnConsumedCapacity("TOTAL"))
                .consumedCapacity()
                .capacityUnits())
        .isEqualTo(0.5);
    db.getItem(b -> b.tableName("metered").key(Map.of("id", AttributeValue.fromS("a"))));
    db.getItem(b -> b.tableName("metered").key(Map.of("id", AttributeValue.fromS("a"))));
    assertThatThrownBy(
            () ->
                db.getItem(
                    b -> b.tableName("metered").key(Map.of("id", AttributeValue.fromS("a")))))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
  }

  @Test
  void aGlobalIndexOutOfCapacityThrottlesTheTablesWritesAndThrottledKeysAreCounted() {
    db.updateContributorInsights(b -> b.tableName("metered").contributorInsightsAction("ENABLE"));
    db.putItem(
        b ->
            b.tableName("metered")
                .item(Map.of("id", AttributeValue.fromS("a"), "g", AttributeValue.fromS("x"))));
    assertThatThrownBy(
            () ->
                db.putItem(
                    b ->
                        b.tableName("metered")
                            .item(
                                Map.of(
                                    "id",
                                    AttributeValue.fromS("b"),
                                    "g",
                                    AttributeValue.fromS("x")))))
        .isInstanceOf(ProvisionedThroughputExceededException.class)
        .hasMessageContaining("one or more global secondary indexes");
    assertThat(engine.contributors("metered", 3).orElseThrow().throttledKeys())
        .containsExactly(Map.entry(Map.of("id", AttributeValue.fromS("b")), 1L));
  }

  @Test
  void readsOfAGlobalIndexDrawOnItsOwnCapacityAndTheErrorNamesTheIndex() {
    db.putItem(
        b ->
            b.tableName("metered")
                .item(Map.of("id", AttributeValue.fromS("a"), "g", AttributeValue.fromS("x"))));
    clock.advance(Duration.ofSeconds(1));
    db.query(
        b ->
            b.tableName("metered")
                .indexName("byG")
                .keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("x"))));
    ProvisionedThroughputExceededException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ProvisionedThroughputExceededException.class,
            () -> {
              for (int i = 0; i < 10; i++) {
                db.query(
                    b ->
                        b.tableName("metered")
                            .indexName("byG")
                            .keyConditionExpression("g = :g")
                            .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("x"))));
              }
            });
    String arn = db.describeTable(b -> b.tableName("metered")).table().tableArn();
    assertThat(e.getMessage())
        .startsWith("The level of configured provisioned throughput for the index was exceeded.");
    assertThat(e.throttlingReasons())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("IndexReadProvisionedThroughputExceeded");
              assertThat(r.resource()).isEqualTo(arn + "/index/byG");
            });
    assertThat(db.getItem(b -> b.tableName("metered").key(Map.of("id", AttributeValue.fromS("a")))))
        .as("the table's reads are not the index's")
        .isNotNull();
  }

  @Test
  void onDemandTablesAreThrottledPastTheirMaximumThroughput() {
    db.createTable(
        b ->
            b.tableName("capped")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .onDemandThroughput(o -> o.maxReadRequestUnits(1_000L).maxWriteRequestUnits(3L))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    put("capped", "a");
    put("capped", "b");
    put("capped", "c");
    ThrottlingException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ThrottlingException.class, () -> put("capped", "d"));
    assertThat(e.throttlingReasons())
        .singleElement()
        .satisfies(
            r -> assertThat(r.reason()).isEqualTo("TableWriteMaxOnDemandThroughputExceeded"));
    assertThat(e.statusCode()).isEqualTo(400);
    clock.advance(Duration.ofMinutes(10));
    put("capped", "d");
    put("capped", "e");
    put("capped", "f");
    org.junit.jupiter.api.Assertions.assertThrows(
        ThrottlingException.class, () -> put("capped", "g"));
    for (int i = 0; i < 20; i++) {
      db.getItem(b -> b.tableName("capped").key(Map.of("id", AttributeValue.fromS("a"))));
    }
  }

  @Test
  void capacityIsNotEnforcedUnlessAsked() {
    try (DynakitEngine loose = DynakitEngine.inMemory()) {
      loose
          .client()
          .createTable(
              b ->
                  b.tableName("metered")
                      .billingMode(BillingMode.PROVISIONED)
                      .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L))
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      for (int i = 0; i < 50; i++) {
        int n = i;
        loose
            .client()
            .putItem(b -> b.tableName("metered").item(Map.of("id", AttributeValue.fromS("k" + n))));
      }
    }
  }
}
