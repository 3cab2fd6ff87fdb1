package dev.dynakit.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of each tool's arguments: the adapter's verb arguments (docs/client/verbs.md),
 * with {@code cursor} and {@code limit} for paging on the read tools that are capped.
 */
final class ToolSchemas {
  private ToolSchemas() {}

  /** The input schema of {@code tool}. */
  static Map<String, Object> of(String tool) {
    switch (tool) {
      case "get":
        return object(
            List.of("table", "key"),
            "table",
            table(),
            "key",
            key(),
            "projection",
            string("projection expression, such as '#s, total'"),
            "names",
            names(),
            "consistent_read",
            bool("strongly consistent read"),
            "typed",
            typed());
      case "put":
        return object(
            List.of("table", "item"),
            "table",
            table(),
            "item",
            item("the whole item, key attributes included"),
            "condition",
            string("condition expression"),
            "names",
            names(),
            "values",
            values(),
            "return_values",
            enumOf("NONE", "ALL_OLD"),
            "typed",
            typed());
      case "update":
        return object(
            List.of("table", "key", "update"),
            "table",
            table(),
            "key",
            key(),
            "update",
            string("update expression, such as 'SET amount = amount + :d'"),
            "condition",
            string("condition expression"),
            "names",
            names(),
            "values",
            values(),
            "return_values",
            enumOf("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"),
            "typed",
            typed());
      case "delete":
        return object(
            List.of("table", "key"),
            "table",
            table(),
            "key",
            key(),
            "condition",
            string("condition expression"),
            "names",
            names(),
            "values",
            values(),
            "return_values",
            enumOf("NONE", "ALL_OLD"),
            "typed",
            typed());
      case "query":
        return object(
            List.of("table", "key_condition"),
            "table",
            table(),
            "key_condition",
            string("key condition expression, such as 'id = :id'"),
            "index",
            string("index name"),
            "filter",
            string("filter expression"),
            "projection",
            string("projection expression"),
            "names",
            names(),
            "values",
            values(),
            "scan_index_forward",
            bool("ascending sort-key order (default true)"),
            "consistent_read",
            bool("strongly consistent read"),
            "select",
            enumOf("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"),
            "limit",
            limit(),
            "cursor",
            cursor(),
            "typed",
            typed());
      case "scan":
        return object(
            List.of("table"),
            "table",
            table(),
            "index",
            string("index name"),
            "filter",
            string("filter expression"),
            "projection",
            string("projection expression"),
            "names",
            names(),
            "values",
            values(),
            "segment",
            integer("parallel scan segment", 0),
            "total_segments",
            integer("parallel scan segment count", 1),
            "consistent_read",
            bool("strongly consistent read"),
            "select",
            enumOf("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"),
            "limit",
            limit(),
            "cursor",
            cursor(),
            "typed",
            typed());
      case "batch_get":
        return object(
            List.of("requests"),
            "requests",
            map(
                "table name -> {keys: [key, ...], projection?, names?, consistent_read?}",
                object(
                    List.of("keys"),
                    "keys",
                    array(key()),
                    "projection",
                    string("projection expression"),
                    "names",
                    names(),
                    "consistent_read",
                    bool("strongly consistent read"))),
            "typed",
            typed());
      case "batch_write":
        return object(
            List.of("requests"),
            "requests",
            map(
                "table name -> [{put: item} or {delete: key}, ...]",
                array(object(List.of(), "put", item("an item to put"), "delete", key()))),
            "typed",
            typed());
      case "transact_get":
        return object(
            List.of("items"),
            "items",
            array(
                object(
                    List.of("table", "key"),
                    "table",
                    table(),
                    "key",
                    key(),
                    "projection",
                    string("projection expression"),
                    "names",
                    names())),
            "typed",
            typed());
      case "transact_write":
        return object(
            List.of("items"),
            "items",
            array(
                describe(
                    "exactly one of put {table, item, condition?}, update {table, key, update,"
                        + " condition?}, delete {table, key, condition?}, condition_check"
                        + " {table, key, condition}; each with names?, values?,"
                        + " return_values_on_condition_failure?",
                    object(
                        List.of(),
                        "put",
                        action(),
                        "update",
                        action(),
                        "delete",
                        action(),
                        "condition_check",
                        action()))),
            "client_request_token",
            string("idempotency token"),
            "typed",
            typed());
      case "describe_table":
        return object(List.of("table"), "table", table());
      case "list_tables":
        return object(
            List.of(),
            "limit",
            integer("most table names to list", 1),
            "exclusive_start_table_name",
            string("list the names after this one"));
      case "streams_subscribe":
        return object(
            List.of("table_name"),
            "table_name",
            table(),
            "shard_iterator_type",
            enumOf("LATEST", "TRIM_HORIZON", "AT_SEQUENCE_NUMBER"),
            "filter",
            describe(
                "event_names: only these changes; sequence_number: where AT_SEQUENCE_NUMBER"
                    + " starts",
                object(
                    List.of(),
                    "event_names",
                    array(enumOf("INSERT", "MODIFY", "REMOVE")),
                    "sequence_number",
                    string("a sequence number of the stream"))),
            "timeout_s",
            Map.of(
                "type",
                "number",
                "description",
                "most seconds to wait for events",
                "minimum",
                0,
                "maximum",
                300),
            "max_events",
            integer("most events to answer (the server's item cap applies too)", 1),
            "typed",
            typed());
      case "streams_unsubscribe":
        return object(List.of("table_name"), "table_name", table());
      default:
        throw new IllegalArgumentException("no schema for tool '" + tool + "'");
    }
  }

