package dev.dynakit.engine;

import static dev.dynakit.engine.IndexTablesTest.definitions;
import static dev.dynakit.engine.IndexTablesTest.gsi;
import static dev.dynakit.engine.IndexTablesTest.hash;
import static dev.dynakit.engine.IndexTablesTest.lsi;
import static dev.dynakit.engine.IndexTablesTest.range;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The table settings besides keys and indexes (streams, on-demand throughput, deletion protection,
 * server-side encryption, table class, tags) on the engine, in-process and over HTTP, and on Amazon
 * DynamoDB Local: the same descriptions and errors, except where DynamoDB Local departs from the
 * AWS documentation (docs/compatibility.md), asserted on both.
 */
class TableSettingsTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE =
      DynakitEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).region("eu-west-1").build();
  private static final DynakitEngine HTTP_ENGINE =
      DynakitEngine.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).region("eu-west-1").build();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ENGINES = List.of(ENGINE.client(), HTTP);
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:000000000000:table/";

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  /** An on-demand table "settings" keyed on pk, with more settings. */
  static Consumer<CreateTableRequest.Builder> table(Consumer<CreateTableRequest.Builder> more) {
    Consumer<CreateTableRequest.Builder> base =
        b ->
            b.tableName("settings")
                .attributeDefinitions(definitions("pk", "S"))
                .keySchema(hash("pk"))
                .billingMode(BillingMode.PAY_PER_REQUEST);
    return base.andThen(more);
  }

  /** The table billed by provisioned throughput. */
  static Consumer<CreateTableRequest.Builder> provisioned(
      Consumer<CreateTableRequest.Builder> more) {
    return table(
            b ->
                b.billingMode((BillingMode) null)
                    .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)))
        .andThen(more);
  }

  static Consumer<CreateTableRequest.Builder> stream(Boolean enabled, String viewType) {
    return table(
        b -> b.streamSpecification(s -> s.streamEnabled(enabled).streamViewType(viewType)));
  }

  static Consumer<CreateTableRequest.Builder> onDemand(Long read, Long write) {
    return table(
        b -> b.onDemandThroughput(o -> o.maxReadRequestUnits(read).maxWriteRequestUnits(write)));
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  static List<Tag> tags(int count) {
    return IntStream.range(0, count).mapToObj(i -> tag("k" + i, "v" + i)).toList();
  }

  /**
   * A case, its table named after its place in the list: DynamoDB Local describes the stream of an
   * earlier table of the same name (see {@link #aTableCreatedAgainHasNoStreamOfTheTableBefore}).
   */
  private static void add(
      List<Arguments> cases, String name, Consumer<CreateTableRequest.Builder> request) {
    String table = "settings" + cases.size();
    cases.add(
        Arguments.of(
            name,
            request.andThen(
                b -> {
                  if ("settings".equals(b.build().tableName())) {
                    b.tableName(table);
                  }
                })));
  }

  static Stream<Arguments> creates() {
    List<Arguments> cases = new ArrayList<>();
    // streams
    for (StreamViewType type :
        List.of(
            StreamViewType.NEW_IMAGE,
            StreamViewType.OLD_IMAGE,
            StreamViewType.NEW_AND_OLD_IMAGES,
            StreamViewType.KEYS_ONLY)) {
      add(cases, "stream of " + type, stream(true, type.toString()));
    }
    add(cases, "stream disabled", stream(false, null));
    add(cases, "stream enabled without view type", stream(true, null));
    add(cases, "stream disabled with a view type", stream(false, "NEW_IMAGE"));
    add(cases, "stream without StreamEnabled", stream(null, "NEW_IMAGE"));
    add(cases, "empty stream specification", stream(null, null));
    add(
        cases,
        "stream without view type, bad name",
        stream(true, null).andThen(b -> b.tableName("x")));
    add(
        cases,
        "stream without view type, no throughput",
        stream(true, null).andThen(b -> b.billingMode((BillingMode) null)));
    add(
        cases,
        "stream without view type, zero throughput",
        stream(true, null)
            .andThen(
                b ->
                    b.billingMode((BillingMode) null)
                        .provisionedThroughput(
                            p -> p.readCapacityUnits(0L).writeCapacityUnits(1L))));
    add(
        cases,
        "stream without view type, a definition no key uses",
        stream(true, null).andThen(b -> b.attributeDefinitions(definitions("pk", "S", "x", "S"))));
    add(
        cases,
        "stream without view type, a bad index",
        stream(true, null)
            .andThen(
                b ->
                    b.attributeDefinitions(definitions("pk", "S", "g", "S", "n", "N"))
                        .globalSecondaryIndexes(IndexTablesTest.onDemand(gsi("a b")))));
    // on-demand throughput
    add(cases, "on-demand throughput", onDemand(10L, 5L));
    add(cases, "on-demand throughput without maximums", onDemand(-1L, -1L));
    add(cases, "on-demand throughput without read maximum", onDemand(-1L, 5L));
    add(cases, "on-demand throughput of zero reads", onDemand(0L, 5L));
    add(cases, "on-demand throughput of zero writes", onDemand(5L, 0L));
    add(cases, "on-demand throughput of -2 reads", onDemand(-2L, 5L));
    add(cases, "on-demand throughput without writes", onDemand(10L, null));
    add(cases, "empty on-demand throughput", onDemand(null, null));
    add(
        cases,
        "on-demand throughput of a provisioned table",
        provisioned(
            b -> b.onDemandThroughput(o -> o.maxReadRequestUnits(10L).maxWriteRequestUnits(5L))));
    add(
        cases,
        "bad on-demand throughput and an empty stream specification",
        onDemand(0L, 5L).andThen(b -> b.streamSpecification(s -> {})));
    // deletion protection, warm throughput
    add(cases, "deletion protection", table(b -> b.deletionProtectionEnabled(true)));
    add(cases, "no deletion protection", table(b -> b.deletionProtectionEnabled(false)));
    add(
        cases,
        "warm throughput",
        table(b -> b.warmThroughput(w -> w.readUnitsPerSecond(13000L).writeUnitsPerSecond(5000L))));
    // tags both accept
    add(cases, "tags", table(b -> b.tags(tag("a", "1"), tag("b", ""))));
    add(cases, "50 tags", table(b -> b.tags(tags(50))));
    add(cases, "no tags", table(b -> b.tags(List.of())));
    add(
        cases,
        "tags of the longest keys and values",
        table(b -> b.tags(tag("k".repeat(128), "v".repeat(256)))));
    add(cases, "tags of every character allowed", table(b -> b.tags(tag("é ü+-=._:/9", "ключ 1"))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void createTableAnswersAsDynamoDbLocal(
      String name, Consumer<CreateTableRequest.Builder> request) {
    Function<DynamoDbClient, Object> create =
        IndexTablesTest.createDescribeDelete(request, TableSettingsTest::comparable);
    Object expected = Targets.outcome(REFERENCE, create);
    for (DynamoDbClient client : ENGINES) {
      assertThat(Targets.outcome(client, create)).isEqualTo(expected);
    }
  }

  private static Function<DynamoDbClient, Object> update(
      String table, Consumer<UpdateTableRequest.Builder> request) {
    return client ->
        comparable(client.updateTable(request.andThen(b -> b.tableName(table))).tableDescription());
  }

  private static Function<DynamoDbClient, Object> streamUpdate(
      String table, Boolean enabled, String viewType) {
    return update(
        table, b -> b.streamSpecification(s -> s.streamEnabled(enabled).streamViewType(viewType)));
  }

  private static Function<DynamoDbClient, Object> maximums(String table, long read, long write) {
    return update(
        table,
        b -> b.onDemandThroughput(t -> t.maxReadRequestUnits(read).maxWriteRequestUnits(write)));
  }

  private static Function<DynamoDbClient, Object> describe(String table) {
    return client -> comparable(client.describeTable(b -> b.tableName(table)).table());
  }

  /** A table created, then calls whose outcomes are compared one by one. */
  private static IndexTablesTest.Scenario scenario(
      Consumer<CreateTableRequest.Builder> table, List<Function<DynamoDbClient, Object>> steps) {
    return new IndexTablesTest.Scenario(table, List.of(), steps);
  }

  static Stream<Arguments> updates() {
    List<Arguments> cases = new ArrayList<>();
    String s = "streamed";
    cases.add(
        Arguments.of(
            "stream enabled, disabled and enabled again",
            scenario(
                table(b -> b.tableName(s)),
                List.of(
                    streamUpdate(s, false, null),
                    streamUpdate(s, true, null),
                    streamUpdate(s, false, "KEYS_ONLY"),
                    streamUpdate(s, null, "KEYS_ONLY"),
                    streamUpdate(s, null, null),
                    streamUpdate(s, true, "NEW_AND_OLD_IMAGES"),
                    describe(s),
                    streamUpdate(s, true, "NEW_AND_OLD_IMAGES"),
                    streamUpdate(s, true, "KEYS_ONLY"),
                    streamUpdate(s, true, null),
                    streamUpdate(s, false, "KEYS_ONLY"),
                    streamUpdate(s, false, null),
                    describe(s),
                    streamUpdate(s, false, null),
                    streamUpdate(s, true, "OLD_IMAGE"),
                    describe(s),
                    update(
                        s,
                        b ->
                            b.deletionProtectionEnabled(true)
                                .streamSpecification(
                                    v -> v.streamEnabled(true).streamViewType("NEW_IMAGE"))),
                    update(
                        s,
                        b ->
                            b.onDemandThroughput(
                                    o -> o.maxReadRequestUnits(5L).maxWriteRequestUnits(5L))
                                .streamSpecification(v -> v.streamEnabled(false))),
                    describe(s)))));
    String p = "provisionedstream";
    cases.add(
        Arguments.of(
            "stream and throughput together",
            scenario(
                provisioned(b -> b.tableName(p)),
                List.of(
                    update(
                        p,
                        b ->
                            b.provisionedThroughput(
                                    t -> t.readCapacityUnits(2L).writeCapacityUnits(2L))
                                .streamSpecification(
                                    v -> v.streamEnabled(true).streamViewType("KEYS_ONLY"))),
                    update(
                        p,
                        b ->
                            b.provisionedThroughput(
                                    t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                                .streamSpecification(v -> v.streamEnabled(true))),
                    update(
                        p,
                        b ->
                            b.provisionedThroughput(
                                    t -> t.readCapacityUnits(0L).writeCapacityUnits(1L))
                                .streamSpecification(v -> {})),
                    update(
                        p,
                        b ->
                            b.billingMode(BillingMode.PAY_PER_REQUEST)
                                .provisionedThroughput(
                                    t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))
                                .streamSpecification(v -> v.streamEnabled(true))),
                    update(
                        p,
                        b ->
                            b.billingMode(BillingMode.PAY_PER_REQUEST)
                                .streamSpecification(
                                    v -> v.streamEnabled(true).streamViewType("KEYS_ONLY"))),
                    update(
                        p,
                        b ->
                            b.streamSpecification(v -> v.streamEnabled(false))
                                .globalSecondaryIndexUpdates(
                                    GlobalSecondaryIndexUpdate.builder()
                                        .delete(d -> d.indexName("nope"))
                                        .build())),
                    update(
                        p,
                        b ->
                            b.streamSpecification(v -> {})
                                .globalSecondaryIndexUpdates(
                                    GlobalSecondaryIndexUpdate.builder()
                                        .delete(d -> d.indexName("nope"))
                                        .build())),
                    describe(p),
                    streamUpdate("missing", true, "KEYS_ONLY")))));
    String o = "ondemandmaximum";
    cases.add(
        Arguments.of(
            "on-demand throughput changed",
            scenario(
                table(
                    b ->
                        b.tableName(o)
                            .onDemandThroughput(
                                t -> t.maxReadRequestUnits(10L).maxWriteRequestUnits(5L))),
                List.of(
                    maximums(o, 20L, 30L),
                    describe(o),
                    maximums(o, -1L, -1L),
                    maximums(o, 7L, 8L),
                    update(
                        o,
                        b ->
                            b.billingMode(BillingMode.PROVISIONED)
                                .provisionedThroughput(
                                    t -> t.readCapacityUnits(1L).writeCapacityUnits(1L))),
                    maximums(o, 3L, 3L)))));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void updateTableAnswersAsDynamoDbLocal(String name, IndexTablesTest.Scenario scenario) {
    IndexTablesTest.assertStepsAsOnReference(scenario, REFERENCE, ENGINES);
  }

  @Test
  void theStreamLabelIsTheTimeTheStreamWasEnabled() {
    for (DynamoDbClient client : ENGINES) {
      TableDescription created =
          client
              .createTable(stream(true, "KEYS_ONLY").andThen(b -> b.tableName("labelled")))
              .tableDescription();
      assertThat(created.latestStreamLabel()).isEqualTo("2026-01-02T03:04:05.678");
      assertThat(created.latestStreamArn())
          .isEqualTo(ARN + "labelled/stream/2026-01-02T03:04:05.678");
      client.deleteTable(b -> b.tableName("labelled"));
    }
  }

  @Test
  void anUpdateOfAnotherSettingKeepsTheOnDemandThroughput() {
    // DynamoDB Local drops it on an UpdateTable that does not give it (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> created =
        onDemand(10L, 5L).andThen(b -> b.tableName("limited"));
    Function<DynamoDbClient, Object> protect =
        client -> {
          client.createTable(created);
          OnDemandThroughput kept =
              client
                  .updateTable(b -> b.tableName("limited").deletionProtectionEnabled(false))
                  .tableDescription()
                  .onDemandThroughput();
          client.deleteTable(b -> b.tableName("limited"));
          return kept == null ? "dropped" : kept;
        };
    assertThat(protect.apply(REFERENCE)).isEqualTo("dropped");
    for (DynamoDbClient client : ENGINES) {
      assertThat(protect.apply(client))
          .isEqualTo(
              OnDemandThroughput.builder()
                  .maxReadRequestUnits(10L)
                  .maxWriteRequestUnits(5L)
                  .build());
    }
  }

  @Test
  void aTableCreatedAgainHasNoStreamOfTheTableBefore() {
    // DynamoDB Local describes the latest stream of a deleted table of the same name
    // (docs/compatibility.md).
    Function<DynamoDbClient, Object> recreate =
        client -> {
          client.createTable(stream(true, "KEYS_ONLY").andThen(b -> b.tableName("again")));
          client.deleteTable(b -> b.tableName("again"));
          TableDescription created =
              client.createTable(table(b -> b.tableName("again"))).tableDescription();
          client.deleteTable(b -> b.tableName("again"));
          return created.latestStreamArn() == null ? "no stream" : "a stream";
        };
    assertThat(recreate.apply(REFERENCE)).isEqualTo("a stream");
    for (DynamoDbClient client : ENGINES) {
      assertThat(recreate.apply(client)).isEqualTo("no stream");
    }
  }

  @Test
  void anUnknownStreamViewTypeIsRefusedAsTheApiReferenceSays() {
    // DynamoDB Local enables a stream without a view type (docs/compatibility.md).
    String refused =
        "1 validation error detected: Value 'FOO' at 'streamSpecification.streamViewType' failed"
            + " to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE,"
            + " NEW_AND_OLD_IMAGES, KEYS_ONLY]";
    Consumer<CreateTableRequest.Builder> created =
        stream(true, "FOO").andThen(b -> b.tableName("foo"));
    assertThat(
            REFERENCE
                .createTable(created)
                .tableDescription()
                .streamSpecification()
                .streamViewType())
        .isEqualTo(StreamViewType.UNKNOWN_TO_SDK_VERSION);
    REFERENCE.deleteTable(b -> b.tableName("foo"));
    for (DynamoDbClient client : ENGINES) {
      assertThat(Targets.outcome(client, c -> c.createTable(created)))
          .isEqualTo(List.of("DynamoDbException", "ValidationException", refused));
      client.createTable(table(b -> b.tableName("foo")));
      assertThat(Targets.outcome(client, streamUpdate("foo", true, "FOO")))
          .isEqualTo(List.of("DynamoDbException", "ValidationException", refused));
      client.deleteTable(b -> b.tableName("foo"));
    }
  }

  @Test
  void updatesOfOnDemandThroughputDynamoDbLocalMishandlesAreRefused() {
    // DynamoDB Local takes a maximum of 0 for none, and fails internally on a missing maximum
    // (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> created =
        onDemand(10L, 5L).andThen(b -> b.tableName("mishandled"));
    REFERENCE.createTable(created);
    assertThat(
            REFERENCE
                .updateTable(
                    b ->
                        b.tableName("mishandled")
                            .onDemandThroughput(
                                t -> t.maxReadRequestUnits(0L).maxWriteRequestUnits(5L)))
                .tableDescription()
                .onDemandThroughput())
        .isNull();
    REFERENCE.deleteTable(b -> b.tableName("mishandled"));
    for (DynamoDbClient client : ENGINES) {
      client.createTable(created);
      assertThat(
              Targets.outcome(
                  client,
                  update(
                      "mishandled",
                      b ->
                          b.onDemandThroughput(
                              t -> t.maxReadRequestUnits(0L).maxWriteRequestUnits(5L)))))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "One or more parameter values were invalid: Requested MaxReadRequestUnits for"
                      + " OnDemandThroughput for table is outside of valid range"));
      assertThat(
              Targets.outcome(
                  client,
                  update("mishandled", b -> b.onDemandThroughput(t -> t.maxReadRequestUnits(20L)))))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "Table read and write throughput must be at least 1, and cannot be null"));
      client.deleteTable(b -> b.tableName("mishandled"));
    }
  }

  @Test
  void serverSideEncryptionIsDescribedAsTheApiReferenceSays() {
    // DynamoDB Local accepts SSESpecification and ignores it: no SSEDescription, and an
    // UpdateTable of it alone is "Nothing to update" (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> kms =
        table(
            b ->
                b.tableName("encrypted")
                    .sseSpecification(
                        s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("alias/mine")));
    assertThat(REFERENCE.createTable(kms).tableDescription().sseDescription()).isNull();
    assertThat(
            Targets.outcome(
                REFERENCE,
                c ->
                    c.updateTable(
                        b -> b.tableName("encrypted").sseSpecification(s -> s.enabled(false)))))
        .isEqualTo(List.of("DynamoDbException", "ValidationException", "Nothing to update"));
    REFERENCE.deleteTable(b -> b.tableName("encrypted"));
    String kmsArn = "arn:aws:kms:eu-west-1:000000000000:";
    for (DynamoDbClient client : ENGINES) {
      assertThat(client.createTable(kms).tableDescription().sseDescription())
          .isEqualTo(sse(kmsArn + "alias/mine"));
      assertThat(client.describeTable(b -> b.tableName("encrypted")).table().sseDescription())
          .isEqualTo(sse(kmsArn + "alias/mine"));
      assertThat(
              client
                  .updateTable(
                      b ->
                          b.tableName("encrypted")
                              .sseSpecification(
                                  s ->
                                      s.enabled(true)
                                          .kmsMasterKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")))
                  .tableDescription()
                  .sseDescription())
          .isEqualTo(sse(kmsArn + "key/1234abcd-12ab-34cd-56ef-1234567890ab"));
      String keyArn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd";
      assertThat(
              client
                  .updateTable(
                      b ->
                          b.tableName("encrypted")
                              .sseSpecification(s -> s.enabled(true).kmsMasterKeyId(keyArn)))
                  .tableDescription()
                  .sseDescription())
          .isEqualTo(sse(keyArn));
      assertThat(
              client
                  .updateTable(b -> b.tableName("encrypted").sseSpecification(s -> s.enabled(true)))
                  .tableDescription()
                  .sseDescription())
          .isEqualTo(sse(kmsArn + "alias/aws/dynamodb"));
      assertThat(
              client
                  .updateTable(
                      b -> b.tableName("encrypted").sseSpecification(s -> s.enabled(false)))
                  .tableDescription()
                  .sseDescription())
          .isNull();
      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.updateTable(
                          b -> b.tableName("encrypted").sseSpecification(s -> s.sseType("FOO")))))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "ValidationException",
                  "1 validation error detected: Value 'FOO' at 'sSESpecification.sSEType' failed to"
                      + " satisfy constraint: Member must satisfy enum value set: [AES256, KMS]"));
      client.deleteTable(b -> b.tableName("encrypted"));
      assertThat(
              client
                  .createTable(
                      table(b -> b.tableName("plain").sseSpecification(s -> s.enabled(false))))
                  .tableDescription()
                  .sseDescription())
          .isNull();
      client.deleteTable(b -> b.tableName("plain"));
    }
  }

  private static SSEDescription sse(String keyArn) {
    return SSEDescription.builder()
        .status("ENABLED")
        .sseType(SSEType.KMS)
        .kmsMasterKeyArn(keyArn)
        .build();
  }

  @Test
  void theTableClassIsDescribedAsTheApiReferenceSays() {
    // DynamoDB Local accepts TableClass and ignores it: no TableClassSummary, and an UpdateTable
    // of it alone is "Nothing to update" (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> infrequent =
        table(b -> b.tableName("classy").tableClass(TableClass.STANDARD_INFREQUENT_ACCESS));
    assertThat(REFERENCE.createTable(infrequent).tableDescription().tableClassSummary()).isNull();
    assertThat(
            Targets.outcome(
                REFERENCE,
                c -> c.updateTable(b -> b.tableName("classy").tableClass(TableClass.STANDARD))))
        .isEqualTo(List.of("DynamoDbException", "ValidationException", "Nothing to update"));
    REFERENCE.deleteTable(b -> b.tableName("classy"));
    REFERENCE.createTable(table(b -> b.tableName("classless").tableClass("FOO")));
    REFERENCE.deleteTable(b -> b.tableName("classless"));
    for (DynamoDbClient client : ENGINES) {
      assertThat(client.createTable(infrequent).tableDescription().tableClassSummary())
          .isEqualTo(
              TableClassSummary.builder()
                  .tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                  .build());
      assertThat(
              client
                  .updateTable(b -> b.tableName("classy").tableClass(TableClass.STANDARD))
                  .tableDescription()
                  .tableClassSummary())
          .isEqualTo(
              TableClassSummary.builder()
                  .tableClass(TableClass.STANDARD)
                  .lastUpdateDateTime(NOW)
                  .build());
      assertThat(
              client
                  .describeTable(b -> b.tableName("classy"))
                  .table()
                  .tableClassSummary()
                  .tableClass())
          .isEqualTo(TableClass.STANDARD);
      String refused =
          "1 validation error detected: Value 'FOO' at 'tableClass' failed to satisfy constraint:"
              + " Member must satisfy enum value set: [STANDARD_INFREQUENT_ACCESS, STANDARD]";
      assertThat(
              Targets.outcome(
                  client, c -> c.updateTable(b -> b.tableName("classy").tableClass("FOO"))))
          .isEqualTo(List.of("DynamoDbException", "ValidationException", refused));
      assertThat(
              Targets.outcome(
                  client,
                  c -> c.createTable(table(b -> b.tableName("classless").tableClass("FOO")))))
          .isEqualTo(List.of("DynamoDbException", "ValidationException", refused));
      client.deleteTable(b -> b.tableName("classy"));
    }
  }

  @Test
  void aTableWithEverySettingIsDescribedAsDynamoDbLocalDescribesIt() {
    Consumer<CreateTableRequest.Builder> everything =
        table(
            b ->
                b.tableName("everything")
                    .attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S", "n", "N"))
                    .keySchema(hash("pk"), range("sk"))
                    .globalSecondaryIndexes(IndexTablesTest.onDemand(gsi("gx1")))
                    .localSecondaryIndexes(lsi("lx1"))
                    .streamSpecification(
                        s ->
                            s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .onDemandThroughput(o -> o.maxReadRequestUnits(100L).maxWriteRequestUnits(50L))
                    .warmThroughput(w -> w.readUnitsPerSecond(13000L).writeUnitsPerSecond(5000L))
                    .deletionProtectionEnabled(true)
                    .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS))
                    .tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                    .tags(tag("team", "storage")));
    Function<DynamoDbClient, TableDescription> describe =
        client -> {
          client.createTable(everything);
          TableDescription described = client.describeTable(b -> b.tableName("everything")).table();
          client.updateTable(b -> b.tableName("everything").deletionProtectionEnabled(false));
          client.deleteTable(b -> b.tableName("everything"));
          return described;
        };
    TableDescription expected = describe.apply(REFERENCE);
    for (DynamoDbClient client : ENGINES) {
      TableDescription actual = describe.apply(client);
      // Encryption and table class are described as the API reference says; DynamoDB Local does
      // not describe them (serverSideEncryption..., theTableClass... above).
      assertThat(actual.sseDescription())
          .isEqualTo(sse("arn:aws:kms:eu-west-1:000000000000:alias/aws/dynamodb"));
      assertThat(actual.tableClassSummary().tableClass())
          .isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
      assertThat(
              comparable(
                  actual.toBuilder()
                      .sseDescription((SSEDescription) null)
                      .tableClassSummary((TableClassSummary) null)
                      .build()))
          .isEqualTo(comparable(expected));
      assertThat(actual.latestStreamArn())
          .isEqualTo(ARN + "everything/stream/2026-01-02T03:04:05.678");
    }
  }

  private static final String UNSUPPORTED = "Tagging is not currently supported in DynamoDB Local.";

  private static List<Object> refused(String type, String message) {
    String code = type.equals("DynamoDbException") ? "ValidationException" : type;
    return List.of(type, code, message);
  }

  private static Function<DynamoDbClient, Object> listTags(String table) {
    return client -> client.listTagsOfResource(b -> b.resourceArn(arnOf(client, table)));
  }

  /** The ARN of a table on that client: DynamoDB Local's region is "ddblocal". */
  private static String arnOf(DynamoDbClient client, String table) {
    return client == REFERENCE
        ? "arn:aws:dynamodb:ddblocal:000000000000:table/" + table
        : ARN + table;
  }

  @Test
  void tagsAreKeptAsTheApiReferenceSays() {
    // DynamoDB Local accepts Tags on CreateTable but serves no tagging operation
    // (docs/compatibility.md).
    Consumer<CreateTableRequest.Builder> tagged =
        table(b -> b.tableName("tagged").tags(tag("a", "1"), tag("b", "")));
    REFERENCE.createTable(tagged);
    for (Function<DynamoDbClient, Object> call :
        List.<Function<DynamoDbClient, Object>>of(
            listTags("tagged"),
            c -> c.tagResource(b -> b.resourceArn(arnOf(c, "tagged")).tags(tag("c", "3"))),
            c -> c.untagResource(b -> b.resourceArn(arnOf(c, "tagged")).tagKeys("a")))) {
      assertThat(Targets.outcome(REFERENCE, call))
          .isEqualTo(List.of("DynamoDbException", "UnknownOperationException", UNSUPPORTED));
    }
    REFERENCE.deleteTable(b -> b.tableName("tagged"));
    for (DynamoDbClient client : ENGINES) {
      client.createTable(tagged);
      assertThat(client.listTagsOfResource(b -> b.resourceArn(ARN + "tagged")).tags())
          .containsExactly(tag("a", "1"), tag("b", ""));
      client.tagResource(b -> b.resourceArn(ARN + "tagged").tags(tag("c", "3"), tag("a", "9")));
      assertThat(client.listTagsOfResource(b -> b.resourceArn(ARN + "tagged")).tags())
          .containsExactly(tag("a", "9"), tag("b", ""), tag("c", "3"));
      client.untagResource(b -> b.resourceArn(ARN + "tagged").tagKeys("b", "absent"));
      var listed = client.listTagsOfResource(b -> b.resourceArn(ARN + "tagged"));
      assertThat(listed.tags()).containsExactly(tag("a", "9"), tag("c", "3"));
      assertThat(listed.nextToken()).isNull();
      client.deleteTable(b -> b.tableName("tagged"));
      client.createTable(table(b -> b.tableName("tagged")));
      assertThat(client.listTagsOfResource(b -> b.resourceArn(ARN + "tagged")).tags()).isEmpty();
      client.tagResource(b -> b.resourceArn(ARN + "tagged").tags(tags(25)));
      List<Tag> paged = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        String from = token;
        var page = client.listTagsOfResource(b -> b.resourceArn(ARN + "tagged").nextToken(from));
        paged.addAll(page.tags());
        token = page.nextToken();
        pages++;
      } while (token != null);
      assertThat(paged).isEqualTo(tags(25));
      assertThat(pages).isEqualTo(3);
      client.deleteTable(b -> b.tableName("tagged"));
    }
  }

  /** AWS's words for a member missing. */
  private static String missing(String member) {
    return "1 validation error detected: Value null at '"
        + member
        + "' failed to satisfy constraint: Member must not be null";
  }

  /** AWS's words for a value longer than its member allows. */
  private static String tooLong(String value, String member, int most) {
    return "1 validation error detected: Value '"
        + value
        + "' at '"
        + member
        + "' failed to satisfy constraint: Member must have length less than or equal to "
        + most;
  }

  static Stream<Arguments> tagRequests() {
    String table = ARN + "tagging";
    String missing = ARN + "missing";
    String invalid = "Invalid TableArn: Invalid ResourceArn provided as input ";
    String notFound = "Requested resource not found: ResourcArn: " + missing + " not found";
    String characters =
        "One or more parameter values were invalid: Tag keys and values may contain only"
            + " letters, numbers, white space and the characters + - = . _ : /";
    String reserved =
        "One or more parameter values were invalid: Tag keys beginning with aws: are reserved for"
            + " AWS use";
    String tooMany =
        "One or more parameter values were invalid: A resource can have at most 50 tags";
    List<Arguments> cases = new ArrayList<>();
    java.util.function.BiConsumer<Function<DynamoDbClient, Object>, List<Object>> add =
        (call, expected) ->
            cases.add(Arguments.of(cases.size() + ": " + expected.get(2), call, expected));
    String v = "DynamoDbException";
    // ListTagsOfResource
    add.accept(c -> c.listTagsOfResource(b -> {}), refused(v, "Invalid TableArn"));
    add.accept(c -> c.listTagsOfResource(b -> b.resourceArn("abcd")), refused(v, invalid + "abcd"));
    add.accept(c -> c.listTagsOfResource(b -> b.resourceArn("")), refused(v, invalid));
    add.accept(
        c -> c.listTagsOfResource(b -> b.resourceArn(ARN + "ab")),
        refused(v, invalid + ARN + "ab"));
    add.accept(
        c -> c.listTagsOfResource(b -> b.resourceArn(table + "/index/gx1")),
        refused(v, invalid + table + "/index/gx1"));
    add.accept(
        c -> c.listTagsOfResource(b -> b.resourceArn(missing)),
        refused("ResourceNotFoundException", notFound));
    String otherRegion = "arn:aws:dynamodb:us-east-2:000000000000:table/tagging";
    add.accept(
        c -> c.listTagsOfResource(b -> b.resourceArn(otherRegion)),
        refused(
            "ResourceNotFoundException",
            "Requested resource not found: ResourcArn: " + otherRegion + " not found"));
    add.accept(
        c -> c.listTagsOfResource(b -> b.resourceArn(table).nextToken("x")),
        refused(v, "Invalid NextToken: x"));
    // TagResource
    add.accept(c -> c.tagResource(b -> b.tags(tag("a", "1"))), refused(v, "Invalid TableArn"));
    add.accept(c -> c.tagResource(b -> b.resourceArn("abcd")), refused(v, missing("tags")));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn("abcd").tags(List.of())),
        refused(v, invalid + "abcd"));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(missing).tags(List.of())),
        refused(v, "Atleast one Tag needs to be provided as Input."));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(missing).tags(tag("a", "1"))),
        refused("ResourceNotFoundException", notFound));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("a", "1"), tag("", "1"))),
        refused(
            v,
            "1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1"));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("k".repeat(129), "1"))),
        refused(v, tooLong("k".repeat(129), "tags.1.member.key", 128)));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("k", "v".repeat(257)))),
        refused(v, tooLong("v".repeat(257), "tags.1.member.value", 256)));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(Tag.builder().key("k").build())),
        refused(v, missing("tags.1.member.value")));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("k!", "1"))), refused(v, characters));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("k", "v#"))), refused(v, characters));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("AWS:k", "1"))),
        refused(v, reserved));
    add.accept(
        c -> c.tagResource(b -> b.resourceArn(table).tags(tag("d", "1"), tag("d", "2"))),
        refused(v, "One or more parameter values were invalid: Duplicate tag key: d"));
    add.accept(c -> c.tagResource(b -> b.resourceArn(table).tags(tags(50))), refused(v, tooMany));
    // UntagResource
    add.accept(c -> c.untagResource(b -> b.tagKeys("a")), refused(v, "Invalid TableArn"));
    add.accept(c -> c.untagResource(b -> b.resourceArn("abcd")), refused(v, missing("tagKeys")));
    add.accept(
        c -> c.untagResource(b -> b.resourceArn("abcd").tagKeys(List.of())),
        refused(v, invalid + "abcd"));
    add.accept(
        c -> c.untagResource(b -> b.resourceArn(missing).tagKeys(List.of())),
        refused(v, "Atleast one Tag Key needs to be provided as Input."));
    add.accept(
        c -> c.untagResource(b -> b.resourceArn(missing).tagKeys("a")),
        refused("ResourceNotFoundException", "Requested resource not found"));
    add.accept(
        c -> c.untagResource(b -> b.resourceArn(table).tagKeys("a", "k".repeat(129))),
        refused(v, tooLong("k".repeat(129), "tagKeys.2.member", 128)));
    add.accept(
        c -> c.untagResource(b -> b.resourceArn(table).tagKeys("aws:k")), refused(v, reserved));
    // CreateTable, where DynamoDB Local accepts them all
    for (Object[] bad :
        List.of(
            new Object[] {List.of(tag("aws:x", "1")), reserved},
            new Object[] {
              List.of(tag("a", "1"), tag("a", "2")),
              "One or more parameter values were invalid: Duplicate tag key: a"
            },
            new Object[] {tags(51), tooMany},
            new Object[] {List.of(tag("k!", "1")), characters},
            new Object[] {
              List.of(tag("", "1")),
              "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy"
                  + " constraint: Member must have length greater than or equal to 1"
            },
            new Object[] {
              List.of(tag("a", "1"), Tag.builder().value("1").build()), missing("tags.2.member.key")
            })) {
      @SuppressWarnings("unchecked")
      List<Tag> tags = (List<Tag>) bad[0];
      add.accept(
          c -> c.createTable(table(b -> b.tableName("badlytagged").tags(tags))),
          refused(v, (String) bad[1]));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tagRequests")
  void tagRequestsAreCheckedAsTheApiReferenceSays(
      String name, Function<DynamoDbClient, Object> call, List<Object> expected) {
    for (DynamoDbClient client : ENGINES) {
      if (!client.listTables().tableNames().contains("tagging")) {
        client.createTable(table(b -> b.tableName("tagging").tags(tag("t", "1"))));
      }
      assertThat(Targets.outcome(client, call)).isEqualTo(expected);
    }
  }

  @Test
  void createTableTagsAreCheckedWhereDynamoDbLocalAcceptsThem() {
    // DynamoDB Local accepts any Tags on CreateTable (docs/compatibility.md); the refusals of
    // the engine are in tagRequestsAreCheckedAsTheApiReferenceSays.
    for (List<Tag> tags :
        List.of(
            List.of(tag("aws:x", "1")),
            List.of(tag("a", "1"), tag("a", "2")),
            tags(51),
            List.of(tag("k!", "1")),
            List.of(tag("", "1")))) {
      REFERENCE.createTable(table(b -> b.tableName("badlytagged").tags(tags)));
      REFERENCE.deleteTable(b -> b.tableName("badlytagged"));
    }
  }

  /**
   * A description without what differs by design (as {@link IndexTablesTest#comparable}) and the
   * stream's label, a time: whether there is one, and whether the stream ARN is the table's ARN,
   * {@code /stream/} and the label.
   */
  static TableDescription comparable(TableDescription description) {
    String label = description.latestStreamLabel();
    String arn = description.latestStreamArn();
    return IndexTablesTest.comparable(description).toBuilder()
        .latestStreamLabel(label == null ? null : "LABEL")
        .latestStreamArn(
            arn == null
                ? null
                : arn.equals(description.tableArn() + "/stream/" + label)
                    ? "TABLE/stream/LABEL"
                    : arn)
        .build();
  }
}
