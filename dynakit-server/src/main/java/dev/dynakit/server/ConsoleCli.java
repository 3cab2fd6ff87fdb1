package dev.dynakit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * The {@code dynakit} command line that runs the same Query or Scan as a DynamoDB request: the
 * adapter's {@code query} or {@code scan} verb with typed (DynamoDB JSON) arguments, against the
 * server's endpoint.
 */
final class ConsoleCli {
  /** DynamoDB's request fields and the verb arguments they become, in the order shown. */
  private static final Map<String, String> ARGUMENTS = new java.util.LinkedHashMap<>();

  static {
    ARGUMENTS.put("TableName", "table");
    ARGUMENTS.put("IndexName", "index");
    ARGUMENTS.put("KeyConditionExpression", "key_condition");
    ARGUMENTS.put("FilterExpression", "filter");
    ARGUMENTS.put("ProjectionExpression", "projection");
    ARGUMENTS.put("ExpressionAttributeNames", "names");
    ARGUMENTS.put("ExpressionAttributeValues", "values");
    ARGUMENTS.put("Limit", "limit");
    ARGUMENTS.put("ExclusiveStartKey", "exclusive_start_key");
    ARGUMENTS.put("ScanIndexForward", "scan_index_forward");
    ARGUMENTS.put("ConsistentRead", "consistent_read");
    ARGUMENTS.put("Select", "select");
    ARGUMENTS.put("Segment", "segment");
    ARGUMENTS.put("TotalSegments", "total_segments");
  }

  private ConsoleCli() {}

  /**
   * The command line, such as {@code dynakit query --endpoint http://127.0.0.1:8000 --args
   * '{"table":"Music","key_condition":"#k0 = :k0",...,"typed":true}'}.
   *
   * @param operation {@code Query} or {@code Scan}
   * @param request the DynamoDB request
   * @throws IllegalArgumentException for another operation, or a request field the verb does not
   *     take (naming it)
   */
  static String line(ObjectMapper json, String operation, JsonNode request, URI endpoint) {
    String verb =
        switch (operation) {
          case "Query" -> "query";
          case "Scan" -> "scan";
          default ->
              throw new IllegalArgumentException("no dynakit command is shown for " + operation);
        };
    ObjectNode args = json.createObjectNode();
    ARGUMENTS.forEach(
        (field, argument) -> {
          JsonNode value = request.get(field);
          if (value != null && !value.isNull()) {
            args.set(argument, value);
          }
        });
    request
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!ARGUMENTS.containsKey(field)) {
                throw new IllegalArgumentException(
                    "the dynakit command has no argument for the request field " + field);
              }
            });
    args.put("typed", true);
    String text;
    try {
      text = json.writeValueAsString(args);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return "dynakit " + verb + " --endpoint " + endpoint + " --args " + shellQuote(text);
  }

  /** {@code text} in single quotes for a POSIX shell, each {@code '} written as {@code '\''}. */
  static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
