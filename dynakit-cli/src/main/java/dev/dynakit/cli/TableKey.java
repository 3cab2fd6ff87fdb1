package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** A table's key attributes and their types, partition key first, read with DescribeTable. */
final class TableKey {
  private TableKey() {}

  static Map<String, String> of(Dynakit dynakit, String table) {
    TableDescription description = dynakit.sdk().describeTable(b -> b.tableName(table)).table();
    Map<String, String> types = new LinkedHashMap<>();
    for (KeySchemaElement key : description.keySchema()) {
      for (AttributeDefinition definition : description.attributeDefinitions()) {
        if (definition.attributeName().equals(key.attributeName())) {
          types.put(key.attributeName(), definition.attributeTypeAsString());
        }
      }
    }
    return types;
  }
}
