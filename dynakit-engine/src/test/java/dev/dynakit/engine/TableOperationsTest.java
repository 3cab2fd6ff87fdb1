package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * CreateTable, DescribeTable, ListTables and DeleteTable on the engine, each scenario also run on
 * Amazon DynamoDB Local: the same error type and message, the same descriptions.
 */
class TableOperationsTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE =
      DynakitEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).region("eu-west-1").build();
  private static final DynamoDbClient ENGINE_CLIENT = ENGINE.client();

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
  }

  private static AttributeDefinition attribute(String name, String type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static Consumer<CreateTableRequest.Builder> valid(String name) {
    return b ->
        b.tableName(name)
            .attributeDefinitions(attribute("pk", "S"))
            .keySchema(key("pk", KeyType.HASH))
            .billingMode(BillingMode.PAY_PER_REQUEST);
  }

  static Stream<Arguments> invalidTables() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("name too short", valid("ab")));
    cases.add(Arguments.of("name with a space", valid("a b")));
    cases.add(Arguments.of("name too long", valid("a".repeat(256))));
    cases.add(
        Arguments.of(
            "no key schema",
            (Consumer<CreateTableRequest.Builder>)
                b ->
                    b.tableName("tbl")
                        .attributeDefinitions(attribute("pk", "S"))
                        .billingMode(BillingMode.PAY_PER_REQUEST)));
    cases.add(
        Arguments.of(
            "no attribute definitions",
            (Consumer<CreateTableRequest.Builder>)
                b ->
                    b.tableName("tbl")
                        .keySchema(key("pk", KeyType.HASH))
                        .billingMode(BillingMode.PAY_PER_REQUEST)));
    cases.add(
        Arguments.of(
            "provisioned without throughput",
            (Consumer<CreateTableRequest.Builder>)
                b ->
                    b.tableName("tbl")
                        .attributeDefinitions(attribute("pk", "S"))
                        .keySchema(key("pk", KeyType.HASH))));
    cases.add(
        Arguments.of(
            "zero throughput",
            (Consumer<CreateTableRequest.Builder>)
                b ->
                    b.tableName("tbl")
                        .attributeDefinitions(attribute("pk", "S"))
                        .keySchema(key("pk", KeyType.HASH))
                        .provisionedThroughput(
                            p -> p.readCapacityUnits(0L).writeCapacityUnits(1L))));
    cases.add(
        Arguments.of(
            "definition without key",
            valid("tbl")
                .andThen(b -> b.attributeDefinitions(attribute("pk", "S"), attribute("x", "S")))));
    cases.add(
        Arguments.of(
            "hash key not defined",
            valid("tbl").andThen(b -> b.attributeDefinitions(attribute("x", "S")))));
    cases.add(
        Arguments.of(
            "the same key twice",
            valid("tbl")
                .andThen(b -> b.keySchema(key("pk", KeyType.HASH), key("pk", KeyType.HASH)))));
    cases.add(
        Arguments.of(
            "no hash key", valid("tbl").andThen(b -> b.keySchema(key("pk", KeyType.RANGE)))));
    cases.add(
        Arguments.of(
            "key type that is not scalar",
            valid("tbl").andThen(b -> b.attributeDefinitions(attribute("pk", "BOOL")))));
    cases.add(
        Arguments.of(
            "range key not defined",
            valid("tbl")
                .andThen(
                    b ->
                        b.attributeDefinitions(attribute("pk", "S"), attribute("x", "S"))
                            .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTables")
  void invalidTablesAreRefusedAsDynamoDbRefusesThem(
      String name, Consumer<CreateTableRequest.Builder> request) {
    DynamoDbException expected = failure(() -> REFERENCE.createTable(request));
    DynamoDbException actual = failure(() -> ENGINE_CLIENT.createTable(request));
    assertThat(actual.awsErrorDetails().errorCode())
        .isEqualTo(expected.awsErrorDetails().errorCode());
    assertThat(actual.awsErrorDetails().errorMessage())
        .isEqualTo(expected.awsErrorDetails().errorMessage());
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    assertThat(actual.statusCode()).isEqualTo(400);
  }

  @Test
  void aCreatedTableIsDescribedAsDynamoDbDescribesIt() {
    Consumer<CreateTableRequest.Builder> request =
        valid("described")
            .andThen(
                b ->
                    b.attributeDefinitions(attribute("pk", "S"), attribute("sk", "N"))
                        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
    TableDescription expected = REFERENCE.createTable(request).tableDescription();
    TableDescription actual = ENGINE_CLIENT.createTable(request).tableDescription();
    assertThat(comparable(actual)).isEqualTo(comparable(expected));
    assertThat(actual.creationDateTime()).isEqualTo(NOW);
    assertThat(actual.tableArn())
        .isEqualTo("arn:aws:dynamodb:eu-west-1:000000000000:table/described");
    assertThat(comparable(ENGINE_CLIENT.describeTable(b -> b.tableName("described")).table()))
        .isEqualTo(comparable(REFERENCE.describeTable(b -> b.tableName("described")).table()));
  }

  @Test
  void creatingATableTwiceIsRefused() {
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE_CLIENT)) {
      client.createTable(valid("twice"));
      assertThatThrownBy(() -> client.createTable(valid("twice")))
          .isInstanceOf(ResourceInUseException.class)
          .satisfies(
              e ->
                  assertThat(((DynamoDbException) e).awsErrorDetails().errorMessage())
                      .isEqualTo("Cannot create preexisting table"));
    }
  }

  @Test
  void tablesThatDoNotExistAreNotFound() {
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE_CLIENT)) {
      assertThatThrownBy(() -> client.describeTable(b -> b.tableName("missing")))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageStartingWith("Cannot do operations on a non-existent table");
      assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("missing")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void deletedTablesAreGone() {
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE_CLIENT)) {
      client.createTable(valid("deleted"));
      client.deleteTable(b -> b.tableName("deleted"));
      assertThat(client.listTables().tableNames()).doesNotContain("deleted");
    }
  }

  @Test
  void deleteTableDescribesTheTableAsDeletingAsTheApiReferenceSays() {
    // DynamoDB Local describes it as ACTIVE (docs/compatibility.md).
    REFERENCE.createTable(valid("deleting"));
    ENGINE_CLIENT.createTable(valid("deleting"));
    assertThat(REFERENCE.deleteTable(b -> b.tableName("deleting")).tableDescription().tableStatus())
        .isEqualTo(TableStatus.ACTIVE);
    assertThat(
            ENGINE_CLIENT
                .deleteTable(b -> b.tableName("deleting"))
                .tableDescription()
                .tableStatus())
        .isEqualTo(TableStatus.DELETING);
  }

  @Test
  void listTablesPagesInNameOrder() {
    DynakitEngine engine = DynakitEngine.inMemory();
    DynamoDbClient client = engine.client();
    for (String name : List.of("ccc", "aaa", "bbb", "ddd")) {
      client.createTable(valid(name));
    }
    var first = client.listTables(b -> b.limit(3));
    assertThat(first.tableNames()).containsExactly("aaa", "bbb", "ccc");
    assertThat(first.lastEvaluatedTableName()).isEqualTo("ccc");
    var second = client.listTables(b -> b.limit(3).exclusiveStartTableName("ccc"));
    assertThat(second.tableNames()).containsExactly("ddd");
    assertThat(second.lastEvaluatedTableName()).isNull();
    assertThat(client.listTablesPaginator().tableNames())
        .containsExactly("aaa", "bbb", "ccc", "ddd");
    engine.close();
  }

  @Test
  void listTablesLimitIsChecked() {
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE_CLIENT)) {
      assertThatThrownBy(() -> client.listTables(b -> b.limit(0)))
          .hasMessageStartingWith("Limit must be greater than or equal to 1");
      assertThatThrownBy(() -> client.listTables(b -> b.limit(101)))
          .hasMessageStartingWith("Limit in ListTables must be <= 100");
    }
  }

  @Test
  void onDemandWithThroughputIsRefusedAsTheApiReferenceSays() {
    // DynamoDB Local accepts this; the AWS API reference forbids it (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> request =
        valid("ondemand")
            .andThen(
                b -> b.provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)));
    assertThat(REFERENCE.createTable(request).tableDescription().tableName()).isEqualTo("ondemand");
    assertThat(failure(() -> ENGINE_CLIENT.createTable(request)).awsErrorDetails().errorMessage())
        .isEqualTo(
            "One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  }

  @Test
  void updateTableChangesSettingsAsDynamoDbLocal() {
    java.util.function.Consumer<CreateTableRequest.Builder> provisioned =
        b ->
            b.tableName("updated")
                .attributeDefinitions(attribute("pk", "S"))
                .keySchema(key("pk", KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L));
    List<java.util.function.Function<DynamoDbClient, Object>> steps =
        List.of(
            c -> c.updateTable(b -> b.tableName("updated")),
            c ->
                c.updateTable(
                    b ->
                        b.tableName("updated")
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))),
            c ->
                c.updateTable(
                    b ->
                        b.tableName("updated")
                            .provisionedThroughput(
                                p -> p.readCapacityUnits(0L).writeCapacityUnits(5L))),
            c ->
                comparable(
                    c.updateTable(
                            b ->
                                b.tableName("updated")
                                    .provisionedThroughput(
                                        p -> p.readCapacityUnits(7L).writeCapacityUnits(5L)))
                        .tableDescription()),
            c ->
                comparable(
                    c.updateTable(
                            b -> b.tableName("updated").billingMode(BillingMode.PAY_PER_REQUEST))
                        .tableDescription()),
            c -> c.updateTable(b -> b.tableName("updated").billingMode(BillingMode.PROVISIONED)),
            c ->
                comparable(
                    c.updateTable(b -> b.tableName("updated").deletionProtectionEnabled(true))
                        .tableDescription()),
            c -> c.deleteTable(b -> b.tableName("updated")),
            c ->
                c.updateTable(
                    b -> b.tableName("not_there").billingMode(BillingMode.PAY_PER_REQUEST)));
    REFERENCE.createTable(provisioned);
    ENGINE_CLIENT.createTable(provisioned);
    for (var step : steps) {
      assertThat(outcome(ENGINE_CLIENT, step)).isEqualTo(outcome(REFERENCE, step));
    }
  }

  private static Object outcome(
      DynamoDbClient client, java.util.function.Function<DynamoDbClient, Object> step) {
    try {
      return step.apply(client);
    } catch (DynamoDbException e) {
      return List.of(e.getClass().getSimpleName(), e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void operationsNotServedYetAnswerAsUnknownOperations() {
    assertThatThrownBy(
            () -> ENGINE_CLIENT.describeTableReplicaAutoScaling(b -> b.tableName("orders")))
        .isInstanceOf(DynamoDbException.class)
        .satisfies(
            e ->
                assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                    .isEqualTo("UnknownOperationException"));
  }

  @Test
  void aClosedEngineRefusesCalls() {
    DynakitEngine engine = DynakitEngine.inMemory();
    DynamoDbClient client = engine.client();
    assertThat(client.serviceName()).isEqualTo("dynamodb");
    engine.close();
    assertThatThrownBy(client::listTables).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theBuilderChecksItsSettings() {
    assertThatThrownBy(() -> DynakitEngine.builder().region("Mars"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Mars");
    assertThatThrownBy(() -> DynakitEngine.builder().clock(null))
        .isInstanceOf(NullPointerException.class);
  }

  /**
   * A description without what differs by design: times, ARN region, table id, and the warm
   * throughput DynamoDB Local does not describe (WarmThroughputTest).
   */
  private static TableDescription comparable(TableDescription description) {
    return description.toBuilder()
        .warmThroughput((TableWarmThroughputDescription) null)
        .creationDateTime(null)
        .tableArn(null)
        .tableId(null)
        .provisionedThroughput(
            description.provisionedThroughput().toBuilder()
                .lastIncreaseDateTime(null)
                .lastDecreaseDateTime(null)
                .build())
        .billingModeSummary(
            description.billingModeSummary() == null
                ? null
                : description.billingModeSummary().toBuilder()
                    .lastUpdateToPayPerRequestDateTime(null)
                    .build())
        .build();
  }

  private static DynamoDbException failure(Runnable call) {
    try {
      call.run();
    } catch (DynamoDbException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }
}
