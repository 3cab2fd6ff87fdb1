package dev.dynakit.cli;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ATTR=VALUE} pairs for people: {@code Artist=Blur Year=1994 Live=true}. A key attribute
 * takes the type the table declares for it; any other value is a number if it reads as one, a
 * boolean for {@code true}/{@code false}, {@code NULL} for {@code null}, else a string. A type
 * written after the name forces it: {@code Year:S=1994}, {@code Price:N=9.5}, {@code
 * Tag:BOOL=true}, {@code Gone:NULL=}, {@code Blob:B=AAEC} (base64), {@code Tags:JSON=["a","b"]}
 * (any JSON value, the adapter's plain JSON with {@code {"$ss": [...]}} for sets).
 */
final class Shorthand {
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final List<String> TYPES = List.of("S", "N", "BOOL", "NULL", "B", "JSON");

  private Shorthand() {}

  /**
   * The attributes {@code pairs} name, in order.
   *
   * @param keyTypes the table's key attributes and their types ({@code S}, {@code N}, {@code B})
   * @throws UsageException naming the pair that is wrong
   */
  static Map<String, Object> parse(List<String> pairs, Map<String, String> keyTypes) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UsageException(
            "'" + pair + "': expected ATTR=VALUE (or ATTR:TYPE=VALUE), such as Artist=Blur");
      }
      String name = pair.substring(0, equals);
      String text = pair.substring(equals + 1);
      String type = null;
      int colon = name.lastIndexOf(':');
      if (colon > 0 && TYPES.contains(name.substring(colon + 1).toUpperCase(Locale.ROOT))) {
        type = name.substring(colon + 1).toUpperCase(Locale.ROOT);
        name = name.substring(0, colon);
      }
      if (type == null) {
        type = keyTypes.get(name);
      }
      if (attributes.containsKey(name)) {
        throw new UsageException("attribute '" + name + "' is given twice");
      }
      attributes.put(name, value(name, type, text));
    }
    return attributes;
  }

  /** A value without a type: a number, {@code true}/{@code false}, {@code null}, else a string. */
  static Object infer(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    if (text.equals("null")) {
      return null;
    }
    return NUMBER.matcher(text).matches() ? new BigDecimal(text) : text;
  }

  static Object value(String name, String type, String text) {
    if (type == null) {
      return infer(text);
    }
    switch (type) {
      case "S":
        return text;
      case "N":
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new UsageException("attribute '" + name + "' (type N): not a number", e);
        }
      case "BOOL":
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
          throw new UsageException("attribute '" + name + "' (type BOOL): not true or false");
        }
        return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
      case "NULL":
        return null;
      case "B":
        try {
          Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          throw new UsageException("attribute '" + name + "' (type B): not base64", e);
        }
        return Map.of("$b", text);
      default:
        return Json.readValue("attribute '" + name + "' (type JSON)", text);
    }
  }
}
