package dev.dynakit.client.batch;

import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.ErrorMapper;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Condition;
import dev.dynakit.client.expressions.Placeholders;
import dev.dynakit.client.expressions.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A {@code TransactWriteItems} built from the expression builders: puts, updates, deletes and
 * condition checks, all applied or none.
 *
 * <pre>{@code
 * new Transaction()
 *     .update("accounts", from, Update.builder().decrement(Path.of("balance"), 10).build(),
 *         Conditions.ge(Path.of("balance"), AttributeValue.fromN("10")))
 *     .update("accounts", to, Update.builder().increment(Path.of("balance"), 10).build())
 *     .put("transfers", transfer, Conditions.attributeNotExists(Path.of("id")))
 *     .execute(dynakit.sdk());
 * }</pre>
 *
 * <ul>
 *   <li>Each action renders its expressions with placeholders of its own.
 *   <li>A client request token is drawn once per transaction (a random UUID) unless given, so the
 *       SDK's retries of the same call, and executing this transaction again within DynamoDB's 10
 *       minutes, apply it once.
 *   <li>Checked before sending, as DynamoDB would refuse them: more than 100 actions, and two
 *       actions on one item ("Transaction request cannot include multiple operations on one item").
 *       To know the key of a put's item when another action names the same table, the table is
 *       described once, unless its key attributes were given.
 *   <li>When DynamoDB cancels the transaction, the {@link TransactionException} (kind {@code
 *       TRANSACTION_CANCELED}) lists in {@link TransactionException#failures()} each action that
 *       failed: its index, action, table, key, reason code and message, and the item as it was when
 *       {@link #returnValuesOnConditionCheckFailure()} asked for it. This works with a plain SDK
 *       client as with {@code Dynakit.sdk()}.
 * </ul>
 *
 * <p>Not thread-safe while built.
 */
public final class Transaction {
  /** DynamoDB's limit on the actions of one transaction. */
  static final int MAX_ACTIONS = 100;

  static final String SAME_ITEM =
      "Transaction request cannot include multiple operations on one item";

  private static final String OPERATION = "TransactWriteItems";
  private static final int MAX_TOKEN_LENGTH = 36;

  private final List<Action> actions = new ArrayList<>();
  private final KeyAttributes keys = new KeyAttributes();
  private String clientRequestToken = UUID.randomUUID().toString();
  private boolean returnOldOnFailure;

  /** An empty transaction with a fresh client request token. */
  public Transaction() {}

  /** {@code Put} of {@code item} into {@code table}. */
  public Transaction put(String table, Map<String, AttributeValue> item) {
    return put(table, item, null);
  }

  /** {@code Put} of {@code item} into {@code table} if {@code condition} holds for the old item. */
  public Transaction put(String table, Map<String, AttributeValue> item, Condition condition) {
    Objects.requireNonNull(item, "item");
    return add(new Action("Put", table, item, null, condition));
  }

  /** {@code Update} of the item with {@code key}. */
  public Transaction update(String table, Map<String, AttributeValue> key, Update update) {
    return update(table, key, update, null);
  }

  /** {@code Update} of the item with {@code key} if {@code condition} holds. */
  public Transaction update(
      String table, Map<String, AttributeValue> key, Update update, Condition condition) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(update, "update");
    return add(new Action("Update", table, key, update, condition));
  }

  /** {@code Delete} of the item with {@code key}. */
  public Transaction delete(String table, Map<String, AttributeValue> key) {
    return delete(table, key, null);
  }

  /** {@code Delete} of the item with {@code key} if {@code condition} holds. */
  public Transaction delete(String table, Map<String, AttributeValue> key, Condition condition) {
    Objects.requireNonNull(key, "key");
    return add(new Action("Delete", table, key, null, condition));
  }

  /**
   * {@code ConditionCheck}: the transaction commits only if {@code condition} holds for the item.
   */
  public Transaction conditionCheck(
      String table, Map<String, AttributeValue> key, Condition condition) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(condition, "condition");
    return add(new Action("ConditionCheck", table, key, null, condition));
  }

  /**
   * Uses {@code token} as the client request token instead of the random one.
   *
   * @throws IllegalArgumentException unless it has 1 to 36 characters
   */
  public Transaction clientRequestToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "A client request token has 1 to 36 characters, not " + token.length());
    }
    this.clientRequestToken = token;
    return this;
  }

  /** The client request token sent with this transaction. */
  public String clientRequestToken() {
    return clientRequestToken;
  }

  /**
   * Asks DynamoDB for the item as it was ({@code ALL_OLD}) with every action that has a condition,
   * so that a failed condition's item is in {@link TransactionException.Failure#item()}.
   */
  public Transaction returnValuesOnConditionCheckFailure() {
    this.returnOldOnFailure = true;
    return this;
  }

  /**
   * The key attribute names of {@code table} (partition key, then sort key), so that puts into it
   * need no DescribeTable to find their keys.
   */
  public Transaction keyAttributes(String table, String... attributeNames) {
    keys.put(table, attributeNames);
    return this;
  }

  /** The request as it will be sent (without the checks {@link #execute} makes first). */
  public TransactWriteItemsRequest request() {
    List<TransactWriteItem> items = new ArrayList<>();
    for (Action action : actions) {
      items.add(action.item(returnOldOnFailure));
    }
    return TransactWriteItemsRequest.builder()
        .transactItems(items)
        .clientRequestToken(clientRequestToken)
        .build();
  }

  /**
   * Checks and sends the transaction with {@code sdk} (a plain SDK client or {@code
   * Dynakit.sdk()}).
   *
   * @throws RequestValidationException if it has no action, or two actions on one item
   * @throws TransactionException if DynamoDB canceled it, with {@link
   *     TransactionException#failures()}
   */
  public TransactWriteItemsResponse execute(DynamoDbClient sdk) {
    Objects.requireNonNull(sdk, "sdk");
    if (actions.isEmpty()) {
      throw invalid(
          RequestValidationException.Kind.INVALID_ARGUMENT,
          null,
          "a transaction needs at least one action");
    }
    checkOneActionPerItem(sdk);
    TransactWriteItemsRequest request = request();
    try {
      return sdk.transactWriteItems(request);
    } catch (TransactionCanceledException e) {
      throw canceled(
          (TransactionException) ErrorMapper.map(e, OPERATION, ErrorMapper.tableOf(request)), sdk);
    } catch (TransactionException e) {
      if (e.kind() == TransactionException.Kind.TRANSACTION_CANCELED) {
        throw canceled(e, sdk);
      }
      throw e;
    }
  }

  private Transaction add(Action action) {
    if (actions.size() == MAX_ACTIONS) {
      throw invalid(
          RequestValidationException.Kind.LIMIT_EXCEEDED,
          action.table,
          "a transaction holds at most " + MAX_ACTIONS + " actions");
    }
    actions.add(action);
    return this;
  }

  private void checkOneActionPerItem(DynamoDbClient sdk) {
    Map<String, Integer> perTable = new HashMap<>();
    actions.forEach(a -> perTable.merge(a.table, 1, Integer::sum));
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      Action action = actions.get(i);
      if (perTable.get(action.table) < 2) {
        continue;
      }
      Integer earlier = seen.putIfAbsent(KeyAttributes.identity(action.table, key(action, sdk)), i);
      if (earlier != null) {
        throw invalid(
            RequestValidationException.Kind.INVALID_ARGUMENT,
            action.table,
            SAME_ITEM + " (actions " + earlier + " and " + i + ")");
      }
    }
  }

  private Map<String, AttributeValue> key(Action action, DynamoDbClient sdk) {
    return "Put".equals(action.action)
        ? KeyAttributes.project(
            OPERATION, action.table, action.attributes, keys.of(sdk, action.table))
        : action.attributes;
  }

  private TransactionException canceled(TransactionException e, DynamoDbClient sdk) {
    List<CancellationReason> reasons = e.cancellationReasons();
    List<TransactionException.Failure> failures = new ArrayList<>();
    for (int i = 0; i < reasons.size() && i < actions.size(); i++) {
      CancellationReason reason = reasons.get(i);
      if (reason.code() == null || "None".equals(reason.code())) {
        continue;
      }
      Action action = actions.get(i);
      failures.add(
          new TransactionException.Failure(
              i,
              action.action,
              action.table,
              failureKey(action, sdk),
              reason.code(),
              reason.message(),
              reason.hasItem() ? reason.item() : null));
    }
    return withFailures(e, failures);
  }

  /** The cancellation again, naming the actions that failed. */
  static TransactionException withFailures(
      TransactionException e, List<TransactionException.Failure> failures) {
    return new TransactionException(
        e.kind(),
        e.getMessage() + "; failed actions: " + failures,
        e.context(),
        e.retryable(),
        e,
        e.cancellationReasons(),
        failures);
  }

  /** The key of a failed action; for a put, found by describing its table if need be. */
  private Map<String, AttributeValue> failureKey(Action action, DynamoDbClient sdk) {
    try {
      return key(action, sdk);
    } catch (RuntimeException describeFailed) {
      return null;
    }
  }

  private static RequestValidationException invalid(
      RequestValidationException.Kind kind, String table, String problem) {
    return invalid(OPERATION, kind, table, problem);
  }

  /** A request refused before sending, in the words of the adapter's other refusals. */
  static RequestValidationException invalid(
      String operation, RequestValidationException.Kind kind, String table, String problem) {
    return new RequestValidationException(
        kind,
        operation + (table == null ? "" : " on table '" + table + "'") + " failed: " + problem,
        ErrorContext.local(operation, table),
        false,
        null);
  }

  /** One action: a put (item), an update, delete or condition check (key). */
  private static final class Action {
    final String action;
    final String table;
    final Map<String, AttributeValue> attributes;
    final Update update;
    final Condition condition;

    Action(
        String action,
        String table,
        Map<String, AttributeValue> attributes,
        Update update,
        Condition condition) {
      this.action = action;
      this.table = Objects.requireNonNull(table, "table");
      this.attributes = Map.copyOf(attributes);
      this.update = update;
      this.condition = condition;
    }

    TransactWriteItem item(boolean returnOldOnFailure) {
      Placeholders p = new Placeholders();
      String updateExpression = update == null ? null : update.render(p);
      String conditionExpression = condition == null ? null : condition.render(p);
      ReturnValuesOnConditionCheckFailure returnValues =
          returnOldOnFailure && condition != null
              ? ReturnValuesOnConditionCheckFailure.ALL_OLD
              : null;
      switch (action) {
        case "Put":
          return TransactWriteItem.builder()
              .put(
                  Put.builder()
                      .tableName(table)
                      .item(attributes)
                      .conditionExpression(conditionExpression)
                      .expressionAttributeNames(p.namesOrNull())
                      .expressionAttributeValues(p.valuesOrNull())
                      .returnValuesOnConditionCheckFailure(returnValues)
                      .build())
              .build();
        case "Update":
          return TransactWriteItem.builder()
              .update(
                  software.amazon.awssdk.services.dynamodb.model.Update.builder()
                      .tableName(table)
                      .key(attributes)
                      .updateExpression(updateExpression)
                      .conditionExpression(conditionExpression)
                      .expressionAttributeNames(p.namesOrNull())
                      .expressionAttributeValues(p.valuesOrNull())
                      .returnValuesOnConditionCheckFailure(returnValues)
                      .build())
              .build();
        case "Delete":
          return TransactWriteItem.builder()
              .delete(
                  Delete.builder()
                      .tableName(table)
                      .key(attributes)
                      .conditionExpression(conditionExpression)
                      .expressionAttributeNames(p.namesOrNull())
                      .expressionAttributeValues(p.valuesOrNull())
                      .returnValuesOnConditionCheckFailure(returnValues)
                      .build())
              .build();
        default:
          return TransactWriteItem.builder()
              .conditionCheck(
                  ConditionCheck.builder()
                      .tableName(table)
                      .key(attributes)
                      .conditionExpression(conditionExpression)
                      .expressionAttributeNames(p.namesOrNull())
                      .expressionAttributeValues(p.valuesOrNull())
                      .returnValuesOnConditionCheckFailure(returnValues)
                      .build())
              .build();
      }
    }
  }
}
