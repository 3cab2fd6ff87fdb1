package dev.dynakit.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Random requests on a set of tables: PutItem, UpdateItem, DeleteItem, GetItem, Query and Scan (all
 * pages), BatchWriteItem, BatchGetItem and TransactWriteItems, with random condition, update,
 * key-condition, filter and projection expressions, every ReturnValues mode and consumed capacity.
 * About one request in eight carries a {@link Fault} on purpose, so that errors are compared too.
 */
final class RandomRequests {
  /**
   * A request: what it is, how to make it, and what the engines should answer of the reference's.
   */
  record Step(
      String description,
      Scenario scenario,
      Function<DynamoDbClient, UnaryOperator<Object>> expectation) {
    Step(String description, Scenario scenario) {
      this(description, scenario, reference -> UnaryOperator.identity());
    }
  }

  /** What is wrong with a request on purpose; applied once, where the request allows it. */
  enum Fault {
    NONE,
    UNUSED_VALUE,
    UNUSED_NAME,
    UNDEFINED_VALUE,
    UNDEFINED_NAME,
    SYNTAX,
    RESERVED_WORD,
    KEY_TYPE,
    KEY_MISSING,
    BAD_NUMBER,
    EMPTY_SET
  }

  private static final int MAX_PAGES = 50;
  private static final Fault[] FAULTS = Fault.values();

  private final RandomValues random;
  private final List<TableShape> tables;
  private Map<String, String> names = new LinkedHashMap<>();
  private Map<String, AttributeValue> values = new LinkedHashMap<>();
  private Fault fault = Fault.NONE;

  /** Whether the request's key or item is wrong on purpose. */
  private boolean itemFaulted;

  RandomRequests(RandomValues random, List<TableShape> tables) {
    this.random = random;
    this.tables = tables;
  }

  /** The next request, on one of the tables. */
  Step next() {
    fault = random.chance(0.12) ? FAULTS[random.between(1, FAULTS.length - 1)] : Fault.NONE;
    itemFaulted = false;
    placeholders();
    TableShape table = random.pick(tables);
    int roll = random.between(0, 99);
    if (roll < 20) {
      return put(table);
    }
    if (roll < 42) {
      return update(table);
    }
    if (roll < 50) {
      return delete(table);
    }
    if (roll < 60) {
      return get(table);
    }
    if (roll < 72) {
      return query(table);
    }
    if (roll < 80) {
      return scan(table);
    }
    if (roll < 87) {
      return batchWrite();
    }
    if (roll < 92) {
      return batchGet();
    }
    return transactWrite();
  }

  /** Every item of the table, in DynamoDB's order, page by page. */
  static Scenario everything(TableShape table) {
    ScanRequest request =
        ScanRequest.builder().tableName(table.name()).consistentRead(true).build();
    return client -> scanPages(client, request);
  }

  private Step put(TableShape table) {
    PutItemRequest.Builder request =
        PutItemRequest.builder()
            .tableName(table.name())
            .item(item(table))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    writeOptions(
        table,
        0.4,
        false,
        request::conditionExpression,
        request::returnValues,
        request::returnValuesOnConditionCheckFailure);
    PutItemRequest built =
        request.expressionAttributeNames(names()).expressionAttributeValues(values()).build();
    return new Step(built.toString(), client -> client.putItem(built));
  }

  private Step update(TableShape table) {
    UpdateItemRequest.Builder request =
        UpdateItemRequest.builder()
            .tableName(table.name())
            .key(key(table))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    if (random.chance(0.9)) {
      request.updateExpression(expression(update(table, random.between(1, 3), true)));
    }
    writeOptions(
        table,
        0.35,
        true,
        request::conditionExpression,
        request::returnValues,
        request::returnValuesOnConditionCheckFailure);
    UpdateItemRequest built =
        request.expressionAttributeNames(names()).expressionAttributeValues(values()).build();
    return new Step(built.toString(), client -> client.updateItem(built));
  }

  private Step delete(TableShape table) {
    DeleteItemRequest.Builder request =
        DeleteItemRequest.builder()
            .tableName(table.name())
            .key(key(table))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    writeOptions(
        table,
        0.4,
        false,
        request::conditionExpression,
        request::returnValues,
        request::returnValuesOnConditionCheckFailure);
    DeleteItemRequest built =
        request.expressionAttributeNames(names()).expressionAttributeValues(values()).build();
    return new Step(built.toString(), client -> client.deleteItem(built));
  }

