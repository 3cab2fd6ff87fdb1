package dev.dynakit.engine;

import static dev.dynakit.engine.IndexTablesTest.definitions;
import static dev.dynakit.engine.IndexTablesTest.hash;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Warm throughput, of tables and of global indexes, on the engine, in-process and over HTTP, and on
 * Amazon DynamoDB Local: DynamoDB Local takes WarmThroughput and describes none; the engine
 * describes it for every table and global index as the Developer Guide ("Understanding DynamoDB
 * warm throughput") has it (docs/compatibility.md). Everything else of the descriptions is the
 * same.
 */
class WarmThroughputTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final List<DynamoDbClient> ENGINES =
      List.of(ENGINE.client(), Targets.overHttp(HTTP_ENGINE));
  private static final String WARM_DECREASED = "decreasing WarmThroughput is not supported";

  @TempDir Path dir;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  static TableWarmThroughputDescription warm(long read, long write) {
    return TableWarmThroughputDescription.builder()
        .readUnitsPerSecond(read)
        .writeUnitsPerSecond(write)
        .status(TableStatus.ACTIVE)
        .build();
  }

  static GlobalSecondaryIndexWarmThroughputDescription indexWarm(long read, long write) {
    return GlobalSecondaryIndexWarmThroughputDescription.builder()
        .readUnitsPerSecond(read)
        .writeUnitsPerSecond(write)
        .status(IndexStatus.ACTIVE)
        .build();
  }

  /** A table keyed on pk with a global index on g, on demand unless {@code more} says otherwise. */
  static Consumer<CreateTableRequest.Builder> table(
      String name, Consumer<CreateTableRequest.Builder> more) {
    Consumer<CreateTableRequest.Builder> base =
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definitions("pk", "S", "g", "S"))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName("byg")
                        .keySchema(hash("g"))
                        .projection(p -> p.projectionType("ALL"))
                        .build());
    return base.andThen(more);
  }

  static Consumer<CreateTableRequest.Builder> provisioned(
      String name, long read, long write, Consumer<CreateTableRequest.Builder> more) {
    Consumer<CreateTableRequest.Builder> provisioned =
        b ->
            b.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(read).writeCapacityUnits(write))
                .globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName("byg")
                        .keySchema(hash("g"))
                        .projection(p -> p.projectionType("ALL"))
                        .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L))
                        .build());
    return table(name, provisioned.andThen(more));
  }

  static Stream<Arguments> creates() {
    return Stream.of(
        Arguments.of(
            "an on-demand table starts at 12000 reads and 4000 writes",
            table("ondemand", b -> {}),
            warm(12_000, 4_000),
            indexWarm(12_000, 4_000)),
        Arguments.of(
            "warm throughput asked for",
            table(
                "asked",
                b ->
                    b.warmThroughput(
                        w -> w.readUnitsPerSecond(13_000L).writeUnitsPerSecond(5_000L))),
            warm(13_000, 5_000),
            indexWarm(12_000, 4_000)),
        Arguments.of(
            "less than an on-demand table starts at",
            table("less", b -> b.warmThroughput(w -> w.readUnitsPerSecond(100L))),
            warm(12_000, 4_000),
            indexWarm(12_000, 4_000)),
        Arguments.of(
            "a provisioned table starts at its throughput",
            provisioned("provisioned", 5, 7, b -> {}),
            warm(5, 7),
            indexWarm(2, 3)),
        Arguments.of(
            "a provisioned table asking for more",
            provisioned(
                "provisionedmore", 5, 7, b -> b.warmThroughput(w -> w.writeUnitsPerSecond(9L))),
            warm(5, 9),
            indexWarm(2, 3)),
        Arguments.of(
            "a global index asking for warm throughput",
            table(
                "indexasked",
                b ->
                    b.globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                            .indexName("byg")
                            .keySchema(hash("g"))
                            .projection(p -> p.projectionType("ALL"))
                            .warmThroughput(w -> w.readUnitsPerSecond(15_000L))
                            .build())),
            warm(12_000, 4_000),
            indexWarm(15_000, 4_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void everyTableAndGlobalIndexDescribesItsWarmThroughput(
      String name,
      Consumer<CreateTableRequest.Builder> request,
      TableWarmThroughputDescription table,
      GlobalSecondaryIndexWarmThroughputDescription index) {
    TableDescription local = REFERENCE.createTable(request).tableDescription();
    assertThat(local.warmThroughput()).isNull();
    assertThat(local.globalSecondaryIndexes().get(0).warmThroughput()).isNull();
    for (DynamoDbClient client : ENGINES) {
      TableDescription created = client.createTable(request).tableDescription();
      TableDescription described =
          client.describeTable(b -> b.tableName(local.tableName())).table();
      for (TableDescription description : List.of(created, described)) {
        assertThat(description.warmThroughput()).as(name).isEqualTo(table);
        assertThat(description.globalSecondaryIndexes().get(0).warmThroughput()).isEqualTo(index);
        assertThat(IndexTablesTest.comparable(description))
            .isEqualTo(IndexTablesTest.comparable(local));
      }
    }
  }

  /** Units below 1 are refused with the API reference's constraint; DynamoDB Local takes them. */
  @Test
  void warmThroughputBelowOneIsRefused() {
    Consumer<CreateTableRequest.Builder> zero =
        table("zero", b -> b.warmThroughput(w -> w.readUnitsPerSecond(0L)));
    Consumer<CreateTableRequest.Builder> negative =
        table(
            "negative",
            b ->
                b.globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName("byg")
                        .keySchema(hash("g"))
                        .projection(p -> p.projectionType("ALL"))
                        .warmThroughput(w -> w.writeUnitsPerSecond(-1L))
                        .build()));
    assertThat(REFERENCE.createTable(zero).tableDescription().tableName()).isEqualTo("zero");
    assertThat(REFERENCE.createTable(negative).tableDescription().tableName())
        .isEqualTo("negative");
    for (DynamoDbClient client : ENGINES) {
      assertThat(Targets.outcome(client, c -> c.createTable(zero)))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "1 validation error detected: Value '0' at 'warmThroughput.readUnitsPerSecond'"
                      + " failed to satisfy constraint: Member must have value greater than or"
                      + " equal to 1"));
      assertThat(Targets.outcome(client, c -> c.createTable(negative)))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "1 validation error detected: Value '-1' at"
                      + " 'globalSecondaryIndexes.1.member.warmThroughput.writeUnitsPerSecond'"
                      + " failed to satisfy constraint: Member must have value greater than or"
                      + " equal to 1"));
    }
  }

  private static Function<DynamoDbClient, Object> update(
      String table, Consumer<UpdateTableRequest.Builder> request) {
    return client ->
        client.updateTable(request.andThen(b -> b.tableName(table))).tableDescription();
  }

  private static Object warmOf(Object outcome) {
    if (!(outcome instanceof TableDescription description)) {
      return outcome;
    }
    List<Object> indexes = new ArrayList<>();
    description.globalSecondaryIndexes().forEach(index -> indexes.add(index.warmThroughput()));
    return Arrays.asList(description.warmThroughput(), indexes);
  }

  private static Object outcome(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
    try {
      return warmOf(call.apply(client));
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
      return e.awsErrorDetails().errorMessage();
    }
  }

  /**
   * UpdateTable raises warm throughput, of the table and of a global index, and refuses to lower
   * it; provisioned throughput above it raises it; a table turned on-demand starts where a new
   * on-demand table does. DynamoDB Local answers an UpdateTable of warm throughput alone with
   * "Nothing to update".
   */
  @Test
  void updateTableRaisesWarmThroughputAndNeverLowersIt() {
    String t = "updated";
    List<Function<DynamoDbClient, Object>> steps =
        List.of(
            update(t, b -> b.warmThroughput(w -> w.readUnitsPerSecond(20_000L))),
            update(t, b -> b.warmThroughput(w -> w.readUnitsPerSecond(15_000L))),
            update(t, b -> b.warmThroughput(w -> w.writeUnitsPerSecond(3_000L))),
            update(t, b -> b.warmThroughput(w -> w.readUnitsPerSecond(0L))),
            update(
                t,
                b ->
                    b.globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder()
                            .update(
                                u ->
                                    u.indexName("byg")
                                        .warmThroughput(w -> w.writeUnitsPerSecond(6_000L)))
                            .build())),
            update(
                t,
                b ->
                    b.globalSecondaryIndexUpdates(
                        GlobalSecondaryIndexUpdate.builder()
                            .update(
                                u ->
                                    u.indexName("byg")
                                        .warmThroughput(w -> w.writeUnitsPerSecond(5_000L)))
                            .build())),
            update(
                t,
                b ->
                    b.billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(
                            p -> p.readCapacityUnits(30_000L).writeCapacityUnits(10L))
                        .globalSecondaryIndexUpdates(
                            GlobalSecondaryIndexUpdate.builder()
                                .update(
                                    u ->
                                        u.indexName("byg")
                                            .provisionedThroughput(
                                                p ->
                                                    p.readCapacityUnits(1L).writeCapacityUnits(1L)))
                                .build())));
    List<Object> engine =
        List.of(
            List.of(warm(20_000, 4_000), List.of(indexWarm(12_000, 4_000))),
            WARM_DECREASED,
            WARM_DECREASED,
            "1 validation error detected: Value '0' at 'warmThroughput.readUnitsPerSecond' failed to"
                + " satisfy constraint: Member must have value greater than or equal to 1",
            List.of(warm(20_000, 4_000), List.of(indexWarm(12_000, 6_000))),
            WARM_DECREASED,
            List.of(warm(30_000, 4_000), List.of(indexWarm(12_000, 6_000))));
    REFERENCE.createTable(table(t, b -> {}));
    assertThat(outcome(REFERENCE, steps.get(0))).isEqualTo("Nothing to update");
    assertThat(outcome(REFERENCE, steps.get(6)))
        .isEqualTo(Arrays.asList(null, Arrays.asList((Object) null)));
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table(t, b -> {}));
      for (int i = 0; i < steps.size(); i++) {
        assertThat(outcome(client, steps.get(i))).as("step " + i).isEqualTo(engine.get(i));
      }
      assertThat(
              outcome(
                  client,
                  update(
                      t,
                      b ->
                          b.billingMode(BillingMode.PAY_PER_REQUEST)
                              .warmThroughput(w -> w.writeUnitsPerSecond(4_500L)))))
          .isEqualTo(List.of(warm(30_000, 4_500), List.of(indexWarm(12_000, 6_000))));
    }
  }

  /**
   * UpdateTable changes a global index's on-demand maximums, as the API reference has it; DynamoDB
   * Local takes the change and keeps the maximums the index had.
   */
  @Test
  void updateTableChangesTheOnDemandThroughputOfAGlobalIndex() {
    String t = "indexmaximums";
    Consumer<CreateTableRequest.Builder> create =
        table(
            t,
            b ->
                b.globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName("byg")
                        .keySchema(hash("g"))
                        .projection(p -> p.projectionType("ALL"))
                        .onDemandThroughput(
                            o -> o.maxReadRequestUnits(10L).maxWriteRequestUnits(10L))
                        .build()));
    Function<DynamoDbClient, OnDemandThroughput> change =
        client ->
            client
                .updateTable(
                    b ->
                        b.tableName(t)
                            .globalSecondaryIndexUpdates(
                                GlobalSecondaryIndexUpdate.builder()
                                    .update(
                                        u ->
                                            u.indexName("byg")
                                                .onDemandThroughput(
                                                    o ->
                                                        o.maxReadRequestUnits(20L)
                                                            .maxWriteRequestUnits(30L)))
                                    .build()))
                .tableDescription()
                .globalSecondaryIndexes()
                .get(0)
                .onDemandThroughput();
    OnDemandThroughput before =
        OnDemandThroughput.builder().maxReadRequestUnits(10L).maxWriteRequestUnits(10L).build();
    OnDemandThroughput after =
        OnDemandThroughput.builder().maxReadRequestUnits(20L).maxWriteRequestUnits(30L).build();
    assertThat(
            REFERENCE
                .createTable(create)
                .tableDescription()
                .globalSecondaryIndexes()
                .get(0)
                .onDemandThroughput())
        .isEqualTo(before);
    assertThat(change.apply(REFERENCE)).isEqualTo(before);
    for (DynamoDbClient client : ENGINES) {
      assertThat(
              client
                  .createTable(create)
                  .tableDescription()
                  .globalSecondaryIndexes()
                  .get(0)
                  .onDemandThroughput())
          .isEqualTo(before);
      assertThat(change.apply(client)).isEqualTo(after);
      assertThat(
              client
                  .describeTable(b -> b.tableName(t))
                  .table()
                  .globalSecondaryIndexes()
                  .get(0)
                  .onDemandThroughput())
          .isEqualTo(after);
    }
  }

  /** A durable engine keeps warm throughput as it keeps the rest of a table's description. */
  @Test
  void warmThroughputOutlivesAReopen() {
    Function<DynamoDbClient, Object> describe =
        client -> warmOf(client.describeTable(b -> b.tableName("kept")).table());
    Object before;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient client = engine.client();
      client.createTable(table("kept", b -> b.warmThroughput(w -> w.readUnitsPerSecond(13_000L))));
      update(
              "kept",
              b ->
                  b.globalSecondaryIndexUpdates(
                      GlobalSecondaryIndexUpdate.builder()
                          .update(
                              u ->
                                  u.indexName("byg")
                                      .warmThroughput(w -> w.readUnitsPerSecond(14_000L)))
                          .build()))
          .apply(client);
      before = describe.apply(client);
    }
    assertThat(before).isEqualTo(List.of(warm(13_000, 4_000), List.of(indexWarm(14_000, 4_000))));
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      assertThat(describe.apply(engine.client())).isEqualTo(before);
    }
  }
}
