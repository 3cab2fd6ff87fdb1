package dev.dynakit.client.verbs;

import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.RequestValidationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A verb's arguments, read with checks: every problem is a {@link RequestValidationException} of
 * kind {@code INVALID_ARGUMENT} naming the verb and the argument (its path for nested ones, such as
 * {@code items[1].put.table}); values are never quoted back.
 */
final class Args {
  private final String verb;
  private final String prefix;
  private final Map<String, Object> raw;
  private final boolean typed;

  private Args(String verb, String prefix, Map<String, Object> raw, boolean typed) {
    this.verb = verb;
    this.prefix = prefix;
    this.raw = raw;
    this.typed = typed;
  }

  /** The top-level arguments of {@code verb}; {@code typed} is always accepted. */
  static Args of(String verb, Map<String, Object> raw, Set<String> known) {
    Map<String, Object> args = raw == null ? Map.of() : raw;
    Object typedFlag = args.get("typed");
    if (typedFlag != null && !(typedFlag instanceof Boolean)) {
      throw invalid(verb, "typed", "must be true or false", null);
    }
    Args result = new Args(verb, "", args, Boolean.TRUE.equals(typedFlag));
    Set<String> allowed = new TreeSet<>(known);
    allowed.add("typed");
    result.onlyKnown(allowed);
    return result;
  }

  /** Nested arguments, such as one item of a transaction, at {@code path}. */
  Args nested(String path, Object value, Set<String> known) {
    Args result = new Args(verb, path + ".", asMap(path, value), typed);
    result.onlyKnown(known);
    return result;
  }

  private void onlyKnown(Set<String> known) {
    for (String name : raw.keySet()) {
      if (!known.contains(name)) {
        throw invalid(
            verb,
            prefix + name,
            "is not an argument of this verb (expected one of " + new TreeSet<>(known) + ")",
            table());
      }
    }
  }

  String verb() {
    return verb;
  }

  /** The arguments as given (after the check that each is known). */
  Map<String, Object> raw() {
    return raw;
  }

  boolean typed() {
    return typed;
  }

  boolean has(String name) {
    return raw.get(name) != null;
  }

  /** The table this call is about, if an argument named {@code table} is a string. */
  String table() {
    Object table = raw.get("table");
    return table instanceof String ? (String) table : null;
  }

  String string(String name) {
    String value = optString(name);
    if (value == null) {
      throw missing(name, "a string");
    }
    return value;
  }

  String optString(String name) {
    Object value = raw.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String) || ((String) value).isEmpty()) {
      throw wrong(name, "must be a non-empty string");
    }
    return (String) value;
  }

  Boolean optBoolean(String name) {
    Object value = raw.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean)) {
      throw wrong(name, "must be true or false");
    }
    return (Boolean) value;
  }

  Integer optPositiveInt(String name) {
    return optInt(name, 1);
  }

  Integer optInt(String name, int minimum) {
    Object value = raw.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
      throw wrong(name, "must be a whole number");
    }
    BigInteger number = new BigInteger(value.toString());
    if (number.compareTo(BigInteger.valueOf(minimum)) < 0
        || number.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
      throw wrong(name, "must be between " + minimum + " and " + Integer.MAX_VALUE);
    }
    return number.intValue();
  }

  Map<String, Object> map(String name) {
    Object value = raw.get(name);
    if (value == null) {
      throw missing(name, "an object");
    }
    return asMap(prefix + name, value);
  }

  List<Object> list(String name) {
    Object value = raw.get(name);
    if (value == null) {
      throw missing(name, "a list");
    }
    if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
      throw wrong(name, "must be a non-empty list");
    }
    return new ArrayList<>((List<?>) value);
  }

  /** An item or key argument, converted as plain or typed values. */
  Map<String, AttributeValue> item(String name) {
    return itemOf(name, map(name));
  }

  Map<String, AttributeValue> optItem(String name) {
    return has(name) ? item(name) : null;
  }

  /** A value map, such as one element of a {@code keys} list, at {@code path}. */
  Map<String, AttributeValue> itemAt(String path, Object value) {
    return itemOf(path, asMap(prefix + path, value));
  }

  private Map<String, AttributeValue> itemOf(String name, Map<String, Object> map) {
    try {
      return typed ? Values.typedMap(map, prefix + name) : Values.plainMap(map, prefix + name);
    } catch (IllegalArgumentException e) {
      throw invalid(verb, prefix + name, "is not valid: " + e.getMessage(), table());
    }
  }

  /** {@code names}: expression attribute name placeholders ({@code #n}) to attribute names. */
  Map<String, String> names() {
    if (!has("names")) {
      return null;
    }
    Map<String, String> names = new LinkedHashMap<>();
    map("names")
        .forEach(
            (placeholder, name) -> {
              if (!(name instanceof String)) {
                throw wrong("names", "must map each placeholder to an attribute name (a string)");
              }
              names.put(placeholder, (String) name);
            });
    return names;
  }

  /** {@code values}: expression attribute value placeholders ({@code :v}) to values. */
  Map<String, AttributeValue> values() {
    return has("values") ? item("values") : null;
  }

  /** Converts an item from DynamoDB for the result, in the form the call used. */
  Map<String, Object> out(Map<String, AttributeValue> item) {
    return typed ? Values.toTypedMap(item) : Values.toPlainMap(item);
  }

  List<Object> outAll(List<Map<String, AttributeValue>> items) {
    List<Object> result = new ArrayList<>(items.size());
    items.forEach(item -> result.add(out(item)));
    return result;
  }

  RequestValidationException wrong(String name, String problem) {
    return invalid(verb, prefix + name, problem, table());
  }

  private RequestValidationException missing(String name, String what) {
    return invalid(verb, prefix + name, "is required (" + what + ")", table());
  }

  private Map<String, Object> asMap(String path, Object value) {
    if (!(value instanceof Map)) {
      throw invalid(verb, path, "must be an object", table());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw invalid(verb, path, "must have string keys", table());
      }
      map.put((String) entry.getKey(), entry.getValue());
    }
    return map;
  }

  static RequestValidationException invalid(
      String verb, String argument, String problem, String table) {
    return new RequestValidationException(
        RequestValidationException.Kind.INVALID_ARGUMENT,
        "verb '" + verb + "': argument '" + argument + "' " + problem,
        ErrorContext.local(verb, table),
        false,
        null);
  }
}