  /** What conditional writes share: maybe a condition, ReturnValues, what a failure returns. */
  private void writeOptions(
      TableShape table,
      double conditionChance,
      boolean update,
      Consumer<String> condition,
      Consumer<ReturnValue> returnValues,
      Consumer<ReturnValuesOnConditionCheckFailure> onFailure) {
    if (conditional(conditionChance)) {
      condition.accept(expression(condition(table, 0)));
    }
    returnValues.accept(returnValue(update));
    onFailure.accept(onConditionCheckFailure());
  }

  private Step get(TableShape table) {
    GetItemRequest.Builder request =
        GetItemRequest.builder()
            .tableName(table.name())
            .key(key(table))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    if (random.chance(0.4)) {
      request.projectionExpression(expression(projection(table)));
    }
    if (random.chance(0.5)) {
      request.consistentRead(random.chance(0.5));
    }
    GetItemRequest built = request.expressionAttributeNames(names()).build();
    return new Step(built.toString(), client -> client.getItem(built));
  }

  private Step query(TableShape table) {
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(table.name())
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    AttributeValue partitionValue = keyValue(table.hashType());
    String partition = name(table.hashName()) + " = " + value(partitionValue);
    String condition = partition;
    boolean ranged = table.hasRange() && random.chance(0.7);
    if (ranged) {
      String range = rangeCondition(table);
      condition = random.chance(0.8) ? partition + " AND " + range : range + " AND " + partition;
    }
    request.keyConditionExpression(expression(condition));
    if (random.chance(0.4)) {
      request.filterExpression(expression(condition(table, 0)));
    }
    if (random.chance(0.5)) {
      request.limit(random.between(1, 4));
    }
    if (random.chance(0.5)) {
      request.scanIndexForward(random.chance(0.5));
    }
    if (random.chance(0.1)) {
      // A start key in the partition queried; its sort key may lie outside the condition, which
      // is refused ("The provided starting key does not match the range key predicate").
      Map<String, AttributeValue> start = key(table);
      start.put(table.hashName(), partitionValue);
      request.exclusiveStartKey(start);
    }
    // Select COUNT with a projection is refused by both, but of such a request with another
    // fault (a filter on a key attribute, a key of the wrong type) DynamoDB Local reports the
    // other, the engine the projection: COUNT comes without a projection.
    if (!readOptions(request::consistentRead, request::select) && random.chance(0.3)) {
      request.projectionExpression(expression(projection(table)));
    }
    QueryRequest built =
        request.expressionAttributeNames(names()).expressionAttributeValues(values()).build();
    return new Step(
        built.toString(),
        client ->
            pages(
                built.exclusiveStartKey(),
                start -> client.query(built.toBuilder().exclusiveStartKey(start).build()),
                QueryResponse::lastEvaluatedKey));
  }

  private Step scan(TableShape table) {
    ScanRequest.Builder request =
        ScanRequest.builder()
            .tableName(table.name())
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    if (random.chance(0.5)) {
      request.filterExpression(expression(condition(table, 0)));
    }
    if (random.chance(0.5)) {
      request.limit(random.between(1, 5));
    }
    if (random.chance(0.3)) {
      int segments = random.between(1, 4);
      request.totalSegments(segments).segment(random.between(0, segments - 1));
    }
    // Select COUNT with a projection is refused by both, but of such a request with another
    // fault (a filter on a key attribute, a key of the wrong type) DynamoDB Local reports the
    // other, the engine the projection: COUNT comes without a projection.
    if (!readOptions(request::consistentRead, request::select) && random.chance(0.3)) {
      request.projectionExpression(expression(projection(table)));
    }
    ScanRequest built =
        request.expressionAttributeNames(names()).expressionAttributeValues(values()).build();
    return new Step(built.toString(), client -> scanPages(client, built));
  }

  static Object scanPages(DynamoDbClient client, ScanRequest request) {
    return pages(
        null,
        start -> client.scan(request.toBuilder().exclusiveStartKey(start).build()),
        ScanResponse::lastEvaluatedKey);
  }

  /** Sets the read's consistency and maybe Select COUNT; whether it did the latter. */
  private boolean readOptions(Consumer<Boolean> consistentRead, Consumer<Select> select) {
    if (random.chance(0.3)) {
      consistentRead.accept(random.chance(0.7));
    }
    if (random.chance(0.1)) {
      select.accept(Select.COUNT);
      return true;
    }
    return false;
  }

