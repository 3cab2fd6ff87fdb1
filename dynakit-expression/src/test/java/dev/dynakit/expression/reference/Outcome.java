package dev.dynakit.expression.reference;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a request did: the {@code expect} of a {@link ReferenceCase}. Outcomes compare with {@code
 * equals}; the members of sets in items are kept in {@link DynamoJson#canonical canonical order}.
 */
public sealed interface Outcome {
  /** The error type that the short form {@code {"error": "..."}} stands for. */
  String VALIDATION = "ValidationException";

  /** The request failed with {@code type} (DynamoDB's error code) and {@code message}. */
  record Error(String type, String message) implements Outcome {
    public Error {
      if (type == null || message == null) {
        throw new IllegalArgumentException("type and message are required");
      }
    }

    /** A {@code ValidationException} with {@code message}. */
    public static Error validation(String message) {
      return new Error(VALIDATION, message);
    }
  }

  /** The request failed with {@code ConditionalCheckFailedException}. */
  record ConditionFailed() implements Outcome {}

  /**
   * GetItem: the item returned. PutItem, UpdateItem, DeleteItem: the item stored under the key
   * afterwards. Null when there is none.
   */
  record Item(Map<String, AttributeValue> item) implements Outcome {
    public Item {
      item = item == null ? null : Collections.unmodifiableMap(DynamoJson.canonical(item));
    }
  }

  /** Query, Scan: the items returned, in order. */
  record Items(List<Map<String, AttributeValue>> items) implements Outcome {
    public Items {
      items = items.stream().map(DynamoJson::canonical).map(Map::copyOf).toList();
    }
  }

  /** Reads the {@code expect} object of a case. */
  static Outcome fromJson(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expect must be an object: " + node);
    }
    Map<String, JsonNode> fields = node.asObject();
    Set<String> keys = fields.keySet();
    if (keys.equals(Set.of("error")) || keys.equals(Set.of("error", "errorType"))) {
      String type = fields.containsKey("errorType") ? fields.get("errorType").asString() : null;
      if (VALIDATION.equals(type)) {
        throw new IllegalArgumentException("write ValidationException errors without errorType");
      }
      return new Error(type == null ? VALIDATION : type, fields.get("error").asString());
    }
    if (keys.equals(Set.of("conditionFailed"))) {
      if (!fields.get("conditionFailed").asBoolean()) {
        throw new IllegalArgumentException("conditionFailed must be true");
      }
      return new ConditionFailed();
    }
    if (keys.equals(Set.of("item"))) {
      return new Item(DynamoJson.item(fields.get("item")));
    }
    if (keys.equals(Set.of("items"))) {
      return new Items(fields.get("items").asArray().stream().map(DynamoJson::item).toList());
    }
    throw new IllegalArgumentException("Unknown expect: " + node);
  }

  /** Writes the outcome in the {@code expect} form of a case. */
  default String toJson() {
    StringBuilder out = new StringBuilder("{");
    if (this instanceof Error error) {
      out.append("\"error\": ");
      DynamoJson.quote(error.message(), out);
      if (!error.type().equals(VALIDATION)) {
        out.append(", \"errorType\": ");
        DynamoJson.quote(error.type(), out);
      }
    } else if (this instanceof ConditionFailed) {
      out.append("\"conditionFailed\": true");
    } else if (this instanceof Item item) {
      out.append("\"item\": ");
      DynamoJson.write(item.item(), out);
    } else if (this instanceof Items items) {
      out.append("\"items\": [");
      for (int i = 0; i < items.items().size(); i++) {
        out.append(i == 0 ? "" : ", ");
        DynamoJson.write(items.items().get(i), out);
      }
      out.append(']');
    }
    return out.append('}').toString();
  }
}
