package dev.dynakit.client.expressions;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request. Share
 * one instance between all the expressions of a request (condition, update, projection...) so that
 * their placeholders never clash: {@code #n0}, {@code #n1}... for names (the same attribute name
 * always gets the same placeholder) and {@code :v0}, {@code :v1}... for values.
 *
 * <p>Not thread-safe: one instance serves one request being built on one thread.
 */
public final class Placeholders implements Naming {
  private final Map<String, String> placeholderByName = new HashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  /** Placeholders with no names and no values yet. */
  public Placeholders() {}

  /**
   * The placeholder for {@code attributeName} (one attribute or map key, taken literally: dots and
   * brackets are part of the name).
   *
   * @throws IllegalArgumentException if the name is empty
   */
  @Override
  public String name(String attributeName) {
    Objects.requireNonNull(attributeName, "attributeName");
    if (attributeName.isEmpty()) {
      throw new IllegalArgumentException("An attribute name must not be empty");
    }
    return placeholderByName.computeIfAbsent(
        attributeName,
        name -> {
          String placeholder = "#n" + names.size();
          names.put(placeholder, name);
          return placeholder;
        });
  }

  /** A new placeholder for {@code value}. */
  @Override
  public String value(AttributeValue value) {
    Objects.requireNonNull(value, "value");
    String placeholder = ":v" + values.size();
    values.put(placeholder, value);
    return placeholder;
  }

  /** The names, placeholder to attribute name, in the order given out; empty when none. */
  public Map<String, String> names() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(names));
  }

  /** The values, placeholder to value, in the order given out; empty when none. */
  public Map<String, AttributeValue> values() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** {@link #names()}, or {@code null} when empty: DynamoDB refuses an empty map. */
  public Map<String, String> namesOrNull() {
    return names.isEmpty() ? null : names();
  }

  /** {@link #values()}, or {@code null} when empty: DynamoDB refuses an empty map. */
  public Map<String, AttributeValue> valuesOrNull() {
    return values.isEmpty() ? null : values();
  }

  @Override
  public String toString() {
    return "Placeholders[names=" + names.size() + ", values=" + values.size() + "]";
  }
}
