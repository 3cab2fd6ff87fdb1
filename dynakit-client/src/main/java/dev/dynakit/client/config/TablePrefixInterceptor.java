package dev.dynakit.client.config;

import dev.dynakit.client.partiql.PartiqlTables;
import dev.dynakit.client.partiql.TableArns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.utils.builder.ToCopyableBuilder;

/**
 * Puts a prefix before every table name a request carries and takes it off again in the response,
 * so that one account can hold several environments' tables ({@code dev_orders}, {@code
 * test_orders}) while the code says {@code orders}.
 *
 * <p>Works from the SDK's field metadata, so every operation is covered: fields named {@code
 * *TableName}, table ARNs in fields named {@code *Arn} (tables, indexes, streams, backups,
 * exports), and maps keyed by table name ({@code RequestItems}, {@code Responses}, {@code
 * UnprocessedKeys}, {@code UnprocessedItems}, {@code ItemCollectionMetrics}) at any depth, such as
 * each item of a transaction; and the table names of PartiQL statements (after {@code FROM}, {@code
 * INTO} and {@code UPDATE}). Where a table is named by its ARN, the prefix goes on the name inside
 * the ARN ({@code arn:aws:dynamodb:REGION:ACCOUNT:table/dev_orders}). {@code ListTables} lists only
 * the prefixed tables, without the prefix.
 */
public final class TablePrefixInterceptor implements ExecutionInterceptor {
  private static final Set<String> TABLE_KEYED_MAPS =
      Set.of(
          "RequestItems",
          "Responses",
          "UnprocessedKeys",
          "UnprocessedItems",
          "ItemCollectionMetrics");
  private static final Set<String> ITEM_FIELDS =
      Set.of(
          "Item",
          "Key",
          "Keys",
          "Items",
          "Attributes",
          "ExpressionAttributeValues",
          "ExpressionAttributeNames",
          "ExclusiveStartKey",
          "LastEvaluatedKey",
          "Expected",
          "AttributeUpdates",
          "KeyConditions",
          "QueryFilter",
          "ScanFilter",
          "Parameters");
  private final String prefix;
  private final UnaryOperator<String> add;
  private final UnaryOperator<String> strip;

  /** An interceptor putting {@code prefix} before every table name. */
  public TablePrefixInterceptor(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("a table prefix must not be empty");
    }
    this.prefix = prefix;
    this.add = name -> prefix + name;
    this.strip = name -> name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (request instanceof ListTablesRequest) {
      return listTables((ListTablesRequest) request);
    }
    return (SdkRequest) rewrite((SdkPojo) request, add);
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    if (response instanceof ListTablesResponse) {
      return listTables((ListTablesResponse) response);
    }
    if (!(response instanceof SdkPojo)) {
      return response;
    }
    return (SdkResponse) rewrite((SdkPojo) response, strip);
  }

  /**
   * Starts after the prefix (tables are listed in name order), or after the prefixed name given.
   */
  private ListTablesRequest listTables(ListTablesRequest request) {
    if (request.exclusiveStartTableName() != null) {
      return request.toBuilder()
          .exclusiveStartTableName(add.apply(request.exclusiveStartTableName()))
          .build();
    }
    // A table name has at least three characters: a shorter prefix cannot be a start name.
    return prefix.length() >= 3
        ? request.toBuilder().exclusiveStartTableName(prefix).build()
        : request;
  }

  /** Only the prefixed tables, without the prefix; the listing ends where they end. */
  private ListTablesResponse listTables(ListTablesResponse response) {
    List<String> names = new ArrayList<>();
    for (String name : response.tableNames()) {
      if (name.startsWith(prefix)) {
        names.add(strip.apply(name));
      }
    }
    String last = response.lastEvaluatedTableName();
    String lastOwn = last != null && last.startsWith(prefix) ? strip.apply(last) : null;
    return response.toBuilder().tableNames(names).lastEvaluatedTableName(lastOwn).build();
  }

  private static Object rewrite(SdkPojo pojo, UnaryOperator<String> name) {
    Object builder = null;
    for (SdkField<?> field : pojo.sdkFields()) {
      String fieldName = field.locationName();
      if (ITEM_FIELDS.contains(fieldName)) {
        continue;
      }
      Object value = field.getValueOrDefault(pojo);
      if (value == null) {
        continue;
      }
      Object changed = rewriteValue(fieldName, value, name);
      if (changed != value) {
        if (builder == null) {
          builder = ((ToCopyableBuilder<?, ?>) pojo).toBuilder();
        }
        field.set(builder, changed);
      }
    }
    return builder == null ? pojo : ((SdkBuilder<?, ?>) builder).build();
  }

  private static Object rewriteValue(String fieldName, Object value, UnaryOperator<String> name) {
    if (value instanceof String) {
      String text = (String) value;
      if (fieldName.equals("Statement")) {
        return PartiqlTables.rename(text, name);
      }
      // A table name may also be given as the table's ARN.
      if (fieldName.endsWith("TableName")) {
        return TableArns.rename(text, name);
      }
      return fieldName.endsWith("Arn") && text.startsWith("arn:")
          ? TableArns.rename(text, name)
          : value;
    }
    if (value instanceof AttributeValue) {
      return value;
    }
    if (value instanceof SdkPojo) {
      return rewrite((SdkPojo) value, name);
    }
    if (value instanceof List) {
      return rewriteList(fieldName, (List<?>) value, name);
    }
    if (value instanceof Map) {
      return rewriteMap(fieldName, (Map<?, ?>) value, name);
    }
    return value;
  }

  private static Object rewriteList(String fieldName, List<?> list, UnaryOperator<String> name) {
    List<Object> out = null;
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      Object changed = element == null ? null : rewriteValue(fieldName, element, name);
      if (changed != element && out == null) {
        out = new ArrayList<>(list.subList(0, i));
      }
      if (out != null) {
        out.add(changed);
      }
    }
    return out == null ? list : out;
  }

  private static Object rewriteMap(String fieldName, Map<?, ?> map, UnaryOperator<String> name) {
    boolean keyedByTable = TABLE_KEYED_MAPS.contains(fieldName);
    boolean changed = false;
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      Object newKey =
          keyedByTable && key instanceof String ? TableArns.rename((String) key, name) : key;
      Object value = entry.getValue();
      Object newValue = value == null ? null : rewriteValue(fieldName, value, name);
      changed |= !newKey.equals(key) || newValue != value;
      out.put(newKey, newValue);
    }
    return changed ? out : map;
  }

  @Override
  public String toString() {
    return "TablePrefixInterceptor[" + prefix + "]";
  }
}
