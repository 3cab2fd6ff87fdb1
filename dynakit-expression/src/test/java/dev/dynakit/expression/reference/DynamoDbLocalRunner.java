package dev.dynakit.expression.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Runs a {@link ReferenceCase} against {@link DynamoDbLocal} and tells its {@link Outcome}. Before
 * each case the case's table is emptied and the case's {@code items} are put.
 */
public final class DynamoDbLocalRunner {
  private final DynamoDbClient client;
  private final Map<String, List<String>> keyNames = new LinkedHashMap<>();

  /** A runner on the shared {@link DynamoDbLocal#client()}. */
  public DynamoDbLocalRunner() {
    this(DynamoDbLocal.client());
  }

  public DynamoDbLocalRunner(DynamoDbClient client) {
    this.client = client;
  }

  /** Resets the case's table, makes the case's request and tells what happened. */
  public Outcome run(ReferenceCase c) {
    checkParameters(c);
    reset(c.table(), c.items());
    try {
      return execute(c);
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (code == null) {
        throw e;
      }
      if (code.equals("ConditionalCheckFailedException")) {
        return new Outcome.ConditionFailed();
      }
      return new Outcome.Error(code, e.awsErrorDetails().errorMessage());
    }
  }

  private Outcome execute(ReferenceCase c) {
    String table = c.table();
    switch (c.op()) {
      case GetItem -> {
        GetItemResponse response =
            client.getItem(
                b ->
                    b.tableName(table)
                        .key(c.key())
                        .consistentRead(true)
                        .projectionExpression(c.projection())
                        .expressionAttributeNames(c.names()));
        return new Outcome.Item(response.hasItem() ? response.item() : null);
      }
      case PutItem -> {
        client.putItem(
            b ->
                b.tableName(table)
                    .item(c.item())
                    .conditionExpression(c.condition())
                    .expressionAttributeNames(c.names())
                    .expressionAttributeValues(c.values()));
        return stored(table, keyOf(table, c.item()));
      }
      case UpdateItem -> {
        client.updateItem(
            b ->
                b.tableName(table)
                    .key(c.key())
                    .updateExpression(c.update())
                    .conditionExpression(c.condition())
                    .expressionAttributeNames(c.names())
                    .expressionAttributeValues(c.values()));
        return stored(table, c.key());
      }
      case DeleteItem -> {
        client.deleteItem(
            b ->
                b.tableName(table)
                    .key(c.key())
                    .conditionExpression(c.condition())
                    .expressionAttributeNames(c.names())
                    .expressionAttributeValues(c.values()));
        return stored(table, c.key());
      }
      case Query -> {
        return new Outcome.Items(
            client
                .query(
                    b ->
                        b.tableName(table)
                            .consistentRead(true)
                            .keyConditionExpression(c.keyCondition())
                            .filterExpression(c.filter())
                            .projectionExpression(c.projection())
                            .expressionAttributeNames(c.names())
                            .expressionAttributeValues(c.values()))
                .items());
      }
      case Scan -> {
        return new Outcome.Items(
            client
                .scan(
                    b ->
                        b.tableName(table)
                            .consistentRead(true)
                            .filterExpression(c.filter())
                            .projectionExpression(c.projection())
                            .expressionAttributeNames(c.names())
                            .expressionAttributeValues(c.values()))
                .items());
      }
      default -> throw new IllegalStateException("Unknown op " + c.op());
    }
  }

  private static void checkParameters(ReferenceCase c) {
    var op = c.op();
    var allowed =
        switch (op) {
          case GetItem -> List.of("key", "projection");
          case PutItem -> List.of("item", "condition");
          case UpdateItem -> List.of("key", "update", "condition");
          case DeleteItem -> List.of("key", "condition");
          case Query -> List.of("keyCondition", "filter", "projection");
          case Scan -> List.of("filter", "projection");
        };
    if (op == ReferenceCase.Operation.GetItem && c.values() != null) {
      throw new IllegalArgumentException(c.displayName() + ": GetItem has no parameter for values");
    }
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("key", c.key());
    given.put("item", c.item());
    given.put("condition", c.condition());
    given.put("filter", c.filter());
    given.put("keyCondition", c.keyCondition());
    given.put("update", c.update());
    given.put("projection", c.projection());
    given.forEach(
        (field, value) -> {
          if (value != null && !allowed.contains(field)) {
            throw new IllegalArgumentException(
                c.displayName() + ": " + op + " has no parameter for " + field);
          }
        });
  }

  private Outcome stored(String table, Map<String, AttributeValue> key) {
    GetItemResponse response =
        client.getItem(b -> b.tableName(table).key(key).consistentRead(true));
    return new Outcome.Item(response.hasItem() ? response.item() : null);
  }

  private void reset(String table, List<Map<String, AttributeValue>> items) {
    client
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> client.deleteItem(b -> b.tableName(table).key(keyOf(table, item))));
    for (Map<String, AttributeValue> item : items) {
      client.putItem(b -> b.tableName(table).item(item));
    }
  }

  private Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String name : keyNames(table)) {
      if (item.containsKey(name)) {
        key.put(name, item.get(name));
      }
    }
    return key;
  }

  private List<String> keyNames(String table) {
    return keyNames.computeIfAbsent(
        table,
        t ->
            client.describeTable(b -> b.tableName(t)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName)
                .toList());
  }
}
