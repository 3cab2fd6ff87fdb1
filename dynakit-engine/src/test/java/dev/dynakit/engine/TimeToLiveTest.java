package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * UpdateTimeToLive and DescribeTimeToLive on the engine, in-process and over HTTP, and on Amazon
 * DynamoDB Local: the same answers and errors, word for word, through every state a table's time to
 * live goes through, by name and by ARN.
 */
class TimeToLiveTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final String LOCAL_ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/";
  private static final String ENGINE_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/";

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  /** A step of a scenario and its name. */
  private record Step(String name, Function<DynamoDbClient, Object> call) {}

  private static Step update(
      String name, String table, Consumer<TimeToLiveSpecification.Builder> spec) {
    return new Step(
        name, ddb -> ddb.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(spec)));
  }

  private static Step describe(String name, String table) {
    return new Step(name, ddb -> ddb.describeTimeToLive(b -> b.tableName(table)));
  }

  private static void create(DynamoDbClient ddb, String table) {
    ddb.createTable(
        b ->
            b.tableName(table)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  /** Every state and every refusal, on table {@code name}, which {@code table} names. */
  private static List<Step> scenario(String name, String table) {
    List<Step> steps = new ArrayList<>();
    steps.add(describe("describe a missing table", "missing"));
    steps.add(update("update a missing table", "missing", s -> s.attributeName("e").enabled(true)));
    steps.add(
        new Step(
            "update a missing table without specification",
            ddb -> ddb.updateTimeToLive(b -> b.tableName("missing"))));
    steps.add(
        update("update a missing table without Enabled", "missing", s -> s.attributeName("e")));
    steps.add(new Step("describe without table", ddb -> ddb.describeTimeToLive(b -> {})));
    steps.add(new Step("update without table", ddb -> ddb.updateTimeToLive(b -> {})));
    steps.add(describe("describe a bad name", "x"));
    steps.add(update("update a bad name", "x", s -> s.attributeName("e").enabled(true)));
    steps.add(
        new Step(
            "update a bad name without specification",
            ddb -> ddb.updateTimeToLive(b -> b.tableName("x"))));
    steps.add(
        new Step(
            "create",
            ddb -> {
              create(ddb, name);
              return "created";
            }));
    steps.add(describe("describe before any update", table));
    steps.add(new Step("no specification", ddb -> ddb.updateTimeToLive(b -> b.tableName(table))));
    steps.add(update("empty specification", table, s -> {}));
    steps.add(update("enable without AttributeName", table, s -> s.enabled(true)));
    steps.add(update("disable without AttributeName", table, s -> s.enabled(false)));
    steps.add(update("without Enabled", table, s -> s.attributeName("e")));
    steps.add(update("enable an empty name", table, s -> s.attributeName("").enabled(true)));
    steps.add(
        update("enable a name of 256", table, s -> s.attributeName("a".repeat(256)).enabled(true)));
    steps.add(
        update(
            "enable a name of 200 characters, 400 bytes",
            table,
            s -> s.attributeName("é".repeat(200)).enabled(true)));
    steps.add(update("disable when disabled", table, s -> s.attributeName("e").enabled(false)));
    steps.add(
        update(
            "disable an empty name when disabled", table, s -> s.attributeName("").enabled(false)));
    steps.add(update("enable", table, s -> s.attributeName("e").enabled(true)));
    steps.add(describe("describe enabled", table));
    steps.add(update("enable again", table, s -> s.attributeName("e").enabled(true)));
    steps.add(update("enable another attribute", table, s -> s.attributeName("f").enabled(true)));
    steps.add(update("disable another attribute", table, s -> s.attributeName("f").enabled(false)));
    steps.add(
        update(
            "disable an empty name when enabled", table, s -> s.attributeName("").enabled(false)));
    steps.add(
        update(
            "disable a name of 256 when enabled",
            table,
            s -> s.attributeName("a".repeat(256)).enabled(false)));
    steps.add(update("disable without AttributeName when enabled", table, s -> s.enabled(false)));
    steps.add(describe("describe still enabled", table));
    steps.add(update("disable", table, s -> s.attributeName("e").enabled(false)));
    steps.add(describe("describe disabled", table));
    steps.add(update("disable again", table, s -> s.attributeName("e").enabled(false)));
    steps.add(
        update(
            "disable another attribute when disabled",
            table,
            s -> s.attributeName("f").enabled(false)));
    steps.add(
        update("enable another attribute at once", table, s -> s.attributeName("f").enabled(true)));
    steps.add(describe("describe the other attribute", table));
    steps.add(update("disable it", table, s -> s.attributeName("f").enabled(false)));
    steps.add(
        update("enable a name of 255", table, s -> s.attributeName("a".repeat(255)).enabled(true)));
    steps.add(
        update("disable it too", table, s -> s.attributeName("a".repeat(255)).enabled(false)));
    steps.add(
        update("enable on the key attribute", table, s -> s.attributeName("pk").enabled(true)));
    steps.add(
        new Step(
            "delete and create again",
            ddb -> {
              ddb.deleteTable(b -> b.tableName(name));
              create(ddb, name);
              return "created again";
            }));
    steps.add(describe("describe a table created again", table));
    return steps;
  }

  private static Map<String, Object> run(DynamoDbClient ddb, List<Step> steps) {
    Map<String, Object> outcomes = new LinkedHashMap<>();
    for (Step step : steps) {
      outcomes.put(step.name(), Targets.outcome(ddb, step.call()));
    }
    return outcomes;
  }

  @Test
  void everyStateAndRefusalIsAsDynamoDbLocalHasIt() {
    Map<String, Object> reference = run(REFERENCE, scenario("ttl", "ttl"));
    assertThat(run(ENGINE.client(), scenario("ttl", "ttl"))).isEqualTo(reference);
    assertThat(run(HTTP, scenario("ttl", "ttl"))).isEqualTo(reference);

    assertThat(reference.get("enable"))
        .hasToString(
            "{type=UpdateTimeToLiveResponse, TimeToLiveSpecification={type=TimeToLiveSpecification,"
                + " Enabled=true, AttributeName=e}}");
    assertThat(reference.get("describe before any update"))
        .hasToString(
            "{type=DescribeTimeToLiveResponse, TimeToLiveDescription={type=TimeToLiveDescription,"
                + " TimeToLiveStatus=DISABLED, AttributeName=null}}");
    assertThat(reference.get("describe enabled"))
        .hasToString(
            "{type=DescribeTimeToLiveResponse, TimeToLiveDescription={type=TimeToLiveDescription,"
                + " TimeToLiveStatus=ENABLED, AttributeName=e}}");
    assertThat(reference.get("disable"))
        .hasToString(
            "{type=UpdateTimeToLiveResponse, TimeToLiveSpecification={type=TimeToLiveSpecification,"
                + " Enabled=false, AttributeName=e}}");
    assertThat(reference.get("describe disabled"))
        .isEqualTo(reference.get("describe before any update"));
    assertThat(reference.get("enable again"))
        .isEqualTo(
            List.of("DynamoDbException", "ValidationException", "TimeToLive is already enabled"));
    assertThat(reference.get("describe a missing table"))
        .isEqualTo(
            List.of(
                "ResourceNotFoundException",
                "ResourceNotFoundException",
                "Cannot do operations on a non-existent table"));
  }

  @Test
  void aTableArnServesAsItsName() {
    Map<String, Object> reference = run(REFERENCE, scenario("ttlarn", LOCAL_ARN + "ttlarn"));
    assertThat(run(ENGINE.client(), scenario("ttlarn", ENGINE_ARN + "ttlarn")))
        .isEqualTo(reference);
    assertThat(run(HTTP, scenario("ttlarn", ENGINE_ARN + "ttlarn"))).isEqualTo(reference);
    assertThat(reference.get("describe enabled"))
        .hasToString(
            "{type=DescribeTimeToLiveResponse, TimeToLiveDescription={type=TimeToLiveDescription,"
                + " TimeToLiveStatus=ENABLED, AttributeName=e}}");
    ENGINE
        .client()
        .updateTimeToLive(
            b ->
                b.tableName(ENGINE_ARN + "ttlarn")
                    .timeToLiveSpecification(s -> s.attributeName("g").enabled(true)));
    assertThat(
            ENGINE
                .client()
                .describeTimeToLive(b -> b.tableName("ttlarn"))
                .timeToLiveDescription()
                .attributeName())
        .isEqualTo("g");
  }
}
