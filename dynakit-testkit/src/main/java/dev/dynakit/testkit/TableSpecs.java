package dev.dynakit.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** Turns a {@link DynakitTable} into the CreateTable request it stands for. */
final class TableSpecs {
  private TableSpecs() {}

  static CreateTableRequest request(DynakitTable table) {
    Map<String, String> definitions = new LinkedHashMap<>();
    List<KeySchemaElement> keySchema =
        keys(table, "pk", table.pk(), "sk", table.sk().isEmpty() ? null : table.sk(), definitions);
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (String gsi : table.gsi()) {
      int equals = gsi.indexOf('=');
      String[] parts = equals <= 0 ? new String[0] : gsi.substring(equals + 1).split(",", -1);
      if (parts.length < 1 || parts.length > 2) {
        throw wrong(table, "gsi", gsi, "expected INDEX=PK:TYPE[,SK:TYPE]");
      }
      indexes.add(
          GlobalSecondaryIndex.builder()
              .indexName(gsi.substring(0, equals))
              .keySchema(
                  keys(
                      table,
                      "gsi",
                      parts[0],
                      "gsi",
                      parts.length > 1 ? parts[1] : null,
                      definitions))
              .projection(p -> p.projectionType(ProjectionType.ALL))
              .build());
    }
    List<AttributeDefinition> attributes = new ArrayList<>();
    definitions.forEach(
        (name, type) ->
            attributes.add(
                AttributeDefinition.builder().attributeName(name).attributeType(type).build()));
    return CreateTableRequest.builder()
        .tableName(table.name())
        .keySchema(keySchema)
        .attributeDefinitions(attributes)
        .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  private static List<KeySchemaElement> keys(
      DynakitTable table,
      String hashAttribute,
      String hash,
      String rangeAttribute,
      String range,
      Map<String, String> definitions) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(key(table, hashAttribute, hash, KeyType.HASH, definitions));
    if (range != null) {
      schema.add(key(table, rangeAttribute, range, KeyType.RANGE, definitions));
    }
    return schema;
  }

  private static KeySchemaElement key(
      DynakitTable table,
      String attribute,
      String text,
      KeyType keyType,
      Map<String, String> definitions) {
    int colon = text.lastIndexOf(':');
    String type = colon <= 0 ? "" : text.substring(colon + 1).toUpperCase(Locale.ROOT);
    if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
      throw wrong(table, attribute, text, "expected NAME:TYPE with TYPE S, N or B, such as id:S");
    }
    String name = text.substring(0, colon);
    String known = definitions.putIfAbsent(name, type);
    if (known != null && !known.equals(type)) {
      throw wrong(table, attribute, text, "'" + name + "' is already declared with type " + known);
    }
    return KeySchemaElement.builder().attributeName(name).keyType(keyType).build();
  }

  private static ExtensionConfigurationException wrong(
      DynakitTable table, String attribute, String value, String problem) {
    return new ExtensionConfigurationException(
        "@DynakitTable(name = \""
            + table.name()
            + "\"): "
            + attribute
            + " = \""
            + value
            + "\": "
            + problem);
  }
}
