package dev.dynakit.client.batch;

import dev.dynakit.client.errors.ErrorMapper;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.TransactionException;
import dev.dynakit.client.expressions.Placeholders;
import dev.dynakit.client.expressions.Projection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A {@code TransactGetItems}: up to 100 items read as of one moment, from one or more tables.
 *
 * <pre>{@code
 * List<Optional<Map<String, AttributeValue>>> read = new TransactGet()
 *     .get("accounts", fromKey)
 *     .get("accounts", toKey, Projection.of("balance"))
 *     .execute(dynakit.sdk());
 * }</pre>
 *
 * <p>Checked before sending, as DynamoDB would refuse them: no gets, more than 100, and two gets of
 * one item. When DynamoDB cancels the read (a write transaction in progress on one of the items),
 * the {@link TransactionException} lists in {@link TransactionException#failures()} each get that
 * was in the way. Not thread-safe while built.
 */
public final class TransactGet {
  private static final String OPERATION = "TransactGetItems";

  private final List<Get> gets = new ArrayList<>();

  private record Get(String table, Map<String, AttributeValue> key, Projection projection) {}

  /** An empty read. */
  public TransactGet() {}

  /** Reads the whole item with {@code key} from {@code table}. */
  public TransactGet get(String table, Map<String, AttributeValue> key) {
    return add(new Get(Objects.requireNonNull(table, "table"), Map.copyOf(key), null));
  }

  /** Reads the attributes {@code projection} names of the item with {@code key}. */
  public TransactGet get(String table, Map<String, AttributeValue> key, Projection projection) {
    return add(
        new Get(
            Objects.requireNonNull(table, "table"),
            Map.copyOf(key),
            Objects.requireNonNull(projection, "projection")));
  }

  private TransactGet add(Get get) {
    if (gets.size() == Transaction.MAX_ACTIONS) {
      throw invalid(
          RequestValidationException.Kind.LIMIT_EXCEEDED,
          get.table(),
          "a transaction holds at most " + Transaction.MAX_ACTIONS + " actions");
    }
    gets.add(get);
    return this;
  }

  /** The request as it will be sent. */
  public TransactGetItemsRequest request() {
    List<TransactGetItem> items = new ArrayList<>(gets.size());
    for (Get get : gets) {
      Placeholders p = new Placeholders();
      String projection = get.projection() == null ? null : get.projection().render(p);
      items.add(
          TransactGetItem.builder()
              .get(
                  g ->
                      g.tableName(get.table())
                          .key(get.key())
                          .projectionExpression(projection)
                          .expressionAttributeNames(p.namesOrNull()))
              .build());
    }
    return TransactGetItemsRequest.builder().transactItems(items).build();
  }

  /**
   * Checks and sends the read; answers the items in the order of the gets, empty for an item that
   * does not exist.
   *
   * @throws RequestValidationException if there is no get, or two gets of one item
   * @throws TransactionException if DynamoDB canceled the read, with {@link
   *     TransactionException#failures()}
   */
  public List<Optional<Map<String, AttributeValue>>> execute(DynamoDbClient sdk) {
    Objects.requireNonNull(sdk, "sdk");
    if (gets.isEmpty()) {
      throw invalid(
          RequestValidationException.Kind.INVALID_ARGUMENT,
          null,
          "a transaction needs at least one action");
    }
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < gets.size(); i++) {
      Integer earlier =
          seen.putIfAbsent(KeyAttributes.identity(gets.get(i).table(), gets.get(i).key()), i);
      if (earlier != null) {
        throw invalid(
            RequestValidationException.Kind.INVALID_ARGUMENT,
            gets.get(i).table(),
            Transaction.SAME_ITEM + " (actions " + earlier + " and " + i + ")");
      }
    }
    TransactGetItemsRequest request = request();
    List<ItemResponse> responses;
    try {
      responses = sdk.transactGetItems(request).responses();
    } catch (TransactionCanceledException e) {
      throw canceled(
          (TransactionException) ErrorMapper.map(e, OPERATION, ErrorMapper.tableOf(request)));
    } catch (TransactionException e) {
      throw e.kind() == TransactionException.Kind.TRANSACTION_CANCELED ? canceled(e) : e;
    }
    List<Optional<Map<String, AttributeValue>>> items = new ArrayList<>(responses.size());
    for (ItemResponse response : responses) {
      items.add(
          response.hasItem() && !response.item().isEmpty()
              ? Optional.of(response.item())
              : Optional.empty());
    }
    return items;
  }

  private TransactionException canceled(TransactionException e) {
    List<TransactionException.Failure> failures = new ArrayList<>();
    List<CancellationReason> reasons = e.cancellationReasons();
    for (int i = 0; i < reasons.size() && i < gets.size(); i++) {
      CancellationReason reason = reasons.get(i);
      if (reason.code() != null && !"None".equals(reason.code())) {
        Get get = gets.get(i);
        failures.add(
            new TransactionException.Failure(
                i, "Get", get.table(), get.key(), reason.code(), reason.message(), null));
      }
    }
    return Transaction.withFailures(e, failures);
  }

  private static RequestValidationException invalid(
      RequestValidationException.Kind kind, String table, String problem) {
    return Transaction.invalid(OPERATION, kind, table, problem);
  }
}
