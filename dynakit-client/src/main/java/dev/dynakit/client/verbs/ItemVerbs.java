package dev.dynakit.client.verbs;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** The single-item verbs: {@code get}, {@code put}, {@code update}, {@code delete}. */
final class ItemVerbs {
  private final DynamoDbClient sdk;
  private final boolean consistentReadDefault;

  ItemVerbs(DynamoDbClient sdk, boolean consistentReadDefault) {
    this.sdk = sdk;
    this.consistentReadDefault = consistentReadDefault;
  }

  Map<String, Object> get(Args args) {
    Boolean consistent = args.optBoolean("consistent_read");
    GetItemResponse response =
        sdk.getItem(
            b ->
                b.tableName(args.string("table"))
                    .key(args.item("key"))
                    .projectionExpression(args.optString("projection"))
                    .expressionAttributeNames(args.names())
                    .consistentRead(consistent == null ? consistentReadDefault : consistent));
    Map<String, Object> result = new LinkedHashMap<>();
    if (response.hasItem()) {
      result.put("item", args.out(response.item()));
    }
    return result;
  }

  Map<String, Object> put(Args args) {
    return attributes(
        args,
        sdk.putItem(
                b ->
                    b.tableName(args.string("table"))
                        .item(args.item("item"))
                        .conditionExpression(args.optString("condition"))
                        .expressionAttributeNames(args.names())
                        .expressionAttributeValues(args.values())
                        .returnValues(args.optString("return_values")))
            .attributes());
  }

  Map<String, Object> update(Args args) {
    return attributes(
        args,
        sdk.updateItem(
                b ->
                    b.tableName(args.string("table"))
                        .key(args.item("key"))
                        .updateExpression(args.string("update"))
                        .conditionExpression(args.optString("condition"))
                        .expressionAttributeNames(args.names())
                        .expressionAttributeValues(args.values())
                        .returnValues(args.optString("return_values")))
            .attributes());
  }

  Map<String, Object> delete(Args args) {
    return attributes(
        args,
        sdk.deleteItem(
                b ->
                    b.tableName(args.string("table"))
                        .key(args.item("key"))
                        .conditionExpression(args.optString("condition"))
                        .expressionAttributeNames(args.names())
                        .expressionAttributeValues(args.values())
                        .returnValues(args.optString("return_values")))
            .attributes());
  }

  private static Map<String, Object> attributes(Args args, Map<String, AttributeValue> attributes) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (attributes != null && !attributes.isEmpty()) {
      result.put("attributes", args.out(attributes));
    }
    return result;
  }
}
