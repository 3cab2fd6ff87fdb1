package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.DynakitException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the server offers: one tool per adapter verb ({@code streams.subscribe} as {@code
 * streams_subscribe}: MCP tool names have no dots), and the resources {@code dynakit://tables} (the
 * table names) and {@code dynakit://tables/{table}} (one table's description).
 */
final class Catalog {
  /** The tools, in the order they are listed: the adapter's verbs. */
  static final List<String> TOOLS =
      List.of(
          "get",
          "put",
          "update",
          "delete",
          "query",
          "scan",
          "batch_get",
          "batch_write",
          "transact_get",
          "transact_write",
          "describe_table",
          "list_tables",
          "streams_subscribe",
          "streams_unsubscribe");

  static final Set<String> WRITES =
      Set.of("put", "update", "delete", "batch_write", "transact_write");

  static final String TABLES_URI = "dynakit://tables";

  private static final Map<String, String> DESCRIPTIONS = descriptions();

  private Catalog() {}

  static List<SyncToolSpecification> tools(Dynakit dynakit, McpOptions options) {
    ToolCalls calls = new ToolCalls(dynakit, options);
    List<SyncToolSpecification> tools = new ArrayList<>();
    for (String name : TOOLS) {
      tools.add(
          SyncToolSpecification.builder()
              .tool(tool(name, dynakit.policy().allowWrite(), options))
              .callHandler((exchange, request) -> calls.call(name, request.arguments()))
              .build());
    }
    return tools;
  }

  static Tool tool(String name, boolean allowWrite, McpOptions options) {
    boolean write = WRITES.contains(name);
    String description = DESCRIPTIONS.get(name);
    if (name.equals("query") || name.equals("scan") || name.equals("batch_get")) {
      description +=
          " Answers at most "
              + options.maxItems()
              + " items and "
              + options.maxBytes()
              + " bytes of items per call.";
    }
    if (write && !allowWrite) {
      description += " This server is read-only: the call is refused (allow_write=false).";
    }
    return Tool.builder(name, ToolSchemas.of(name))
        .title(name)
        .description(description)
        .annotations(
            new ToolAnnotations(
                name,
                !write,
                name.equals("delete") || name.equals("batch_write"),
                null,
                true,
                null))
        .build();
  }

  static List<SyncResourceSpecification> resources(Dynakit dynakit) {
    Resource tables =
        Resource.builder(TABLES_URI, "tables")
            .description("The names of the tables this server reaches (list_tables)")
            .mimeType("application/json")
            .build();
    return List.of(
        new SyncResourceSpecification(
            tables,
            (exchange, request) ->
                text(request.uri(), () -> dynakit.call("list_tables", Map.of()))));
  }

  static List<SyncResourceTemplateSpecification> resourceTemplates(Dynakit dynakit) {
    ResourceTemplate table =
        ResourceTemplate.builder(TABLES_URI + "/{table}", "table")
            .title("table")
            .description("One table's description (describe_table): keys, indexes, item count")
            .mimeType("application/json")
            .build();
    return List.of(
        new SyncResourceTemplateSpecification(
            table,
            (exchange, request) -> {
              String name = request.uri().substring(TABLES_URI.length() + 1);
              return text(
                  request.uri(), () -> dynakit.call("describe_table", Map.of("table", name)));
            }));
  }

  private static ReadResourceResult text(
      String uri, java.util.function.Supplier<Map<String, Object>> read) {
    try {
      return ReadResourceResult.builder(
              List.of(
                  TextResourceContents.builder(uri, Json.write(read.get()))
                      .mimeType("application/json")
                      .build()))
          .build();
    } catch (DynakitException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
    }
  }

  private static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    String values =
        " Values are plain JSON: numbers are exact, sets are {\"$ss\": [...]}, {\"$ns\": [...]},"
            + " binary is {\"$b\": \"base64\"}; with \"typed\": true, DynamoDB JSON.";
    d.put("get", "Reads one item by its key. Answers {item?}." + values);
    d.put(
        "put",
        "Writes a whole item, optionally under a condition. Answers {attributes?}." + values);
    d.put(
        "update",
        "Changes an item with an update expression, optionally under a condition. Answers"
            + " {attributes?}."
            + values);
    d.put(
        "delete",
        "Deletes an item by its key, optionally under a condition. Answers {attributes?}."
            + values);
    d.put(
        "query",
        "Reads the items of one partition (key_condition), of the table or an index. Answers"
            + " {items, count, last_evaluated_key?, cursor?}: pass cursor back to read on."
            + values);
    d.put(
        "scan",
        "Reads every item of a table or index, optionally filtered. Answers {items, count,"
            + " last_evaluated_key?, cursor?}: pass cursor back to read on."
            + values);
    d.put(
        "batch_get",
        "Reads items by key from one or more tables. Answers {responses, unprocessed_keys}: pass"
            + " unprocessed_keys back as requests to read the rest."
            + values);
    d.put(
        "batch_write",
        "Puts and deletes items in one or more tables, not atomically. Answers"
            + " {unprocessed_items}."
            + values);
    d.put(
        "transact_get",
        "Reads up to 100 items atomically. Answers {ok, results}, one {item?} per item." + values);
    d.put(
        "transact_write",
        "Writes up to 100 items atomically (put, update, delete, condition_check). Answers {ok,"
            + " results}; ok=false with each item's cancellation reason when a condition failed,"
            + " and then nothing was written."
            + values);
    d.put(
        "describe_table",
        "Describes a table: key schema, attribute definitions, indexes, item count. Answers"
            + " {table}.");
    d.put("list_tables", "Lists table names. Answers {table_names, last_evaluated_table_name?}.");
    d.put(
        "streams_subscribe",
        "Reads a table's stream of changes, bounded: waits up to timeout_s for up to max_events"
            + " events. Repeated calls go on where the last stopped (no gap, no duplicate) until"
            + " streams_unsubscribe; shard_iterator_type and filter.sequence_number only decide"
            + " where the first call starts. Answers {table, events: [{eventName, eventID,"
            + " eventSourceARN, dynamodb: {Keys, NewImage?, OldImage?, SequenceNumber}, raw}],"
            + " active}."
            + values);
    d.put(
        "streams_unsubscribe",
        "Ends the table's stream subscription: the next streams_subscribe starts afresh. Answers"
            + " {table, unsubscribed, active}.");
    return d;
  }
}
