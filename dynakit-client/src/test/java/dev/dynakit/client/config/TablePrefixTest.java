package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The table prefix end to end: the engine holds prefixed tables, the caller sees plain names. */
class TablePrefixTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final AllUnprocessed http = new AllUnprocessed(engine.httpClient());
  private Dynakit dynakit;
  private DynamoDbClient sdk;

  @BeforeEach
  void open() {
    dynakit =
        Dynakit.builder()
            .endpoint("http://localhost:8000")
            .environment(Map.of("DYNAKIT_TABLE_PREFIX", "dev_", "DYNAKIT_ALLOW_WRITE", "true"))
            .credentials(Credentials.anonymous())
            .httpClient(http)
            .build();
    sdk = dynakit.sdk();
    for (String table : List.of("orders", "users")) {
      sdk.createTable(
          b ->
              b.tableName(table)
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
    }
    // A table of another environment, created without the prefix.
    engine
        .client()
        .createTable(
            b ->
                b.tableName("prod_orders")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterEach
  void close() {
    dynakit.close();
    engine.close();
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  @Test
  void tablesAreCreatedWithThePrefixAndListedWithout() {
    assertThat(engine.client().listTables().tableNames())
        .containsExactly("dev_orders", "dev_users", "prod_orders");
    assertThat(sdk.listTables().tableNames()).containsExactly("orders", "users");
    assertThat(dynakit.config().tablePrefix()).contains("dev_");
  }

  @Test
  void listTablesPagesThroughThePrefixedTablesOnly() {
    ListTablesResponse first = sdk.listTables(b -> b.limit(1));
    assertThat(first.tableNames()).containsExactly("orders");
    assertThat(first.lastEvaluatedTableName()).isEqualTo("orders");
    ListTablesResponse second =
        sdk.listTables(b -> b.limit(1).exclusiveStartTableName(first.lastEvaluatedTableName()));
    assertThat(second.tableNames()).containsExactly("users");
    ListTablesResponse third =
        sdk.listTables(b -> b.limit(1).exclusiveStartTableName(second.lastEvaluatedTableName()));
    assertThat(third.tableNames()).isEmpty();
    assertThat(third.lastEvaluatedTableName()).isNull();
  }

  @Test
  void singleItemCallsAndDescriptionsUseThePlainName() {
    sdk.putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o1"))));
    assertThat(engine.client().getItem(b -> b.tableName("dev_orders").key(key("o1"))).hasItem())
        .isTrue();
    assertThat(sdk.getItem(b -> b.tableName("orders").key(key("o1"))).item()).isEqualTo(key("o1"));

    ConsumedCapacity capacity =
        sdk.getItem(b -> b.tableName("orders").key(key("o1")).returnConsumedCapacity("TOTAL"))
            .consumedCapacity();
    assertThat(capacity.tableName()).isEqualTo("orders");

    TableDescription table = sdk.describeTable(b -> b.tableName("orders")).table();
    assertThat(table.tableName()).isEqualTo("orders");
    assertThat(table.tableArn()).endsWith(":table/orders");
    assertThat(engine.client().describeTable(b -> b.tableName("dev_orders")).table().tableArn())
        .endsWith(":table/dev_orders");

    sdk.deleteTable(b -> b.tableName("users"));
    assertThat(engine.client().listTables().tableNames()).doesNotContain("dev_users");
  }

  @Test
  void batchesArePrefixedPerTableAndAnsweredPerPlainName() {
    BatchWriteItemResponse written =
        sdk.batchWriteItem(
            b ->
                b.requestItems(
                    Map.of(
                        "orders", List.of(put("o1"), put("o2")),
                        "users", List.of(put("u1")))));
    assertThat(written.unprocessedItems()).isEmpty();
    assertThat(engine.client().scan(b -> b.tableName("dev_orders")).count()).isEqualTo(2);

    BatchGetItemResponse read =
        sdk.batchGetItem(
            b ->
                b.returnConsumedCapacity("INDEXES")
                    .requestItems(
                        Map.of(
                            "orders", keys(key("o1"), key("o2")),
                            "users", keys(key("u1")))));
    assertThat(read.responses().keySet()).containsExactlyInAnyOrder("orders", "users");
    assertThat(read.responses().get("orders")).hasSize(2);
    assertThat(read.consumedCapacity())
        .extracting(ConsumedCapacity::tableName)
        .containsExactlyInAnyOrder("orders", "users");
  }

  @Test
  void itemCollectionMetricsOfABatchAreKeyedByThePlainName() {
    sdk.createTable(
        b ->
            b.tableName("events")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType("S"),
                    a -> a.attributeName("at").attributeType("S"),
                    a -> a.attributeName("kind").attributeType("S"))
                .keySchema(
                    k -> k.attributeName("id").keyType("HASH"),
                    k -> k.attributeName("at").keyType("RANGE"))
                .localSecondaryIndexes(
                    i ->
                        i.indexName("by_kind")
                            .keySchema(
                                k -> k.attributeName("id").keyType("HASH"),
                                k -> k.attributeName("kind").keyType("RANGE"))
                            .projection(p -> p.projectionType("KEYS_ONLY"))));
    Map<String, AttributeValue> event =
        Map.of(
            "id", AttributeValue.fromS("e1"),
            "at", AttributeValue.fromS("2026-11-24"),
            "kind", AttributeValue.fromS("click"));
    BatchWriteItemResponse written =
        sdk.batchWriteItem(
            b ->
                b.returnItemCollectionMetrics("SIZE")
                    .requestItems(
                        Map.of(
                            "events",
                            List.of(
                                WriteRequest.builder()
                                    .putRequest(PutRequest.builder().item(event).build())
                                    .build()))));
    assertThat(written.itemCollectionMetrics()).containsOnlyKeys("events");
    assertThat(written.itemCollectionMetrics().get("events").get(0).itemCollectionKey())
        .containsEntry("id", AttributeValue.fromS("e1"));
  }

  @SafeVarargs
  private static KeysAndAttributes keys(Map<String, AttributeValue>... keys) {
    return KeysAndAttributes.builder().keys(keys).build();
  }

  private static WriteRequest put(String id) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(key(id)).build()).build();
  }

  @Test
  void unprocessedItemsAndKeysComeBackUnderThePlainName() {
    http.answerAllUnprocessed = true;
    BatchWriteItemResponse written =
        sdk.batchWriteItem(b -> b.requestItems(Map.of("orders", List.of(put("o9")))));
    assertThat(http.requestBodies.get(http.requestBodies.size() - 1)).contains("\"dev_orders\"");
    assertThat(written.unprocessedItems()).containsOnlyKeys("orders");
    assertThat(written.unprocessedItems().get("orders")).containsExactly(put("o9"));

    BatchGetItemResponse read =
        sdk.batchGetItem(b -> b.requestItems(Map.of("users", keys(key("u9")))));
    assertThat(read.unprocessedKeys()).containsOnlyKeys("users");
    assertThat(read.unprocessedKeys().get("users").keys()).containsExactly(key("u9"));
  }

  @Test
  void transactionsArePrefixedPerItem() {
    sdk.transactWriteItems(
        b ->
            b.transactItems(
                t -> t.put(p -> p.tableName("orders").item(key("t1"))),
                t -> t.put(p -> p.tableName("users").item(key("t2"))),
                t ->
                    t.conditionCheck(
                        c ->
                            c.tableName("users")
                                .key(key("nobody"))
                                .conditionExpression("attribute_not_exists(id)"))));
    assertThat(engine.client().getItem(b -> b.tableName("dev_users").key(key("t2"))).hasItem())
        .isTrue();
    TransactGetItemsResponse read =
        sdk.transactGetItems(
            b ->
                b.returnConsumedCapacity("TOTAL")
                    .transactItems(
                        t -> t.get(g -> g.tableName("orders").key(key("t1"))),
                        t -> t.get(g -> g.tableName("users").key(key("t2")))));
    assertThat(read.responses()).hasSize(2);
    assertThat(read.responses().get(0).item()).isEqualTo(key("t1"));
    assertThat(read.consumedCapacity())
        .extracting(ConsumedCapacity::tableName)
        .containsExactlyInAnyOrder("orders", "users");
  }

  /**
   * Passes requests to the engine; when told, answers a batch instead as DynamoDB does under
   * pressure: everything it was asked for comes back unprocessed.
   */
  private static final class AllUnprocessed implements SdkHttpClient {
    private final SdkHttpClient engine;
    final List<String> requestBodies = new CopyOnWriteArrayList<>();
    volatile boolean answerAllUnprocessed;

    AllUnprocessed(SdkHttpClient engine) {
      this.engine = engine;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      String body = body(request);
      requestBodies.add(body);
      String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
      if (answerAllUnprocessed && target.endsWith(".BatchWriteItem")) {
        return answer("{\"UnprocessedItems\":" + requestItems(body) + "}");
      }
      if (answerAllUnprocessed && target.endsWith(".BatchGetItem")) {
        return answer("{\"Responses\":{},\"UnprocessedKeys\":" + requestItems(body) + "}");
      }
      return engine.prepareRequest(request);
    }

    private static String requestItems(String body) {
      try {
        return JSON.writeValueAsString(((ObjectNode) JSON.readTree(body)).get("RequestItems"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String body(HttpExecuteRequest request) {
      try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static ExecutableHttpRequest answer(String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/x-amz-json-1.0")
                      .putHeader("Content-Length", String.valueOf(bytes.length))
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public String clientName() {
      return "all-unprocessed";
    }

    @Override
    public void close() {}
  }
}
