package dev.dynakit.client.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The recording's line format and the request matching both recorder and player use. */
final class Exchanges {
  /** Response headers kept in a recording; nothing else is written, no request header at all. */
  static final List<String> KEPT_HEADERS =
      List.of("x-amzn-RequestId", "x-amz-crc32", "Content-Type");

  /** A request field left out of matching: the SDK fills it with a fresh random token per call. */
  static final String IGNORED_FIELD = "ClientRequestToken";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private Exchanges() {}

  /** The operation a request calls, from its {@code X-Amz-Target} header ({@code ""} if none). */
  static String operation(SdkHttpRequest request) {
    return request
        .firstMatchingHeader("X-Amz-Target")
        .map(target -> target.substring(target.indexOf('.') + 1))
        .orElse("");
  }

  /** The body as a JSON tree, or as a text node if it is not JSON. */
  static JsonNode body(byte[] bytes) {
    if (bytes.length == 0) {
      return JsonNodeFactory.instance.textNode("");
    }
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      return JsonNodeFactory.instance.textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** The bytes of a recorded body: compact JSON, or the text as it was. */
  static byte[] bytes(JsonNode body) {
    if (body == null || body.isNull()) {
      return new byte[0];
    }
    if (body.isTextual()) {
      return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** The match key of a request: the operation and its body with sorted keys, minus the token. */
  static String key(String operation, JsonNode body) {
    JsonNode canonical = canonical(body);
    if (canonical instanceof ObjectNode) {
      ((ObjectNode) canonical).remove(IGNORED_FIELD);
    }
    return operation + ' ' + canonical;
  }

  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        sorted.set(name, canonical(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(canonical(it.next()));
      }
      return array;
    }
    return node;
  }

  /** The table a request body names, for error messages; never a key or value. */
  static Optional<String> table(JsonNode body) {
    JsonNode name = body.get("TableName");
    if (name != null && name.isTextual()) {
      return Optional.of(name.textValue());
    }
    JsonNode items = body.get("RequestItems");
    if (items != null && items.isObject() && items.size() == 1) {
      return Optional.of(items.fieldNames().next());
    }
    return Optional.empty();
  }

  /** One recorded line. */
  static ObjectNode line(
      String operation, JsonNode request, int status, Map<String, String> headers, JsonNode body) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("operation", operation);
    line.set("request", request);
    line.put("status", status);
    ObjectNode h = line.putObject("headers");
    headers.forEach(h::put);
    line.set("response", body);
    return line;
  }
}