  /** Every page from {@code start}, each page's last evaluated key starting the next. */
  static <R> List<R> pages(
      Map<String, AttributeValue> start,
      Function<Map<String, AttributeValue>, R> page,
      Function<R, Map<String, AttributeValue>> lastKey) {
    List<R> pages = new ArrayList<>();
    Map<String, AttributeValue> next = start;
    do {
      R response = page.apply(next);
      pages.add(response);
      next = lastKey.apply(response);
    } while (next != null && !next.isEmpty() && pages.size() < MAX_PAGES);
    return pages;
  }

  private Step batchWrite() {
    Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
    Set<String> keys = new HashSet<>();
    for (int i = random.between(1, 5); i > 0; i--) {
      TableShape table = random.pick(tables);
      Map<String, AttributeValue> item = item(table);
      Map<String, AttributeValue> key = new LinkedHashMap<>(item);
      key.keySet().retainAll(table.keyNames());
      // Two requests on one item are refused; keep that to the occasional request.
      if (!keys.add(table.name() + Outcome.canonical(key)) && random.chance(0.9)) {
        continue;
      }
      requests
          .computeIfAbsent(table.name(), name -> new ArrayList<>())
          .add(
              random.chance(0.6)
                  ? WriteRequest.builder().putRequest(p -> p.item(item)).build()
                  : WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
    }
    BatchWriteItemRequest built =
        BatchWriteItemRequest.builder()
            .requestItems(requests)
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
            .build();
    return new Step(
        built.toString(),
        client -> client.batchWriteItem(built),
        reference -> missingDeletes(reference, built));
  }

  /**
   * DynamoDB Local charges two write units for deleting a missing item in BatchWriteItem, the
   * engine one, as DeleteItem does and as AWS documents (docs/compatibility.md, "Engine"): the
   * engine should answer the reference's capacity less one unit a missing item.
   */
  private static UnaryOperator<Object> missingDeletes(
      DynamoDbClient reference, BatchWriteItemRequest request) {
    Map<String, Integer> missing = new HashMap<>();
    request
        .requestItems()
        .forEach(
            (table, writes) ->
                writes.stream()
                    .filter(write -> write.deleteRequest() != null)
                    .forEach(
                        write -> {
                          try {
                            if (!reference
                                .getItem(
                                    b ->
                                        b.tableName(table)
                                            .key(write.deleteRequest().key())
                                            .consistentRead(true))
                                .hasItem()) {
                              missing.merge(table, 1, Integer::sum);
                            }
                          } catch (DynamoDbException e) {
                            // The batch is refused as a whole; there is no capacity to correct.
                          }
                        }));
    return response -> {
      BatchWriteItemResponse batch = (BatchWriteItemResponse) response;
      List<ConsumedCapacity> corrected = new ArrayList<>();
      for (ConsumedCapacity capacity : batch.consumedCapacity()) {
        int less = missing.getOrDefault(capacity.tableName(), 0);
        ConsumedCapacity.Builder builder =
            capacity.toBuilder().capacityUnits(capacity.capacityUnits() - less);
        if (capacity.writeCapacityUnits() != null) {
          builder.writeCapacityUnits(capacity.writeCapacityUnits() - less);
        }
        corrected.add(builder.build());
      }
      return batch.toBuilder().consumedCapacity(corrected).build();
    };
  }

  private Step batchGet() {
    Map<String, KeysAndAttributes> requests = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new HashMap<>();
    for (int i = random.between(1, 5); i > 0; i--) {
      TableShape table = random.pick(tables);
      Map<String, AttributeValue> key = key(table);
      // Two requests for one key are refused; keep that occasional, and to requests without
      // another fault: DynamoDB Local reports the duplicate before a bad projection, the engine
      // after it.
      if (!seen.computeIfAbsent(table.name(), name -> new HashSet<>())
              .add(Outcome.canonical(key).toString())
          && (fault != Fault.NONE || random.chance(0.9))) {
        continue;
      }
      KeysAndAttributes previous = requests.get(table.name());
      if (previous == null) {
        placeholders();
        KeysAndAttributes.Builder keys = KeysAndAttributes.builder().keys(key);
        if (random.chance(0.3)) {
          keys.projectionExpression(expression(projection(table)));
        }
        if (random.chance(0.3)) {
          keys.consistentRead(random.chance(0.5));
        }
        requests.put(table.name(), keys.expressionAttributeNames(names()).build());
      } else {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(previous.keys());
        keys.add(key);
        requests.put(table.name(), previous.toBuilder().keys(keys).build());
      }
    }
    BatchGetItemRequest built =
        BatchGetItemRequest.builder()
            .requestItems(requests)
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
            .build();
    return new Step(built.toString(), client -> unordered(client.batchGetItem(built)));
  }

  /**
   * A BatchGetItem response with its items and its capacity entries sorted. DynamoDB promises no
   * order of the items; DynamoDB Local lists the capacity of each table in an order that is neither
   * the request's nor a hash map's (the engine lists them as asked).
   */
  private static Object unordered(BatchGetItemResponse response) {
    // Each table's items as a multiset: canonical items counted, compared whatever their order.
    Map<String, Map<Object, Long>> items = new TreeMap<>();
    response
        .responses()
        .forEach(
            (table, found) ->
                items.put(
                    table,
                    found.stream()
                        .collect(
                            java.util.stream.Collectors.groupingBy(
                                Outcome::canonical, java.util.stream.Collectors.counting()))));
    List<ConsumedCapacity> capacity = new ArrayList<>(response.consumedCapacity());
    capacity.sort(Comparator.comparing(ConsumedCapacity::tableName));
    return List.of(items, response.unprocessedKeys(), capacity);
  }

  private Step transactWrite() {
    List<TransactWriteItem> actions = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int count = random.between(1, 4);
    if (count > 1) {
      // Of a transaction whose actions are wrong in different ways, DynamoDB Local and the engine
      // may report different ones (DynamoDB Local checks the values in every action's expressions
      // before names given to an action without expressions; the engine action by action): a
      // fault is made only in a transaction of one action.
      fault = Fault.NONE;
    }
    for (int i = count; i > 0; i--) {
      TableShape table = random.pick(tables);
      placeholders();
      Map<String, AttributeValue> item = item(table);
      Map<String, AttributeValue> key = new LinkedHashMap<>(item);
      key.keySet().retainAll(table.keyNames());
      // DynamoDB Local lets a ConditionCheck and a write share an item; AWS and the engine refuse
      // it (docs/compatibility.md, "Transactions"): at most one action an item.
      if (!keys.add(table.name() + Outcome.canonical(key))) {
        continue;
      }
      ReturnValuesOnConditionCheckFailure onFailure = onConditionCheckFailure();
      String condition = conditional(0.5) ? expression(condition(table, 0)) : null;
      switch (random.between(0, 3)) {
        case 0:
          actions.add(
              TransactWriteItem.builder()
                  .put(
                      p ->
                          p.tableName(table.name())
                              .item(item)
                              .conditionExpression(condition)
                              .returnValuesOnConditionCheckFailure(onFailure)
                              .expressionAttributeNames(names())
                              .expressionAttributeValues(values()))
                  .build());
          break;
        case 1:
          // DynamoDB Local reports a failed condition of a transaction's Update, or an earlier
          // action's failed update, before an update of a key attribute; the engine cancels at
          // once for the key: only the one Update of a transaction, without a condition, may
          // write a key attribute.
          String update =
              expression(update(table, random.between(1, 2), condition == null && count == 1));
          actions.add(
              TransactWriteItem.builder()
                  .update(
                      u ->
                          u.tableName(table.name())
                              .key(key)
                              .updateExpression(update)
                              .conditionExpression(condition)
                              .returnValuesOnConditionCheckFailure(onFailure)
                              .expressionAttributeNames(names())
                              .expressionAttributeValues(values()))
                  .build());
          break;
        case 2:
          actions.add(
              TransactWriteItem.builder()
                  .delete(
                      d ->
                          d.tableName(table.name())
                              .key(key)
                              .conditionExpression(condition)
                              .returnValuesOnConditionCheckFailure(onFailure)
                              .expressionAttributeNames(names())
                              .expressionAttributeValues(values()))
                  .build());
          break;
        default:
          String check = condition == null ? expression(condition(table, 0)) : condition;
          actions.add(
              TransactWriteItem.builder()
                  .conditionCheck(
                      c ->
                          c.tableName(table.name())
                              .key(key)
                              .conditionExpression(check)
                              .returnValuesOnConditionCheckFailure(onFailure)
                              .expressionAttributeNames(names())
                              .expressionAttributeValues(values()))
                  .build());
      }
    }
    // DynamoDB Local counts transactional writes of equal cost once (docs/compatibility.md,
    // "Capacity units"): capacity is asked of transactions of one action only.
    TransactWriteItemsRequest built =
        TransactWriteItemsRequest.builder()
            .transactItems(actions)
            .returnConsumedCapacity(
                actions.size() == 1 ? ReturnConsumedCapacity.TOTAL : ReturnConsumedCapacity.NONE)
            .build();
    return new Step(built.toString(), client -> client.transactWriteItems(built));
  }

  // Expressions.

  /**
   * Whether a request gets a condition: by chance, and never when its key or item is wrong on
   * purpose. Of such a request DynamoDB Local reports the key or item ("Type mismatch for key",
   * "The number of conditions on the keys is invalid", "A value provided cannot be converted into a
   * number"), the engine first what is wrong in the condition's values (BETWEEN bounds of two types
   * or in the wrong order, an operand of a type the operator does not take), as it checks them
   * before the key and the item.
   */
  private boolean conditional(double probability) {
    return random.chance(probability) && !itemFaulted;
  }

  private String condition(TableShape table, int depth) {
    if (depth < 2 && random.chance(0.3)) {
      switch (random.between(0, 3)) {
        case 0:
          return condition(table, depth + 1) + " AND " + condition(table, depth + 1);
        case 1:
          return condition(table, depth + 1) + " OR " + condition(table, depth + 1);
        case 2:
          return "NOT " + condition(table, depth + 1);
        default:
          return "(" + condition(table, depth + 1) + ")";
      }
    }
    String attribute = attribute(table, 0.25);
    String path = keyOrPath(table, attribute);
    switch (random.between(0, 8)) {
      case 0:
        return path + " " + comparator() + " " + value(comparable(table, attribute));
      case 1:
        return path
            + " BETWEEN "
            + value(comparable(table, attribute))
            + " AND "
            + value(comparable(table, attribute));
      case 2:
        return path
            + " IN ("
            + value(comparable(table, attribute))
            + ", "
            + value(comparable(table, attribute))
            + ")";
      case 3:
        return "attribute_exists(" + path + ")";
      case 4:
        return "attribute_not_exists(" + path + ")";
      case 5:
        return "attribute_type("
            + path
            + ", "
            + value(
                AttributeValue.fromS(
                    random.pick("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL", "X")))
            + ")";
      case 6:
        return "begins_with("
            + path
            + ", "
            + value(
                random.chance(0.8)
                    ? AttributeValue.fromS(random.string(0))
                    : comparable(table, attribute))
            + ")";
      case 7:
        return "contains(" + path + ", " + value(comparable(table, attribute)) + ")";
      default:
        return "size("
            + path
            + ") "
            + comparator()
            + " "
            + value(AttributeValue.fromN(Integer.toString(random.between(0, 4))));
    }
  }

  private String comparator() {
    return random.pick("=", "<>", "<", "<=", ">", ">=");
  }

  /** A value to compare an attribute with: of the attribute's type, mostly scalar. */
  private AttributeValue comparable(TableShape table, String attribute) {
    if (attribute.equals(table.hashName())) {
      return random.key(table.hashType());
    }
    if (attribute.equals(table.rangeName())) {
      return random.key(table.rangeType());
    }
    return random.chance(0.6) ? random.scalar() : random.forAttribute(attribute);
  }

  private String rangeCondition(TableShape table) {
    String range = name(table.rangeName());
    switch (random.between(0, 6)) {
      case 0:
        return range
            + " BETWEEN "
            + value(keyValue(table.rangeType()))
            + " AND "
            + value(keyValue(table.rangeType()));
      case 1:
        return "begins_with(" + range + ", " + value(keyValue(table.rangeType())) + ")";
      default:
        return range
            + " "
            + random.pick("=", "<", "<=", ">", ">=")
            + " "
            + value(keyValue(table.rangeType()));
    }
  }

  /** An update expression of {@code actions} actions, each clause once, clauses in any order. */
  private String update(TableShape table, int actions, boolean keyAttributes) {
    Map<String, List<String>> clauses = new LinkedHashMap<>();
    Set<String> touched = new HashSet<>();
    for (int i = 0; i < actions; i++) {
      String attribute =
          keyAttributes && random.chance(0.04)
              ? random.pick(table.keyNames())
              : random.pick(RandomValues.ATTRIBUTES);
      // Paths that overlap ("a, a[1]", "a, b, a") are refused by both, but the engine often names
      // other paths than DynamoDB Local, whose choice of the second path follows no rule found yet
      // ("SET a = :v, p = :v, a = :v": DynamoDB Local "path one: [a], path two: [a]", the engine
      // "[a]", "[p]"): not generated, one action an attribute.
      if (!touched.add(attribute)) {
        continue;
      }
      int roll = random.between(0, 9);
      String clause = roll < 5 ? "SET" : roll < 7 ? "REMOVE" : roll < 9 ? "ADD" : "DELETE";
      String target = roll < 7 ? keyOrPath(table, attribute) : name(attribute);
      String action;
      switch (clause) {
        case "SET":
          action = target + " = " + operand(attribute);
          break;
        case "REMOVE":
          action = target;
          break;
        case "ADD":
          action =
              target
                  + " "
                  + value(
                      random.chance(0.6)
                          ? AttributeValue.fromN(random.number())
                          : random.pick(
                              random.stringSet(), random.numberSet(), random.binarySet()));
          break;
        default:
          action =
              target
                  + " "
                  + value(random.pick(random.stringSet(), random.numberSet(), random.binarySet()));
      }
      clauses.computeIfAbsent(clause, c -> new ArrayList<>()).add(action);
    }
    if (clauses.isEmpty()) {
      clauses.put("SET", List.of(name("a") + " = " + value(random.scalar())));
    }
    List<String> order = new ArrayList<>(clauses.keySet());
    java.util.Collections.shuffle(
        order, new java.util.Random(random.between(0, Integer.MAX_VALUE - 1)));
    StringBuilder update = new StringBuilder();
    for (String clause : order) {
      update
          .append(update.length() == 0 ? "" : " ")
          .append(clause)
          .append(' ')
          .append(String.join(", ", clauses.get(clause)));
    }
    return update.toString();
  }

  private String operand(String attribute) {
    switch (random.between(0, 7)) {
      case 0:
      case 1:
        return value(random.forAttribute(attribute));
      case 2:
        return path(random.pick(RandomValues.ATTRIBUTES));
      case 3:
        return path(attribute)
            + " "
            + random.pick("+", "-")
            + " "
            + value(AttributeValue.fromN(random.number()));
      case 4:
        return "if_not_exists("
            + path(attribute)
            + ", "
            + value(random.forAttribute(attribute))
            + ")";
      case 5:
        return "list_append(" + path(attribute) + ", " + value(random.list(1)) + ")";
      case 6:
        return "list_append("
            + value(random.list(1))
            + ", if_not_exists("
            + path(attribute)
            + ", "
            + value(AttributeValue.fromL(List.of()))
            + "))";
      default:
        return "if_not_exists("
            + path(attribute)
            + ", "
            + value(AttributeValue.fromN("0"))
            + ") + "
            + value(AttributeValue.fromN(random.number()));
    }
  }

  private String projection(TableShape table) {
    List<String> paths = new ArrayList<>();
    Set<String> attributes = new HashSet<>();
    for (int i = random.between(1, 3); i > 0; i--) {
      String attribute = attribute(table, 0.3);
      // Overlapping paths: not generated (see update).
      if (attributes.add(attribute)) {
        paths.add(keyOrPath(table, attribute));
      }
    }
    return String.join(", ", paths);
  }

  private String attribute(TableShape table, double keyChance) {
    return random.chance(keyChance)
        ? random.pick(table.keyNames())
        : random.pick(RandomValues.ATTRIBUTES);
  }

  /**
   * A key attribute as itself, another attribute as a {@link #path}. DynamoDB Local refuses a path
   * inside a key attribute ({@code pk.x}, {@code pk[0]}) in every expression with "Key attributes
   * must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk"; the
   * engine checks it in Query filters only (elsewhere a condition on it is false and a projection
   * of it empty): not generated until it does.
   */
  private String keyOrPath(TableShape table, String attribute) {
    return table.keyNames().contains(attribute) ? name(attribute) : path(attribute);
  }

  /** A document path from the attribute: itself, a member of it, or an element of it. */
  private String path(String attribute) {
    String path = name(attribute);
    if (random.chance(0.2)) {
      path += "." + name(random.pick(RandomValues.MEMBERS));
    }
    if (random.chance(0.15)) {
      path += "[" + random.between(0, 2) + "]";
    }
    return path;
  }

  // Placeholders, and the faults that break them.

  private void placeholders() {
    names = new LinkedHashMap<>();
    values = new LinkedHashMap<>();
  }

  private boolean fault(Fault kind) {
    if (fault == kind) {
      fault = Fault.NONE;
      return true;
    }
    return false;
  }

  private String name(String attribute) {
    if (fault(Fault.UNDEFINED_NAME)) {
      return "#undefined";
    }
    boolean reserved = RandomValues.RESERVED.contains(attribute);
    if (reserved && fault(Fault.RESERVED_WORD)) {
      return attribute;
    }
    if (reserved || random.chance(0.3)) {
      String placeholder = "#n" + names.size();
      names.put(placeholder, attribute);
      return placeholder;
    }
    return attribute;
  }

  private String value(AttributeValue value) {
    if (fault(Fault.UNDEFINED_VALUE)) {
      return ":undefined";
    }
    String placeholder = ":v" + values.size();
    values.put(placeholder, broken(value));
    return placeholder;
  }

  private AttributeValue broken(AttributeValue value) {
    if (fault(Fault.BAD_NUMBER)) {
      return AttributeValue.fromN(random.badNumber());
    }
    if (fault(Fault.EMPTY_SET)) {
      return random.pick(
          AttributeValue.fromSs(List.of()),
          AttributeValue.fromNs(List.of()),
          AttributeValue.fromBs(List.of()));
    }
    return value;
  }

  private String expression(String text) {
    if (fault(Fault.SYNTAX)) {
      switch (random.between(0, 3)) {
        case 0:
          return text + " AND";
        case 1:
          return "(" + text;
        case 2:
          return text.replaceFirst(" ", " , ");
        default:
          return text + " " + text;
      }
    }
    return text;
  }

  private Map<String, String> names() {
    if (fault(Fault.UNUSED_NAME)) {
      names.put("#unused", "a");
    }
    return names.isEmpty() ? null : names;
  }

  private Map<String, AttributeValue> values() {
    if (fault(Fault.UNUSED_VALUE)) {
      values.put(":unused", AttributeValue.fromS("x"));
    }
    return values.isEmpty() ? null : values;
  }

  // Items and keys.

  private Map<String, AttributeValue> key(TableShape table) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(table.hashName(), keyValue(table.hashType()));
    if (table.hasRange()) {
      key.put(table.rangeName(), keyValue(table.rangeType()));
    }
    if (fault(Fault.KEY_MISSING)) {
      key.remove(random.pick(table.keyNames()));
      itemFaulted = true;
    }
    return key;
  }

