package dev.dynakit.client.verbs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between the verbs' JSON-friendly values and DynamoDB {@link AttributeValue}s, in two
 * forms.
 *
 * <p><b>Plain</b> (the default): {@code null} is NULL, booleans BOOL, strings S, numbers N (kept
 * exact: the number's own text is sent, never a {@code double}), maps M, lists L. Sets and binary
 * use a one-key map: {@code {"$ss": ["a"]}}, {@code {"$ns": [1, 2.5]}}, {@code {"$bs":
 * ["base64"]}}, {@code {"$b": "base64"}}. Numbers come back as {@link Long} when they are whole and
 * fit, {@link BigInteger} when whole and larger, {@link BigDecimal} otherwise (the text DynamoDB
 * answered, exactly).
 *
 * <p><b>Typed</b>: DynamoDB's own JSON, {@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"M":
 * {...}}}, {@code {"SS": [...]}}, {@code {"B": "base64"}}, {@code {"NULL": true}} and so on.
 *
 * <p>Conversion errors are {@link IllegalArgumentException}s that say where (a path such as {@code
 * item.tags[2]}) and what was wrong, never the value itself.
 */
public final class Values {
  private static final String SS = "$ss";
  private static final String NS = "$ns";
  private static final String BS = "$bs";
  private static final String B = "$b";

  private Values() {}

