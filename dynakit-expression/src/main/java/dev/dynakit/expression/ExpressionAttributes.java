package dev.dynakit.expression;

import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.internal.ParseCache;
import dev.dynakit.expression.value.AttributeValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request, and
 * the expressions of that request bound to them. It checks what DynamoDB checks: the maps
 * themselves, placeholders the expressions use but the maps lack, and (with {@link
 * #checkAllUsed()}) entries no expression used.
 *
 * <pre>{@code
 * ExpressionAttributes attributes = ExpressionAttributes.builder()
 *     .names(Map.of("#s", "status"))
 *     .values(Map.of(":open", AttributeValue.fromS("OPEN")))
 *     .build();
 * ConditionExpression condition = attributes.condition("#s = :open");
 * attributes.checkAllUsed();
 * boolean holds = condition.matches(item);
 * }</pre>
 *
 * <p>One instance serves one request on one thread while expressions are bound: it records which
 * placeholders are used. Bound expressions may then be evaluated from any thread.
 */
public final class ExpressionAttributes {
  /** DynamoDB's limit on the length of a placeholder ({@code #name}, {@code :value}). */
  static final int MAX_KEY_LENGTH = 255;

  /** Attribute names must be shorter than this many UTF-8 bytes. */
  static final int MAX_NAME_BYTES = 65536;

  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new LinkedHashSet<>();
  private final Set<String> usedValues = new LinkedHashSet<>();
  // Keyed by identity: the same tree (from the parse cache) yields the same path objects.
  private final Map<DocumentPath, List<PathElement>> resolved = new IdentityHashMap<>();

  private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Attributes for a tree built from legacy parameters: the maps of its synthetic placeholders,
   * trusted as they are (the legacy parameters were checked by {@link LegacyConditions}).
   */
  static ExpressionAttributes synthetic(
      Map<String, String> names, Map<String, AttributeValue> values) {
    return new ExpressionAttributes(names, values);
  }

  /** A request with neither map. */
  public static ExpressionAttributes none() {
    return new ExpressionAttributes(null, null);
  }

  /** Starts a request's attributes; a map not given counts as absent from the request. */
  public static Builder builder() {
    return new Builder();
  }

  /** Binds a {@code ConditionExpression}. */
  public ConditionExpression condition(String text) {
    return bindCondition(ExpressionKind.CONDITION, text);
  }

  /** Binds a {@code FilterExpression}. */
  public ConditionExpression filter(String text) {
    return bindCondition(ExpressionKind.FILTER, text);
  }

  /** Binds a {@code KeyConditionExpression} to the key of the table or index queried. */
  public KeyConditionExpression keyCondition(String text, KeySchema keys) {
    Condition tree = ParseCache.condition(ExpressionKind.KEY_CONDITION, text);
    new Binder(ExpressionKind.KEY_CONDITION, this).bindCondition(tree);
    return KeyConditions.analyze(tree, keys, this);
  }

  /** Binds an {@code UpdateExpression}. */
  public UpdateExpression update(String text) {
    var tree = ParseCache.update(text);
    new Binder(ExpressionKind.UPDATE, this).update(tree);
    return new UpdateExpression(tree, this);
  }

  /** Binds a {@code ProjectionExpression}. */
  public ProjectionExpression projection(String text) {
    var tree = ParseCache.projection(text);
    List<List<PathElement>> paths = new Binder(ExpressionKind.PROJECTION, this).projection(tree);
    return new ProjectionExpression(tree, paths);
  }

  /**
   * Refuses names or values that no bound expression used, as DynamoDB does once it has read all of
   * a request's expressions.
   */
  public void checkAllUsed() {
    checkUsed("ExpressionAttributeNames", names, usedNames);
    checkUsed("ExpressionAttributeValues", values, usedValues);
  }

  /**
   * The attributes of a request, checked as DynamoDB checks them before it reads any expression:
   * names or values given without an expression that could use them are refused (an empty
   * expression counts as none); empty maps that no expression could use are ignored; then the maps
   * themselves are checked as {@link Builder#build()} does.
   *
   * <pre>{@code
   * ExpressionAttributes attributes = ExpressionAttributes.forRequest(
   *     request.hasExpressionAttributeNames() ? request.expressionAttributeNames() : null,
   *     request.hasExpressionAttributeValues() ? request.expressionAttributeValues() : null,
   *     request.filterExpression() != null || request.projectionExpression() != null,
   *     Collections.singletonMap("FilterExpression", request.filterExpression()));
   * }</pre>
   *
   * @param names the request's {@code ExpressionAttributeNames}, or null where it has none
   * @param values the request's {@code ExpressionAttributeValues}, or null where it has none
   * @param anyExpression whether the request has an expression that may use names
   * @param valueExpressions the request's expressions that may use values, by parameter name, in
   *     DynamoDB's order; null or empty text counts as absent
   */
  public static ExpressionAttributes forRequest(
      Map<String, String> names,
      Map<String, AttributeValue> values,
      boolean anyExpression,
      Map<String, String> valueExpressions) {
    boolean anyValueExpression = false;
    for (String text : valueExpressions.values()) {
      anyValueExpression |= text != null && !text.isEmpty();
    }
    checkUsable(names, values, anyExpression, anyValueExpression, valueExpressions.keySet());
    Builder builder = builder();
    if (names != null && (anyExpression || !names.isEmpty())) {
      builder.names(names);
    }
    if (values != null && (anyValueExpression || !values.isEmpty())) {
      builder.values(values);
    }
    return builder.build();
  }

  private static void checkUsable(
      Map<String, String> names,
      Map<String, AttributeValue> values,
      boolean anyExpression,
      boolean anyValueExpression,
      Set<String> valueParameters) {
    if (names != null && !names.isEmpty() && !anyExpression) {
      throw new ValidationException(
          "ExpressionAttributeNames can only be specified when using expressions");
    }
    if (values != null && !values.isEmpty() && !anyValueExpression) {
      throw new ValidationException(
          "ExpressionAttributeValues can only be specified when using expressions: "
              + String.join(" and ", valueParameters)
              + (valueParameters.size() > 1 ? " are null" : " is null"));
    }
  }

  /** Whether the request carried {@code ExpressionAttributeNames}. */
  public boolean hasNames() {
    return names != null;
  }

  /** Whether the request carried {@code ExpressionAttributeValues}. */
  public boolean hasValues() {
    return values != null;
  }

  private static void checkUsed(String parameter, Map<String, ?> given, Set<String> used) {
    if (given == null || used.size() == given.size()) {
      // Only keys the map has are ever marked used: as many used as given means all were.
      return;
    }
    // DynamoDB names them in the iteration order of a Java HashSet; so does this.
    Set<String> unused = new HashSet<>(given.keySet());
    unused.removeAll(used);
    if (!unused.isEmpty()) {
      throw new ValidationException(
          "Value provided in "
              + parameter
              + " unused in expressions: keys: {"
              + String.join(", ", unused)
              + "}");
    }
  }

  private ConditionExpression bindCondition(ExpressionKind kind, String text) {
    Condition tree = ParseCache.condition(kind, text);
    new Binder(kind, this).bindCondition(tree);
    return new ConditionExpression(tree, this);
  }

  /** The name a {@code #name} placeholder stands for, marking it used. */
  Optional<String> useName(String placeholder) {
    String name = names == null ? null : names.get(placeholder);
    if (name != null) {
      usedNames.add(placeholder);
    }
    return Optional.ofNullable(name);
  }

  /** The value a {@code :value} placeholder stands for, marking it used. */
  Optional<AttributeValue> useValue(String placeholder) {
    AttributeValue value = values == null ? null : values.get(placeholder);
    if (value != null) {
      usedValues.add(placeholder);
    }
    return Optional.ofNullable(value);
  }

  /** The value of a placeholder already checked by binding. */
  AttributeValue value(String placeholder) {
    return values.get(placeholder);
  }

  /** The attribute name of a path step already checked by binding. */
  String name(PathElement.Name step) {
    return step.isPlaceholder() ? names.get(step.token()) : step.token();
  }

  /**
   * A path with its placeholders replaced by the names they stand for. Each path of a bound tree is
   * resolved once per request and kept, so evaluating over many items allocates nothing for it.
   */
  List<PathElement> resolve(DocumentPath path) {
    return resolved.computeIfAbsent(
        path,
        p -> {
          List<PathElement> steps = new ArrayList<>(p.elements().size());
          for (PathElement element : p.elements()) {
            steps.add(
                element instanceof PathElement.Name step
                    ? new PathElement.Name(name(step))
                    : element);
          }
          return List.copyOf(steps);
        });
  }

  /** Builds {@link ExpressionAttributes}, checking the maps as DynamoDB does. */
  public static final class Builder {
    private Map<String, String> names;
    private Map<String, AttributeValue> values;

    private Builder() {}

    /** The request's {@code ExpressionAttributeNames}. */
    public Builder names(Map<String, String> names) {
      this.names = new LinkedHashMap<>(names);
      return this;
    }

    /** The request's {@code ExpressionAttributeValues}. */
    public Builder values(Map<String, AttributeValue> values) {
      this.values = new LinkedHashMap<>(values);
      return this;
    }

    /** Checks the maps in DynamoDB's order (names, then values; keys, then contents) and builds. */
    public ExpressionAttributes build() {
      if (names != null) {
        if (names.isEmpty()) {
          throw new ValidationException("ExpressionAttributeNames must not be empty");
        }
        for (String key : names.keySet()) {
          checkKey("ExpressionAttributeNames", key, '#');
        }
      }
      if (values != null) {
        if (values.isEmpty()) {
          throw new ValidationException("ExpressionAttributeValues must not be empty");
        }
        for (String key : values.keySet()) {
          checkKey("ExpressionAttributeValues", key, ':');
        }
        for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
          AttributeValues.validateExpressionValue(entry.getKey(), entry.getValue());
        }
      }
      if (names != null) {
        for (Map.Entry<String, String> entry : names.entrySet()) {
          checkName(entry.getKey(), entry.getValue());
        }
      }
      return new ExpressionAttributes(names, values);
    }

    private static void checkName(String key, String name) {
      if (name.isEmpty()) {
        throw new ValidationException(
            "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
      }
      if (name.getBytes(StandardCharsets.UTF_8).length >= MAX_NAME_BYTES) {
        throw new ValidationException(
            "ExpressionAttributeNames contains invalid value: Attribute name is too large, must be"
                + " less than 65536 bytes for key "
                + key);
      }
    }

    private static void checkKey(String parameter, String key, char prefix) {
      if (key.length() > MAX_KEY_LENGTH) {
        throw new ValidationException(
            parameter
                + " contains invalid key: The expression attribute map contains a key that is too"
                + " long;"
                + (prefix == '#' ? " size of key: " + key.length() : ""));
      }
      boolean valid = key.length() > 1 && key.charAt(0) == prefix;
      for (int i = 1; valid && i < key.length(); i++) {
        char c = key.charAt(i);
        valid = Character.isLetterOrDigit(c) && c < 128 || c == '_';
      }
      if (!valid) {
        throw new ValidationException(
            parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
      }
    }
  }
}