  private AttributeValue keyValue(ScalarAttributeType type) {
    if (fault(Fault.KEY_TYPE)) {
      itemFaulted = true;
      return random.key(
          type == ScalarAttributeType.S ? ScalarAttributeType.N : ScalarAttributeType.S);
    }
    return random.key(type);
  }

  private Map<String, AttributeValue> item(TableShape table) {
    Map<String, AttributeValue> item = key(table);
    for (int i = random.between(0, 5); i > 0; i--) {
      String attribute = random.pick(RandomValues.ATTRIBUTES);
      AttributeValue value = random.forAttribute(attribute);
      AttributeValue written = broken(value);
      itemFaulted |= written != value;
      item.put(attribute, written);
    }
    return item;
  }

  /**
   * Any ReturnValues mode (or none) for UpdateItem; for PutItem and DeleteItem mostly the two they
   * accept, now and then one they refuse.
   */
  private ReturnValue returnValue(boolean update) {
    if (random.chance(0.15)) {
      return null;
    }
    return update || random.chance(0.15)
        ? random.pick(
            ReturnValue.NONE,
            ReturnValue.ALL_OLD,
            ReturnValue.UPDATED_OLD,
            ReturnValue.ALL_NEW,
            ReturnValue.UPDATED_NEW)
        : random.pick(ReturnValue.NONE, ReturnValue.ALL_OLD);
  }

  private ReturnValuesOnConditionCheckFailure onConditionCheckFailure() {
    return random.chance(0.5)
        ? null
        : random.pick(
            ReturnValuesOnConditionCheckFailure.NONE, ReturnValuesOnConditionCheckFailure.ALL_OLD);
  }
}
