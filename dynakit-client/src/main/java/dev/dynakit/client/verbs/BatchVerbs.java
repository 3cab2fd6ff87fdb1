package dev.dynakit.client.verbs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code batch_get} and {@code batch_write}. One request each: what DynamoDB leaves unprocessed is
 * returned ({@code unprocessed_keys}, {@code unprocessed_items}) in the same shape as the {@code
 * requests} argument, so it can be passed straight back.
 */
final class BatchVerbs {
  private static final Set<String> GET_TABLE_ARGS =
      Set.of("keys", "projection", "names", "consistent_read");
  private static final Set<String> WRITE_ARGS = Set.of("put", "delete");

  private final DynamoDbClient sdk;
  private final boolean consistentReadDefault;

  BatchVerbs(DynamoDbClient sdk, boolean consistentReadDefault) {
    this.sdk = sdk;
    this.consistentReadDefault = consistentReadDefault;
  }

  Map<String, Object> batchGet(Args args) {
    Map<String, KeysAndAttributes> requestItems = new LinkedHashMap<>();
    Map<String, Object> requests = args.map("requests");
    if (requests.isEmpty()) {
      throw args.wrong("requests", "must name at least one table");
    }
    requests.forEach(
        (table, value) -> {
          Args perTable = args.nested("requests." + table, value, GET_TABLE_ARGS);
          List<Map<String, AttributeValue>> keys = new ArrayList<>();
          List<Object> given = perTable.list("keys");
          for (int i = 0; i < given.size(); i++) {
            keys.add(perTable.itemAt("keys[" + i + "]", given.get(i)));
          }
          Boolean consistent = perTable.optBoolean("consistent_read");
          requestItems.put(
              table,
              KeysAndAttributes.builder()
                  .keys(keys)
                  .projectionExpression(perTable.optString("projection"))
                  .expressionAttributeNames(perTable.names())
                  .consistentRead(consistent == null ? consistentReadDefault : consistent)
                  .build());
        });
    BatchGetItemResponse response = sdk.batchGetItem(b -> b.requestItems(requestItems));
    Map<String, Object> responses = new LinkedHashMap<>();
    response.responses().forEach((table, items) -> responses.put(table, args.outAll(items)));
    Map<String, Object> unprocessed = new LinkedHashMap<>();
    response
        .unprocessedKeys()
        .forEach(
            (table, keys) -> {
              Map<String, Object> again = new LinkedHashMap<>();
              again.put("keys", args.outAll(keys.keys()));
              if (keys.projectionExpression() != null) {
                again.put("projection", keys.projectionExpression());
              }
              if (keys.hasExpressionAttributeNames()) {
                again.put("names", new LinkedHashMap<>(keys.expressionAttributeNames()));
              }
              if (keys.consistentRead() != null) {
                again.put("consistent_read", keys.consistentRead());
              }
              unprocessed.put(table, again);
            });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("responses", responses);
    result.put("unprocessed_keys", unprocessed);
    return result;
  }

  Map<String, Object> batchWrite(Args args) {
    Map<String, List<WriteRequest>> requestItems = new LinkedHashMap<>();
    Map<String, Object> requests = args.map("requests");
    if (requests.isEmpty()) {
      throw args.wrong("requests", "must name at least one table");
    }
    requests.forEach(
        (table, value) -> {
          String path = "requests." + table;
          if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
            throw args.wrong(path, "must be a non-empty list of {put: item} or {delete: key}");
          }
          List<WriteRequest> writes = new ArrayList<>();
          List<?> given = (List<?>) value;
          for (int i = 0; i < given.size(); i++) {
            Args one = args.nested(path + "[" + i + "]", given.get(i), WRITE_ARGS);
            if (one.has("put") == one.has("delete")) {
              throw args.wrong(path + "[" + i + "]", "must hold exactly one of 'put' or 'delete'");
            }
            writes.add(
                one.has("put")
                    ? WriteRequest.builder().putRequest(p -> p.item(one.item("put"))).build()
                    : WriteRequest.builder().deleteRequest(d -> d.key(one.item("delete"))).build());
          }
          requestItems.put(table, writes);
        });
    Map<String, Object> unprocessed = new LinkedHashMap<>();
    sdk.batchWriteItem(b -> b.requestItems(requestItems))
        .unprocessedItems()
        .forEach(
            (table, writes) -> {
              List<Object> again = new ArrayList<>();
              for (WriteRequest write : writes) {
                again.add(
                    write.putRequest() != null
                        ? Map.of("put", args.out(write.putRequest().item()))
                        : Map.of("delete", args.out(write.deleteRequest().key())));
              }
              unprocessed.put(table, again);
            });
    return Map.of("unprocessed_items", unprocessed);
  }
}
