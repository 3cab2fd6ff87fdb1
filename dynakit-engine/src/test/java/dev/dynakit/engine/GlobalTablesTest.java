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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Global tables (2019.11.21) across the regions of one engine: replicas made and deleted with
 * UpdateTable, writes replicated both ways, last writer wins. DynamoDB Local has none (it answers
 * ReplicaUpdates with "Nothing to update"; docs/compatibility.md, "Global tables").
 */
class GlobalTablesTest {
  private final BackupsTest.MovingClock clock =
      new BackupsTest.MovingClock(Instant.parse("2026-08-01T00:00:00Z"));
  private final DynakitEngine east = DynakitEngine.builder().clock(clock).build();
  private final DynakitEngine west = east.replica("eu-west-1");
  private final DynamoDbClient a = east.client();
  private final DynamoDbClient b = west.client();

  GlobalTablesTest() {
    a.createTable(
        t ->
            t.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    d -> d.attributeName("id").attributeType("S"),
                    d -> d.attributeName("status").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byStatus")
                            .keySchema(k -> k.attributeName("status").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
  }

  @AfterEach
  void close() {
    east.close();
  }

  private static void put(DynamoDbClient client, String id, String status) {
    client.putItem(
        t ->
            t.tableName("orders")
                .item(
                    Map.of(
                        "id", AttributeValue.fromS(id), "status", AttributeValue.fromS(status))));
  }

  private static String status(DynamoDbClient client, String id) {
    Map<String, AttributeValue> item =
        client
            .getItem(t -> t.tableName("orders").key(Map.of("id", AttributeValue.fromS(id))))
            .item();
    return item == null || item.isEmpty() ? null : item.get("status").s();
  }

  private void replicate() {
    a.updateTable(
        t -> t.tableName("orders").replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1"))));
  }

  @Test
  void aReplicaGetsTheItemsAndEveryLaterWriteBothWays() {
    put(a, "o-1", "new");
    replicate();
    TableDescription east = a.describeTable(t -> t.tableName("orders")).table();
    assertThat(east.globalTableVersion()).isEqualTo("2019.11.21");
    assertThat(east.replicas())
        .extracting(ReplicaDescription::regionName)
        .containsExactly("eu-west-1");
    TableDescription west = b.describeTable(t -> t.tableName("orders")).table();
    assertThat(west.replicas())
        .extracting(ReplicaDescription::regionName)
        .containsExactly("us-east-1");
    assertThat(west.tableArn()).startsWith("arn:aws:dynamodb:eu-west-1:");
    assertThat(west.globalSecondaryIndexes())
        .extracting(i -> i.indexName())
        .containsExactly("byStatus");
    assertThat(status(b, "o-1")).isEqualTo("new");

    put(a, "o-2", "paid");
    b.updateItem(
        t ->
            t.tableName("orders")
                .key(Map.of("id", AttributeValue.fromS("o-1")))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("shipped"))));
    a.deleteItem(t -> t.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-2"))));
    this.east.awaitReplication();
    assertThat(status(a, "o-1")).isEqualTo("shipped");
    assertThat(status(b, "o-2")).isNull();
    assertThat(
            b.query(
                    t ->
                        t.tableName("orders")
                            .indexName("byStatus")
                            .keyConditionExpression("#s = :s")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(
                                Map.of(":s", AttributeValue.fromS("shipped"))))
                .count())
        .isEqualTo(1);
    b.transactWriteItems(
        t ->
            t.transactItems(
                w ->
                    w.put(
                        p ->
                            p.tableName("orders")
                                .item(
                                    Map.of(
                                        "id",
                                        AttributeValue.fromS("o-3"),
                                        "status",
                                        AttributeValue.fromS("new"))))));
    this.east.awaitReplication();
    assertThat(status(a, "o-3")).isEqualTo("new");
  }

  @Test
  void conflictingWritesEndTheSameEverywhereTheLaterWinning() {
    replicate();
    put(a, "o-1", "from east");
    clock.advance(Duration.ofMillis(5));
    put(b, "o-1", "from west");
    east.awaitReplication();
    assertThat(status(a, "o-1")).isEqualTo("from west");
    assertThat(status(b, "o-1")).isEqualTo("from west");
    put(b, "o-2", "west first");
    clock.advance(Duration.ofMillis(5));
    put(a, "o-2", "east later");
    east.awaitReplication();
    assertThat(status(a, "o-2")).isEqualTo("east later");
    assertThat(status(b, "o-2")).isEqualTo("east later");
  }

  @Test
  void writersGoingOnWhileAReplicaIsMadeLoseNothingAndBothRegionsEndEqual() throws Exception {
    for (int i = 0; i < 200; i++) {
      put(a, "seed" + i, "s");
    }
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.List<Thread> writers = new java.util.ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      Thread thread =
          new Thread(
              () -> {
                int n = 0;
                while (!stop.get()) {
                  put(a, "w" + writer + "-" + (n++ % 50), "v" + n);
                  if (n % 7 == 0) {
                    a.deleteItem(
                        t ->
                            t.tableName("orders")
                                .key(
                                    Map.of(
                                        "id", AttributeValue.fromS("seed" + (writer * 7) % 200))));
                  }
                }
              });
      thread.start();
      writers.add(thread);
    }
    try {
      replicate();
      put(b, "from-west", "x");
    } finally {
      stop.set(true);
      for (Thread thread : writers) {
        thread.join();
      }
    }
    east.awaitReplication();
    assertThat(scan(b)).isEqualTo(scan(a));
    assertThat(scan(a)).containsKey("from-west");
  }

  private static Map<String, String> scan(DynamoDbClient client) {
    Map<String, String> items = new java.util.TreeMap<>();
    client
        .scan(t -> t.tableName("orders"))
        .items()
        .forEach(item -> items.put(item.get("id").s(), item.get("status").s()));
    return items;
  }

  @Test
  void pausedReplicationShowsLagAndLetsConflictsBeMadeOnPurpose() {
    replicate();
    east.pauseReplication();
    put(a, "o-1", "from east");
    clock.advance(Duration.ofMillis(5));
    put(b, "o-1", "from west");
    east.awaitReplication();
    assertThat(status(a, "o-1")).isEqualTo("from east");
    assertThat(status(b, "o-1")).isEqualTo("from west");
    east.resumeReplication();
    east.awaitReplication();
    assertThat(status(a, "o-1")).isEqualTo("from west");
    assertThat(status(b, "o-1")).isEqualTo("from west");
  }

  @Test
  void deletingAReplicaDeletesItsTableAndStopsReplication() {
    replicate();
    a.updateTable(
        t -> t.tableName("orders").replicaUpdates(r -> r.delete(d -> d.regionName("eu-west-1"))));
    assertThatThrownBy(() -> b.describeTable(t -> t.tableName("orders")))
        .isInstanceOf(ResourceNotFoundException.class);
    TableDescription alone = a.describeTable(t -> t.tableName("orders")).table();
    assertThat(alone.replicas()).isEmpty();
    assertThat(alone.globalTableVersion()).isNull();
    put(a, "o-9", "x");
    east.awaitReplication();
    assertThat(east.replica("us-east-1")).isSameAs(east);
  }

  @Test
  void theVersion2017OperationsJoinTablesMadeInEachRegion() {
    west.client()
        .createTable(
            t ->
                t.tableName("orders")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                        d -> d.attributeName("id").attributeType("S"),
                        d -> d.attributeName("status").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .globalSecondaryIndexes(
                        g ->
                            g.indexName("byStatus")
                                .keySchema(k -> k.attributeName("status").keyType("HASH"))
                                .projection(p -> p.projectionType(ProjectionType.ALL)))
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    var created =
        a.createGlobalTable(
                g ->
                    g.globalTableName("orders")
                        .replicationGroup(
                            r -> r.regionName("us-east-1"), r -> r.regionName("eu-west-1")))
            .globalTableDescription();
    assertThat(created.globalTableArn())
        .isEqualTo("arn:aws:dynamodb::000000000000:global-table/orders");
    assertThat(created.replicationGroup())
        .extracting(ReplicaDescription::regionName)
        .containsExactly("eu-west-1", "us-east-1");
    assertThat(a.describeTable(t -> t.tableName("orders")).table().globalTableVersion())
        .isEqualTo("2017.11.29");
    put(a, "o-1", "new");
    east.awaitReplication();
    assertThat(status(b, "o-1")).isEqualTo("new");
    assertThat(a.listGlobalTables(l -> {}).globalTables()).hasSize(1);
    assertThat(a.listGlobalTables(l -> l.regionName("ap-south-1")).globalTables()).isEmpty();
    assertThat(a.describeGlobalTable(d -> d.globalTableName("orders")).globalTableDescription())
        .isEqualTo(created);
    assertThatThrownBy(
            () ->
                a.createGlobalTable(
                    g ->
                        g.globalTableName("orders")
                            .replicationGroup(r -> r.regionName("us-east-1"))))
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.GlobalTableAlreadyExistsException.class);
    a.updateGlobalTable(
        u ->
            u.globalTableName("orders")
                .replicaUpdates(r -> r.delete(d -> d.regionName("eu-west-1"))));
    put(a, "o-2", "alone");
    east.awaitReplication();
    assertThat(status(b, "o-2")).isNull();
    assertThatThrownBy(
            () ->
                a.updateGlobalTable(
                    u ->
                        u.globalTableName("orders")
                            .replicaUpdates(r -> r.delete(d -> d.regionName("eu-west-1")))))
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.ReplicaNotFoundException.class);
    var settings =
        a.describeGlobalTableSettings(d -> d.globalTableName("orders")).replicaSettings();
    assertThat(settings).extracting(r -> r.regionName()).containsExactly("us-east-1");
    assertThat(settings.get(0).replicaBillingModeSummary().billingModeAsString())
        .isEqualTo("PAY_PER_REQUEST");
    assertThat(settings.get(0).replicaGlobalSecondaryIndexSettings())
        .extracting(i -> i.indexName())
        .containsExactly("byStatus");
    var updated =
        a.updateGlobalTableSettings(
                u ->
                    u.globalTableName("orders")
                        .globalTableBillingMode(BillingMode.PROVISIONED)
                        .globalTableProvisionedWriteCapacityUnits(7L)
                        .replicaSettingsUpdate(
                            r -> r.regionName("us-east-1").replicaProvisionedReadCapacityUnits(9L)))
            .replicaSettings();
    assertThat(updated.get(0).replicaProvisionedReadCapacityUnits()).isEqualTo(9L);
    assertThat(updated.get(0).replicaProvisionedWriteCapacityUnits()).isEqualTo(7L);
    assertThatThrownBy(() -> a.describeGlobalTableSettings(d -> d.globalTableName("nope")))
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException.class);
    assertThatThrownBy(() -> a.describeGlobalTable(d -> d.globalTableName("nope")))
        .isInstanceOf(
            software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException.class);
  }

  @Test
  void replicasNeedAStreamOfBothImagesAndOneReplicaPerRegion() {
    a.createTable(
        t ->
            t.tableName("plain")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    assertThatThrownBy(
            () ->
                a.updateTable(
                    t ->
                        t.tableName("plain")
                            .replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1")))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining(
            "must have DynamoDB Streams enabled with the NEW_AND_OLD_IMAGES view type");
    replicate();
    assertThatThrownBy(this::replicate)
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Table orders already has a replica in region eu-west-1");
    west.client()
        .createTable(
            t ->
                t.tableName("plain")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(d -> d.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    a.updateTable(
        t ->
            t.tableName("plain")
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    assertThatThrownBy(
            () ->
                a.updateTable(
                    t ->
                        t.tableName("plain")
                            .replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1")))))
        .hasMessageStartingWith(
            "Table plain cannot have a replica in region eu-west-1: a table of that name exists there");
    assertThatThrownBy(
            () ->
                a.updateTable(
                    t ->
                        t.tableName("orders")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .replicaUpdates(r -> r.delete(d -> d.regionName("eu-west-1")))))
        .hasMessageStartingWith(
            "ReplicaUpdates cannot be combined with other updates of the table");
    assertThatThrownBy(
            () ->
                a.updateTable(
                    t ->
                        t.tableName("orders")
                            .replicaUpdates(r -> r.delete(d -> d.regionName("ap-south-1")))))
        .hasMessageStartingWith("Replica ap-south-1 of table orders does not exist");
    assertThatThrownBy(() -> east.replica("nowhere")).isInstanceOf(IllegalArgumentException.class);
  }
}
