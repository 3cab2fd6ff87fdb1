package dev.dynakit.expression;

import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.DocumentPath;
import dev.dynakit.expression.ast.PathElement;
import dev.dynakit.expression.internal.ParseCache;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * <p>One instance serves one request on one thread: it records which placeholders are used.
 */
public final class ExpressionAttributes {
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new LinkedHashSet<>();
  private final Set<String> usedValues = new LinkedHashSet<>();

  private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
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
    new Binder(ExpressionKind.KEY_CONDITION, this).condition(tree);
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

  /** Whether the request carried {@code ExpressionAttributeNames}. */
  public boolean hasNames() {
    return names != null;
  }

  /** Whether the request carried {@code ExpressionAttributeValues}. */
  public boolean hasValues() {
    return values != null;
  }

  private static void checkUsed(String parameter, Map<String, ?> given, Set<String> used) {
    if (given == null) {
      return;
    }
    Set<String> unused = new TreeSet<>(given.keySet());
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
    new Binder(kind, this).condition(tree);
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

  /** A path with its placeholders replaced by the names they stand for. */
  List<PathElement> resolve(DocumentPath path) {
    List<PathElement> resolved = new ArrayList<>(path.elements().size());
    for (PathElement element : path.elements()) {
      resolved.add(
          element instanceof PathElement.Name step ? new PathElement.Name(name(step)) : element);
    }
    return resolved;
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

    /** Checks the maps and builds. */
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
        for (Map.Entry<String, AttributeValue> entry : values.entrySet()) {
          checkKey("ExpressionAttributeValues", entry.getKey(), ':');
          AttributeValues.validateExpressionValue(entry.getKey(), entry.getValue());
        }
      }
      return new ExpressionAttributes(names, values);
    }

    private static void checkKey(String parameter, String key, char prefix) {
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
