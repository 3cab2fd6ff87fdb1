package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.ConditionExpression;
import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.LegacyConditions;
import dev.dynakit.expression.ProjectionExpression;
import dev.dynakit.expression.UpdateExpression;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.CapacityUnits;
import dev.dynakit.expression.value.ItemSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem: validate (DynamoDB's messages), bind expressions,
 * then read-check-write one item under its lock.
 */
public final class Items {
  static final String CONDITION_FAILED = "The conditional request failed";
  static final int MAX_PARTITION_KEY_BYTES = 2048;
  static final int MAX_SORT_KEY_BYTES = 1024;
  static final int MAX_NAME_BYTES = 65536;

  /** DynamoDB's bound on how deep lists and maps nest in an item. */
  static final int MAX_NESTING_LEVELS = 32;

  private static final String TOO_DEEP_UPDATE = "Nesting Levels have exceeded supported limits";
  private static final String TOO_DEEP_ITEM =
      TOO_DEEP_UPDATE + ": Attributes in the item have nested levels beyond supported limit";

  private final Tables tables;
  private final Storage storage;
  private final ItemLocks locks;
  private final Streams streams;

  Items(Tables tables, Storage storage, ItemLocks locks, Streams streams) {
    this.tables = tables;
    this.storage = storage;
    this.locks = locks;
    this.streams = streams;
  }

  public PutItemResponse putItem(PutItemRequest request) {
    ConditionalWrite write =
        conditionalWrite(
            request.returnValues(),
            request.hasExpected() ? request.expected() : null,
            request.conditionalOperatorAsString(),
            request.conditionExpression(),
            names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            values(request.hasExpressionAttributeValues(), request.expressionAttributeValues()));
    ReturnValue returnValues = write.returnValues();
    Optional<ConditionExpression> condition = write.condition();
    Table table = tables.require(request.tableName());
    Map<String, AttributeValue> item = request.item();
    checkItem(item);
    byte[] key = keyOfItem(table.keys(), item);
    ItemSize.checkLimit(item);
    table.checkIndexKeys(item);
    Map<String, AttributeValue> stored = AttributeValues.canonical(item);
    ReentrantLock lock = locks.of(table.name(), key);
    lock.lock();
    try {
      Map<String, AttributeValue> old = read(table, key);
      check(condition, old, request.returnValuesOnConditionCheckFailure());
      Table.Change change = write(table, key, old, stored);
      long size = Math.max(size(old), ItemSize.of(stored));
      return PutItemResponse.builder()
          .attributes(returnValues == ReturnValue.ALL_OLD && old != null ? old : null)
          .itemCollectionMetrics(
              collectionMetrics(table, request.returnItemCollectionMetrics(), stored))
          .consumedCapacity(
              writeCapacity(
                  request.tableName(),
                  table,
                  request.returnConsumedCapacity(),
                  CapacityUnits.write(size),
                  change))
          .build();
    } finally {
      lock.unlock();
    }
  }

  public GetItemResponse getItem(GetItemRequest request) {
    LegacyConditions.refuseMixed(
        request.hasAttributesToGet() ? List.of("AttributesToGet") : List.of(),
        present("ProjectionExpression", request.projectionExpression()));
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            null,
            request.projectionExpression() != null,
            Map.of());
    Optional<ProjectionExpression> projection =
        Optional.ofNullable(request.projectionExpression()).map(attributes::projection);
    attributes.checkAllUsed();
    if (projection.isEmpty()) {
      projection =
          LegacyConditions.attributesToGet(
              request.hasAttributesToGet() ? request.attributesToGet() : null);
    }
    Table table = tables.require(request.tableName());
    byte[] key = key(table.keys(), request.key());
    Map<String, AttributeValue> item = read(table, key);
    boolean consistent = Boolean.TRUE.equals(request.consistentRead());
    return GetItemResponse.builder()
        .item(item == null ? null : project(projection, item))
        .consumedCapacity(
            Capacities.of(
                request.tableName(),
                request.returnConsumedCapacity(),
                CapacityUnits.read(size(item), consistent)))
        .build();
  }

  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    ConditionalWrite write =
        conditionalWrite(
            request.returnValues(),
            request.hasExpected() ? request.expected() : null,
            request.conditionalOperatorAsString(),
            request.conditionExpression(),
            names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            values(request.hasExpressionAttributeValues(), request.expressionAttributeValues()));
    ReturnValue returnValues = write.returnValues();
    Optional<ConditionExpression> condition = write.condition();
    Table table = tables.require(request.tableName());
    byte[] key = key(table.keys(), request.key());
    ReentrantLock lock = locks.of(table.name(), key);
    lock.lock();
    try {
      Map<String, AttributeValue> old = read(table, key);
      check(condition, old, request.returnValuesOnConditionCheckFailure());
      Table.Change change =
          old != null ? write(table, key, old, null) : table.change(key, null, null);
      return DeleteItemResponse.builder()
          .attributes(returnValues == ReturnValue.ALL_OLD && old != null ? old : null)
          .itemCollectionMetrics(
              collectionMetrics(table, request.returnItemCollectionMetrics(), request.key()))
          .consumedCapacity(
              writeCapacity(
                  request.tableName(),
                  table,
                  request.returnConsumedCapacity(),
                  CapacityUnits.write(size(old)),
                  change))
          .build();
    } finally {
      lock.unlock();
    }
  }

  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    List<String> expressionParameters = new java.util.ArrayList<>();
    expressionParameters.addAll(present("UpdateExpression", request.updateExpression()));
    expressionParameters.addAll(present("ConditionExpression", request.conditionExpression()));
    LegacyConditions.refuseMixed(
        legacy(
            request.hasExpected(),
            request.hasAttributeUpdates() ? "AttributeUpdates" : null,
            request.conditionalOperatorAsString()),
        expressionParameters);
    ReturnValue returnValues =
        request.returnValues() == null ? ReturnValue.NONE : request.returnValues();
    if (returnValues == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + request.returnValuesAsString()
              + "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    }
    Map<String, String> valueExpressions = new LinkedHashMap<>();
    valueExpressions.put("UpdateExpression", request.updateExpression());
    valueExpressions.put("ConditionExpression", request.conditionExpression());
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            values(request.hasExpressionAttributeValues(), request.expressionAttributeValues()),
            request.updateExpression() != null || request.conditionExpression() != null,
            valueExpressions);
    Optional<UpdateExpression> update =
        Optional.ofNullable(request.updateExpression()).map(attributes::update);
    Optional<ConditionExpression> condition =
        Optional.ofNullable(request.conditionExpression()).map(attributes::condition);
    attributes.checkAllUsed();
    if (update.isEmpty()) {
      update =
          LegacyConditions.attributeUpdates(
              request.hasAttributeUpdates() ? request.attributeUpdates() : null);
    }
    if (condition.isEmpty()) {
      condition =
          LegacyConditions.expected(
              request.hasExpected() ? request.expected() : null,
              request.conditionalOperatorAsString());
    }
    Table table = tables.require(request.tableName());
    byte[] key = key(table.keys(), request.key());
    ReentrantLock lock = locks.of(table.name(), key);
    lock.lock();
    try {
      Map<String, AttributeValue> old = read(table, key);
      check(condition, old, request.returnValuesOnConditionCheckFailure());
      // As DynamoDB Local: a failed condition is reported before an update of a key attribute.
      Optional<String> keyAttribute = updatedKeyAttribute(table.keys(), update);
      if (keyAttribute.isPresent()) {
        throw Errors.validation(cannotUpdateKey(keyAttribute.get()));
      }
      Map<String, AttributeValue> before = old == null ? Map.of() : old;
      Map<String, AttributeValue> after =
          new LinkedHashMap<>(update.map(u -> u.apply(before)).orElse(before));
      after.putAll(AttributeValues.canonical(request.key()));
      after = AttributeValues.canonical(after);
      checkDepth(after);
      if (ItemSize.of(after) > ItemSize.MAX_ITEM_BYTES) {
        throw Errors.validation("Item size to update has exceeded the maximum allowed size");
      }
      table.checkUpdatedIndexKeys(after);
      Table.Change change = write(table, key, old, after);
      long size = Math.max(size(old), ItemSize.of(after));
      return UpdateItemResponse.builder()
          .attributes(returned(returnValues, update, old, after))
          .itemCollectionMetrics(
              collectionMetrics(table, request.returnItemCollectionMetrics(), after))
          .consumedCapacity(
              writeCapacity(
                  request.tableName(),
                  table,
                  request.returnConsumedCapacity(),
                  CapacityUnits.write(size),
                  change))
          .build();
    } finally {
      lock.unlock();
    }
  }

  private static Map<String, AttributeValue> returned(
      ReturnValue returnValues,
      Optional<UpdateExpression> update,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> after) {
    Map<String, AttributeValue> result =
        switch (returnValues) {
          case ALL_OLD -> old;
          case ALL_NEW -> after;
          case UPDATED_OLD ->
              old == null ? null : update.map(u -> u.updatedParts(old)).orElse(Map.of());
          case UPDATED_NEW -> update.map(u -> u.updatedParts(after)).orElse(Map.of());
          default -> null;
        };
    return result == null || result.isEmpty() ? null : result;
  }

  // ---- keys and items

  /** Checks every attribute of an item being written: its name and its value. */
  static void checkItem(Map<String, AttributeValue> item) {
    item.forEach(
        (name, value) -> {
          checkName(name);
          AttributeValues.validateItemValue(name, value);
          checkNested(value, 1, TOO_DEEP_ITEM);
        });
  }

  /**
   * Checks that no attribute of an item nests lists and maps deeper than DynamoDB's 32 levels (a
   * top-level attribute is level 1).
   */
  static void checkDepth(Map<String, AttributeValue> item) {
    // As DynamoDB words it for an update: without the part about the item.
    item.values().forEach(value -> checkNested(value, 1, TOO_DEEP_UPDATE));
  }

  /**
   * Checks the names of the maps in {@code value}, found at nesting level {@code depth}, and that
   * it nests no deeper than DynamoDB allows, else refuses it with {@code tooDeep}.
   */
  private static void checkNested(AttributeValue value, int depth, String tooDeep) {
    if (value.type() != AttributeValue.Type.M && value.type() != AttributeValue.Type.L) {
      return;
    }
    if (depth >= MAX_NESTING_LEVELS) {
      throw Errors.validation(tooDeep);
    }
    if (value.type() == AttributeValue.Type.M) {
      value
          .m()
          .forEach(
              (name, nested) -> {
                checkName(name);
                checkNested(nested, depth + 1, tooDeep);
              });
    } else {
      value.l().forEach(nested -> checkNested(nested, depth + 1, tooDeep));
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty()) {
      throw Errors.validation("Empty attribute name");
    }
    if (name.length() >= MAX_NAME_BYTES / 3
        && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= MAX_NAME_BYTES) {
      throw Errors.validation("Attribute name is too large, must be less than 65536 bytes");
    }
  }

  /** The storage key of a GetItem/UpdateItem/DeleteItem key, checked as DynamoDB checks it. */
  static byte[] key(KeySchema keys, Map<String, AttributeValue> key) {
    int required = keys.sortKey().isPresent() ? 2 : 1;
    if (key.size() != required) {
      throw Errors.validation("The number of conditions on the keys is invalid");
    }
    List<KeySchema.Attribute> attributes = keys.attributes();
    for (KeySchema.Attribute attribute : attributes) {
      if (!key.containsKey(attribute.name())) {
        throw Errors.validation("One of the required keys was not given a value");
      }
    }
    for (KeySchema.Attribute attribute : attributes) {
      AttributeValue value = key.get(attribute.name());
      AttributeValues.validateItemValue(attribute.name(), value);
      if (!sameType(value, attribute.type())) {
        throw Errors.validation("One or more parameter values were invalid: Type mismatch for key");
      }
      checkNotEmpty(attribute, value);
    }
    checkKeySizes(keys, key);
    return encode(keys, key);
  }

  private static void checkKeySizes(KeySchema keys, Map<String, AttributeValue> item) {
    boolean tooLarge =
        ItemSize.ofValue(item.get(keys.partitionKey().name())) > MAX_PARTITION_KEY_BYTES
            || keys.sortKey()
                .map(sort -> ItemSize.ofValue(item.get(sort.name())) > MAX_SORT_KEY_BYTES)
                .orElse(false);
    if (tooLarge) {
      throw Errors.validation(
          "Hash primary key values must be under 2048 bytes, and range primary key values must be"
              + " under 1024 bytes");
    }
  }

  /** The storage key of an item being put, checked as DynamoDB checks it. */
  static byte[] keyOfItem(KeySchema keys, Map<String, AttributeValue> item) {
    for (KeySchema.Attribute attribute : keys.attributes()) {
      if (!item.containsKey(attribute.name())) {
        throw Errors.validation("One of the required keys was not given a value");
      }
    }
    for (KeySchema.Attribute attribute : keys.attributes()) {
      AttributeValue value = item.get(attribute.name());
      if (!sameType(value, attribute.type())) {
        throw Errors.validation("One or more parameter values were invalid: Type mismatch for key");
      }
      checkNotEmpty(attribute, value);
    }
    checkKeySizes(keys, item);
    return encode(keys, item);
  }

  /** Whether a key value (of its attribute's type) is an empty string or binary. */
  static boolean isEmpty(KeySchema.Attribute attribute, AttributeValue value) {
    return attribute.type() == ScalarAttributeType.S
        ? value.s().isEmpty()
        : attribute.type() == ScalarAttributeType.B && value.b().asByteArrayUnsafe().length == 0;
  }

  private static void checkNotEmpty(KeySchema.Attribute attribute, AttributeValue value) {
    if (isEmpty(attribute, value)) {
      throw Errors.validation(
          "One or more parameter values are not valid. The AttributeValue for a key attribute"
              + " cannot contain an empty "
              + (attribute.type() == ScalarAttributeType.S ? "string" : "binary")
              + " value. Key: "
              + attribute.name());
    }
  }

  private static byte[] encode(KeySchema keys, Map<String, AttributeValue> item) {
    AttributeValue sort = keys.sortKey().map(s -> item.get(s.name())).orElse(null);
    return StorageKeys.of(item.get(keys.partitionKey().name()), sort);
  }

  static boolean sameType(AttributeValue value, ScalarAttributeType type) {
    return value.type().toString().equals(type.toString());
  }

  /**
   * The key attribute an update writes or removes, the partition key first, as DynamoDB names it.
   */
  static Optional<String> updatedKeyAttribute(KeySchema keys, Optional<UpdateExpression> update) {
    java.util.Set<String> written =
        update.map(UpdateExpression::topLevelAttributes).orElse(java.util.Set.of());
    return keys.attributes().stream()
        .map(KeySchema.Attribute::name)
        .filter(written::contains)
        .findFirst();
  }

  static String cannotUpdateKey(String name) {
    return "One or more parameter values were invalid: Cannot update attribute "
        + name
        + ". This attribute is part of the key";
  }

  // ---- storage

  /** The locks of items, shared by every operation that writes them. */
  ItemLocks locks() {
    return locks;
  }

  Map<String, AttributeValue> read(Table table, byte[] key) {
    return storage.keyspace(table.keyspace()).get(key).map(ItemCodec::decode).orElse(null);
  }

  /**
   * Replaces {@code old} under {@code key} with {@code item} (null to delete), indexes too, and
   * appends the change to the table's stream; the caller holds the item's lock.
   */
  Table.Change write(
      Table table, byte[] key, Map<String, AttributeValue> old, Map<String, AttributeValue> item) {
    return write(table, key, old, item, null);
  }

  /** As {@link #write}, the stream record naming who made the change when the service did. */
  Table.Change write(
      Table table,
      byte[] key,
      Map<String, AttributeValue> old,
      Map<String, AttributeValue> item,
      Identity userIdentity) {
    Table.Change change = table.change(key, old, item);
    streams.write(table, table.mutations(change), old, item, userIdentity);
    table.count(change);
    table.replicate(key, item);
    return change;
  }

  /** The ItemCollectionMetrics a write returns: where asked for, of a table with local indexes. */
  static software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics collectionMetrics(
      Table table,
      software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics mode,
      Map<String, AttributeValue> itemOrKey) {
    return mode == software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics.SIZE
        ? table.collectionMetrics(itemOrKey)
        : null;
  }

  /**
   * The capacity a write of one item consumed: the table's units and its indexes', under the
   * table's name as the request gave it (a name or an ARN).
   */
  static software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity writeCapacity(
      String tableName,
      Table table,
      software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity mode,
      double tableUnits,
      Table.Change change) {
    if (mode == null || table.indexes().isEmpty()) {
      return Capacities.of(tableName, mode, tableUnits);
    }
    return Capacities.of(
        tableName,
        mode,
        tableUnits,
        table.indexWriteUnits(change, true),
        table.indexWriteUnits(change, false));
  }

  private static long size(Map<String, AttributeValue> item) {
    return item == null ? 0 : ItemSize.of(item);
  }

  private static void check(
      Optional<ConditionExpression> condition,
      Map<String, AttributeValue> old,
      ReturnValuesOnConditionCheckFailure onFailure) {
    if (condition.isPresent() && !condition.get().matches(old == null ? Map.of() : old)) {
      ConditionalCheckFailedException.Builder failure =
          ConditionalCheckFailedException.builder()
              .message(CONDITION_FAILED)
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("ConditionalCheckFailedException")
                      .errorMessage(CONDITION_FAILED)
                      .serviceName("DynamoDb")
                      .build());
      if (onFailure == ReturnValuesOnConditionCheckFailure.ALL_OLD && old != null) {
        failure.item(old);
      }
      throw failure.build();
    }
  }

  private static ReturnValue onlyAllOldOrNone(ReturnValue returnValues) {
    if (returnValues == null || returnValues == ReturnValue.NONE) {
      return ReturnValue.NONE;
    }
    if (returnValues != ReturnValue.ALL_OLD) {
      throw Errors.validation("Return values set to invalid value");
    }
    return returnValues;
  }

  /**
   * What PutItem and DeleteItem check before they touch the table, in DynamoDB's order: legacy and
   * expression parameters not mixed, ReturnValues, the attribute maps, the condition (from its
   * expression or from the legacy {@code Expected}).
   */
  private static ConditionalWrite conditionalWrite(
      ReturnValue requested,
      Map<String, ExpectedAttributeValue> expected,
      String conditionalOperator,
      String conditionExpression,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    LegacyConditions.refuseMixed(
        legacy(expected != null, null, conditionalOperator),
        present("ConditionExpression", conditionExpression));
    ReturnValue returnValues = onlyAllOldOrNone(requested);
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            names,
            values,
            conditionExpression != null,
            single("ConditionExpression", conditionExpression));
    Optional<ConditionExpression> condition =
        Optional.ofNullable(conditionExpression).map(attributes::condition);
    attributes.checkAllUsed();
    if (condition.isEmpty()) {
      condition = LegacyConditions.expected(expected, conditionalOperator);
    }
    return new ConditionalWrite(returnValues, condition);
  }

  private record ConditionalWrite(
      ReturnValue returnValues, Optional<ConditionExpression> condition) {}

  /** The legacy parameters a request uses, in the order DynamoDB names them. */
  static List<String> legacy(boolean expected, String other, String conditionalOperator) {
    List<String> used = new java.util.ArrayList<>();
    if (other != null) {
      used.add(other);
    }
    if (expected) {
      used.add("Expected");
    }
    if (conditionalOperator != null) {
      used.add("ConditionalOperator");
    }
    return used;
  }

  /** The parameter's name where the request has it. */
  static List<String> present(String parameter, String text) {
    return text == null ? List.of() : List.of(parameter);
  }

  private static Map<String, AttributeValue> project(
      Optional<ProjectionExpression> projection, Map<String, AttributeValue> item) {
    return projection.map(p -> p.project(item)).orElse(item);
  }

  static Map<String, String> names(boolean given, Map<String, String> names) {
    return given ? names : null;
  }

  static Map<String, AttributeValue> values(boolean given, Map<String, AttributeValue> values) {
    return given ? values : null;
  }

  private static Map<String, String> single(String parameter, String text) {
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put(parameter, text);
    return expressions;
  }
}
