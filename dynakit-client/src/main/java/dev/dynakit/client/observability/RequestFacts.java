package dev.dynakit.client.observability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a request says about itself that is safe to record: the tables it touches, index, paging and
 * read settings, expression texts and the names (never the values) of its key attributes. Read
 * generically through the SDK's field names, so every DynamoDB operation is covered.
 */
final class RequestFacts {
  /** The table tag of requests that name no table (ListTables, PartiQL statements). */
  static final String NO_TABLE = "none";

  final List<String> tables;
  final List<String> itemTables;
  final String index;
  final Integer limit;
  final Integer segment;
  final Integer totalSegments;
  final Boolean consistentRead;
  final Boolean scanForward;
  final String select;
  final String projection;
  final String condition;
  final String keyCondition;
  final String filter;
  final String updateExpression;
  final List<String> keyAttributes;
  final Integer itemCount;
  final Integer putCount;
  final Integer deleteCount;

  private RequestFacts(SdkRequest request) {
    Set<String> names = new LinkedHashSet<>();
    List<String> perItem = new ArrayList<>();
    Set<String> keyNames = new TreeSet<>();
    string(request, "TableName").ifPresent(names::add);
    Integer items = null;
    Integer puts = null;
    Integer deletes = null;
    Map<?, ?> requestItems = request.getValueForField("RequestItems", Map.class).orElse(null);
    if (requestItems != null) {
      int count = 0;
      int putTotal = 0;
      int deleteTotal = 0;
      for (Map.Entry<?, ?> entry : requestItems.entrySet()) {
        names.add(String.valueOf(entry.getKey()));
        Object value = entry.getValue();
        if (value instanceof KeysAndAttributes) {
          List<? extends Map<String, ?>> keys = ((KeysAndAttributes) value).keys();
          count += keys.size();
          keys.forEach(key -> keyNames.addAll(key.keySet()));
        } else if (value instanceof Collection) {
          for (Object write : (Collection<?>) value) {
            if (write instanceof WriteRequest) {
              WriteRequest writeRequest = (WriteRequest) write;
              count++;
              if (writeRequest.putRequest() != null) {
                putTotal++;
              } else if (writeRequest.deleteRequest() != null) {
                deleteTotal++;
                keyNames.addAll(writeRequest.deleteRequest().key().keySet());
              }
            }
          }
        }
      }
      items = count;
      if (putTotal + deleteTotal > 0) {
        puts = putTotal;
        deletes = deleteTotal;
      }
    }
    List<?> transactItems = request.getValueForField("TransactItems", List.class).orElse(null);
    if (transactItems != null) {
      items = transactItems.size();
      for (Object item : transactItems) {
        String table = transactTable(item);
        perItem.add(table);
        if (table != null) {
          names.add(table);
        }
      }
    }
    for (String statements : new String[] {"TransactStatements", "Statements"}) {
      List<?> list = request.getValueForField(statements, List.class).orElse(null);
      if (list != null) {
        items = list.size();
      }
    }
    request
        .getValueForField("Key", Map.class)
        .ifPresent(key -> key.keySet().forEach(name -> keyNames.add(String.valueOf(name))));
    this.tables = List.copyOf(names);
    this.itemTables = Collections.unmodifiableList(perItem);
    this.index = string(request, "IndexName").orElse(null);
    this.limit = request.getValueForField("Limit", Integer.class).orElse(null);
    this.segment = request.getValueForField("Segment", Integer.class).orElse(null);
    this.totalSegments = request.getValueForField("TotalSegments", Integer.class).orElse(null);
    this.consistentRead = request.getValueForField("ConsistentRead", Boolean.class).orElse(null);
    this.scanForward = request.getValueForField("ScanIndexForward", Boolean.class).orElse(null);
    this.select = string(request, "Select").orElse(null);
    this.projection = string(request, "ProjectionExpression").orElse(null);
    this.condition = string(request, "ConditionExpression").orElse(null);
    this.keyCondition = string(request, "KeyConditionExpression").orElse(null);
    this.filter = string(request, "FilterExpression").orElse(null);
    this.updateExpression = string(request, "UpdateExpression").orElse(null);
    this.keyAttributes = List.copyOf(keyNames);
    this.itemCount = items;
    this.putCount = puts;
    this.deleteCount = deletes;
  }

  static RequestFacts of(SdkRequest request) {
    return new RequestFacts(request);
  }

  /** The tables to tag a measurement of this request with: its tables, or {@code none}. */
  List<String> tableTags() {
    return tables.isEmpty() ? List.of(NO_TABLE) : tables;
  }

  /** The one table of a single-table request, or {@code null}. */
  String singleTable() {
    return tables.size() == 1 ? tables.get(0) : null;
  }

  /** A log-safe description: names, expressions and settings, never values. */
  String describe() {
    StringBuilder out = new StringBuilder();
    append(out, "tables", tables.isEmpty() ? null : tables);
    append(out, "index", index);
    append(out, "key_attributes", keyAttributes.isEmpty() ? null : keyAttributes);
    append(out, "key_condition", keyCondition);
    append(out, "condition", condition);
    append(out, "update", updateExpression);
    append(out, "filter", filter);
    append(out, "projection", projection);
    append(out, "limit", limit);
    append(out, "segment", segment);
    append(out, "total_segments", totalSegments);
    append(out, "consistent_read", consistentRead);
    append(out, "item_count", itemCount);
    append(out, "put_count", putCount);
    append(out, "delete_count", deleteCount);
    return out.toString();
  }

  private static void append(StringBuilder out, String name, Object value) {
    if (value == null) {
      return;
    }
    if (out.length() > 0) {
      out.append(' ');
    }
    out.append(name).append('=').append(value);
  }

  private static String transactTable(Object item) {
    if (item instanceof TransactWriteItem) {
      TransactWriteItem write = (TransactWriteItem) item;
      if (write.put() != null) {
        return write.put().tableName();
      }
      if (write.update() != null) {
        return write.update().tableName();
      }
      if (write.delete() != null) {
        return write.delete().tableName();
      }
      if (write.conditionCheck() != null) {
        return write.conditionCheck().tableName();
      }
    } else if (item instanceof TransactGetItem) {
      TransactGetItem get = (TransactGetItem) item;
      return get.get() == null ? null : get.get().tableName();
    }
    return null;
  }

  private static java.util.Optional<String> string(SdkRequest request, String field) {
    return request.getValueForField(field, String.class);
  }
}
