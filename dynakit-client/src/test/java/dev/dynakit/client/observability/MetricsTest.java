package dev.dynakit.client.observability;

import static dev.dynakit.client.observability.Fixture.KEY;
import static dev.dynakit.client.observability.Fixture.n;
import static dev.dynakit.client.observability.Fixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

@ScanForSecrets(Fixture.SECRET + "observability-secret-key")
class MetricsTest {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Fixture fixture = new Fixture();
  private final Dynakit dynakit = fixture.dynakit(registry, null);
  private final DynamoDbClient sdk = dynakit.sdk();

  MetricsTest() {
    // MockClock.add is not atomic: callers on several threads take turns, or time could go back.
    fixture.http.onRequest(
        () -> {
          synchronized (clock) {
            clock.add(Duration.ofMillis(7));
          }
        });
  }

  @AfterEach
  void close(SecretScan scan) {
    scan.meters(registry);
    dynakit.close();
    fixture.close();
  }

  @Test
  void countsSuccessfulCallsPerOperationAndTableAndTimesThemOnTheRegistryClock() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "2"))));
    sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));

    assertThat(count("dynamodb_operations_total", "PutItem", "things", "success")).isEqualTo(2);
    assertThat(count("dynamodb_operations_total", "GetItem", "things", "success")).isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "GetItem", "things", "error")).isZero();
    Timer puts = timer("PutItem", "things");
    assertThat(puts.count()).isEqualTo(2);
    assertThat(puts.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(14.0);
  }

  @Test
  void countsExactlyUnderConcurrentCallers() throws Exception {
    int threads = 8;
    int callsEach = 50;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < callsEach; i++) {
                    String id = KEY + thread + "-" + i;
                    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(id))));
                  }
                }));
      }
      for (java.util.concurrent.Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(count("dynamodb_operations_total", "PutItem", "things", "success"))
        .isEqualTo(threads * callsEach);
    assertThat(timer("PutItem", "things").count()).isEqualTo(threads * callsEach);
    assertThat(fixture.engine.client().scan(b -> b.tableName("things")).count())
        .isEqualTo(threads * callsEach);
  }

  @Test
  void listTablesIsTaggedWithTableNone() {
    sdk.listTables();

    assertThat(count("dynamodb_operations_total", "ListTables", "none", "success")).isEqualTo(1);
  }

  @Test
  void countsConsumedCapacityWithoutShowingItToACallerWhoDidNotAskForIt() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"), "size", n(3))));
    GetItemResponse got = sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));
    double expectedRead =
        fixture
            .engine
            .client()
            .getItem(
                b ->
                    b.tableName("things")
                        .key(Map.of("id", s(KEY + "1")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity()
            .capacityUnits();

    assertThat(got.consumedCapacity()).as("the caller did not ask for capacity").isNull();
    assertThat(got.item()).containsKey("size");
    assertThat(fixture.http.requests())
        .allMatch(body -> body.contains("\"ReturnConsumedCapacity\":\"TOTAL\""));
    assertThat(capacity("GetItem", "things")).isEqualTo(expectedRead).isPositive();
    assertThat(capacity("PutItem", "things")).isPositive();
  }

  @Test
  void keepsTheCallersOwnCapacityChoiceAndItsResponse() {
    PutItemResponse put =
        sdk.putItem(
            b ->
                b.tableName("things")
                    .item(Map.of("id", s(KEY + "1")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    sdk.putItem(
        b ->
            b.tableName("things")
                .item(Map.of("id", s(KEY + "2")))
                .returnConsumedCapacity(ReturnConsumedCapacity.NONE));

    assertThat(put.consumedCapacity()).isNotNull();
    assertThat(capacity("PutItem", "things")).isEqualTo(put.consumedCapacity().capacityUnits());
    assertThat(fixture.http.requests().get(1)).contains("\"ReturnConsumedCapacity\":\"NONE\"");
  }

  @Test
  void capacityIsNotAskedForWhenTurnedOffAndStillCountedWhenTheCallerAsks() {
    SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    try (Dynakit quiet =
        Dynakit.builder()
            .endpoint("http://localhost:8000")
            .region("eu-west-1")
            .environment(
                Map.of("DYNAKIT_ALLOW_WRITE", "true", "DYNAKIT_REQUEST_CONSUMED_CAPACITY", "false"))
            .credentials(Fixture.CREDENTIALS)
            .httpClient(fixture.http)
            .meterRegistry(own)
            .build()) {
      quiet.sdk().putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
      PutItemResponse asked =
          quiet
              .sdk()
              .putItem(
                  b ->
                      b.tableName("things")
                          .item(Map.of("id", s(KEY + "2")))
                          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));

      assertThat(fixture.http.requests().get(0)).doesNotContain("ReturnConsumedCapacity");
      assertThat(own.get("dynamodb_consumed_capacity_total").counter().count())
          .as("only the call that asked")
          .isEqualTo(asked.consumedCapacity().capacityUnits());
      assertThat(own.get("dynamodb_operations_total").counter().count()).isEqualTo(2);
    }
    assertThatThrownBy(
            () ->
                Dynakit.builder()
                    .environment(Map.of("DYNAKIT_REQUEST_CONSUMED_CAPACITY", "sometimes"))
                    .meterRegistry(own)
                    .build())
        .hasMessageContaining(
            "DYNAKIT_REQUEST_CONSUMED_CAPACITY must be true or false (or yes/no, on/off, 1/0), was 'sometimes'");
  }

  @Test
  void theBuilderWinsOverTheEnvironmentForCapacity() {
    SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    try (Dynakit asking =
        Dynakit.builder()
            .endpoint("http://localhost:8000")
            .region("eu-west-1")
            .environment(
                Map.of("DYNAKIT_ALLOW_WRITE", "true", "DYNAKIT_REQUEST_CONSUMED_CAPACITY", "false"))
            .credentials(Fixture.CREDENTIALS)
            .httpClient(fixture.http)
            .meterRegistry(own)
            .requestConsumedCapacity(true)
            .build()) {
      asking.sdk().putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    }
    assertThat(fixture.http.requests().get(0)).contains("\"ReturnConsumedCapacity\":\"TOTAL\"");
  }

  @Test
  void withoutARegistryRequestsAreSentAsTheCallerBuiltThem() {
    try (Dynakit plain = fixture.dynakit(null, null)) {
      plain.sdk().putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    }

    assertThat(fixture.http.requests())
        .singleElement()
        .asString()
        .doesNotContain("ReturnConsumedCapacity");
  }

  @Test
  void recordsItemsReturnedByGetQueryAndBatchGetPerTable() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    for (int i = 1; i <= 3; i++) {
      long number = i;
      sdk.putItem(
          b ->
              b.tableName("orders")
                  .item(
                      Map.of("customer", s(KEY + "c"), "number", n(number), "status", s("open"))));
    }
    sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));
    sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "missing"))));
    QueryResponse query =
        sdk.query(
            b ->
                b.tableName("orders")
                    .keyConditionExpression("customer = :c")
                    .expressionAttributeValues(Map.of(":c", s(KEY + "c"))));
    BatchGetItemResponse batch =
        sdk.batchGetItem(
            b ->
                b.requestItems(
                    Map.of(
                        "things",
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                            .keys(Map.of("id", s(KEY + "1")), Map.of("id", s(KEY + "nope")))
                            .build(),
                        "orders",
                        software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                            .keys(
                                Map.of("customer", s(KEY + "c"), "number", n(1)),
                                Map.of("customer", s(KEY + "c"), "number", n(2)))
                            .build())));

    DistributionSummary gets = items("GetItem", "things");
    assertThat(gets.count()).isEqualTo(2);
    assertThat(gets.totalAmount()).isEqualTo(1.0);
    assertThat(items("Query", "orders").totalAmount())
        .isEqualTo((double) query.count())
        .isEqualTo(3.0);
    assertThat(items("BatchGetItem", "things").totalAmount())
        .isEqualTo((double) batch.responses().get("things").size());
    assertThat(items("BatchGetItem", "orders").totalAmount())
        .isEqualTo((double) batch.responses().get("orders").size());
    assertThat(count("dynamodb_operations_total", "BatchGetItem", "orders", "success"))
        .isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "BatchGetItem", "things", "success"))
        .isEqualTo(1);
  }

  @Test
  void recordsItemsATransactionalReadFoundPerTable() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    sdk.putItem(b -> b.tableName("orders").item(Map.of("customer", s(KEY + "c"), "number", n(1))));

    sdk.transactGetItems(
        b ->
            b.transactItems(
                t -> t.get(g -> g.tableName("things").key(Map.of("id", s(KEY + "1")))),
                t -> t.get(g -> g.tableName("things").key(Map.of("id", s(KEY + "none")))),
                t ->
                    t.get(
                        g ->
                            g.tableName("orders")
                                .key(Map.of("customer", s(KEY + "c"), "number", n(1))))));

    assertThat(items("TransactGetItems", "things").totalAmount()).isEqualTo(1.0);
    assertThat(items("TransactGetItems", "orders").totalAmount()).isEqualTo(1.0);
    assertThat(capacity("TransactGetItems", "things")).isPositive();
  }

  @Test
  void aFailingMetricsBackendNeverFailsTheCall() {
    registry
        .config()
        .meterFilter(
            new io.micrometer.core.instrument.config.MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("the backend is broken");
              }
            });

    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    GetItemResponse got = sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));

    assertThat(got.item()).containsKey("id");
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void countsConditionalCheckFailuresAndErrorsByType() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));

    assertThatThrownBy(
            () ->
                sdk.putItem(
                    b ->
                        b.tableName("things")
                            .item(Map.of("id", s(KEY + "1")))
                            .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOfAny(ConditionalCheckFailedException.class, RuntimeException.class);
    assertThatThrownBy(
            () -> sdk.getItem(b -> b.tableName("absent").key(Map.of("id", s(KEY + "1")))))
        .isInstanceOfAny(ResourceNotFoundException.class, RuntimeException.class);

    assertThat(count("dynamodb_conditional_check_failures", "PutItem", "things")).isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "PutItem", "things", "error")).isEqualTo(1);
    assertThat(errors("ConditionalCheckFailedException", "things")).isEqualTo(1);
    assertThat(errors("ResourceNotFoundException", "absent")).isEqualTo(1);
    assertThat(timer("GetItem", "absent").count()).as("failed calls are timed too").isEqualTo(1);
  }

  @Test
  void countsATransactionsConditionFailureOnTheTableOfTheItemThatFailed() {
    sdk.putItem(b -> b.tableName("orders").item(Map.of("customer", s(KEY + "c"), "number", n(1))));

    assertThatThrownBy(
            () ->
                sdk.transactWriteItems(
                    b ->
                        b.transactItems(
                            t -> t.put(p -> p.tableName("things").item(Map.of("id", s(KEY + "t")))),
                            t ->
                                t.conditionCheck(
                                    c ->
                                        c.tableName("orders")
                                            .key(Map.of("customer", s(KEY + "c"), "number", n(1)))
                                            .conditionExpression(
                                                "attribute_not_exists(customer)")))))
        .isInstanceOfAny(TransactionCanceledException.class, RuntimeException.class);

    assertThat(count("dynamodb_conditional_check_failures", "TransactWriteItems", "orders"))
        .isEqualTo(1);
    assertThat(find("dynamodb_conditional_check_failures", "TransactWriteItems", "things"))
        .isNull();
    assertThat(count("dynamodb_operations_total", "TransactWriteItems", "things", "error"))
        .isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "TransactWriteItems", "orders", "error"))
        .isEqualTo(1);
    assertThat(errors("TransactionCanceledException", "orders")).isEqualTo(1);
  }

  @Test
  void countsEveryThrottledAttemptOfARetriedCall() {
    DynamoDbClient retrying = fixture.retryingClient(registry, null, 5, null);
    fixture
        .http
        .fail(400, "ProvisionedThroughputExceededException")
        .fail(400, "ThrottlingException");

    retrying.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));

    assertThat(count("dynamodb_throttles_total", "PutItem", "things")).isEqualTo(2);
    assertThat(count("dynamodb_operations_total", "PutItem", "things", "success")).isEqualTo(1);
    assertThat(find("dynamodb_errors_total", null, null)).isNull();
    assertThat(fixture.http.requests()).hasSize(3);
  }

  @Test
  void recognisesAThrottleNamedOnlyInTheErrorTypeHeader() {
    DynamoDbClient retrying = fixture.retryingClient(registry, null, 3, null);
    fixture.http.failByHeader(400, "ThrottlingException");

    retrying.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));

    assertThat(count("dynamodb_throttles_total", "GetItem", "things")).isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "GetItem", "things", "success")).isEqualTo(1);
  }

  @Test
  void aCallThrottledOnEveryAttemptCountsEachAttemptAndOneError() {
    DynamoDbClient retrying = fixture.retryingClient(registry, null, 3, null);
    fixture
        .http
        .fail(400, "ThrottlingException")
        .fail(400, "ThrottlingException")
        .fail(400, "ThrottlingException");

    assertThatThrownBy(
            () -> retrying.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1")))))
        .isInstanceOf(AwsServiceException.class);

    assertThat(count("dynamodb_throttles_total", "GetItem", "things")).isEqualTo(3);
    assertThat(errors("ThrottlingException", "things")).isEqualTo(1);
    assertThat(count("dynamodb_operations_total", "GetItem", "things", "error")).isEqualTo(1);
  }

  @Test
  void countsUnprocessedBatchItemsPerTable() {
    fixture.http.answer(
        "{\"UnprocessedItems\":{\"things\":[{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\""
            + KEY
            + "u1\"}}}},{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\""
            + KEY
            + "u2\"}}}}]}}");

    sdk.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    "things",
                    List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("id", s(KEY + "u1"))))
                            .build(),
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("id", s(KEY + "u2"))))
                            .build()))));

    assertThat(count("dynamodb_batch_unprocessed_items", "BatchWriteItem", "things")).isEqualTo(2);
  }

  @Test
  void tagsHoldNoKeysOrValues() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));
    assertThatThrownBy(
            () -> sdk.getItem(b -> b.tableName("things").key(Map.of("nope", s(KEY + "x")))))
        .isInstanceOf(RuntimeException.class);

    assertThat(registry.getMeters()).isNotEmpty();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain(KEY).doesNotContain(Fixture.SECRET);
      }
    }
    assertThat(registry.getMeters())
        .extracting(meter -> meter.getId().getName())
        .allMatch(name -> name.startsWith("dynamodb_"));
  }

  private double count(String name, String operation, String table, String status) {
    Counter counter =
        registry
            .find(name)
            .tag("operation", operation)
            .tag("table", table)
            .tag("status", status)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double count(String name, String operation, String table) {
    Counter counter = find(name, operation, table);
    return counter == null ? 0 : counter.count();
  }

  private Counter find(String name, String operation, String table) {
    if (operation == null) {
      return registry.find(name).counter();
    }
    return registry.find(name).tag("operation", operation).tag("table", table).counter();
  }

  private double errors(String type, String table) {
    Counter counter =
        registry
            .find("dynamodb_errors_total")
            .tag("error_type", type)
            .tag("table", table)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double capacity(String operation, String table) {
    return count("dynamodb_consumed_capacity_total", operation, table);
  }

  private Timer timer(String operation, String table) {
    return registry
        .get("dynamodb_operation_duration_seconds")
        .tag("operation", operation)
        .tag("table", table)
        .timer();
  }

  private DistributionSummary items(String operation, String table) {
    return registry
        .get("dynamodb_items_returned")
        .tag("operation", operation)
        .tag("table", table)
        .summary();
  }
}
