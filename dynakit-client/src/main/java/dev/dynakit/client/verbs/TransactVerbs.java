package dev.dynakit.client.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@code transact_get} and {@code transact_write}, answering {@code {ok, results}} with one result
 * per item, in order. When DynamoDB cancels the transaction the verb does not throw: it answers
 * {@code ok: false} and each result carries that item's cancellation reason ({@code code}, {@code
 * message} and, where DynamoDB returned it, the {@code item}). Other errors are thrown.
 */
final class TransactVerbs {
  private static final Set<String> GET_ITEM = Set.of("table", "key", "projection", "names");
  private static final Set<String> WRITE_ITEM =
      Set.of("put", "update", "delete", "condition_check");
  private static final Set<String> PUT =
      Set.of("table", "item", "condition", "names", "values", "return_values_on_condition_failure");
  private static final Set<String> UPDATE =
      Set.of(
          "table",
          "key",
          "update",
          "condition",
          "names",
          "values",
          "return_values_on_condition_failure");
  private static final Set<String> DELETE =
      Set.of("table", "key", "condition", "names", "values", "return_values_on_condition_failure");
  private static final Set<String> CONDITION_CHECK =
      Set.of("table", "key", "condition", "names", "values", "return_values_on_condition_failure");

  private final DynamoDbClient sdk;

  TransactVerbs(DynamoDbClient sdk) {
    this.sdk = sdk;
  }

  Map<String, Object> transactGet(Args args) {
    List<TransactGetItem> items = new ArrayList<>();
    List<Object> given = args.list("items");
    for (int i = 0; i < given.size(); i++) {
      Args item = args.nested("items[" + i + "]", given.get(i), GET_ITEM);
      items.add(
          TransactGetItem.builder()
              .get(
                  g ->
                      g.tableName(item.string("table"))
                          .key(item.item("key"))
                          .projectionExpression(item.optString("projection"))
                          .expressionAttributeNames(item.names()))
              .build());
    }
    try {
      List<Object> results = new ArrayList<>();
      for (ItemResponse response : sdk.transactGetItems(b -> b.transactItems(items)).responses()) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (response != null && response.hasItem()) {
          result.put("item", args.out(response.item()));
        }
        results.add(result);
      }
      return answer(true, results);
    } catch (RuntimeException e) {
      return cancelled(args, e);
    }
  }

  Map<String, Object> transactWrite(Args args) {
    List<TransactWriteItem> items = new ArrayList<>();
    List<Object> given = args.list("items");
    for (int i = 0; i < given.size(); i++) {
      items.add(writeItem(args.nested("items[" + i + "]", given.get(i), WRITE_ITEM), args, i));
    }
    String token = args.optString("client_request_token");
    try {
      sdk.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token));
      List<Object> results = new ArrayList<>();
      items.forEach(item -> results.add(Map.of()));
      return answer(true, results);
    } catch (RuntimeException e) {
      return cancelled(args, e);
    }
  }

  private static TransactWriteItem writeItem(Args item, Args args, int index) {
    String path = "items[" + index + "]";
    int kinds = 0;
    for (String kind : WRITE_ITEM) {
      kinds += item.has(kind) ? 1 : 0;
    }
    if (kinds != 1) {
      throw args.wrong(path, "must hold exactly one of put, update, delete, condition_check");
    }
    TransactWriteItem.Builder builder = TransactWriteItem.builder();
    if (item.has("put")) {
      Args put = item.nested(path + ".put", item.map("put"), PUT);
      builder.put(
          p ->
              p.tableName(put.string("table"))
                  .item(put.item("item"))
                  .conditionExpression(put.optString("condition"))
                  .expressionAttributeNames(put.names())
                  .expressionAttributeValues(put.values())
                  .returnValuesOnConditionCheckFailure(
                      put.optString("return_values_on_condition_failure")));
    } else if (item.has("update")) {
      Args update = item.nested(path + ".update", item.map("update"), UPDATE);
      builder.update(
          u ->
              u.tableName(update.string("table"))
                  .key(update.item("key"))
                  .updateExpression(update.string("update"))
                  .conditionExpression(update.optString("condition"))
                  .expressionAttributeNames(update.names())
                  .expressionAttributeValues(update.values())
                  .returnValuesOnConditionCheckFailure(
                      update.optString("return_values_on_condition_failure")));
    } else if (item.has("delete")) {
      Args delete = item.nested(path + ".delete", item.map("delete"), DELETE);
      builder.delete(
          d ->
              d.tableName(delete.string("table"))
                  .key(delete.item("key"))
                  .conditionExpression(delete.optString("condition"))
                  .expressionAttributeNames(delete.names())
                  .expressionAttributeValues(delete.values())
                  .returnValuesOnConditionCheckFailure(
                      delete.optString("return_values_on_condition_failure")));
    } else {
      Args check =
          item.nested(path + ".condition_check", item.map("condition_check"), CONDITION_CHECK);
      builder.conditionCheck(
          c ->
              c.tableName(check.string("table"))
                  .key(check.item("key"))
                  .conditionExpression(check.string("condition"))
                  .expressionAttributeNames(check.names())
                  .expressionAttributeValues(check.values())
                  .returnValuesOnConditionCheckFailure(
                      check.optString("return_values_on_condition_failure")));
    }
    return builder.build();
  }

  /**
   * The {@code ok: false} answer if {@code failure} is (or wraps, once the adapter's error mapping
   * has turned it into a {@code DynakitException}) a transaction cancellation; otherwise rethrows
   * it.
   */
  private static Map<String, Object> cancelled(Args args, RuntimeException failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof TransactionCanceledException)) {
      cause = cause.getCause();
    }
    if (cause == null) {
      throw failure;
    }
    List<Object> results = new ArrayList<>();
    for (CancellationReason reason : ((TransactionCanceledException) cause).cancellationReasons()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("code", reason.code() == null ? "None" : reason.code());
      if (reason.message() != null) {
        result.put("message", reason.message());
      }
      if (reason.hasItem() && !reason.item().isEmpty()) {
        result.put("item", args.out(reason.item()));
      }
      results.add(result);
    }
    return answer(false, results);
  }

  private static Map<String, Object> answer(boolean ok, List<Object> results) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", ok);
    answer.put("results", results);
    return answer;
  }
}
