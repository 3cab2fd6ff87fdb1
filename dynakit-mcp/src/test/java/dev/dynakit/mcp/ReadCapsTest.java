package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Item and byte caps on the read tools, and paging on with the cursor. */
class ReadCapsTest {
  private HttpFixture fixture;
  private McpSyncClient client;
  private Calls calls;

  private void start(int maxItems, int maxBytes) {
    fixture =
        new HttpFixture(
            Policy.builder().allowTables("events", "orders").build(),
            McpOptions.builder().maxItems(maxItems).maxBytes(maxBytes));
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
  void aLargeScanIsReadPageByPageWithTheCursor() {
    start(25, 1024 * 1024);
    Tables.events(fixture.engine, 120, 10);
    List<Object> seqs = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String args =
          cursor == null
              ? "{\"table\": \"events\"}"
              : "{\"table\": \"events\", \"cursor\": \"" + cursor + "\"}";
      Map<String, Object> page = calls.ok("scan", args);
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
      assertThat(items.size()).isLessThanOrEqualTo(25);
      items.forEach(item -> seqs.add(item.get("seq")));
      cursor = (String) page.get("cursor");
      if (cursor != null) {
        assertThat(page.get("capped_by")).isEqualTo("max_items");
        assertThat(page).containsKey("last_evaluated_key");
      }
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(seqs).hasSize(120).doesNotHaveDuplicates();
    assertThat(pages).isBetween(5, 6);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theByteCapCutsAQueryAndTheCursorResumesRightAfterTheLastItem() {
    start(100, 4096);
    Tables.events(fixture.engine, 30, 500); // about 540 bytes an item: 7 fit in 4 KiB
    List<Object> seqs = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String args =
          "{\"table\": \"events\", \"key_condition\": \"#u = :u\", \"names\": {\"#u\": \"user\"},"
              + " \"values\": {\":u\": \"ann\"}"
              + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"")
              + "}";
      Map<String, Object> page = calls.ok("query", args);
      List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
      assertThat(Json.size(items)).isLessThanOrEqualTo(4096);
      assertThat(items).isNotEmpty();
      items.forEach(item -> seqs.add(item.get("seq")));
      cursor = (String) page.get("cursor");
      if (cursor != null) {
        assertThat(page.get("capped_by")).isEqualTo("max_bytes");
      }
      pages++;
    } while (cursor != null && pages < 20);
    List<Object> expected = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      expected.add(i);
    }
    assertThat(seqs).isEqualTo(expected);
    assertThat(pages).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aLimitAsksForFewerItemsThanTheCap() {
    start(100, 1024 * 1024);
    Tables.events(fixture.engine, 10, 1);
    Map<String, Object> page = calls.ok("scan", "{\"table\": \"events\", \"limit\": 3}");
    assertThat((List<?>) page.get("items")).hasSize(3);
    assertThat(page.get("capped_by")).isEqualTo("limit");
    Map<String, Object> rest =
        calls.ok("scan", "{\"table\": \"events\", \"cursor\": \"" + page.get("cursor") + "\"}");
    assertThat((List<?>) rest.get("items")).hasSize(7);
    assertThat(rest).doesNotContainKeys("cursor", "capped_by");
    assertThat(calls.ok("scan", "{\"table\": \"events\", \"select\": \"COUNT\"}").get("count"))
        .isEqualTo(10);
  }

  @Test
  void aCursorOnlyContinuesTheReadItCameFrom() {
    start(2, 1024 * 1024);
    Tables.events(fixture.engine, 5, 1);
    String cursor = (String) calls.ok("scan", "{\"table\": \"events\"}").get("cursor");
    assertThat(
            (String)
                calls
                    .error("scan", "{\"table\": \"orders\", \"cursor\": \"" + cursor + "\"}")
                    .get("message"))
        .contains("belongs to another read");
    assertThat(
            (String)
                calls
                    .error(
                        "scan",
                        "{\"table\": \"events\", \"typed\": true, \"cursor\": \"" + cursor + "\"}")
                    .get("message"))
        .contains("belongs to another read");
  }

  @Test
  @SuppressWarnings("unchecked")
  void typedScansPageWithTypedCursors() {
    start(2, 1024 * 1024);
    Tables.events(fixture.engine, 3, 1);
    Map<String, Object> first = calls.ok("scan", "{\"table\": \"events\", \"typed\": true}");
    Map<String, Object> item = ((List<Map<String, Object>>) first.get("items")).get(0);
    assertThat(item.get("seq")).isInstanceOf(Map.class);
    Map<String, Object> second =
        calls.ok(
            "scan",
            "{\"table\": \"events\", \"typed\": true, \"cursor\": \""
                + first.get("cursor")
                + "\"}");
    assertThat((List<?>) second.get("items")).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void batchGetAnswersTheKeysBeyondTheCapsAsUnprocessed() {
    start(3, 2048);
    Tables.events(fixture.engine, 8, 900); // three items are more than 2 KiB
    StringBuilder keys = new StringBuilder();
    for (int i = 1; i <= 8; i++) {
      keys.append(i == 1 ? "" : ", ").append("{\"user\": \"ann\", \"seq\": ").append(i).append('}');
    }
    Map<String, Object> answer =
        calls.ok(
            "batch_get",
            "{\"requests\": {\"events\": {\"keys\": ["
                + keys
                + "], \"consistent_read\": true}, \"orders\": {\"keys\": [{\"id\": \"o-1\"}]}}}");
    List<Object> read =
        (List<Object>) ((Map<String, Object>) answer.get("responses")).get("events");
    Map<String, Object> unprocessed =
        (Map<String, Object>) ((Map<String, Object>) answer.get("unprocessed_keys")).get("events");
    assertThat(read.size() + ((List<?>) unprocessed.get("keys")).size()).isEqualTo(8);
    assertThat(read.size()).isBetween(1, 3);
    assertThat(Json.size(read)).isLessThanOrEqualTo(2048);
    assertThat(unprocessed.get("consistent_read")).isEqualTo(true);
    assertThat(((Map<String, Object>) answer.get("unprocessed_keys")).get("orders"))
        .isEqualTo(Map.of("keys", List.of(Map.of("id", "o-1"))));
    assertThat(answer.get("capped_by")).isEqualTo("max_bytes");
    // Passing unprocessed_keys back reads on.
    Map<String, Object> next =
        calls.ok("batch_get", "{\"requests\": " + Json.write(answer.get("unprocessed_keys")) + "}");
    assertThat(((Map<String, Object>) next.get("responses")).get("events")).isNotNull();
    assertThat(new BigDecimal("12.5"))
        .isEqualByComparingTo(
            new BigDecimal(
                String.valueOf(Tables.item(fixture.engine, "orders", "o-1").get("total").n())));
  }
}
