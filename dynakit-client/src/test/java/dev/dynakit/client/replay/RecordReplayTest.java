package dev.dynakit.client.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.resilience.RetrySettings;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import dev.dynakit.engine.DynakitEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** A scenario recorded against the engine, then replayed with no engine and no network at all. */
class RecordReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /** A scenario of many kinds of call; returns what each call answered, as text. */
  private static List<String> scenario(DynamoDbClient sdk) {
    List<String> results = new ArrayList<>();
    results.add(
        sdk.createTable(
                b ->
                    b.tableName("orders")
                        .billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType("S"),
                            a -> a.attributeName("sk").attributeType("S"))
                        .keySchema(
                            k -> k.attributeName("pk").keyType("HASH"),
                            k -> k.attributeName("sk").keyType("RANGE")))
            .tableDescription()
            .tableName());
    for (int i = 0; i < 3; i++) {
      String sk = "line-" + i;
      sdk.putItem(
          b ->
              b.tableName("orders")
                  .item(Map.of("pk", s("o-1"), "sk", s(sk), "qty", AttributeValue.fromN("1"))));
    }
    Map<String, AttributeValue> key = Map.of("pk", s("o-1"), "sk", s("line-0"));
    results.add(sdk.getItem(b -> b.tableName("orders").key(key)).item().toString());
    results.add(
        sdk.updateItem(
                b ->
                    b.tableName("orders")
                        .key(key)
                        .updateExpression("ADD qty :n")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("4")))
                        .returnValues(ReturnValue.ALL_NEW))
            .attributes()
            .toString());
    // The same request again: replay answers it with the second recorded answer.
    results.add(sdk.getItem(b -> b.tableName("orders").key(key)).item().toString());
    results.add(
        sdk.query(
                b ->
                    b.tableName("orders")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("o-1"))))
            .items()
            .toString());
    sdk.transactWriteItems(
        b ->
            b.transactItems(
                t -> t.put(p -> p.tableName("orders").item(Map.of("pk", s("o-2"), "sk", s("a")))),
                t ->
                    t.delete(
                        d ->
                            d.tableName("orders").key(Map.of("pk", s("o-1"), "sk", s("line-2"))))));
    ConditionalCheckException failed =
        catchThrowableOfType(
            ConditionalCheckException.class,
            () ->
                sdk.putItem(
                    b ->
                        b.tableName("orders")
                            .item(key)
                            .conditionExpression("attribute_not_exists(pk)")
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    results.add(failed.kind() + " " + failed.item().orElseThrow());
    results.add(sdk.scan(b -> b.tableName("orders")).items().toString());
    return results;
  }

  private static Dynakit.Builder replaying() {
    return Dynakit.builder()
        .region("eu-west-1")
        .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
        .retry(RetrySettings.none());
  }

  @Test
  void aReplayedScenarioAnswersAsTheRecordedOneWithNoEngine() throws Exception {
    Path file = dir.resolve("scenario.jsonl");
    List<String> recorded;
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit recording = Adapters.over(engine.httpClient()).record(file).build()) {
      recorded = scenario(recording.sdk());
    }

    List<String> replayed;
    try (Dynakit replay = replaying().replay(file).build()) {
      replayed = scenario(replay.sdk());
    }

    assertThat(replayed).isEqualTo(recorded);
    assertThat(recorded.get(1)).isNotEqualTo(recorded.get(3)); // qty 1, then 5
    assertThat(Files.readAllLines(file)).hasSize(11);
  }

  @Test
  void aScenarioRecordedFromDynamoDbLocalOverTheNetworkReplaysWithItsChecksums() throws Exception {
    Path file = dir.resolve("local.jsonl");
    List<String> recorded;
    try (DynamoDbLocalServer local = DynamoDbLocalServer.start();
        Dynakit recording =
            Dynakit.builder()
                .endpoint(local.endpoint())
                .region("eu-west-1")
                .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
                .credentials(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .record(file)
                .build()) {
      recorded = scenario(recording.sdk());
    }
    assertThat(Files.readString(file)).contains("x-amz-crc32");

    try (Dynakit replay = replaying().replay(file).build()) {
      assertThat(scenario(replay.sdk())).isEqualTo(recorded);
    }
  }

  @Test
  void eachLineHoldsTheExchangeAndNoSecret() throws Exception {
    Path file = dir.resolve("secrets.jsonl");
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit recording =
            Adapters.over(engine.httpClient())
                .credentials(
                    StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(
                            "AKIDEXAMPLE", "wJalrXUtnFEMIsecretKEY", "SESSIONtoken123")))
                .record(file)
                .build()) {
      Adapters.createTable(recording.sdk(), "things", false);
      recording.sdk().putItem(b -> b.tableName("things").item(Map.of("pk", s("a"))));
    }

    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text)
        .doesNotContain("wJalrXUtnFEMIsecretKEY", "SESSIONtoken123", "AKIDEXAMPLE")
        .doesNotContainIgnoringCase("authorization")
        .doesNotContainIgnoringCase("x-amz-security-token");
    JsonNode put = JSON.readTree(Files.readAllLines(file).get(1));
    assertThat(put.get("operation").asText()).isEqualTo("PutItem");
    assertThat(put.get("request").get("TableName").asText()).isEqualTo("things");
    assertThat(put.get("status").asInt()).isEqualTo(200);
    assertThat(put.get("headers").get("x-amzn-RequestId").asText()).isNotBlank();
    List<String> headers = new ArrayList<>();
    put.get("headers").fieldNames().forEachRemaining(headers::add);
    assertThat(headers)
        .contains("x-amzn-RequestId", "Content-Type")
        .isSubsetOf("x-amzn-RequestId", "x-amz-crc32", "Content-Type");
    assertThat(put.get("response").isObject()).isTrue();
  }

  @Test
  void aRequestWithNoRecordedAnswerFailsNamingOperationTableAndFile() throws Exception {
    Path file = dir.resolve("short.jsonl");
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit recording = Adapters.over(engine.httpClient()).record(file).build()) {
      Adapters.createTable(recording.sdk(), "things", false);
      recording.sdk().putItem(b -> b.tableName("things").item(Map.of("pk", s("known"))));
    }

    try (Dynakit replay = replaying().replay(file).build()) {
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class,
              () ->
                  replay
                      .sdk()
                      .putItem(
                          b -> b.tableName("things").item(Map.of("pk", s("value-never-seen")))));

      assertThat(e.getMessage())
          .contains("PutItem", "'things'", file.toString())
          .doesNotContain("value-never-seen");
      assertThat(e.context().operation()).isEqualTo("PutItem");
      assertThat(e.context().table()).isEqualTo("things");

      // the recorded one is answered once, not twice
      replay.sdk().putItem(b -> b.tableName("things").item(Map.of("pk", s("known"))));
      assertThat(
              catchThrowable(
                  () ->
                      replay
                          .sdk()
                          .putItem(b -> b.tableName("things").item(Map.of("pk", s("known"))))))
          .isInstanceOf(ConfigurationException.class);
    }
  }

  @Test
  void matchingIgnoresKeyOrderAndTheClientRequestToken() throws Exception {
    Path file = dir.resolve("order.jsonl");
    String request =
        "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"ClientRequestToken\":\"one\"}";
    String response = "{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1.50\"}}}";
    Files.writeString(
        file,
        "{\"operation\":\"GetItem\",\"request\":"
            + request
            + ",\"status\":200,\"headers\":{\"x-amzn-RequestId\":\"r-1\",\"x-amz-crc32\":\"1\"},"
            + "\"response\":"
            + response
            + "}\n\n");

    try (Dynakit replay = replaying().replay(file).build()) {
      Map<String, AttributeValue> item =
          replay.sdk().getItem(b -> b.key(Map.of("pk", s("a"))).tableName("t")).item();

      assertThat(item).containsEntry("n", AttributeValue.fromN("1.50"));
    }
  }

  @Test
  void aBrokenRecordingIsRefusedWhenTheAdapterIsBuilt() throws Exception {
    Path notJson = dir.resolve("broken.jsonl");
    Files.writeString(notJson, "{\"operation\":\"GetItem\"}\nnot json\n");
    Path missing = dir.resolve("missing.jsonl");

    assertThatThrownBy(() -> replaying().replay(notJson).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("broken.jsonl");
    Files.writeString(notJson, "not json\n");
    assertThatThrownBy(() -> replaying().replay(notJson).build())
        .hasMessageContaining("line 1 of the recording")
        .hasMessageContaining("is not JSON");
    assertThatThrownBy(() -> replaying().replay(missing).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cannot read the recording")
        .hasMessageContaining("missing.jsonl");
  }

  @Test
  void concurrentCallsWriteWholeLines() throws Exception {
    Path file = dir.resolve("concurrent.jsonl");
    int threads = 8;
    int perThread = 25;
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit recording = Adapters.over(engine.httpClient()).record(file).build()) {
      Adapters.createTable(recording.sdk(), "things", false);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      String pk = thread + "-" + i + "-" + "x".repeat(500);
                      recording.sdk().putItem(b -> b.tableName("things").item(Map.of("pk", s(pk))));
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1 + threads * perThread);
    long puts = 0;
    for (String line : lines) {
      JsonNode exchange = JSON.readTree(line);
      if (exchange.get("operation").asText().equals("PutItem")) {
        puts++;
      }
    }
    assertThat(puts).isEqualTo(threads * perThread);
  }

  @Test
  void theEnvironmentChoosesTheMode() throws Exception {
    Path file = dir.resolve("env.jsonl");
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit recording =
            Adapters.over(engine.httpClient())
                .environment(Map.of("DYNAKIT_MODE", "record", "DYNAKIT_RECORDING", file.toString()))
                .build()) {
      recording.sdk().listTables();
    }
    try (Dynakit replay =
        replaying()
            .environment(Map.of("DYNAKIT_MODE", "REPLAY", "DYNAKIT_RECORDING", file.toString()))
            .build()) {
      assertThat(replay.sdk().listTables().tableNames()).isEmpty();
    }

    assertThatThrownBy(() -> replaying().environment(Map.of("DYNAKIT_MODE", "rewind")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DYNAKIT_MODE")
        .hasMessageContaining("rewind");
    assertThatThrownBy(() -> replaying().environment(Map.of("DYNAKIT_MODE", "replay")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("DYNAKIT_RECORDING");
    Simulation live = Simulation.resolve(null, null, Map.of("DYNAKIT_MODE", "live"));
    Simulation mock = Simulation.resolve(null, null, Map.of("DYNAKIT_MODE", "mock"));
    assertThat(live.mode()).isEqualTo(SimulationMode.LIVE);
    assertThat(mock.mode()).isEqualTo(SimulationMode.MOCK);
    assertThat(mock.httpClient(null, new ArrayList<>())).isNull();
    assertThat(Simulation.resolve(null, null, Map.of()).file()).isNull();
  }
}