  /** The attribute value for a plain JSON value; {@code path} names it in errors. */
  public static AttributeValue fromPlain(Object value, String path) {
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    if (value instanceof Boolean) {
      return AttributeValue.fromBool((Boolean) value);
    }
    if (value instanceof String) {
      return AttributeValue.fromS((String) value);
    }
    if (value instanceof Number) {
      return AttributeValue.fromN(numberText((Number) value, path));
    }
    if (value instanceof byte[]) {
      return AttributeValue.fromB(SdkBytes.fromByteArray((byte[]) value));
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.size() == 1) {
        Object key = map.keySet().iterator().next();
        AttributeValue special = special(String.valueOf(key), map.get(key), path);
        if (special != null) {
          return special;
        }
      }
      return AttributeValue.fromM(plainMap(map, path));
    }
    if (value instanceof List) {
      List<AttributeValue> list = new ArrayList<>();
      List<?> elements = (List<?>) value;
      for (int i = 0; i < elements.size(); i++) {
        list.add(fromPlain(elements.get(i), path + "[" + i + "]"));
      }
      return AttributeValue.fromL(list);
    }
    throw new IllegalArgumentException(
        path + ": unsupported value type " + value.getClass().getSimpleName());
  }

  /** An item or key (attribute name to value) from plain JSON values. */
  public static Map<String, AttributeValue> plainMap(Map<?, ?> map, String path) {
    Map<String, AttributeValue> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException(path + ": map keys must be strings");
      }
      String name = (String) entry.getKey();
      result.put(name, fromPlain(entry.getValue(), path + "." + name));
    }
    return result;
  }

  private static AttributeValue special(String key, Object value, String path) {
    switch (key) {
      case SS:
        return AttributeValue.fromSs(strings(value, path + "." + SS));
      case NS:
        List<String> numbers = new ArrayList<>();
        List<?> elements = list(value, path + "." + NS);
        for (int i = 0; i < elements.size(); i++) {
          Object element = elements.get(i);
          String where = path + "." + NS + "[" + i + "]";
          if (element instanceof Number) {
            numbers.add(numberText((Number) element, where));
          } else if (element instanceof String) {
            numbers.add(checkedNumber((String) element, where));
          } else {
            throw new IllegalArgumentException(where + ": must be a number");
          }
        }
        return AttributeValue.fromNs(numbers);
      case BS:
        List<SdkBytes> binaries = new ArrayList<>();
        List<String> encoded = strings(value, path + "." + BS);
        for (int i = 0; i < encoded.size(); i++) {
          binaries.add(base64(encoded.get(i), path + "." + BS + "[" + i + "]"));
        }
        return AttributeValue.fromBs(binaries);
      case B:
        if (!(value instanceof String)) {
          throw new IllegalArgumentException(path + "." + B + ": must be a base64 string");
        }
        return AttributeValue.fromB(base64((String) value, path + "." + B));
      default:
        return null;
    }
  }

  /** The plain JSON value for an attribute value. */
  public static Object toPlain(AttributeValue value) {
    switch (value.type()) {
      case S:
        return value.s();
      case N:
        return number(value.n());
      case BOOL:
        return value.bool();
      case NUL:
        return null;
      case B:
        return Map.of(B, encode(value.b()));
      case SS:
        return Map.of(SS, List.copyOf(value.ss()));
      case NS:
        List<Object> numbers = new ArrayList<>();
        value.ns().forEach(n -> numbers.add(number(n)));
        return Map.of(NS, numbers);
      case BS:
        List<String> binaries = new ArrayList<>();
        value.bs().forEach(b -> binaries.add(encode(b)));
        return Map.of(BS, binaries);
      case M:
        return toPlainMap(value.m());
      case L:
        List<Object> list = new ArrayList<>();
        value.l().forEach(element -> list.add(toPlain(element)));
        return list;
      default:
        throw new IllegalArgumentException("attribute value of a type this SDK does not know");
    }
  }

  /** An item or key as plain JSON values. */
  public static Map<String, Object> toPlainMap(Map<String, AttributeValue> item) {
    Map<String, Object> result = new LinkedHashMap<>();
    item.forEach((name, value) -> result.put(name, toPlain(value)));
    return result;
  }

  /** The attribute value for DynamoDB JSON such as {@code {"S": "x"}}. */
  public static AttributeValue fromTyped(Object value, String path) {
    if (!(value instanceof Map) || ((Map<?, ?>) value).size() != 1) {
      throw new IllegalArgumentException(
          path + ": must be DynamoDB JSON, an object with one type key such as {\"S\": ...}");
    }
    Map.Entry<?, ?> entry = ((Map<?, ?>) value).entrySet().iterator().next();
    String type = String.valueOf(entry.getKey());
    Object content = entry.getValue();
    String where = path + "." + type;
    switch (type) {
      case "S":
        return AttributeValue.fromS(string(content, where));
      case "N":
        return AttributeValue.fromN(
            content instanceof Number
                ? numberText((Number) content, where)
                : checkedNumber(string(content, where), where));
      case "BOOL":
        if (!(content instanceof Boolean)) {
          throw new IllegalArgumentException(where + ": must be true or false");
        }
        return AttributeValue.fromBool((Boolean) content);
      case "NULL":
        return AttributeValue.fromNul(true);
      case "B":
        return AttributeValue.fromB(base64(string(content, where), where));
      case "SS":
        return AttributeValue.fromSs(strings(content, where));
      case "NS":
        List<String> numbers = new ArrayList<>();
        List<?> elements = list(content, where);
        for (int i = 0; i < elements.size(); i++) {
          Object element = elements.get(i);
          String at = where + "[" + i + "]";
          numbers.add(
              element instanceof Number
                  ? numberText((Number) element, at)
                  : checkedNumber(string(element, at), at));
        }
        return AttributeValue.fromNs(numbers);
      case "BS":
        List<SdkBytes> binaries = new ArrayList<>();
        List<String> encoded = strings(content, where);
        for (int i = 0; i < encoded.size(); i++) {
          binaries.add(base64(encoded.get(i), where + "[" + i + "]"));
        }
        return AttributeValue.fromBs(binaries);
      case "M":
        if (!(content instanceof Map)) {
          throw new IllegalArgumentException(where + ": must be an object");
        }
        return AttributeValue.fromM(typedMap((Map<?, ?>) content, where));
      case "L":
        List<AttributeValue> list = new ArrayList<>();
        List<?> items = list(content, where);
        for (int i = 0; i < items.size(); i++) {
          list.add(fromTyped(items.get(i), where + "[" + i + "]"));
        }
        return AttributeValue.fromL(list);
      default:
        throw new IllegalArgumentException(
            path
                + ": unknown DynamoDB type '"
                + type
                + "' (S, N, B, BOOL, NULL, M, L, SS, NS, BS)");
    }
  }

  /** An item or key (attribute name to value) from DynamoDB JSON. */
  public static Map<String, AttributeValue> typedMap(Map<?, ?> map, String path) {
    Map<String, AttributeValue> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException(path + ": map keys must be strings");
      }
      String name = (String) entry.getKey();
      result.put(name, fromTyped(entry.getValue(), path + "." + name));
    }
    return result;
  }

  /** DynamoDB JSON for an attribute value; numbers stay strings, binary is base64. */
  public static Map<String, Object> toTyped(AttributeValue value) {
    switch (value.type()) {
      case S:
        return Map.of("S", value.s());
      case N:
        return Map.of("N", value.n());
      case BOOL:
        return Map.of("BOOL", value.bool());
      case NUL:
        return Map.of("NULL", true);
      case B:
        return Map.of("B", encode(value.b()));
      case SS:
        return Map.of("SS", List.copyOf(value.ss()));
      case NS:
        return Map.of("NS", List.copyOf(value.ns()));
      case BS:
        List<String> binaries = new ArrayList<>();
        value.bs().forEach(b -> binaries.add(encode(b)));
        return Map.of("BS", binaries);
      case M:
        return Map.of("M", toTypedMap(value.m()));
      case L:
        List<Object> list = new ArrayList<>();
        value.l().forEach(element -> list.add(toTyped(element)));
        return Map.of("L", list);
      default:
        throw new IllegalArgumentException("attribute value of a type this SDK does not know");
    }
  }

  /** An item or key as DynamoDB JSON. */
  public static Map<String, Object> toTypedMap(Map<String, AttributeValue> item) {
    Map<String, Object> result = new LinkedHashMap<>();
    item.forEach((name, value) -> result.put(name, toTyped(value)));
    return result;
  }

  /**
   * A number DynamoDB answered, exactly: {@link Long} if whole and in range, {@link BigInteger} if
   * whole and larger, {@link BigDecimal} otherwise.
   */
  static Number number(String text) {
    if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return new BigDecimal(text);
    }
    BigInteger whole = new BigInteger(text);
    return whole.bitLength() < 64 ? (Number) whole.longValue() : whole;
  }

  private static String numberText(Number number, String path) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + ": NaN and infinity are not DynamoDB numbers");
      }
    }
    return checkedNumber(number.toString(), path);
  }

  private static String checkedNumber(String text, String path) {
    try {
      new BigDecimal(text);
      return text;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": not a number");
    }
  }

  private static SdkBytes base64(String text, String path) {
    try {
      return SdkBytes.fromByteArray(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": not valid base64");
    }
  }

  private static String encode(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
  }

  private static String string(Object value, String path) {
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(path + ": must be a string");
    }
    return (String) value;
  }

  private static List<?> list(Object value, String path) {
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(path + ": must be a list");
    }
    return (List<?>) value;
  }

  private static List<String> strings(Object value, String path) {
    List<?> elements = list(value, path);
    List<String> result = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      result.add(string(elements.get(i), path + "[" + i + "]"));
    }
    return result;
  }
}
