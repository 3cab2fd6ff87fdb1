package dev.dynakit.conformance;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A generated table: its name, a partition key and maybe a sort key (S, N or B), and its billing
 * mode. No secondary indexes.
 */
record TableShape(
    String name,
    String hashName,
    ScalarAttributeType hashType,
    String rangeName,
    ScalarAttributeType rangeType,
    boolean onDemand) {

  boolean hasRange() {
    return rangeName != null;
  }

  List<String> keyNames() {
    return hasRange() ? List.of(hashName, rangeName) : List.of(hashName);
  }

  CreateTableRequest createRequest() {
    List<AttributeDefinition> definitions = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    definitions.add(
        AttributeDefinition.builder().attributeName(hashName).attributeType(hashType).build());
    schema.add(KeySchemaElement.builder().attributeName(hashName).keyType(KeyType.HASH).build());
    if (hasRange()) {
      definitions.add(
          AttributeDefinition.builder().attributeName(rangeName).attributeType(rangeType).build());
      schema.add(
          KeySchemaElement.builder().attributeName(rangeName).keyType(KeyType.RANGE).build());
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .attributeDefinitions(definitions)
            .keySchema(schema);
    return onDemand
        ? request.billingMode(BillingMode.PAY_PER_REQUEST).build()
        : request
            .billingMode(BillingMode.PROVISIONED)
            .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
            .build();
  }
}
