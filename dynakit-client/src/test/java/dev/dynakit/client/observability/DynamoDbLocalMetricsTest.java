package dev.dynakit.client.observability;

import static dev.dynakit.client.observability.Fixture.KEY;
import static dev.dynakit.client.observability.Fixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The capacity and error meters against DynamoDB Local over HTTP, where what is reported (capacity
 * units, their per-table split, error codes) is DynamoDB's own behaviour.
 */
class DynamoDbLocalMetricsTest {
  private static DynamoDbLocalServer server;
  private static String endpoint;
  private static DynamoDbClient plain;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeAll
  static void start() throws Exception {
    server = DynamoDbLocalServer.start();
    endpoint = server.endpoint();
    plain =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(Fixture.CREDENTIALS)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    for (String table : new String[] {"alpha", "beta"}) {
      plain.createTable(
          b ->
              b.tableName(table)
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }
    plain.putItem(
        b -> b.tableName("alpha").item(Map.of("id", s(KEY + "a"), "text", s("x".repeat(5000)))));
    plain.putItem(b -> b.tableName("beta").item(Map.of("id", s(KEY + "b"))));
  }

  @AfterAll
  static void stop() throws Exception {
    plain.close();
    server.close();
  }

  private Dynakit dynakit() {
    return Dynakit.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
        .credentials(Fixture.CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .meterRegistry(registry)
        .build();
  }

  @Test
  void partiqlCallsAreTaggedWithTheTablesTheirStatementsName() {
    try (Dynakit dynakit = dynakit()) {
      DynamoDbClient sdk = dynakit.sdk();
      sdk.executeStatement(b -> b.statement("INSERT INTO \"beta\" VALUE {'id': '" + KEY + "q1'}"));
      sdk.executeStatement(b -> b.statement("SELECT * FROM beta WHERE id = 'FROM alpha'"));
      sdk.batchExecuteStatement(
          b ->
              b.statements(
                  s -> s.statement("SELECT * FROM \"alpha\" WHERE id = '" + KEY + "a'"),
                  s -> s.statement("SELECT * FROM \"beta\" WHERE id = '" + KEY + "q1'")));
      sdk.executeTransaction(
          b ->
              b.transactStatements(
                  s -> s.statement("UPDATE beta SET n = 1 WHERE id = '" + KEY + "q1'")));
    }

    assertThat(operations("ExecuteStatement", "beta")).isEqualTo(2);
    assertThat(operations("BatchExecuteStatement", "alpha")).isEqualTo(1);
    assertThat(operations("BatchExecuteStatement", "beta")).isEqualTo(1);
    assertThat(operations("ExecuteTransaction", "beta")).isEqualTo(1);
    assertThat(registry.find("dynamodb_operations_total").tag("table", "none").counters())
        .isEmpty();
    assertThat(
            registry
                .find("dynamodb_operations_total")
                .tags("operation", "ExecuteStatement", "table", "alpha")
                .counters())
        .as("a table named inside a value is not a table")
        .isEmpty();
  }

  private double operations(String operation, String table) {
    return registry
        .get("dynamodb_operations_total")
        .tags("operation", operation, "table", table, "status", "success")
        .counter()
        .count();
  }

  @Test
  void countsTheCapacityDynamoDbReportsPerTableAndHidesItFromTheCaller() {
    Map<String, KeysAndAttributes> keys =
        Map.of(
            "alpha", KeysAndAttributes.builder().keys(Map.of("id", s(KEY + "a"))).build(),
            "beta", KeysAndAttributes.builder().keys(Map.of("id", s(KEY + "b"))).build());
    GetItemResponse got;
    BatchGetItemResponse batch;
    try (Dynakit dynakit = dynakit()) {
      got =
          dynakit
              .sdk()
              .getItem(
                  b -> b.tableName("alpha").key(Map.of("id", s(KEY + "a"))).consistentRead(true));
      batch = dynakit.sdk().batchGetItem(b -> b.requestItems(keys));
    }
    double expectedGet =
        plain
            .getItem(
                b ->
                    b.tableName("alpha")
                        .key(Map.of("id", s(KEY + "a")))
                        .consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .capacityUnits();
    Map<String, Double> expectedBatch = new java.util.HashMap<>();
    for (ConsumedCapacity each :
        plain
            .batchGetItem(
                b -> b.requestItems(keys).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()) {
      expectedBatch.put(each.tableName(), each.capacityUnits());
    }

    assertThat(got.consumedCapacity()).isNull();
    assertThat(batch.hasConsumedCapacity()).isFalse();
    assertThat(capacity("GetItem", "alpha")).isEqualTo(expectedGet).isGreaterThan(1.0);
    assertThat(capacity("BatchGetItem", "alpha")).isEqualTo(expectedBatch.get("alpha"));
    assertThat(capacity("BatchGetItem", "beta")).isEqualTo(expectedBatch.get("beta"));
  }

  @Test
  void countsATransactionsCapacityPerTable() {
    TransactWriteItemsResponse asked;
    try (Dynakit dynakit = dynakit()) {
      asked =
          dynakit
              .sdk()
              .transactWriteItems(
                  b ->
                      b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                          .transactItems(
                              t ->
                                  t.put(
                                      p -> p.tableName("alpha").item(Map.of("id", s(KEY + "t1")))),
                              t ->
                                  t.put(
                                      p -> p.tableName("beta").item(Map.of("id", s(KEY + "t2"))))));
    }

    assertThat(asked.consumedCapacity()).as("the caller asked, so keeps it").hasSize(2);
    for (ConsumedCapacity each : asked.consumedCapacity()) {
      assertThat(capacity("TransactWriteItems", each.tableName())).isEqualTo(each.capacityUnits());
    }
  }

  @Test
  void countsDynamoDbsConditionFailuresAndErrorCodes() {
    try (Dynakit dynakit = dynakit()) {
      assertThatThrownBy(
              () ->
                  dynakit
                      .sdk()
                      .putItem(
                          b ->
                              b.tableName("beta")
                                  .item(Map.of("id", s(KEY + "b")))
                                  .conditionExpression("attribute_not_exists(id)")))
          .isInstanceOf(RuntimeException.class);
      assertThatThrownBy(
              () ->
                  dynakit.sdk().getItem(b -> b.tableName("gamma").key(Map.of("id", s(KEY + "g")))))
          .isInstanceOf(RuntimeException.class);
    }

    Counter failures =
        registry.get("dynamodb_conditional_check_failures").tag("table", "beta").counter();
    assertThat(failures.count()).isEqualTo(1);
    assertThat(
            registry
                .get("dynamodb_errors_total")
                .tag("error_type", "ResourceNotFoundException")
                .tag("table", "gamma")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void partiqlStatementsAreTaggedWithTheirTableAndATransactionsCommitIsLogged() {
    ch.qos.logback.classic.Logger operations =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(LoggingObserver.OPERATIONS);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    operations.addAppender(captured);
    try (Dynakit dynakit = dynakit()) {
      dynakit
          .sdk()
          .executeStatement(
              b -> b.statement("SELECT * FROM beta WHERE id = ?").parameters(s(KEY + "b")));
      dynakit
          .sdk()
          .executeTransaction(
              b ->
                  b.transactStatements(
                      t ->
                          t.statement("INSERT INTO beta VALUE {'id': ?}").parameters(s(KEY + "p1")),
                      t ->
                          t.statement("INSERT INTO beta VALUE {'id': ?}")
                              .parameters(s(KEY + "p2"))));
    } finally {
      operations.detachAppender(captured);
    }

    assertThat(
            registry
                .get("dynamodb_operations_total")
                .tag("operation", "ExecuteStatement")
                .tag("table", "beta")
                .tag("status", "success")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("dynamodb_items_returned")
                .tag("operation", "ExecuteStatement")
                .summary()
                .totalAmount())
        .isEqualTo(1.0);
    assertThat(captured.list)
        .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getFormattedMessage())
                    .startsWith("ExecuteTransaction committed: 2 items on [beta]"));
    assertThat(captured.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
  }

  private double capacity(String operation, String table) {
    Counter counter =
        registry
            .find("dynamodb_consumed_capacity_total")
            .tag("operation", operation)
            .tag("table", table)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
