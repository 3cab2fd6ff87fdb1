package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Every verb end to end: through the adapter and the whole SDK pipeline to the engine. */
class VerbsTest {
  private DynakitEngine engine;
  private Dynakit dynakit;
  private final List<SdkRequest> sent = new ArrayList<>();

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    Adapters.createTable(engine.client(), "orders", "id");
    engine
        .client()
        .createTable(
            b ->
                b.tableName("events")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                        a -> a.attributeName("user").attributeType("S"),
                        a -> a.attributeName("seq").attributeType("N"),
                        a -> a.attributeName("kind").attributeType("S"))
                    .keySchema(
                        k -> k.attributeName("user").keyType("HASH"),
                        k -> k.attributeName("seq").keyType("RANGE"))
                    .globalSecondaryIndexes(
                        g ->
                            g.indexName("by_kind")
                                .keySchema(k -> k.attributeName("kind").keyType("HASH"))
                                .projection(p -> p.projectionType("ALL"))));
    dynakit = adapter(false);
  }

  private Dynakit adapter(boolean consistentReadDefault) {
    return Dynakit.builder()
        .endpoint("http://localhost:8000")
        .region("eu-west-1")
        .environment(Map.of())
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
        .httpClient(engine.httpClient())
        .policy(Policy.builder().allowWrite(true).build())
        .consistentRead(consistentReadDefault)
        .addInterceptor(
            new ExecutionInterceptor() {
              @Override
              public void beforeExecution(
                  Context.BeforeExecution context, ExecutionAttributes attributes) {
                sent.add(context.request());
              }
            })
        .build();
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private Map<String, Object> call(String verb, Object... keyValues) {
    return dynakit.call(verb, args(keyValues));
  }

  private static Map<String, Object> args(Object... keyValues) {
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      args.put((String) keyValues[i], keyValues[i + 1]);
    }
    return args;
  }

  private void addEvents(String user, int count) {
    for (int i = 1; i <= count; i++) {
      call(
          "put",
          "table",
          "events",
          "item",
          Map.of("user", user, "seq", i, "kind", i % 2 == 0 ? "even" : "odd"));
    }
  }

  @Test
  void putThenGetReturnsTheItemWithExactValues() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", "o1");
    item.put("total", new BigDecimal("12345678901234567890.123456789"));
    item.put("big", new BigInteger("123456789012345678901234567890"));
    item.put("qty", 3L);
    item.put("paid", true);
    item.put("note", null);
    item.put("lines", List.of(Map.of("sku", "a", "n", 1L), "gift"));
    item.put("tags", Map.of("$ss", List.of("red")));
    item.put("blob", Map.of("$b", "AAEC"));
    assertThat(call("put", "table", "orders", "item", item)).isEmpty();
    assertThat(call("get", "table", "orders", "key", Map.of("id", "o1")))
        .isEqualTo(Map.of("item", item));
    assertThat(call("get", "table", "orders", "key", Map.of("id", "nope"))).isEmpty();
    assertThat(
            call(
                "get",
                "table",
                "orders",
                "key",
                Map.of("id", "o1"),
                "projection",
                "#q",
                "names",
                Map.of("#q", "qty")))
        .isEqualTo(Map.of("item", Map.of("qty", 3L)));
  }

  @Test
  void putUpdateAndDeleteHonourConditionsAndReturnValues() {
    call("put", "table", "orders", "item", Map.of("id", "o1", "n", 1));
    Map<String, Object> old =
        call(
            "put",
            "table",
            "orders",
            "item",
            Map.of("id", "o1", "n", 2),
            "condition",
            "n = :one",
            "values",
            Map.of(":one", 1),
            "return_values",
            "ALL_OLD");
    assertThat(old).isEqualTo(Map.of("attributes", Map.of("id", "o1", "n", 1L)));
    Map<String, Object> updated =
        call(
            "update",
            "table",
            "orders",
            "key",
            Map.of("id", "o1"),
            "update",
            "SET n = n + :d",
            "values",
            Map.of(":d", new BigDecimal("0.5")),
            "return_values",
            "UPDATED_NEW");
    assertThat(updated).isEqualTo(Map.of("attributes", Map.of("n", new BigDecimal("2.5"))));
    assertThatThrownBy(
            () ->
                call(
                    "delete",
                    "table",
                    "orders",
                    "key",
                    Map.of("id", "o1"),
                    "condition",
                    "#n = :v",
                    "names",
                    Map.of("#n", "n"),
                    "values",
                    Map.of(":v", 99)))
        .satisfies(VerbsTest::isConditionalCheckFailure);
    assertThat(
            call(
                "delete", "table", "orders", "key", Map.of("id", "o1"), "return_values", "ALL_OLD"))
        .isEqualTo(Map.of("attributes", Map.of("id", "o1", "n", new BigDecimal("2.5"))));
    assertThat(call("get", "table", "orders", "key", Map.of("id", "o1"))).isEmpty();
  }

  private static void isConditionalCheckFailure(Throwable thrown) {
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof ConditionalCheckFailedException)) {
      cause = cause.getCause();
    }
    boolean mapped = thrown.getClass().getSimpleName().equals("ConditionalCheckException");
    assertThat(cause != null || mapped).as("a conditional check failure: " + thrown).isTrue();
  }

  private static List<Object> seqs(Map<String, Object> result) {
    List<Object> seqs = new ArrayList<>();
    for (Object item : (List<?>) result.get("items")) {
      seqs.add(((Map<?, ?>) item).get("seq"));
    }
    return seqs;
  }

  @Test
  void queryReturnsOnePageOrFollowsAllPagesUpToMaxItems() {
    addEvents("ann", 7);
    addEvents("bob", 2);
    Map<String, Object> onePage =
        call(
            "query",
            "table",
            "events",
            "key_condition",
            "#u = :u",
            "names",
            Map.of("#u", "user"),
            "values",
            Map.of(":u", "ann"),
            "limit",
            3);
    assertThat(onePage.get("count")).isEqualTo(3L);
    assertThat(seqs(onePage)).containsExactly(1L, 2L, 3L);
    assertThat(onePage.get("last_evaluated_key")).isEqualTo(Map.of("user", "ann", "seq", 3L));

    Map<String, Object> rest =
        call(
            "query",
            "table",
            "events",
            "key_condition",
            "#u = :u",
            "names",
            Map.of("#u", "user"),
            "values",
            Map.of(":u", "ann"),
            "limit",
            3,
            "exclusive_start_key",
            onePage.get("last_evaluated_key"),
            "all_pages",
            true);
    assertThat(seqs(rest)).containsExactly(4L, 5L, 6L, 7L);
    assertThat(rest).doesNotContainKey("last_evaluated_key");

    Map<String, Object> capped =
        call(
            "query",
            "table",
            "events",
            "key_condition",
            "#u = :u",
            "names",
            Map.of("#u", "user"),
            "values",
            Map.of(":u", "ann"),
            "limit",
            2,
            "all_pages",
            true,
            "max_items",
            5,
            "scan_index_forward",
            false);
    assertThat(seqs(capped)).containsExactly(7L, 6L, 5L, 4L, 3L);
    assertThat(capped.get("count")).isEqualTo(5L);
    assertThat(capped.get("last_evaluated_key")).isEqualTo(Map.of("user", "ann", "seq", 3L));
    assertThat(
            sent.stream()
                .filter(r -> r instanceof QueryRequest)
                .map(r -> ((QueryRequest) r).limit())
                .toList())
        .endsWith(2, 2, 1);
  }

  @Test
  void queryFiltersCountsAndUsesIndexes() {
    addEvents("ann", 6);
    Map<String, Object> filtered =
        call(
            "query",
            "table",
            "events",
            "key_condition",
            "#u = :u",
            "filter",
            "kind = :k",
            "names",
            Map.of("#u", "user"),
            "values",
            Map.of(":u", "ann", ":k", "even"),
            "projection",
            "seq");
    assertThat(filtered.get("items"))
        .isEqualTo(List.of(Map.of("seq", 2L), Map.of("seq", 4L), Map.of("seq", 6L)));
    Map<String, Object> counted =
        call(
            "query",
            "table",
            "events",
            "index",
            "by_kind",
            "key_condition",
            "kind = :k",
            "values",
            Map.of(":k", "odd"),
            "select",
            "COUNT");
    assertThat(counted.get("count")).isEqualTo(3L);
    assertThat(counted.get("items")).isEqualTo(List.of());
  }

  @Test
  void scanCoversEverySegmentAndCapsAcrossPages() {
    addEvents("ann", 5);
    addEvents("bob", 5);
    Set<Object> seen = new HashSet<>();
    long total = 0;
    for (int segment = 0; segment < 2; segment++) {
      Map<String, Object> part =
          call(
              "scan",
              "table",
              "events",
              "segment",
              segment,
              "total_segments",
              2,
              "all_pages",
              true);
      total += (Long) part.get("count");
      for (Object item : (List<?>) part.get("items")) {
        seen.add(item);
      }
    }
    assertThat(total).isEqualTo(10L);
    assertThat(seen).hasSize(10);
    Map<String, Object> capped =
        call("scan", "table", "events", "limit", 3, "all_pages", true, "max_items", 4);
    assertThat((List<?>) capped.get("items")).hasSize(4);
    assertThat(capped).containsKey("last_evaluated_key");
    Map<String, Object> remainder =
        call(
            "scan",
            "table",
            "events",
            "all_pages",
            true,
            "exclusive_start_key",
            capped.get("last_evaluated_key"));
    assertThat((List<?>) remainder.get("items")).hasSize(6);
    assertThat(call("scan", "table", "events", "select", "COUNT").get("count")).isEqualTo(10L);
  }

  @Test
  void consistentReadFollowsTheDefaultUnlessTheCallSays() {
    call("get", "table", "orders", "key", Map.of("id", "x"));
    call("get", "table", "orders", "key", Map.of("id", "x"), "consistent_read", true);
    try (Dynakit consistent = adapter(true)) {
      consistent.call("get", args("table", "orders", "key", Map.of("id", "x")));
      consistent.call(
          "query",
          args(
              "table",
              "events",
              "index",
              "by_kind",
              "key_condition",
              "kind = :k",
              "values",
              Map.of(":k", "odd")));
    }
    List<Boolean> gets =
        sent.stream()
            .filter(r -> r instanceof GetItemRequest)
            .map(r -> ((GetItemRequest) r).consistentRead())
            .toList();
    assertThat(gets).containsExactly(false, true, true);
    assertThat(
            sent.stream()
                .filter(r -> r instanceof QueryRequest)
                .map(r -> ((QueryRequest) r).consistentRead()))
        .containsExactly((Boolean) null);
  }

  @Test
  void batchWriteThenBatchGetAcrossTables() {
    Map<String, Object> written =
        call(
            "batch_write",
            "requests",
            Map.of(
                "orders",
                List.of(Map.of("put", Map.of("id", "a")), Map.of("put", Map.of("id", "b"))),
                "events",
                List.of(Map.of("put", Map.of("user", "ann", "seq", 1)))));
    assertThat(written).isEqualTo(Map.of("unprocessed_items", Map.of()));
    Map<String, Object> read =
        call(
            "batch_get",
            "requests",
            Map.of(
                "orders",
                Map.of("keys", List.of(Map.of("id", "a"), Map.of("id", "b"), Map.of("id", "z"))),
                "events",
                Map.of(
                    "keys",
                    List.of(Map.of("user", "ann", "seq", 1)),
                    "projection",
                    "#s",
                    "names",
                    Map.of("#s", "seq"),
                    "consistent_read",
                    true)));
    @SuppressWarnings("unchecked")
    Map<String, List<Object>> responses = (Map<String, List<Object>>) read.get("responses");
    assertThat(responses.get("orders"))
        .containsExactlyInAnyOrder(Map.of("id", "a"), Map.of("id", "b"));
    assertThat(responses.get("events")).containsExactly(Map.of("seq", 1L));
    assertThat(read.get("unprocessed_keys")).isEqualTo(Map.of());
    call("batch_write", "requests", Map.of("orders", List.of(Map.of("delete", Map.of("id", "a")))));
    assertThat(call("get", "table", "orders", "key", Map.of("id", "a"))).isEmpty();
  }

  @Test
  void transactionsAnswerOkAndResultsPerItem() {
    call("put", "table", "orders", "item", Map.of("id", "a", "n", 1));
    Map<String, Object> written =
        call(
            "transact_write",
            "items",
            List.of(
                Map.of("put", Map.of("table", "orders", "item", Map.of("id", "b", "n", 2))),
                Map.of(
                    "update",
                    Map.of(
                        "table",
                        "orders",
                        "key",
                        Map.of("id", "a"),
                        "update",
                        "SET n = :n",
                        "values",
                        Map.of(":n", 5))),
                Map.of(
                    "condition_check",
                    Map.of(
                        "table",
                        "events",
                        "key",
                        Map.of("user", "ann", "seq", 1),
                        "condition",
                        "attribute_not_exists(#u)",
                        "names",
                        Map.of("#u", "user")))),
            "client_request_token",
            "token-1");
    assertThat(written)
        .isEqualTo(Map.of("ok", true, "results", List.of(Map.of(), Map.of(), Map.of())));
    Map<String, Object> read =
        call(
            "transact_get",
            "items",
            List.of(
                Map.of("table", "orders", "key", Map.of("id", "a")),
                Map.of("table", "orders", "key", Map.of("id", "zz")),
                Map.of("table", "orders", "key", Map.of("id", "b"), "projection", "n")));
    assertThat(read)
        .isEqualTo(
            Map.of(
                "ok",
                true,
                "results",
                List.of(
                    Map.of("item", Map.of("id", "a", "n", 5L)),
                    Map.of(),
                    Map.of("item", Map.of("n", 2L)))));
  }

  @Test
  void aCancelledTransactionAnswersOkFalseWithEachItemsReason() {
    call("put", "table", "orders", "item", Map.of("id", "a", "n", 1));
    Map<String, Object> cancelled =
        call(
            "transact_write",
            "items",
            List.of(
                Map.of("put", Map.of("table", "orders", "item", Map.of("id", "c"))),
                Map.of(
                    "delete",
                    Map.of(
                        "table",
                        "orders",
                        "key",
                        Map.of("id", "a"),
                        "condition",
                        "n = :two",
                        "values",
                        Map.of(":two", 2),
                        "return_values_on_condition_failure",
                        "ALL_OLD"))));
    assertThat(cancelled.get("ok")).isEqualTo(false);
    List<?> results = (List<?>) cancelled.get("results");
    assertThat(results).hasSize(2);
    assertThat(((Map<?, ?>) results.get(0)).get("code")).isEqualTo("None");
    Map<?, ?> reason = (Map<?, ?>) results.get(1);
    assertThat(reason.get("code")).isEqualTo("ConditionalCheckFailed");
    assertThat(reason.get("item")).isEqualTo(Map.of("id", "a", "n", 1L));
    assertThat(call("get", "table", "orders", "key", Map.of("id", "c"))).isEmpty();
  }

  @Test
  void describeAndListTables() {
    Map<String, Object> described = call("describe_table", "table", "events");
    Map<?, ?> table = (Map<?, ?>) described.get("table");
    assertThat(table.get("TableName")).isEqualTo("events");
    assertThat(table.get("KeySchema"))
        .isEqualTo(
            List.of(
                Map.of("AttributeName", "user", "KeyType", "HASH"),
                Map.of("AttributeName", "seq", "KeyType", "RANGE")));
    assertThat(table.get("ItemCount")).isEqualTo(0L);
    assertThat(table.get("CreationDateTime")).isInstanceOf(String.class);
    assertThat(((List<?>) table.get("GlobalSecondaryIndexes"))).hasSize(1);
    Map<?, ?> orders = (Map<?, ?>) call("describe_table", "table", "orders").get("table");
    assertThat(new java.util.HashMap<Object, Object>(orders))
        .as("what DynamoDB did not send is not in the result")
        .doesNotContainKeys("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "Replicas");

    Map<String, Object> first = call("list_tables", "limit", 1);
    assertThat(first)
        .isEqualTo(Map.of("table_names", List.of("events"), "last_evaluated_table_name", "events"));
    assertThat(call("list_tables", "exclusive_start_table_name", "events"))
        .isEqualTo(Map.of("table_names", List.of("orders")));
  }

  @Test
  void typedCallsTakeAndGiveDynamoDbJson() {
    String put =
        dynakit.callJson(
            "put",
            "{\"typed\": true, \"table\": \"orders\", \"item\": {\"id\": {\"S\": \"t1\"},"
                + " \"n\": {\"N\": \"0.1\"}, \"set\": {\"NS\": [\"1\", \"2.5\"]},"
                + " \"m\": {\"M\": {\"ok\": {\"BOOL\": true}, \"none\": {\"NULL\": true}}},"
                + " \"l\": {\"L\": [{\"B\": \"AQI=\"}, {\"SS\": [\"x\"]}, {\"BS\": [\"AA==\"]}]}}}");
    assertThat(put).isEqualTo("{}");
    Map<String, Object> typed =
        call("get", "typed", true, "table", "orders", "key", Map.of("id", Map.of("S", "t1")));
    assertThat(typed)
        .isEqualTo(
            Map.of(
                "item",
                Map.of(
                    "id", Map.of("S", "t1"),
                    "n", Map.of("N", "0.1"),
                    "set", Map.of("NS", List.of("1", "2.5")),
                    "m",
                        Map.of(
                            "M", Map.of("ok", Map.of("BOOL", true), "none", Map.of("NULL", true))),
                    "l",
                        Map.of(
                            "L",
                            List.of(
                                Map.of("B", "AQI="),
                                Map.of("SS", List.of("x")),
                                Map.of("BS", List.of("AA==")))))));
    Map<String, Object> plain = call("get", "table", "orders", "key", Map.of("id", "t1"));
    assertThat(((Map<?, ?>) plain.get("item")).get("set"))
        .isEqualTo(Map.of("$ns", List.of(1L, new BigDecimal("2.5"))));
  }

  @Test
  void jsonCallsKeepNumbersExact() {
    dynakit.callJson(
        "put",
        "{\"table\": \"orders\", \"item\": {\"id\": \"j\", \"price\": 0.1,"
            + " \"huge\": 98765432109876543210987654321098765432, \"tiny\": -0.000000123456789}}");
    String json =
        dynakit.callJson(
            "get",
            "{\"table\": \"orders\", \"key\": {\"id\": \"j\"}, \"projection\":"
                + " \"price, huge, tiny\"}");
    assertThat(json)
        .contains("\"price\":0.1")
        .contains("\"huge\":98765432109876543210987654321098765432")
        .containsPattern("\"tiny\":(-0\\.000000123456789|-1\\.23456789E-7)");
  }
}
