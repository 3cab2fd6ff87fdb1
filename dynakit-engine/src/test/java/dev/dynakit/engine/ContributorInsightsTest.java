package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
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
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsMode;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsStatus;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsResponse;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * UpdateContributorInsights, DescribeContributorInsights and ListContributorInsights on the engine,
 * in-process and over HTTP. DynamoDB Local refuses all three (asserted here), so the scenarios
 * follow the API reference and DynamoDB's answers (docs/compatibility.md).
 */
class ContributorInsightsTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final TransactionsTest.MutableClock CLOCK = new TransactionsTest.MutableClock(NOW);
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE =
      DynakitEngine.builder().clock(CLOCK).region("eu-west-1").build();
  private static final DynakitEngine HTTP_ENGINE =
      DynakitEngine.builder().clock(CLOCK).region("eu-west-1").build();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ENGINES = List.of(ENGINE.client(), HTTP);
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:000000000000:table/";
  private static final String RULE = "DynamoDBContributorInsights-";
  private static final ContributorInsightsMode ALL =
      ContributorInsightsMode.ACCESSED_AND_THROTTLED_KEYS;
  private static final ContributorInsightsMode THROTTLED = ContributorInsightsMode.THROTTLED_KEYS;

  @TempDir Path dir;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  /**
   * A table keyed on pk and sk, with a global index keyed on g alone ({@code byG}), one keyed on g
   * and sk ({@code byGs}) and a local index ({@code byL}).
   */
  static Consumer<CreateTableRequest.Builder> table(String name) {
    return b ->
        b.tableName(name)
            .attributeDefinitions(
                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                a -> a.attributeName("g").attributeType(ScalarAttributeType.S),
                a -> a.attributeName("l").attributeType(ScalarAttributeType.S))
            .keySchema(
                k -> k.attributeName("pk").keyType(KeyType.HASH),
                k -> k.attributeName("sk").keyType(KeyType.RANGE))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .globalSecondaryIndexes(
                g ->
                    g.indexName("byG")
                        .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)),
                g ->
                    g.indexName("byGs")
                        .keySchema(
                            k -> k.attributeName("g").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
            .localSecondaryIndexes(
                l ->
                    l.indexName("byL")
                        .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("l").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)));
  }

  /** A table keyed on pk alone. */
  static Consumer<CreateTableRequest.Builder> hashTable(String name) {
    return b ->
        b.tableName(name)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .billingMode(BillingMode.PAY_PER_REQUEST);
  }

  private static List<Object> refused(String code, String message) {
    String type = code.equals("ValidationException") ? "DynamoDbException" : code;
    return List.of(type, code, message);
  }

  private static Object update(
      DynamoDbClient client, String table, String index, ContributorInsightsAction action) {
    return update(client, table, index, action, null);
  }

  private static Object update(
      DynamoDbClient client,
      String table,
      String index,
      ContributorInsightsAction action,
      ContributorInsightsMode mode) {
    return Targets.canonical(
        client.updateContributorInsights(
            b ->
                b.tableName(table)
                    .indexName(index)
                    .contributorInsightsAction(action)
                    .contributorInsightsMode(mode)));
  }

  private static Object updated(
      String table, String index, ContributorInsightsStatus status, ContributorInsightsMode mode) {
    return Targets.canonical(
        UpdateContributorInsightsResponse.builder()
            .tableName(table)
            .indexName(index)
            .contributorInsightsStatus(status)
            .contributorInsightsMode(mode)
            .build());
  }

  private static Object describe(DynamoDbClient client, String table, String index) {
    return Targets.canonical(
        client.describeContributorInsights(b -> b.tableName(table).indexName(index)));
  }

  private static Object described(
      String table,
      String index,
      ContributorInsightsStatus status,
      Instant updated,
      ContributorInsightsMode mode,
      List<String> rules) {
    return Targets.canonical(
        DescribeContributorInsightsResponse.builder()
            .tableName(table)
            .indexName(index)
            .contributorInsightsRuleList(rules)
            .contributorInsightsStatus(status)
            .lastUpdateDateTime(updated)
            .contributorInsightsMode(mode)
            .build());
  }

  private static List<String> rules(String resource, Instant created, String... kinds) {
    List<String> rules = new ArrayList<>();
    for (String kind : kinds) {
      rules.add(RULE + kind + "-" + resource + "-" + created.toEpochMilli());
    }
    return rules;
  }

  private static ContributorInsightsSummary summary(
      String table, String index, ContributorInsightsMode mode) {
    return ContributorInsightsSummary.builder()
        .tableName(table)
        .indexName(index)
        .contributorInsightsStatus(ContributorInsightsStatus.ENABLED)
        .contributorInsightsMode(mode)
        .build();
  }

  @Test
  void dynamoDbLocalServesNoContributorInsights() {
    REFERENCE.createTable(hashTable("local"));
    for (Function<DynamoDbClient, Object> call :
        List.<Function<DynamoDbClient, Object>>of(
            c ->
                c.updateContributorInsights(
                    b ->
                        b.tableName("local")
                            .contributorInsightsAction(ContributorInsightsAction.ENABLE)),
            c -> c.describeContributorInsights(b -> b.tableName("local")),
            c -> c.listContributorInsights(b -> {}))) {
      assertThat(Targets.outcome(REFERENCE, call))
          .isEqualTo(
              List.of(
                  "DynamoDbException",
                  "UnknownOperationException",
                  "Contributor insights operations are currently not supported in DynamoDB"
                      + " Local."));
    }
    REFERENCE.deleteTable(b -> b.tableName("local"));
  }

  @Test
  void insightsAreEnabledChangedAndDisabledOnATableAndItsGlobalIndexes() {
    ContributorInsightsAction enable = ContributorInsightsAction.ENABLE;
    ContributorInsightsAction disable = ContributorInsightsAction.DISABLE;
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table("watched"));
      assertThat(describe(client, "watched", null))
          .isEqualTo(
              described("watched", null, ContributorInsightsStatus.DISABLED, null, null, null));
      ListContributorInsightsResponse none =
          client.listContributorInsights(b -> b.tableName("watched"));
      assertThat(none.contributorInsightsSummaries()).isEmpty();
      assertThat(none.nextToken()).isNull();
      // Disabling what was never enabled changes nothing.
      assertThat(update(client, "watched", null, disable))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.DISABLED, null));
      assertThat(describe(client, "watched", null))
          .isEqualTo(
              described("watched", null, ContributorInsightsStatus.DISABLED, null, null, null));

      CLOCK.advance(Duration.ofMinutes(1));
      Instant enabled = CLOCK.instant();
      assertThat(update(client, "watched", null, enable))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.ENABLING, ALL));
      List<String> all = rules("watched", enabled, "PKC", "PKT", "SKC", "SKT");
      assertThat(describe(client, "watched", null))
          .isEqualTo(
              described("watched", null, ContributorInsightsStatus.ENABLED, enabled, ALL, all));
      // Enabling again, in the same mode, changes nothing.
      CLOCK.advance(Duration.ofMinutes(1));
      assertThat(update(client, "watched", null, enable, ALL))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.ENABLED, ALL));
      // Another mode is a change: fewer rules, made when insights were enabled.
      Instant changed = CLOCK.instant();
      assertThat(update(client, ARN + "watched", null, enable, THROTTLED))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.ENABLING, THROTTLED));
      assertThat(describe(client, ARN + "watched", null))
          .isEqualTo(
              described(
                  "watched",
                  null,
                  ContributorInsightsStatus.ENABLED,
                  changed,
                  THROTTLED,
                  rules("watched", enabled, "PKT", "SKT")));

      // Each global index has insights of its own.
      assertThat(update(client, "watched", "byG", enable))
          .isEqualTo(updated("watched", "byG", ContributorInsightsStatus.ENABLING, ALL));
      assertThat(describe(client, "watched", "byG"))
          .isEqualTo(
              described(
                  "watched",
                  "byG",
                  ContributorInsightsStatus.ENABLED,
                  changed,
                  ALL,
                  rules("watched-byG", changed, "PKC", "PKT")));
      update(client, "watched", "byGs", enable, THROTTLED);
      assertThat(describe(client, "watched", "byGs"))
          .isEqualTo(
              described(
                  "watched",
                  "byGs",
                  ContributorInsightsStatus.ENABLED,
                  changed,
                  THROTTLED,
                  rules("watched-byGs", changed, "PKT", "SKT")));
      assertThat(
              client
                  .listContributorInsights(b -> b.tableName("watched"))
                  .contributorInsightsSummaries())
          .containsExactly(
              summary("watched", null, THROTTLED),
              summary("watched", "byG", ALL),
              summary("watched", "byGs", THROTTLED));

      // Disabling answers the mode in force, whatever mode it is given.
      CLOCK.advance(Duration.ofMinutes(1));
      Instant disabled = CLOCK.instant();
      assertThat(update(client, "watched", null, disable, ALL))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.DISABLING, THROTTLED));
      assertThat(describe(client, "watched", null))
          .isEqualTo(
              described(
                  "watched", null, ContributorInsightsStatus.DISABLED, disabled, THROTTLED, null));
      assertThat(update(client, "watched", null, disable))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.DISABLED, THROTTLED));
      update(client, "watched", "byGs", disable);
      assertThat(
              client
                  .listContributorInsights(b -> b.tableName(ARN + "watched"))
                  .contributorInsightsSummaries())
          .containsExactly(summary("watched", "byG", ALL));

      // Enabled again: new rules, made now.
      assertThat(update(client, "watched", null, enable))
          .isEqualTo(updated("watched", null, ContributorInsightsStatus.ENABLING, ALL));
      assertThat(
              client
                  .describeContributorInsights(b -> b.tableName("watched"))
                  .contributorInsightsRuleList())
          .isEqualTo(rules("watched", disabled, "PKC", "PKT", "SKC", "SKT"));

      // A table created again under the name starts afresh.
      client.deleteTable(b -> b.tableName("watched"));
      client.createTable(table("watched"));
      assertThat(describe(client, "watched", "byG"))
          .isEqualTo(
              described("watched", "byG", ContributorInsightsStatus.DISABLED, null, null, null));
      assertThat(
              client
                  .listContributorInsights(b -> b.tableName("watched"))
                  .contributorInsightsSummaries())
          .isEmpty();
      client.deleteTable(b -> b.tableName("watched"));
    }
  }

  @Test
  void aDeletedIndexTakesItsInsightsWithIt() {
    for (DynamoDbClient client : ENGINES) {
      client.createTable(table("reindexed"));
      update(client, "reindexed", "byG", ContributorInsightsAction.ENABLE);
      client.updateTable(
          b ->
              b.tableName("reindexed")
                  .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
      assertThat(
              Targets.outcome(
                  client,
                  c ->
                      c.describeContributorInsights(
                          b -> b.tableName("reindexed").indexName("byG"))))
          .isEqualTo(
              refused(
                  "ResourceNotFoundException",
                  "Requested resource not found: Index: byG not found for table: reindexed"));
      assertThat(client.listContributorInsights(b -> {}).contributorInsightsSummaries()).isEmpty();
      client.updateTable(
          b ->
              b.tableName("reindexed")
                  .attributeDefinitions(
                      a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                  .globalSecondaryIndexUpdates(
                      u ->
                          u.create(
                              c ->
                                  c.indexName("byG")
                                      .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                                      .projection(p -> p.projectionType(ProjectionType.ALL)))));
      assertThat(describe(client, "reindexed", "byG"))
          .isEqualTo(
              described("reindexed", "byG", ContributorInsightsStatus.DISABLED, null, null, null));
      client.deleteTable(b -> b.tableName("reindexed"));
    }
  }

  @Test
  void everyTableAndIndexWithInsightsIsListedPageByPage() {
    for (DynamoDbClient client : ENGINES) {
      List<ContributorInsightsSummary> expected = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String name = "listed" + i;
        client.createTable(table(name));
        client.updateContributorInsights(
            b -> b.tableName(name).contributorInsightsAction(ContributorInsightsAction.ENABLE));
        expected.add(summary(name, null, ALL));
        if (i % 2 == 0) {
          client.updateContributorInsights(
              b ->
                  b.tableName(name)
                      .indexName("byGs")
                      .contributorInsightsAction(ContributorInsightsAction.ENABLE));
          expected.add(summary(name, "byGs", ALL));
        }
      }
      client.createTable(hashTable("unlisted"));
      assertThat(client.listContributorInsights(b -> {}).contributorInsightsSummaries())
          .isEqualTo(expected);
      assertThat(client.listContributorInsights(b -> {}).nextToken()).isNull();
      for (int size : new int[] {1, 2, 5, 6}) {
        List<ContributorInsightsSummary> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
          String from = token;
          ListContributorInsightsResponse page =
              client.listContributorInsights(b -> b.maxResults(size).nextToken(from));
          assertThat(page.contributorInsightsSummaries()).hasSizeLessThanOrEqualTo(size);
          paged.addAll(page.contributorInsightsSummaries());
          token = page.nextToken();
          pages++;
        } while (token != null);
        assertThat(paged).as("pages of " + size).isEqualTo(expected);
        assertThat(pages).as("pages of " + size).isEqualTo((expected.size() + size - 1) / size);
      }
      for (int i = 0; i < 4; i++) {
        String name = "listed" + i;
        client.deleteTable(b -> b.tableName(name));
      }
      client.deleteTable(b -> b.tableName("unlisted"));
    }
  }

  static Stream<Arguments> refusals() {
    List<Arguments> cases = new ArrayList<>();
    BiConsumer<Function<DynamoDbClient, Object>, List<Object>> add =
        (call, expected) ->
            cases.add(Arguments.of(cases.size() + ": " + expected.get(2), call, expected));
    String v = "ValidationException";
    ContributorInsightsAction enable = ContributorInsightsAction.ENABLE;
    add.accept(
        c -> c.updateContributorInsights(b -> b.contributorInsightsAction(enable)),
        refused(
            v,
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint:"
                + " Member must not be null"));
    add.accept(
        c -> c.describeContributorInsights(b -> {}),
        refused(
            v,
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint:"
                + " Member must not be null"));
    add.accept(
        c -> c.updateContributorInsights(b -> b.tableName("insightful")),
        refused(
            v,
            "1 validation error detected: Value null at 'contributorInsightsAction' failed to"
                + " satisfy constraint: Member must not be null"));
    add.accept(
        c ->
            c.updateContributorInsights(
                b -> b.tableName("insightful").contributorInsightsAction("PAUSE")),
        refused(
            v,
            "1 validation error detected: Value 'PAUSE' at 'contributorInsightsAction' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [ENABLE, DISABLE]"));
    add.accept(
        c ->
            c.updateContributorInsights(
                b ->
                    b.tableName("insightful")
                        .contributorInsightsAction(enable)
                        .contributorInsightsMode("SOME_KEYS")),
        refused(
            v,
            "1 validation error detected: Value 'SOME_KEYS' at 'contributorInsightsMode' failed"
                + " to satisfy constraint: Member must satisfy enum value set:"
                + " [ACCESSED_AND_THROTTLED_KEYS, THROTTLED_KEYS]"));
    for (String[] index :
        new String[][] {
          {"ix", "Member must have length greater than or equal to 3"},
          {"i".repeat(256), "Member must have length less than or equal to 255"},
          {"by G", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"}
        }) {
      String message =
          "1 validation error detected: Value '"
              + index[0]
              + "' at 'indexName' failed to satisfy constraint: "
              + index[1];
      add.accept(
          c -> c.describeContributorInsights(b -> b.tableName("insightful").indexName(index[0])),
          refused(v, message));
      add.accept(
          c ->
              c.updateContributorInsights(
                  b ->
                      b.tableName("insightful")
                          .indexName(index[0])
                          .contributorInsightsAction(enable)),
          refused(v, message));
    }
    add.accept(
        c -> c.describeContributorInsights(b -> b.tableName("ab")),
        refused(
            v,
            "Invalid table/index name.  Table/index names must be between 3 and 255 characters"
                + " long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'"));
    String missing = "Requested resource not found: Table: missing not found";
    add.accept(
        c -> c.describeContributorInsights(b -> b.tableName("missing")),
        refused("ResourceNotFoundException", missing));
    add.accept(
        c ->
            c.updateContributorInsights(
                b -> b.tableName(ARN + "missing").contributorInsightsAction(enable)),
        refused("ResourceNotFoundException", missing));
    add.accept(
        c -> c.listContributorInsights(b -> b.tableName("missing")),
        refused("ResourceNotFoundException", missing));
    for (String index : List.of("byL", "nope")) {
      String notFound =
          "Requested resource not found: Index: " + index + " not found for table: insightful";
      add.accept(
          c -> c.describeContributorInsights(b -> b.tableName("insightful").indexName(index)),
          refused("ResourceNotFoundException", notFound));
      add.accept(
          c ->
              c.updateContributorInsights(
                  b ->
                      b.tableName("insightful").indexName(index).contributorInsightsAction(enable)),
          refused("ResourceNotFoundException", notFound));
    }
    add.accept(
        c -> c.listContributorInsights(b -> b.maxResults(101)),
        refused(
            v,
            "1 validation error detected: Value '101' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value less than or equal to 100"));
    add.accept(
        c -> c.listContributorInsights(b -> b.maxResults(0)),
        refused(
            v,
            "1 validation error detected: Value '0' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1"));
    add.accept(
        c -> c.listContributorInsights(b -> b.nextToken("opaque")),
        refused(v, "Invalid NextToken: opaque"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void requestsAreCheckedAsTheApiReferenceSays(
      String name, Function<DynamoDbClient, Object> call, List<Object> expected) {
    for (DynamoDbClient client : ENGINES) {
      if (!client.listTables().tableNames().contains("insightful")) {
        client.createTable(table("insightful"));
      }
      assertThat(Targets.outcome(client, call)).isEqualTo(expected);
    }
  }

  @Test
  void aDurableEngineKeepsInsightsAcrossAReopenAndForgetsThemWithTheirTable() {
    Instant enabled = CLOCK.instant();
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      ddb.createTable(table("kept"));
      ddb.createTable(hashTable("dropped"));
      ddb.updateContributorInsights(
          b -> b.tableName("kept").contributorInsightsAction(ContributorInsightsAction.ENABLE));
      ddb.updateContributorInsights(
          b ->
              b.tableName("kept")
                  .indexName("byG")
                  .contributorInsightsAction(ContributorInsightsAction.ENABLE)
                  .contributorInsightsMode(THROTTLED));
      ddb.updateContributorInsights(
          b -> b.tableName("dropped").contributorInsightsAction(ContributorInsightsAction.ENABLE));
    }
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      assertThat(describe(ddb, "kept", null))
          .isEqualTo(
              described(
                  "kept",
                  null,
                  ContributorInsightsStatus.ENABLED,
                  enabled,
                  ALL,
                  rules("kept", enabled, "PKC", "PKT", "SKC", "SKT")));
      assertThat(ddb.listContributorInsights(b -> {}).contributorInsightsSummaries())
          .containsExactly(
              summary("dropped", null, ALL),
              summary("kept", null, ALL),
              summary("kept", "byG", THROTTLED));
      ddb.deleteTable(b -> b.tableName("dropped"));
      ddb.updateTable(
          b ->
              b.tableName("kept")
                  .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byGs"))));
    }
    try (DynakitEngine engine = durable()) {
      DynamoDbClient ddb = engine.client();
      ddb.createTable(hashTable("dropped"));
      assertThat(ddb.listContributorInsights(b -> {}).contributorInsightsSummaries())
          .containsExactly(summary("kept", null, ALL), summary("kept", "byG", THROTTLED));
      ddb.updateTable(
          b ->
              b.tableName("kept")
                  .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
    }
    try (DynakitEngine engine = durable()) {
      assertThat(engine.client().listContributorInsights(b -> {}).contributorInsightsSummaries())
          .containsExactly(summary("kept", null, ALL));
    }
  }

  private DynakitEngine durable() {
    return DynakitEngine.builder().dataDir(dir).clock(CLOCK).region("eu-west-1").build();
  }
}
