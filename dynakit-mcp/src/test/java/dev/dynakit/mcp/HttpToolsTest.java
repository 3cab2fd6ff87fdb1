package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tools over streamable HTTP, on an adapter that may write to orders and events only. */
class HttpToolsTest {
  private HttpFixture fixture;
  private McpSyncClient client;
  private Calls calls;

  @BeforeEach
  void start() {
    fixture =
        new HttpFixture(
            Policy.builder().allowWrite(true).allowTables("orders", "events").build(),
            McpOptions.builder().maxItems(10));
    client = fixture.client(HttpFixture.TOKEN);
    calls = fixture.calls(client);
  }

  @AfterEach
  void stop() {
    client.closeGracefully();
    fixture.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsOneToolPerVerbWithItsArgumentSchema() {
    List<Tool> tools = client.listTools().tools();
    assertThat(tools.stream().map(Tool::name).collect(Collectors.toList()))
        .containsExactlyElementsOf(Catalog.TOOLS);
    Tool put = tools.stream().filter(t -> t.name().equals("put")).findFirst().orElseThrow();
    assertThat((List<Object>) put.inputSchema().get("required")).containsExactly("table", "item");
    assertThat((Map<String, Object>) put.inputSchema().get("properties"))
        .containsKeys("condition", "values", "typed");
    assertThat(put.annotations().readOnlyHint()).isFalse();
    Tool scan = tools.stream().filter(t -> t.name().equals("scan")).findFirst().orElseThrow();
    assertThat((Map<String, Object>) scan.inputSchema().get("properties"))
        .containsKeys("cursor", "limit");
    assertThat((Map<String, Object>) scan.inputSchema().get("properties"))
        .doesNotContainKeys("all_pages", "max_items");
    assertThat(scan.description()).contains("at most 10 items");
  }

  @Test
  @SuppressWarnings("unchecked")
  void streamsSubscribeReadsChangesBoundedByTheItemCap() {
    fixture
        .engine
        .client()
        .updateTable(
            b ->
                b.tableName("events")
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")));
    Tables.events(fixture.engine, 12, 1);
    String args =
        "{\"table_name\": \"events\", \"shard_iterator_type\": \"TRIM_HORIZON\","
            + " \"timeout_s\": 0}";
    Map<String, Object> first = calls.ok("streams_subscribe", args);
    assertThat((List<Object>) first.get("events")).hasSize(10);
    Map<String, Object> event = ((List<Map<String, Object>>) first.get("events")).get(0);
    assertThat(event).containsEntry("eventName", "INSERT");
    assertThat((Map<String, Object>) event.get("dynamodb"))
        .containsEntry("Keys", Map.of("user", "ann", "seq", 1));
    Map<String, Object> rest =
        calls.ok(
            "streams_subscribe",
            "{\"table_name\": \"events\", \"timeout_s\": 0, \"max_events\": 5}");
    assertThat((List<Object>) rest.get("events")).hasSize(2);
    assertThat(calls.ok("streams_unsubscribe", "{\"table_name\": \"events\"}"))
        .containsEntry("unsubscribed", true);
    assertThat(calls.error("streams_subscribe", "{\"table_name\": \"secrets\"}").toString())
        .contains("PolicyViolation", "TABLE_NOT_ALLOWED");
    assertThat(calls.error("streams_subscribe", "{\"table_name\": \"orders\"}").toString())
        .contains("table 'orders' has no stream");
  }

  @Test
  void itemVerbsWriteAndReadThroughTheAdapter() {
    assertThat(
            calls.ok(
                "put",
                "{\"table\": \"orders\", \"item\": {\"id\": \"o-2\", \"total\": 3,"
                    + " \"tags\": {\"$ss\": [\"gift\"]}}}"))
        .isEmpty();
    assertThat(Tables.item(fixture.engine, "orders", "o-2")).containsKeys("total", "tags");
    assertThat(
            calls.ok(
                "update",
                "{\"table\": \"orders\", \"key\": {\"id\": \"o-2\"}, \"update\": \"SET #t ="
                    + " #t + :d\", \"names\": {\"#t\": \"total\"}, \"values\": {\":d\": 0.5}, \"return_values\":"
                    + " \"UPDATED_NEW\"}"))
        .isEqualTo(Map.of("attributes", Map.of("total", new java.math.BigDecimal("3.5"))));
    assertThat(calls.ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-2\"}}"))
        .extracting(r -> ((Map<?, ?>) r.get("item")).get("tags"))
        .isEqualTo(Map.of("$ss", List.of("gift")));
    assertThat(
            calls.ok(
                "delete",
                "{\"table\": \"orders\", \"key\": {\"id\": \"o-2\"}, \"return_values\":"
                    + " \"ALL_OLD\"}"))
        .containsKey("attributes");
    assertThat(Tables.item(fixture.engine, "orders", "o-2")).isEmpty();
    assertThat(calls.ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-2\"}}")).isEmpty();
  }

