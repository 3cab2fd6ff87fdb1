package dev.dynakit.client.table;

import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.mapping.ItemSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** CreateTable for a mapped type, and creating a table only if it is missing. */
final class TableCreation {
  private TableCreation() {}

  /**
   * The request for a table of {@code schema}'s type: on-demand capacity, its key, and global
   * indexes projecting all attributes.
   */
  static CreateTableRequest request(String name, ItemSchema<?> schema, GlobalIndex... indexes) {
    Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
    definitions.put(
        schema.partitionKeyAttribute(),
        AttributeDefinition.builder()
            .attributeName(schema.partitionKeyAttribute())
            .attributeType(schema.partitionKeyType())
            .build());
    List<KeySchemaElement> key = new ArrayList<>();
    key.add(element(schema.partitionKeyAttribute(), KeyType.HASH));
    schema
        .sortKeyAttribute()
        .ifPresent(
            sort -> {
              definitions.put(
                  sort,
                  AttributeDefinition.builder()
                      .attributeName(sort)
                      .attributeType(schema.sortKeyType().orElseThrow())
                      .build());
              key.add(element(sort, KeyType.RANGE));
            });
    List<GlobalSecondaryIndex> globals = new ArrayList<>();
    for (GlobalIndex index : indexes) {
      List<KeySchemaElement> indexKey = new ArrayList<>();
      define(definitions, schema, index.partitionKey());
      indexKey.add(element(index.partitionKey(), KeyType.HASH));
      index
          .sortKey()
          .ifPresent(
              sort -> {
                define(definitions, schema, sort);
                indexKey.add(element(sort, KeyType.RANGE));
              });
      globals.add(
          GlobalSecondaryIndex.builder()
              .indexName(index.name())
              .keySchema(indexKey)
              .projection(p -> p.projectionType(ProjectionType.ALL))
              .build());
    }
    return CreateTableRequest.builder()
        .tableName(name)
        .attributeDefinitions(definitions.values())
        .keySchema(key)
        .globalSecondaryIndexes(globals.isEmpty() ? null : globals)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  private static void define(
      Map<String, AttributeDefinition> definitions, ItemSchema<?> schema, String attribute) {
    definitions.computeIfAbsent(
        attribute,
        a ->
            AttributeDefinition.builder()
                .attributeName(a)
                .attributeType(GlobalIndex.typeOf(schema.attributeType(a)))
                .build());
  }

  private static KeySchemaElement element(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }

  /** See {@link DynakitTable#createTableIfMissing(DynamoDbClient, CreateTableRequest)}. */
  static Optional<TableDescription> createIfMissing(
      DynamoDbClient sdk, CreateTableRequest request) {
    try {
      sdk.createTable(request);
    } catch (RuntimeException e) {
      boolean exists =
          e instanceof ResourceInUseException
              || e instanceof ServiceException
                  && ((ServiceException) e).kind() == ServiceException.Kind.RESOURCE_IN_USE;
      if (!exists) {
        throw e;
      }
      return Optional.empty();
    }
    TableDescription created;
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(sdk).build()) {
      created =
          waiter
              .waitUntilTableExists(b -> b.tableName(request.tableName()))
              .matched()
              .response()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "table " + request.tableName() + " did not become ACTIVE"))
              .table();
    }
    if (created.tableStatus() != TableStatus.ACTIVE) {
      throw new IllegalStateException(
          "table " + request.tableName() + " is " + created.tableStatusAsString());
    }
    return Optional.of(created);
  }
}
