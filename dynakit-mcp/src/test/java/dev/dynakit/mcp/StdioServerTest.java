package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server as a child process over stdio, on an engine this test inspects (reached through a
 * DynamoDB endpoint on loopback).
 */
class StdioServerTest {
  private static DynakitEngine engine;
  private static EngineProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    engine = Tables.engine();
    Tables.events(engine, 60, 20);
    proxy = new EngineProxy(engine);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    engine.close();
  }

  private static Map<String, String> environment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test-secret",
        "AWS_REGION", "eu-west-1",
        "DYNAKIT_ENDPOINT", proxy.endpoint());
  }

  @Test
  void aReadOnlyServerReadsAndRefusesEveryWrite() {
    try (StdioChild child = new StdioChild(environment())) {
      List<Tool> tools = child.client.listTools().tools();
      assertThat(tools.stream().map(Tool::name).collect(Collectors.toList()))
          .containsExactlyElementsOf(Catalog.TOOLS);
      assertThat(
              tools.stream()
                  .filter(t -> t.name().equals("put"))
                  .findFirst()
                  .orElseThrow()
                  .description())
          .contains("read-only");
      Calls calls = child.calls();
      assertThat(calls.ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}"))
          .isEqualTo(
              Map.of(
                  "item",
                  Map.of(
                      "id", "o-1", "status", "paid", "total", new java.math.BigDecimal("12.5"))));
      Map<String, Object> refused =
          calls.error(
              "put", "{\"table\": \"orders\", \"item\": {\"id\": \"w-1\", \"secret\": \"v-9\"}}");
      assertThat(refused.get("kind")).isEqualTo("WRITE_NOT_ALLOWED");
      assertThat((String) refused.get("message"))
          .isEqualTo(
              "PutItem on table 'orders' refused: writes are not allowed (allow_write=false)");
      for (String[] write :
          new String[][] {
            {
              "update",
              "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}, \"update\": \"SET a = :a\", \"values\": {\":a\": 1}}"
            },
            {"delete", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}"},
            {"batch_write", "{\"requests\": {\"orders\": [{\"put\": {\"id\": \"w-2\"}}]}}"},
            {
              "transact_write",
              "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"w-3\"}}}]}"
            }
          }) {
        assertThat(calls.error(write[0], write[1]).get("kind"))
            .as(write[0])
            .isEqualTo("WRITE_NOT_ALLOWED");
      }
      assertThat(Tables.count(engine, "orders")).isEqualTo(1);
      assertThat(Tables.item(engine, "orders", "o-1")).doesNotContainKey("a");

      List<String> audit =
          child.auditLines(
              "tool=get tables=orders outcome=allowed duration_ms=",
              "tool=put tables=orders outcome=refused rule=WRITE_NOT_ALLOWED");
      assertThat(audit)
          .anyMatch(l -> l.contains("tool=get tables=orders outcome=allowed duration_ms="));
      assertThat(audit)
          .anyMatch(
              l -> l.contains("tool=put tables=orders outcome=refused rule=WRITE_NOT_ALLOWED"));
      assertThat(audit).noneMatch(l -> l.contains("v-9") || l.contains("test-secret"));
      assertThat(child.stderr).noneMatch(l -> l.contains("test-secret"));
      // Main's own logging set-up: no DEBUG lines, which would carry the SDK's messages.
      assertThat(child.stderr).noneMatch(l -> l.contains(" DEBUG "));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aWritingServerWithAnAllowListRunsEveryVerbOnItsTablesOnly() {
    try (StdioChild child =
        new StdioChild(
            environment(),
            "--allow-write",
            "--allow-table",
            "orders",
            "--allow-table",
            "events",
            "--max-items",
            "25")) {
      Calls calls = child.calls();
      calls.ok("put", "{\"table\": \"orders\", \"item\": {\"id\": \"c-1\", \"n\": 0.1}}");
      calls.ok(
          "update",
          "{\"table\": \"orders\", \"key\": {\"id\": \"c-1\"}, \"update\": \"SET n = n + :d\","
              + " \"values\": {\":d\": 0.2}}");
      assertThat(Tables.item(engine, "orders", "c-1").get("n").n()).isEqualTo("0.3");
      assertThat(calls.ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"c-1\"}}").toString())
          .contains("n=0.3");
      calls.ok("batch_write", "{\"requests\": {\"orders\": [{\"put\": {\"id\": \"c-2\"}}]}}");
      calls.ok(
          "transact_write",
          "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"c-3\"}}}]}");
      assertThat(
              calls
                  .ok(
                      "transact_get",
                      "{\"items\": [{\"table\": \"orders\", \"key\": {\"id\": \"c-3\"}}]}")
                  .get("ok"))
          .isEqualTo(true);
      assertThat(
              (Map<String, Object>)
                  calls
                      .ok(
                          "batch_get",
                          "{\"requests\": {\"orders\": {\"keys\": [{\"id\": \"c-2\"}]}}}")
                      .get("responses"))
          .containsKey("orders");
      calls.ok("delete", "{\"table\": \"orders\", \"key\": {\"id\": \"c-2\"}}");
      assertThat(Tables.item(engine, "orders", "c-2")).isEmpty();
      assertThat(calls.ok("describe_table", "{\"table\": \"events\"}")).containsKey("table");
      assertThat(calls.ok("list_tables", "{}").get("table_names"))
          .isEqualTo(List.of("events", "orders", "secrets"));

      // A transaction touching one table off the list is refused whole: nothing is written.
      Map<String, Object> refused =
          calls.error(
              "transact_write",
              "{\"items\": [{\"put\": {\"table\": \"orders\", \"item\": {\"id\": \"c-4\"}}},"
                  + " {\"put\": {\"table\": \"secrets\", \"item\": {\"id\": \"c-5\"}}}]}");
      assertThat(refused.get("kind")).isEqualTo("TABLE_NOT_ALLOWED");
      assertThat((String) refused.get("message"))
          .contains("secrets")
          .contains("allow_tables=orders,events");
      assertThat(Tables.item(engine, "orders", "c-4")).isEmpty();
      assertThat(Tables.item(engine, "secrets", "c-5")).isEmpty();
      assertThat(
              calls
                  .error("get", "{\"table\": \"secrets\", \"key\": {\"id\": \"s-1\"}}")
                  .get("kind"))
          .isEqualTo("TABLE_NOT_ALLOWED");

      // A large query, page by page.
      List<Object> seqs = new ArrayList<>();
      String cursor = null;
      do {
        Map<String, Object> page =
            calls.ok(
                "query",
                "{\"table\": \"events\", \"key_condition\": \"#u = :u\", \"names\": {\"#u\":"
                    + " \"user\"}, \"values\": {\":u\": \"ann\"}"
                    + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"")
                    + "}");
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items.size()).isLessThanOrEqualTo(25);
        items.forEach(i -> seqs.add(i.get("seq")));
        cursor = (String) page.get("cursor");
      } while (cursor != null && seqs.size() <= 60);
      assertThat(seqs).hasSize(60).doesNotHaveDuplicates();

      // And a scan of the whole table, page by page.
      List<Object> scanned = new ArrayList<>();
      cursor = null;
      do {
        Map<String, Object> page =
            calls.ok(
                "scan",
                "{\"table\": \"events\""
                    + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"")
                    + "}");
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertThat(items.size()).isLessThanOrEqualTo(25);
        items.forEach(i -> scanned.add(i.get("seq")));
        cursor = (String) page.get("cursor");
      } while (cursor != null && scanned.size() <= 60);
      assertThat(scanned).hasSize(60).doesNotHaveDuplicates();

      assertThat(
              child.auditLines(
                  "tool=transact_write tables=orders,secrets outcome=refused"
                      + " rule=TABLE_NOT_ALLOWED"))
          .anyMatch(
              l ->
                  l.contains(
                      "tool=transact_write tables=orders,secrets outcome=refused"
                          + " rule=TABLE_NOT_ALLOWED"));
    }
  }

  @Test
  void withoutAnEndpointTheServerRunsOnAnEmbeddedEngine() {
    try (StdioChild child = new StdioChild(Map.of("DYNAKIT_ALLOW_WRITE", "false"))) {
      assertThat(child.calls().ok("list_tables", "{}")).isEqualTo(Map.of("table_names", List.of()));
      assertThat(
              child
                  .calls()
                  .error("get", "{\"table\": \"orders\", \"key\": {\"id\": \"x\"}}")
                  .get("kind"))
          .isEqualTo("RESOURCE_NOT_FOUND");
    }
  }
}