  @Test
  void numbersStayExactAndBinaryIsBase64() {
    calls.ok(
        "put",
        "{\"table\": \"orders\", \"item\": {\"id\": \"n\", \"big\": 12345678901234567890.123456789,"
            + " \"huge\": 123456789012345678901234567890, \"raw\": {\"$b\": \"AAEC/w==\"}}}");
    assertThat(Tables.item(fixture.engine, "orders", "n").get("big").n())
        .isEqualTo("12345678901234567890.123456789");
    String text = Calls.text(calls.raw("get", "{\"table\": \"orders\", \"key\": {\"id\": \"n\"}}"));
    assertThat(text)
        .contains("\"big\":12345678901234567890.123456789")
        .contains("\"huge\":123456789012345678901234567890")
        .contains("\"raw\":{\"$b\":\"AAEC/w==\"}");
  }

  @Test
  void batchesAndTransactionsRunOnTheAllowedTables() {
    assertThat(
            calls.ok(
                "batch_write",
                "{\"requests\": {\"orders\": [{\"put\": {\"id\": \"b-1\"}}, {\"put\": {\"id\":"
                    + " \"b-2\"}}, {\"delete\": {\"id\": \"o-1\"}}]}}"))
        .isEqualTo(Map.of("unprocessed_items", Map.of()));
    assertThat(Tables.count(fixture.engine, "orders")).isEqualTo(2);
    Map<String, Object> got =
        calls.ok(
            "batch_get",
            "{\"requests\": {\"orders\": {\"keys\": [{\"id\": \"b-1\"}, {\"id\": \"b-2\"},"
                + " {\"id\": \"none\"}]}}}");
    assertThat((List<?>) ((Map<?, ?>) got.get("responses")).get("orders")).hasSize(2);
    assertThat(got.get("unprocessed_keys")).isEqualTo(Map.of());
    assertThat(
            calls.ok(
                "transact_write",
                "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"t-1\"}}},"
                    + " {\"update\": {\"table\": \"events\", \"key\": {\"user\": \"bo\", \"seq\":"
                    + " 1}, \"update\": \"SET n = :n\", \"values\": {\":n\": 1}}}]}"))
        .isEqualTo(Map.of("ok", true, "results", List.of(Map.of(), Map.of())));
    Map<String, Object> read =
        calls.ok(
            "transact_get",
            "{\"items\": [{\"table\": \"orders\", \"key\": {\"id\": \"t-1\"}}, {\"table\":"
                + " \"events\", \"key\": {\"user\": \"bo\", \"seq\": 1}}]}");
    assertThat(read.get("ok")).isEqualTo(true);
    assertThat((List<?>) read.get("results")).hasSize(2);
    Map<String, Object> cancelled =
        calls.ok(
            "transact_write",
            "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"t-2\"}}},"
                + " {\"condition_check\": {\"table\": \"orders\", \"key\": {\"id\": \"t-1\"},"
                + " \"condition\": \"attribute_not_exists(id)\"}}]}");
    assertThat(cancelled.get("ok")).isEqualTo(false);
    assertThat(Tables.item(fixture.engine, "orders", "t-2")).isEmpty();
  }

