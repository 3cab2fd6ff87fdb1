package dev.dynakit.client.policy;

import dev.dynakit.client.partiql.PartiqlTables;
import dev.dynakit.client.partiql.TableArns;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Finds every table a request touches by walking the request's own field metadata, so nested places
 * are covered without one case per operation: each {@code *TableName} field (also inside
 * transaction items and import parameters) and the table keys of {@code RequestItems}, each a name
 * or a table ARN ({@link TableArns}), the table in DynamoDB ARNs ({@code table/NAME}, {@code
 * table/NAME/stream/...}, {@code .../backup/...}, {@code global-table/NAME}; a {@code ResourceArn}
 * naming none is unresolved), the table of a shard iterator, and the tables of PartiQL statements.
 * Attribute values are never looked into.
 */
final class RequestTables {
  private final Set<String> tables = new LinkedHashSet<>();
  private boolean statementWrites;
  private final List<String> unresolved = new ArrayList<>();

  private RequestTables() {}

  /** The tables {@code request} touches. */
  static RequestTables of(SdkPojo request) {
    RequestTables found = new RequestTables();
    found.walk(request);
    return found;
  }

  /** Every table named, in the order found. */
  Set<String> tables() {
    return tables;
  }

  /** Whether a PartiQL statement in the request may change data. */
  boolean statementWrites() {
    return statementWrites;
  }

  /**
   * Field names whose table could not be worked out (a statement naming no table, a shard iterator
   * without its stream ARN, a {@code ResourceArn} of no table): with a table allow-list in force
   * such a request is refused.
   */
  List<String> unresolved() {
    return unresolved;
  }

  private void walk(SdkPojo pojo) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value != null) {
        visit(field.memberName(), value);
      }
    }
  }

  private void visit(String name, Object value) {
    if (value instanceof AttributeValue) {
      return;
    }
    if (value instanceof SdkPojo) {
      walk((SdkPojo) value);
    } else if (value instanceof String) {
      visitString(name, (String) value);
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (name.equals("RequestItems")) {
        map.keySet().forEach(key -> tables.add(TableArns.tableOf(String.valueOf(key))));
      } else {
        map.values().forEach(element -> visit(name, element));
      }
    } else if (value instanceof List) {
      ((List<?>) value).forEach(element -> visit(name, element));
    }
  }

  private void visitString(String name, String value) {
    if (name.endsWith("TableName") && !name.startsWith("ExclusiveStart")) {
      tables.add(TableArns.tableOf(value));
    } else if (name.endsWith("Arn")) {
      String table = TableArns.tableOfArn(value);
      if (table != null) {
        tables.add(table);
      } else if (name.equals("ResourceArn")) {
        // The tag and resource-policy operations act on a DynamoDB resource: one whose table
        // cannot be told (a bare name, another service's ARN) is not let past an allow-list.
        unresolved.add(name);
      }
    } else if (name.equals("ShardIterator")) {
      String table = TableArns.tableOfArn(value.split("\\|", 2)[0]);
      if (table == null) {
        unresolved.add(name);
      } else {
        tables.add(table);
      }
    } else if (name.equals("Statement")) {
      List<String> named = PartiqlTables.of(value);
      statementWrites |= PartiqlTables.writes(value);
      if (named.isEmpty()) {
        unresolved.add(name);
      }
      tables.addAll(named);
    }
  }
}
