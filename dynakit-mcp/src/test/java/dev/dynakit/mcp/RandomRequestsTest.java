package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.policy.Policy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A few hundred random requests, on loopback only: garbled HTTP bodies and random tool calls with
 * random arguments. Every one is answered, nothing is written (the server is read-only), and the
 * server still serves a proper call afterwards. The seed is printed; {@code -Dmcp.random.seed=N}
 * replays a run.
 */
class RandomRequestsTest {
  private static final List<String> KEYS =
      List.of(
          "table",
          "key",
          "item",
          "update",
          "condition",
          "names",
          "values",
          "key_condition",
          "filter",
          "projection",
          "limit",
          "cursor",
          "requests",
          "items",
          "typed",
          "index",
          "select",
          "segment",
          "total_segments",
          "return_values",
          "consistent_read",
          "zzz");
  private static final List<String> TABLES = List.of("orders", "secrets", "events", "", "a b");

  @Test
  void theServerAnswersEveryRandomRequestAndWritesNothing() throws Exception {
    long seed = Long.getLong("mcp.random.seed", System.nanoTime());
    System.out.println("RandomRequestsTest seed=" + seed);
    Random random = new Random(seed);
    try (HttpFixture fixture =
        new HttpFixture(
            Policy.builder().allowTables("orders", "events").build(), McpOptions.builder())) {
      Map<String, String> headers =
          Map.of(
              "Host",
              "127.0.0.1:" + fixture.port(),
              "Authorization",
              "Bearer " + HttpFixture.TOKEN);
      for (int i = 0; i < 100; i++) {
        String body = garbage(random);
        RawHttp.Response response = RawHttp.post(fixture.port(), headers, body);
        assertThat(response.status)
            .as("seed %d, request %d: %s -> %s", seed, i, body, response.text)
            .isBetween(200, 499);
        assertThat(response.text).doesNotContain("stackTrace");
      }
      McpSyncClient client = fixture.client(HttpFixture.TOKEN);
      int toolErrors = 0;
      for (int i = 0; i < 200; i++) {
        String tool =
            random.nextInt(10) == 0 ? "no_such_tool" : Catalog.TOOLS.get(random.nextInt(12));
        Map<String, Object> args = new LinkedHashMap<>();
        int n = random.nextInt(5);
        for (int k = 0; k < n; k++) {
          String key = KEYS.get(random.nextInt(KEYS.size()));
          args.put(
              key,
              key.equals("table") ? TABLES.get(random.nextInt(TABLES.size())) : value(random, 3));
        }
        try {
          CallToolResult result =
              client.callTool(CallToolRequest.builder(tool).arguments(args).build());
          assertThat(result.content()).as("seed %d, call %d", seed, i).hasSize(1);
          if (Boolean.TRUE.equals(result.isError())) {
            toolErrors++;
            assertThat(Calls.text(result)).contains("\"message\"");
          }
        } catch (McpError e) {
          assertThat(tool)
              .as("seed %d, call %d: %s", seed, i, e.getMessage())
              .isEqualTo("no_such_tool");
        }
      }
      assertThat(toolErrors).isGreaterThan(100);
      assertThat(new Calls(client).ok("get", "{\"table\": \"orders\", \"key\": {\"id\": \"o-1\"}}"))
          .containsKey("item");
      client.closeGracefully();
      assertThat(Tables.count(fixture.engine, "orders")).isEqualTo(1);
      assertThat(Tables.count(fixture.engine, "secrets")).isEqualTo(1);
      assertThat(Tables.count(fixture.engine, "events")).isEqualTo(0);
    }
  }

  private static String garbage(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      case 1:
        String init = RawHttp.INITIALIZE;
        return init.substring(0, random.nextInt(init.length()));
      case 2:
        return Json.write(value(random, 3));
      case 3:
        return "{\"jsonrpc\":\"2.0\",\"id\":"
            + random.nextInt(100)
            + ",\"method\":\""
            + List.of("tools/call", "tools/list", "initialize", "x/y", "").get(random.nextInt(5))
            + "\",\"params\":"
            + Json.write(value(random, 2))
            + "}";
      default:
        return "[" + RawHttp.INITIALIZE + "," + RawHttp.INITIALIZE + "]";
    }
  }

  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth <= 0 ? 5 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextInt(2000) - 1000;
      case 3:
        return new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(30));
      case 4:
        return List.of("x", "", "#a", ":v", "$ss", "SET a = :v", "attribute_exists(id)")
            .get(random.nextInt(7));
      case 5:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(value(random, depth - 1));
        }
        return list;
      default:
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(
              List.of("id", "$ss", "$b", "#n", ":v", "put", "delete", "keys", "table", "S")
                  .get(random.nextInt(10)),
              value(random, depth - 1));
        }
        return map;
    }
  }
}
