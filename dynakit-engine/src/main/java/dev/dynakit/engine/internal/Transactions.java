package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.ConditionExpression;
import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.ProjectionExpression;
import dev.dynakit.expression.UpdateExpression;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.CapacityUnits;
import dev.dynakit.expression.value.ItemSize;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * TransactWriteItems and TransactGetItems. A transaction validates every action first (in the order
 * DynamoDB Local reports errors), then takes the locks of every item it touches in one global
 * order, evaluates all conditions against the current items and, only if all pass, applies every
 * write in one storage batch. A ClientRequestToken makes a write transaction idempotent for ten
 * minutes of the engine's clock.
 */
final class Transactions {
  static final int MAX_ACTIONS = 100;
  static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
  static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_TOKEN_LENGTH = 36;
  private static final String MULTIPLE_OPERATIONS =
      "Transaction request cannot include multiple operations on one item";
  private static final String CANCELLED =
      "Transaction cancelled, please refer cancellation reasons for specific reasons ";

  private final Clock clock;
  private final Tables tables;
  private final Storage storage;
  private final ItemLocks locks;
  private final Streams streams;
  private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();
  // Tokens in the order recorded, so that forgetting the expired ones looks only at those.
  private final java.util.Queue<Recorded> expiring =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Object[] tokenMonitors = new Object[64];

  Transactions(Clock clock, Tables tables, Storage storage, ItemLocks locks, Streams streams) {
    this.clock = clock;
    this.tables = tables;
    this.storage = storage;
    this.locks = locks;
    this.streams = streams;
    for (int i = 0; i < tokenMonitors.length; i++) {
      tokenMonitors[i] = new Object();
    }
  }

  /** A successful transaction under a token: what it was asked and what it consumed. */
  private record Recorded(
      String token, List<TransactWriteItem> items, Instant at, Capacities.Tally units) {}

  private static final String INDEX_KEY_MISMATCH = "Type mismatch for Index Key";

  private enum Kind {
    PUT,
    UPDATE,
    DELETE,
    CHECK
  }

  /** One write action, bound and checked. */
  private static final class Action {
    Kind kind;
    String tableName;
    Table table;
    Map<String, AttributeValue> keyOrItem;
    Map<String, AttributeValue> stored;
    Optional<ConditionExpression> condition = Optional.empty();
    Optional<UpdateExpression> update = Optional.empty();
    ReturnValuesOnConditionCheckFailure onFailure;
    byte[] key;
    String validationError;
  }

  // ---- TransactWriteItems

  TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    if (!request.hasTransactItems()) {
      throw Errors.nullMember("transactItems");
    }
    List<TransactWriteItem> items = request.transactItems();
    if (items.isEmpty()) {
      throw Errors.validation(
          "Value [] at 'transactItems' failed to satisfy constraint: Member must have length"
              + " greater than or equal to 1");
    }
    if (items.size() > MAX_ACTIONS) {
      throw Errors.validation("Member must have length less than or equal to 100");
    }
    String token = request.clientRequestToken();
    if (token != null && token.length() > MAX_TOKEN_LENGTH) {
      throw Errors.validation(
          "Value "
              + token
              + " at 'clientRequestToken' failed to satisfy constraint: Member must have length"
              + " less than or equal to 36");
    }
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      actions.add(bind(items.get(i), i + 1));
    }
    for (Action action : actions) {
      action.table = tables.require(action.tableName);
    }
    checkOneActionPerItem(actions);
    long requestBytes = 0;
    for (Action action : actions) {
      keyOf(action);
      if (action.stored != null) {
        requestBytes += ItemSize.of(action.stored);
      }
    }
    if (requestBytes > MAX_REQUEST_BYTES) {
      throw Errors.validation(
          "Transaction payload size cannot exceed 4MB. Payload Size: " + requestBytes);
    }
    checkDistinctStorageKeys(actions);
    if (token == null) {
      return response(request, run(actions));
    }
    // Requests with one token run one at a time, so a token is never applied twice.
    Object monitor = tokenMonitors[Math.floorMod(token.hashCode(), tokenMonitors.length)];
    synchronized (monitor) {
      Instant now = clock.instant();
      forgetExpired(now);
      Recorded previous = recorded.get(token);
      if (previous != null) {
        if (!previous.items().equals(items)) {
          // DynamoDB Local answers no message at all
          throw Errors.idempotentParameterMismatch("");
        }
        return response(request, previous.units());
      }
      Capacities.Tally units = run(actions);
      Recorded record = new Recorded(token, List.copyOf(items), now, units);
      recorded.put(token, record);
      expiring.add(record);
      return response(request, units);
    }
  }

  /**
   * Forgets the tokens recorded more than the idempotency window ago: the oldest first, stopping at
   * the first one still in the window, so each call does work only for what expired.
   */
  private void forgetExpired(Instant now) {
    Instant cutoff = now.minus(IDEMPOTENCY_WINDOW);
    for (Recorded oldest = expiring.peek();
        oldest != null && !oldest.at().isAfter(cutoff);
        oldest = expiring.peek()) {
      if (expiring.remove(oldest)) {
        recorded.remove(oldest.token(), oldest);
      }
    }
  }

  private static Action bind(TransactWriteItem item, int position) {
    int operations =
        (item.put() != null ? 1 : 0)
            + (item.update() != null ? 1 : 0)
            + (item.delete() != null ? 1 : 0)
            + (item.conditionCheck() != null ? 1 : 0);
    if (operations == 0) {
      throw Errors.validation(
          "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
    }
    if (operations > 1) {
      throw Errors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    Action action = new Action();
    if (item.put() != null) {
      Put put = item.put();
      action.kind = Kind.PUT;
      action.tableName = put.tableName();
      action.keyOrItem = put.item();
      action.onFailure = put.returnValuesOnConditionCheckFailure();
      action.condition =
          condition(
              put.hasExpressionAttributeNames(),
              put.expressionAttributeNames(),
              put.hasExpressionAttributeValues(),
              put.expressionAttributeValues(),
              put.conditionExpression());
    } else if (item.delete() != null) {
      Delete delete = item.delete();
      action.kind = Kind.DELETE;
      action.tableName = delete.tableName();
      action.keyOrItem = delete.key();
      action.onFailure = delete.returnValuesOnConditionCheckFailure();
      action.condition =
          condition(
              delete.hasExpressionAttributeNames(),
              delete.expressionAttributeNames(),
              delete.hasExpressionAttributeValues(),
              delete.expressionAttributeValues(),
              delete.conditionExpression());
    } else if (item.conditionCheck() != null) {
      ConditionCheck check = item.conditionCheck();
      if (check.conditionExpression() == null) {
        throw Errors.nullMember(
            "transactItems." + position + ".member.conditionCheck.conditionExpression");
      }
      action.kind = Kind.CHECK;
      action.tableName = check.tableName();
      action.keyOrItem = check.key();
      action.onFailure = check.returnValuesOnConditionCheckFailure();
      action.condition =
          condition(
              check.hasExpressionAttributeNames(),
              check.expressionAttributeNames(),
              check.hasExpressionAttributeValues(),
              check.expressionAttributeValues(),
              check.conditionExpression());
    } else {
      Update update = item.update();
      action.kind = Kind.UPDATE;
      action.tableName = update.tableName();
      action.keyOrItem = update.key();
      action.onFailure = update.returnValuesOnConditionCheckFailure();
      Map<String, String> expressions = new LinkedHashMap<>();
      expressions.put("UpdateExpression", update.updateExpression());
      expressions.put("ConditionExpression", update.conditionExpression());
      ExpressionAttributes attributes =
          ExpressionAttributes.forRequest(
              Items.names(update.hasExpressionAttributeNames(), update.expressionAttributeNames()),
              Items.values(
                  update.hasExpressionAttributeValues(), update.expressionAttributeValues()),
              update.updateExpression() != null || update.conditionExpression() != null,
              expressions);
      action.update = Optional.ofNullable(update.updateExpression()).map(attributes::update);
      action.condition =
          Optional.ofNullable(update.conditionExpression()).map(attributes::condition);
      attributes.checkAllUsed();
    }
    return action;
  }

  private static Optional<ConditionExpression> condition(
      boolean hasNames,
      Map<String, String> names,
      boolean hasValues,
      Map<String, AttributeValue> values,
      String text) {
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put("ConditionExpression", text);
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            Items.names(hasNames, names),
            Items.values(hasValues, values),
            text != null,
            expressions);
    Optional<ConditionExpression> condition = Optional.ofNullable(text).map(attributes::condition);
    attributes.checkAllUsed();
    return condition;
  }

  /** DynamoDB Local compares the key attributes as given (before keys are checked). */
  private static void checkOneActionPerItem(List<Action> actions) {
    Set<List<Object>> seen = new HashSet<>();
    for (Action action : actions) {
      KeySchema keys = action.table.keys();
      Map<String, AttributeValue> key = new HashMap<>();
      key.put(keys.partitionKey().name(), action.keyOrItem.get(keys.partitionKey().name()));
      keys.sortKey().ifPresent(s -> key.put(s.name(), action.keyOrItem.get(s.name())));
      if (!seen.add(List.of(action.table.name(), key))) {
        throw Errors.validation(MULTIPLE_OPERATIONS);
      }
    }
  }

  /** Two spellings of one number are one item here: refused rather than applied twice. */
  private static void checkDistinctStorageKeys(List<Action> actions) {
    Set<List<Object>> seen = new HashSet<>();
    for (Action action : actions) {
      if (action.key != null
          && !seen.add(
              List.of(action.table.name(), ByteBuffer.wrap(action.key).asReadOnlyBuffer()))) {
        throw Errors.validation(MULTIPLE_OPERATIONS);
      }
    }
  }

  /**
   * The action's storage key. A missing key attribute or an empty key is refused outright; a key of
   * the wrong type, or an update of a key attribute, cancels the transaction with a ValidationError
   * for this action.
   */
  private static void keyOf(Action action) {
    KeySchema keys = action.table.keys();
    try {
      if (action.kind == Kind.PUT) {
        Items.checkItem(action.keyOrItem);
        action.key = Items.keyOfItem(keys, action.keyOrItem);
        ItemSize.checkLimit(action.keyOrItem);
        action.table.checkIndexKeys(action.keyOrItem);
        action.stored = AttributeValues.canonical(action.keyOrItem);
      } else {
        action.key = Items.key(keys, action.keyOrItem);
      }
    } catch (DynamoDbException e) {
      String message = e.awsErrorDetails().errorMessage();
      if (!message.endsWith("Type mismatch for key") && !message.endsWith(INDEX_KEY_MISMATCH)) {
        throw e;
      }
      action.validationError = message;
      return;
    }
    Optional<String> keyAttribute = Items.updatedKeyAttribute(keys, action.update);
    if (keyAttribute.isPresent()) {
      // DynamoDB Local cancels at once, with this action's reason alone.
      throw cancelled(
          List.of(reason("ValidationError", Items.cannotUpdateKey(keyAttribute.get()), null)));
    }
  }

  /** Runs checked actions under their locks; the consumed units by table and index. */
  private Capacities.Tally run(List<Action> actions) {
    List<String> lockTables = new ArrayList<>();
    List<byte[]> lockKeys = new ArrayList<>();
    for (Action action : actions) {
      if (action.key != null) {
        lockTables.add(action.table.name());
        lockKeys.add(action.key);
      }
    }
    List<ReentrantLock> held = locks.ofAll(lockTables, lockKeys);
    held.forEach(ReentrantLock::lock);
    try {
      List<CancellationReason> reasons = new ArrayList<>();
      List<Map<String, AttributeValue>> olds = new ArrayList<>();
      List<Map<String, AttributeValue>> news = new ArrayList<>();
      boolean cancelled = false;
      for (Action action : actions) {
        if (action.validationError != null) {
          reasons.add(reason("ValidationError", action.validationError, null));
          olds.add(null);
          news.add(null);
          cancelled = true;
          continue;
        }
        Map<String, AttributeValue> old = read(action.table, action.key);
        olds.add(old);
        if (action.condition.isPresent()
            && !action.condition.get().matches(old == null ? Map.of() : old)) {
          String message =
              action.kind == Kind.CHECK ? Items.CONDITION_FAILED + "." : Items.CONDITION_FAILED;
          Map<String, AttributeValue> item =
              action.onFailure == ReturnValuesOnConditionCheckFailure.ALL_OLD ? old : null;
          reasons.add(reason("ConditionalCheckFailed", message, item));
          news.add(null);
          cancelled = true;
          continue;
        }
        Map<String, AttributeValue> after;
        try {
          after = after(action, old);
        } catch (DynamoDbException e) {
          if (!e.awsErrorDetails().errorMessage().endsWith(INDEX_KEY_MISMATCH)) {
            throw e;
          }
          reasons.add(reason("ValidationError", e.awsErrorDetails().errorMessage(), null));
          news.add(null);
          cancelled = true;
          continue;
        }
        reasons.add(reason("None", null, null));
        news.add(after);
      }
      if (cancelled) {
        throw cancelled(reasons);
      }
      List<Storage.Mutation> batch = new ArrayList<>();
      // DynamoDB Local lists tables in hash-map order; so does this.
      Capacities.Tally units = new Capacities.Tally(new HashMap<>(), 2);
      List<Table.Change> changes = new ArrayList<>();
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        Map<String, AttributeValue> old = olds.get(i);
        Map<String, AttributeValue> after = news.get(i);
        double cost;
        Table.Change change;
        if (action.kind == Kind.CHECK) {
          cost = CapacityUnits.transactionalRead(size(old));
          change = null;
        } else if (action.kind == Kind.DELETE) {
          // DynamoDB Local charges one unit for deleting an item that is not there.
          cost = old == null ? 1.0 : CapacityUnits.transactionalWrite(size(old));
          change = action.table.change(action.key, old, null);
          if (old != null) {
            batch.addAll(action.table.mutations(change));
          }
        } else {
          cost = CapacityUnits.transactionalWrite(Math.max(size(old), ItemSize.of(after)));
          change = action.table.change(action.key, old, after);
          batch.addAll(action.table.mutations(change));
        }
        changes.add(change);
        units.add(action.tableName, action.table, cost, change);
      }
      List<Streams.Written> written = new ArrayList<>(actions.size());
      for (int i = 0; i < actions.size(); i++) {
        if (changes.get(i) != null) {
          written.add(new Streams.Written(actions.get(i).table, olds.get(i), news.get(i)));
        }
      }
      streams.write(batch, written);
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        if (changes.get(i) != null) {
          action.table.count(changes.get(i));
          action.table.replicate(action.key, news.get(i));
          units.collection(action.tableName, action.table, action.keyOrItem);
        }
      }
      return units;
    } finally {
      held.forEach(ReentrantLock::unlock);
    }
  }

  /** The item after a Put, Update or Delete (null when deleted); Update size is checked here. */
  private static Map<String, AttributeValue> after(Action action, Map<String, AttributeValue> old) {
    switch (action.kind) {
      case PUT:
        return action.stored;
      case UPDATE:
        Map<String, AttributeValue> before = old == null ? Map.of() : old;
        Map<String, AttributeValue> after =
            new LinkedHashMap<>(action.update.map(u -> u.apply(before)).orElse(before));
        after.putAll(AttributeValues.canonical(action.keyOrItem));
        after = AttributeValues.canonical(after);
        Items.checkDepth(after);
        if (ItemSize.of(after) > ItemSize.MAX_ITEM_BYTES) {
          throw Errors.validation("Item size to update has exceeded the maximum allowed size");
        }
        action.table.checkUpdatedIndexKeys(after);
        return after;
      default:
        return null;
    }
  }

  private static CancellationReason reason(
      String code, String message, Map<String, AttributeValue> item) {
    return CancellationReason.builder().code(code).message(message).item(item).build();
  }

  static TransactionCanceledException cancelled(List<CancellationReason> reasons) {
    String message = CANCELLED + reasons.stream().map(CancellationReason::code).toList().toString();
    return TransactionCanceledException.builder()
        .cancellationReasons(reasons)
        .message(message)
        .statusCode(400)
        .awsErrorDetails(details("TransactionCanceledException", message))
        .build();
  }

  private static AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .serviceName("DynamoDb")
        .build();
  }

  private static TransactWriteItemsResponse response(
      TransactWriteItemsRequest request, Capacities.Tally units) {
    return TransactWriteItemsResponse.builder()
        .consumedCapacity(units.consumed(request.returnConsumedCapacity()))
        .itemCollectionMetrics(units.collections(request.returnItemCollectionMetrics()))
        .build();
  }

  // ---- TransactGetItems

  TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
    List<TransactGetItem> items = request.hasTransactItems() ? request.transactItems() : List.of();
    if (items.isEmpty() || items.stream().anyMatch(i -> i.get() == null)) {
      throw Errors.nullMember("transactItems");
    }
    if (items.size() > MAX_ACTIONS) {
      throw Errors.validation("Member must have length less than or equal to 100");
    }
    List<Optional<ProjectionExpression>> projections = new ArrayList<>();
    for (TransactGetItem item : items) {
      Get get = item.get();
      ExpressionAttributes attributes =
          ExpressionAttributes.forRequest(
              Items.names(get.hasExpressionAttributeNames(), get.expressionAttributeNames()),
              null,
              get.projectionExpression() != null,
              Map.of());
      projections.add(Optional.ofNullable(get.projectionExpression()).map(attributes::projection));
      attributes.checkAllUsed();
    }
    List<Table> gotTables = new ArrayList<>();
    for (TransactGetItem item : items) {
      gotTables.add(tables.require(item.get().tableName()));
    }
    List<String> names = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Table table = gotTables.get(i);
      if (!seen.add(List.of(table.name(), item(items.get(i).get().key())))) {
        throw Errors.validation(MULTIPLE_OPERATIONS);
      }
    }
    for (int i = 0; i < items.size(); i++) {
      Table table = gotTables.get(i);
      byte[] key;
      try {
        key = Items.key(table.keys(), items.get(i).get().key());
      } catch (DynamoDbException e) {
        // DynamoDB Local cancels the transaction with the key's message and no reasons.
        String message = e.awsErrorDetails().errorMessage();
        throw TransactionCanceledException.builder()
            .message(message)
            .statusCode(400)
            .awsErrorDetails(details("TransactionCanceledException", message))
            .build();
      }
      names.add(table.name());
      keys.add(key);
    }
    List<ReentrantLock> held = locks.ofAll(names, keys);
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    held.forEach(ReentrantLock::lock);
    try {
      for (int i = 0; i < items.size(); i++) {
        found.add(read(gotTables.get(i), keys.get(i)));
      }
    } finally {
      held.forEach(ReentrantLock::unlock);
    }
    List<ItemResponse> responses = new ArrayList<>();
    Map<String, Double> units = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, AttributeValue> item = found.get(i);
      Optional<ProjectionExpression> projection = projections.get(i);
      responses.add(
          ItemResponse.builder()
              .item(item == null ? null : projection.map(p -> p.project(item)).orElse(item))
              .build());
      units.merge(
          items.get(i).get().tableName(), CapacityUnits.transactionalRead(size(item)), Double::sum);
    }
    ReturnConsumedCapacity mode = request.returnConsumedCapacity();
    TransactGetItemsResponse.Builder response =
        TransactGetItemsResponse.builder().responses(responses);
    if (mode != null && mode != ReturnConsumedCapacity.NONE) {
      List<ConsumedCapacity> capacities = new ArrayList<>();
      units.forEach(
          (table, u) -> {
            ConsumedCapacity.Builder capacity =
                ConsumedCapacity.builder().tableName(table).capacityUnits(u).readCapacityUnits(u);
            if (mode == ReturnConsumedCapacity.INDEXES) {
              capacity.table(Capacity.builder().capacityUnits(u).build());
            }
            capacities.add(capacity.build());
          });
      response.consumedCapacity(capacities);
    }
    return response.build();
  }

  private static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return new HashMap<>(Objects.requireNonNullElse(key, Map.of()));
  }

  // ---- storage

  private Map<String, AttributeValue> read(Table table, byte[] key) {
    return storage.keyspace(table.keyspace()).get(key).map(ItemCodec::decode).orElse(null);
  }

  private static long size(Map<String, AttributeValue> item) {
    return item == null ? 0 : ItemSize.of(item);
  }
}