  @Test
  void describesAndListsTables() {
    assertThat(calls.ok("list_tables", "{}"))
        .isEqualTo(Map.of("table_names", List.of("events", "orders", "secrets")));
    Map<String, Object> described = calls.ok("describe_table", "{\"table\": \"orders\"}");
    assertThat(((Map<?, ?>) described.get("table")).get("TableName")).isEqualTo("orders");
  }

  @Test
  void theAllowListRefusesOtherTablesEvenInsideBatchesAndTransactions() {
    Map<String, Object> error =
        calls.error("get", "{\"table\": \"secrets\", \"key\": {\"id\": \"s-1\"}}");
    assertThat(error.get("category")).isEqualTo("PolicyViolation");
    assertThat(error.get("kind")).isEqualTo("TABLE_NOT_ALLOWED");
    assertThat((String) error.get("message"))
        .contains("'secrets'")
        .contains("allow-list")
        .doesNotContain("hidden");
    assertThat(
            calls
                .error(
                    "transact_write",
                    "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"x-1\"}}},"
                        + " {\"delete\": {\"table\": \"secrets\", \"key\": {\"id\": \"s-1\"}}}]}")
                .get("kind"))
        .isEqualTo("TABLE_NOT_ALLOWED");
    assertThat(
            calls
                .error(
                    "batch_write",
                    "{\"requests\": {\"orders\": [{\"put\": {\"id\": \"x-2\"}}], \"secrets\":"
                        + " [{\"delete\": {\"id\": \"s-1\"}}]}}")
                .get("kind"))
        .isEqualTo("TABLE_NOT_ALLOWED");
    assertThat(
            calls
                .error(
                    "batch_get", "{\"requests\": {\"secrets\": {\"keys\": [{\"id\": \"s-1\"}]}}}")
                .get("kind"))
        .isEqualTo("TABLE_NOT_ALLOWED");
    assertThat(calls.error("scan", "{\"table\": \"secrets\"}").get("kind"))
        .isEqualTo("TABLE_NOT_ALLOWED");
    assertThat(Tables.item(fixture.engine, "orders", "x-1")).isEmpty();
    assertThat(Tables.item(fixture.engine, "orders", "x-2")).isEmpty();
    assertThat(Tables.item(fixture.engine, "secrets", "s-1")).isNotEmpty();
  }

  @Test
  void wrongArgumentsAreToolErrorsNamingTheArgument() {
    Map<String, Object> missing = calls.error("get", "{\"key\": {\"id\": \"o-1\"}}");
    assertThat(missing.get("kind")).isEqualTo("INVALID_ARGUMENT");
    assertThat((String) missing.get("message")).contains("'table'");
    assertThat((String) calls.error("get", "{\"table\": 7, \"key\": {}}").get("message"))
        .contains("'table'");
    assertThat(
            (String)
                calls
                    .error("put", "{\"table\": \"orders\", \"item\": \"{not an object}\"}")
                    .get("message"))
        .contains("'item'");
    assertThat(
            (String)
                calls.error("scan", "{\"table\": \"orders\", \"limit\": \"ten\"}").get("message"))
        .contains("'limit'");
    assertThat(
            (String)
                calls.error("scan", "{\"table\": \"orders\", \"all_pages\": true}").get("message"))
        .contains("'all_pages'")
        .contains("cursor");
    assertThat(
            (String)
                calls.error("scan", "{\"table\": \"orders\", \"cursor\": \"%%%\"}").get("message"))
        .contains("'cursor'");
    assertThat(
            (String)
                calls
                    .error(
                        "get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}, \"tabel\": 1}")
                    .get("message"))
        .contains("'tabel'");
    // A missing table is DynamoDB's error, mapped by the adapter.
    assertThat(
            calls.error("get", "{\"table\": \"events\", \"key\": {\"id\": \"x\"}}").get("category"))
        .isEqualTo("RequestValidation");
  }
}
