package dev.dynakit.client.observability;

import dev.dynakit.client.partiql.PartiqlTables;
import dev.dynakit.client.partiql.TableArns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a request says about itself that is safe to record: the tables it touches, index, paging and
 * read settings, expression texts and the names (never the values) of its key attributes. Read
 * generically through the SDK's field names, so every DynamoDB operation is covered.
 */
final class RequestFacts {
  /** The table tag of requests that name no table (ListTables, a statement naming none). */
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
    Shape shape = shape(request);
    String table = shape.tableName ? TableArns.tableOf(string(request, "TableName")) : null;
    Map<?, ?> key = shape.key ? request.getValueForField("Key", Map.class).orElse(null) : null;
    Map<?, ?> requestItems =
        shape.requestItems
            ? request.getValueForField("RequestItems", Map.class).orElse(null)
            : null;
    List<?> transactItems =
        shape.transactItems
            ? request.getValueForField("TransactItems", List.class).orElse(null)
            : null;
    Integer items = null;
    Integer puts = null;
    Integer deletes = null;
    List<String> perItem = List.of();
    List<String> found;
    if (requestItems == null && transactItems == null) {
      // A single-table request (or one naming no table): no sets needed.
      found = table == null ? List.of() : List.of(table);
      this.keyAttributes = key == null ? List.of() : keyNames(key);
    } else {
      Set<String> names = new LinkedHashSet<>();
      Set<String> keyNames = new TreeSet<>();
      if (table != null) {
        names.add(table);
      }
      if (requestItems != null) {
        int count = 0;
        int putTotal = 0;
        int deleteTotal = 0;
        for (Map.Entry<?, ?> entry : requestItems.entrySet()) {
          names.add(TableArns.tableOf(String.valueOf(entry.getKey())));
          Object value = entry.getValue();
          if (value instanceof KeysAndAttributes) {
            List<? extends Map<String, ?>> keys = ((KeysAndAttributes) value).keys();
            count += keys.size();
            keys.forEach(each -> keyNames.addAll(each.keySet()));
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
      if (transactItems != null) {
        items = transactItems.size();
        List<String> tablesPerItem = new ArrayList<>(transactItems.size());
        for (Object item : transactItems) {
          String itemTable = TableArns.tableOf(transactTable(item));
          tablesPerItem.add(itemTable);
          if (itemTable != null) {
            names.add(itemTable);
          }
        }
        perItem = Collections.unmodifiableList(tablesPerItem);
      }
      if (key != null) {
        key.keySet().forEach(name -> keyNames.add(String.valueOf(name)));
      }
      found = List.copyOf(names);
      this.keyAttributes = List.copyOf(keyNames);
    }
    if (shape.statement || shape.statements || shape.transactStatements) {
      Set<String> named = new LinkedHashSet<>(found);
      if (shape.statement) {
        named.addAll(PartiqlTables.of(string(request, "Statement")));
      }
      List<?> list = null;
      if (shape.transactStatements) {
        list = request.getValueForField("TransactStatements", List.class).orElse(null);
      }
      if (list == null && shape.statements) {
        list = request.getValueForField("Statements", List.class).orElse(null);
      }
      if (list != null) {
        items = list.size();
        for (Object each : list) {
          named.addAll(PartiqlTables.of(statementOf(each)));
        }
      }
      found = List.copyOf(named);
    }
    this.tables = found;
    this.itemTables = perItem;
    this.index = shape.indexName ? string(request, "IndexName") : null;
    this.limit = shape.limit ? integer(request, "Limit") : null;
    this.segment = shape.segment ? integer(request, "Segment") : null;
    this.totalSegments = shape.totalSegments ? integer(request, "TotalSegments") : null;
    this.consistentRead = shape.consistentRead ? bool(request, "ConsistentRead") : null;
    this.scanForward = shape.scanIndexForward ? bool(request, "ScanIndexForward") : null;
    this.select = shape.select ? string(request, "Select") : null;
    this.projection = shape.projectionExpression ? string(request, "ProjectionExpression") : null;
    this.condition = shape.conditionExpression ? string(request, "ConditionExpression") : null;
    this.keyCondition =
        shape.keyConditionExpression ? string(request, "KeyConditionExpression") : null;
    this.filter = shape.filterExpression ? string(request, "FilterExpression") : null;
    this.updateExpression = shape.updateExpression ? string(request, "UpdateExpression") : null;
    this.itemCount = items;
    this.putCount = puts;
    this.deleteCount = deletes;
  }

  /** The names of a key's attributes, sorted. */
  private static List<String> keyNames(Map<?, ?> key) {
    if (key.isEmpty()) {
      return List.of();
    }
    if (key.size() == 1) {
      return List.of(String.valueOf(key.keySet().iterator().next()));
    }
    Set<String> names = new TreeSet<>();
    key.keySet().forEach(name -> names.add(String.valueOf(name)));
    return List.copyOf(names);
  }

  /** Which of the fields read here a request type has, worked out once per type. */
  private static final class Shape {
    final boolean tableName;
    final boolean key;
    final boolean requestItems;
    final boolean transactItems;
    final boolean transactStatements;
    final boolean statements;
    final boolean statement;
    final boolean indexName;
    final boolean limit;
    final boolean segment;
    final boolean totalSegments;
    final boolean consistentRead;
    final boolean scanIndexForward;
    final boolean select;
    final boolean projectionExpression;
    final boolean conditionExpression;
    final boolean keyConditionExpression;
    final boolean filterExpression;
    final boolean updateExpression;

    Shape(List<SdkField<?>> sdkFields) {
      Set<String> fields = new java.util.HashSet<>();
      for (SdkField<?> field : sdkFields) {
        fields.add(field.memberName());
      }
      // A type whose fields cannot be listed is read in full, as before.
      boolean all = fields.isEmpty();
      tableName = all || fields.contains("TableName");
      key = all || fields.contains("Key");
      requestItems = all || fields.contains("RequestItems");
      transactItems = all || fields.contains("TransactItems");
      transactStatements = all || fields.contains("TransactStatements");
      statements = all || fields.contains("Statements");
      statement = all || fields.contains("Statement");
      indexName = all || fields.contains("IndexName");
      limit = all || fields.contains("Limit");
      segment = all || fields.contains("Segment");
      totalSegments = all || fields.contains("TotalSegments");
      consistentRead = all || fields.contains("ConsistentRead");
      scanIndexForward = all || fields.contains("ScanIndexForward");
      select = all || fields.contains("Select");
      projectionExpression = all || fields.contains("ProjectionExpression");
      conditionExpression = all || fields.contains("ConditionExpression");
      keyConditionExpression = all || fields.contains("KeyConditionExpression");
      filterExpression = all || fields.contains("FilterExpression");
      updateExpression = all || fields.contains("UpdateExpression");
    }
  }

  /** Field lists per request type: a few dozen entries at most, one per DynamoDB operation. */
  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private static Shape shape(SdkRequest request) {
    Shape shape = SHAPES.get(request.getClass());
    if (shape == null) {
      shape = new Shape(request.sdkFields());
      SHAPES.put(request.getClass(), shape);
    }
    return shape;
  }

  /** The text of one statement of a batch or a transaction. */
  private static String statementOf(Object each) {
    if (each instanceof BatchStatementRequest) {
      return ((BatchStatementRequest) each).statement();
    }
    if (each instanceof ParameterizedStatement) {
      return ((ParameterizedStatement) each).statement();
    }
    return null;
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

  private static String string(SdkRequest request, String field) {
    return request.getValueForField(field, String.class).orElse(null);
  }

  private static Integer integer(SdkRequest request, String field) {
    return request.getValueForField(field, Integer.class).orElse(null);
  }

  private static Boolean bool(SdkRequest request, String field) {
    return request.getValueForField(field, Boolean.class).orElse(null);
  }
}