  private static Map<String, Object> object(List<String> required, Object... properties) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (int i = 0; i < properties.length; i += 2) {
      props.put((String) properties[i], properties[i + 1]);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> action() {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", Map.of("table", table()));
    schema.put("required", List.of("table"));
    return schema;
  }

  private static Map<String, Object> describe(String description, Map<String, Object> schema) {
    Map<String, Object> described = new LinkedHashMap<>(schema);
    described.put("description", description);
    return described;
  }

  private static Map<String, Object> map(String description, Map<String, Object> values) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("description", description);
    schema.put("additionalProperties", values);
    return schema;
  }

  private static Map<String, Object> array(Map<String, Object> items) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "array");
    schema.put("items", items);
    return schema;
  }

  private static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  private static Map<String, Object> bool(String description) {
    return Map.of("type", "boolean", "description", description);
  }

  private static Map<String, Object> integer(String description, int minimum) {
    return Map.of("type", "integer", "description", description, "minimum", minimum);
  }

  private static Map<String, Object> enumOf(String... values) {
    return Map.of("type", "string", "enum", List.of(values));
  }

  private static Map<String, Object> table() {
    return string("table name");
  }

  private static Map<String, Object> key() {
    return Map.of("type", "object", "description", "the key attributes, such as {\"id\": \"o-1\"}");
  }

  private static Map<String, Object> item(String description) {
    return Map.of(
        "type",
        "object",
        "description",
        description
            + "; values are plain JSON (numbers exact), sets {\"$ss\": [..]}, {\"$ns\": [..]},"
            + " binary {\"$b\": \"base64\"}, {\"$bs\": [..]}");
  }

  private static Map<String, Object> names() {
    return Map.of(
        "type",
        "object",
        "description",
        "expression attribute names, such as {\"#s\": \"status\"}",
        "additionalProperties",
        Map.of("type", "string"));
  }

  private static Map<String, Object> values() {
    return Map.of(
        "type", "object", "description", "expression attribute values, such as {\":id\": \"o-1\"}");
  }

  private static Map<String, Object> typed() {
    return bool(
        "values in arguments and results are DynamoDB JSON ({\"S\": \"x\"}, {\"N\": \"1\"})");
  }

  private static Map<String, Object> limit() {
    return integer("most items to return in this call (the server's cap applies too)", 1);
  }

  private static Map<String, Object> cursor() {
    return string("the cursor of the previous call's result, to read the next page");
  }
}
