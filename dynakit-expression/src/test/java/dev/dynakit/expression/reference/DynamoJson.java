package dev.dynakit.expression.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between DynamoDB-JSON (the wire form of {@link AttributeValue}: {@code {"S":"x"}},
 * {@code {"N":"1"}}, {@code {"B":"<base64>"}}, {@code SS}/{@code NS}/{@code BS}, {@code M}, {@code
 * L}, {@code BOOL}, {@code NULL}) and SDK {@link AttributeValue}s.
 *
 * <p>The conversion is deliberately lenient in one direction: whatever JSON names a field is put in
 * the value as is, so invalid values can be written and sent ({@code {}} is an empty {@code
 * AttributeValue}, {@code {"SS":[]}} an empty set, {@code {"N":"abc"}} a bad number, {@code
 * {"S":"a","N":"1"}} a value with two types). An explicitly empty list or map is kept explicit, so
 * the SDK sends it.
 */
public final class DynamoJson {
  private static final Comparator<String> ATTRIBUTE_ORDER =
      Comparator.comparing((String name) -> !name.equals("pk"))
          .thenComparing(name -> !name.equals("sk"))
          .thenComparing(Comparator.naturalOrder());

  private DynamoJson() {}

  /** Parses one value in DynamoDB-JSON, such as {@code {"S":"x"}}. */
  public static AttributeValue parseValue(String json) {
    return value(JsonNode.parser().parse(json));
  }

  /** Parses an item (or key): an object of attribute name to DynamoDB-JSON value. */
  public static Map<String, AttributeValue> parseItem(String json) {
    return item(JsonNode.parser().parse(json));
  }

  /** Converts a parsed DynamoDB-JSON value. */
  public static AttributeValue value(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("Not a DynamoDB-JSON value: " + node);
    }
    AttributeValue.Builder builder = AttributeValue.builder();
    for (Map.Entry<String, JsonNode> field : node.asObject().entrySet()) {
      JsonNode content = field.getValue();
      switch (field.getKey()) {
        case "S" -> builder.s(content.asString());
        case "N" -> builder.n(content.asString());
        case "B" -> builder.b(bytes(content));
        case "SS" -> builder.ss(strings(content));
        case "NS" -> builder.ns(strings(content));
        case "BS" -> builder.bs(content.asArray().stream().map(DynamoJson::bytes).toList());
        case "M" -> builder.m(item(content));
        case "L" -> builder.l(content.asArray().stream().map(DynamoJson::value).toList());
        case "BOOL" -> builder.bool(content.asBoolean());
        case "NULL" -> builder.nul(content.asBoolean());
        default ->
            throw new IllegalArgumentException("Unknown DynamoDB-JSON type: " + field.getKey());
      }
    }
    return builder.build();
  }

  /** Converts a parsed item (or key, or {@code M} content); JSON {@code null} gives null. */
  public static Map<String, AttributeValue> item(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("Not an item: " + node);
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    node.asObject().forEach((name, value) -> item.put(name, value(value)));
    return item;
  }

  /** Writes one value as compact DynamoDB-JSON. */
  public static String toJson(AttributeValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /**
   * Writes an item as compact DynamoDB-JSON; attributes {@code pk} and {@code sk} come first, then
   * the others by name. A null item is written {@code null}.
   */
  public static String toJson(Map<String, AttributeValue> item) {
    StringBuilder out = new StringBuilder();
    write(item, out);
    return out.toString();
  }

  /**
   * The same value with the members of every set (also nested ones) in one fixed order: DynamoDB
   * does not promise an order of set members, so values are compared in this form.
   */
  public static AttributeValue canonical(AttributeValue value) {
    if (value.hasSs()) {
      return value.toBuilder().ss(value.ss().stream().sorted().toList()).build();
    }
    if (value.hasNs()) {
      return value.toBuilder()
          .ns(value.ns().stream().sorted(DynamoJson::compareNumbers).toList())
          .build();
    }
    if (value.hasBs()) {
      return value.toBuilder()
          .bs(value.bs().stream().sorted(DynamoJson::compareBytes).toList())
          .build();
    }
    if (value.hasM()) {
      return value.toBuilder().m(canonical(value.m())).build();
    }
    if (value.hasL()) {
      return value.toBuilder().l(value.l().stream().map(DynamoJson::canonical).toList()).build();
    }
    return value;
  }

  /** {@link #canonical(AttributeValue)} applied to each attribute; null stays null. */
  public static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    Map<String, AttributeValue> result = new LinkedHashMap<>();
    item.forEach((name, value) -> result.put(name, canonical(value)));
    return result;
  }

  /** Appends {@code text} as a JSON string. */
  static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder();
    quote(text, out);
    return out.toString();
  }

  static void write(Map<String, AttributeValue> item, StringBuilder out) {
    if (item == null) {
      out.append("null");
      return;
    }
    Map<String, AttributeValue> sorted = new TreeMap<>(ATTRIBUTE_ORDER);
    sorted.putAll(item);
    out.append('{');
    String separator = "";
    for (Map.Entry<String, AttributeValue> attribute : sorted.entrySet()) {
      out.append(separator);
      quote(attribute.getKey(), out);
      out.append(": ");
      write(attribute.getValue(), out);
      separator = ", ";
    }
    out.append('}');
  }

  private static void write(AttributeValue value, StringBuilder out) {
    List<String> fields = new ArrayList<>();
    if (value.s() != null) {
      fields.add("\"S\": " + quote(value.s()));
    }
    if (value.n() != null) {
      fields.add("\"N\": " + quote(value.n()));
    }
    if (value.b() != null) {
      fields.add("\"B\": " + quote(base64(value.b())));
    }
    if (value.hasSs()) {
      fields.add("\"SS\": " + strings(value.ss()));
    }
    if (value.hasNs()) {
      fields.add("\"NS\": " + strings(value.ns()));
    }
    if (value.hasBs()) {
      fields.add("\"BS\": " + strings(value.bs().stream().map(DynamoJson::base64).toList()));
    }
    if (value.hasM()) {
      StringBuilder map = new StringBuilder();
      write(value.m(), map);
      fields.add("\"M\": " + map);
    }
    if (value.hasL()) {
      StringBuilder list = new StringBuilder("[");
      for (int i = 0; i < value.l().size(); i++) {
        list.append(i == 0 ? "" : ", ");
        write(value.l().get(i), list);
      }
      fields.add("\"L\": " + list.append(']'));
    }
    if (value.bool() != null) {
      fields.add("\"BOOL\": " + value.bool());
    }
    if (value.nul() != null) {
      fields.add("\"NULL\": " + value.nul());
    }
    out.append('{').append(String.join(", ", fields)).append('}');
  }

  private static String strings(List<String> strings) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < strings.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      quote(strings.get(i), out);
    }
    return out.append(']').toString();
  }

  private static List<String> strings(JsonNode array) {
    return array.asArray().stream().map(JsonNode::asString).toList();
  }

  private static SdkBytes bytes(JsonNode node) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asString()));
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }

  private static boolean validSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  private static int compareNumbers(String a, String b) {
    try {
      int byValue = new BigDecimal(a).compareTo(new BigDecimal(b));
      return byValue != 0 ? byValue : a.compareTo(b);
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static int compareBytes(SdkBytes a, SdkBytes b) {
    return java.util.Arrays.compareUnsigned(a.asByteArrayUnsafe(), b.asByteArrayUnsafe());
  }
}
