package dev.dynakit.client.verbs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/**
 * The health verbs {@code describe_table} and {@code list_tables}. A table description keeps
 * DynamoDB's own field names ({@code TableName}, {@code KeySchema}, ...); timestamps become
 * ISO-8601 strings and numbers {@link Long}s.
 */
final class TableVerbs {
  private final DynamoDbClient sdk;

  TableVerbs(DynamoDbClient sdk) {
    this.sdk = sdk;
  }

  Map<String, Object> describeTable(Args args) {
    String table = args.string("table");
    return Map.of("table", normalize(sdk.describeTable(b -> b.tableName(table)).table()));
  }

  Map<String, Object> listTables(Args args) {
    ListTablesResponse response =
        sdk.listTables(
            b ->
                b.limit(args.optInt("limit", 1))
                    .exclusiveStartTableName(args.optString("exclusive_start_table_name")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table_names", List.copyOf(response.tableNames()));
    if (response.lastEvaluatedTableName() != null) {
      result.put("last_evaluated_table_name", response.lastEvaluatedTableName());
    }
    return result;
  }

  /**
   * An SDK model object as a map of its DynamoDB field names to plain values. Fields DynamoDB did
   * not send are left out, lists and maps among them (the SDK stands in empty ones for those).
   */
  static Map<String, Object> normalize(SdkPojo pojo) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
        continue;
      }
      Object plain = value == null ? null : plain(value);
      if (plain != null) {
        result.put(field.memberName(), plain);
      }
    }
    return result;
  }

  private static Object plain(Object value) {
    if (value instanceof SdkPojo) {
      return normalize((SdkPojo) value);
    }
    if (value instanceof Instant) {
      return value.toString();
    }
    if (value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof SdkBytes) {
      return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray());
    }
    if (value instanceof List) {
      List<Object> list = new ArrayList<>();
      ((List<?>) value).forEach(element -> list.add(plain(element)));
      return list;
    }
    if (value instanceof Map) {
      Map<String, Object> map = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
      return map;
    }
    return value;
  }
}
