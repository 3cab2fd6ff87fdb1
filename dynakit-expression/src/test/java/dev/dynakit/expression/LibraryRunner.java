package dev.dynakit.expression;

import dev.dynakit.expression.reference.DynamoDbLocal;
import dev.dynakit.expression.reference.Outcome;
import dev.dynakit.expression.reference.ReferenceCase;
import dev.dynakit.expression.value.AttributeValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Runs a reference case through this module alone: a table is a list of items, and each operation
 * binds and evaluates the case's expressions as a DynamoDB request would. What it cannot know
 * without an engine (capacity, paging) the cases do not ask.
 */
final class LibraryRunner {
  private static final Map<String, KeySchema> TABLES =
      Map.of(
          DynamoDbLocal.HASH_TABLE, KeySchema.of("pk", ScalarAttributeType.S),
          DynamoDbLocal.STRING_RANGE_TABLE,
              KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.S),
          DynamoDbLocal.NUMBER_RANGE_TABLE,
              KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.N),
          DynamoDbLocal.BINARY_RANGE_TABLE,
              KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.B));

  Outcome run(ReferenceCase c) {
    try {
      return execute(c);
    } catch (ValidationException e) {
      return Outcome.Error.validation(e.getMessage());
    }
  }

  private Outcome execute(ReferenceCase c) {
    KeySchema keys = TABLES.get(c.table());
    List<Map<String, AttributeValue>> table = new ArrayList<>();
    c.items().forEach(item -> table.add(AttributeValues.canonical(item)));
    switch (c.op()) {
      case GetItem -> {
        checkKey(keys, c.key());
        ExpressionAttributes attributes = attributes(c, c.projection() != null, Map.of());
        Optional<ProjectionExpression> projection =
            Optional.ofNullable(c.projection()).map(attributes::projection);
        attributes.checkAllUsed();
        Map<String, AttributeValue> found = find(table, keys, c.key());
        if (found == null) {
          return new Outcome.Item(null);
        }
        return new Outcome.Item(projection.map(p -> p.project(found)).orElse(found));
      }
      case PutItem, DeleteItem -> {
        boolean put = c.op() == ReferenceCase.Operation.PutItem;
        if (!put) {
          checkKey(keys, c.key());
        }
        ExpressionAttributes attributes =
            attributes(c, c.condition() != null, single("ConditionExpression", c.condition()));
        Optional<ConditionExpression> condition =
            Optional.ofNullable(c.condition()).map(attributes::condition);
        attributes.checkAllUsed();
        Map<String, AttributeValue> key = put ? c.item() : c.key();
        Map<String, AttributeValue> existing = find(table, keys, key);
        if (condition.isPresent()
            && !condition.get().matches(existing == null ? Map.of() : existing)) {
          return new Outcome.ConditionFailed();
        }
        return new Outcome.Item(put ? AttributeValues.canonical(c.item()) : null);
      }
      case UpdateItem -> {
        checkKey(keys, c.key());
        Map<String, String> valueExpressions = new LinkedHashMap<>();
        valueExpressions.put("UpdateExpression", c.update());
        valueExpressions.put("ConditionExpression", c.condition());
        ExpressionAttributes attributes =
            attributes(c, c.update() != null || c.condition() != null, valueExpressions);
        Optional<UpdateExpression> update = Optional.ofNullable(c.update()).map(attributes::update);
        Optional<ConditionExpression> condition =
            Optional.ofNullable(c.condition()).map(attributes::condition);
        attributes.checkAllUsed();
        for (String name : update.map(UpdateExpression::topLevelAttributes).orElse(Set.of())) {
          if (isKey(keys, name)) {
            throw new ValidationException(
                "One or more parameter values were invalid: Cannot update attribute "
                    + name
                    + ". This attribute is part of the key");
          }
        }
        Map<String, AttributeValue> existing = find(table, keys, c.key());
        Map<String, AttributeValue> before = existing == null ? Map.of() : existing;
        if (condition.isPresent() && !condition.get().matches(before)) {
          return new Outcome.ConditionFailed();
        }
        Map<String, AttributeValue> after =
            new LinkedHashMap<>(update.map(u -> u.apply(before)).orElse(before));
        after.putAll(c.key());
        return new Outcome.Item(after);
      }
      case Query -> {
        if (c.keyCondition() == null) {
          throw new ValidationException(
              "Either the KeyConditions or KeyConditionExpression parameter must be specified in"
                  + " the request.");
        }
        Map<String, String> valueExpressions = new LinkedHashMap<>();
        valueExpressions.put("KeyConditionExpression", c.keyCondition());
        valueExpressions.put("FilterExpression", c.filter());
        ExpressionAttributes attributes = attributes(c, true, valueExpressions);
        Optional<ConditionExpression> filter =
            Optional.ofNullable(c.filter()).map(attributes::filter);
        Optional<ProjectionExpression> projection =
            Optional.ofNullable(c.projection()).map(attributes::projection);
        KeyConditionExpression keyCondition = attributes.keyCondition(c.keyCondition(), keys);
        attributes.checkAllUsed();
        filter.ifPresent(f -> f.requireNonKeyAttributes(keys));
        List<Map<String, AttributeValue>> matched = new ArrayList<>();
        for (Map<String, AttributeValue> item : table) {
          if (keyCondition.matches(item)) {
            matched.add(item);
          }
        }
        keys.sortKey()
            .ifPresent(
                sort ->
                    matched.sort(
                        (a, b) ->
                            AttributeValues.compare(a.get(sort.name()), b.get(sort.name()))
                                .orElse(0)));
        return new Outcome.Items(select(matched, filter, projection));
      }
      case Scan -> {
        ExpressionAttributes attributes =
            attributes(
                c,
                c.filter() != null || c.projection() != null,
                single("FilterExpression", c.filter()));
        Optional<ConditionExpression> filter =
            Optional.ofNullable(c.filter()).map(attributes::filter);
        Optional<ProjectionExpression> projection =
            Optional.ofNullable(c.projection()).map(attributes::projection);
        attributes.checkAllUsed();
        return new Outcome.Items(select(table, filter, projection));
      }
      default -> throw new IllegalStateException("unknown operation " + c.op());
    }
  }

  private static Map<String, String> single(String parameter, String text) {
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put(parameter, text);
    return expressions;
  }

  /** A key must name exactly the key attributes, with their types, as DynamoDB checks it. */
  private static void checkKey(KeySchema keys, Map<String, AttributeValue> key) {
    List<KeySchema.Attribute> required = new ArrayList<>();
    required.add(keys.partitionKey());
    keys.sortKey().ifPresent(required::add);
    if (key.size() != required.size()) {
      throw new ValidationException("The number of conditions on the keys is invalid");
    }
    for (KeySchema.Attribute attribute : required) {
      if (!key.containsKey(attribute.name())) {
        throw new ValidationException("One of the required keys was not given a value");
      }
    }
    for (KeySchema.Attribute attribute : required) {
      if (!key.get(attribute.name()).type().toString().equals(attribute.type().toString())) {
        throw new ValidationException(
            "One or more parameter values were invalid: Type mismatch for key");
      }
    }
  }

  private static List<Map<String, AttributeValue>> select(
      List<Map<String, AttributeValue>> items,
      Optional<ConditionExpression> filter,
      Optional<ProjectionExpression> projection) {
    List<Map<String, AttributeValue>> selected = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      if (filter.map(f -> f.matches(item)).orElse(true)) {
        selected.add(projection.map(p -> p.project(item)).orElse(item));
      }
    }
    return selected;
  }

  private static ExpressionAttributes attributes(
      ReferenceCase c, boolean anyExpression, Map<String, String> valueExpressions) {
    return ExpressionAttributes.forRequest(c.names(), c.values(), anyExpression, valueExpressions);
  }

  private static boolean isKey(KeySchema keys, String name) {
    return keys.partitionKey().name().equals(name)
        || keys.sortKey().map(s -> s.name().equals(name)).orElse(false);
  }

  private static Map<String, AttributeValue> find(
      List<Map<String, AttributeValue>> table, KeySchema keys, Map<String, AttributeValue> key) {
    for (Map<String, AttributeValue> item : table) {
      if (sameKey(item, key, keys.partitionKey().name())
          && keys.sortKey().map(s -> sameKey(item, key, s.name())).orElse(true)) {
        return item;
      }
    }
    return null;
  }

  private static boolean sameKey(
      Map<String, AttributeValue> a, Map<String, AttributeValue> b, String name) {
    AttributeValue x = a.get(name);
    AttributeValue y = b.get(name);
    if (x == null || y == null) {
      return false;
    }
    if (x.type() == AttributeValue.Type.B && y.type() == AttributeValue.Type.B) {
      return Arrays.equals(x.b().asByteArrayUnsafe(), y.b().asByteArrayUnsafe());
    }
    return AttributeValues.equal(x, y);
  }
}
