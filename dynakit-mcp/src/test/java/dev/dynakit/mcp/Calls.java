package dev.dynakit.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/** Tool calls from a test's MCP client: arguments as JSON text, answers as maps. */
final class Calls {
  private final McpSyncClient client;

  Calls(McpSyncClient client) {
    this.client = client;
  }

  /** The raw result of {@code tool} called with {@code jsonArgs}. */
  CallToolResult raw(String tool, String jsonArgs) {
    Map<String, Object> args = Json.readObject(jsonArgs);
    assertThat(args).as("test arguments are a JSON object: %s", jsonArgs).isNotNull();
    return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
  }

  /** The answer of a call that must succeed. */
  Map<String, Object> ok(String tool, String jsonArgs) {
    CallToolResult result = raw(tool, jsonArgs);
    String text = text(result);
    assertThat(result.isError()).as("%s answered %s", tool, text).isFalse();
    return Json.readObject(text);
  }

  /** The {@code error} object of a call that must fail as a tool error. */
  @SuppressWarnings("unchecked")
  Map<String, Object> error(String tool, String jsonArgs) {
    CallToolResult result = raw(tool, jsonArgs);
    String text = text(result);
    assertThat(result.isError()).as("%s answered %s", tool, text).isTrue();
    return (Map<String, Object>) Json.readObject(text).get("error");
  }

  static String text(CallToolResult result) {
    assertThat(result.content()).hasSize(1);
    return ((TextContent) result.content().get(0)).text();
  }
}
