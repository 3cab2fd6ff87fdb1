package dev.dynakit.bench;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TableWarmThroughputDescription;

/**
 * The start-up floor: a {@link DynamoDbClient} that stores nothing and answers CreateTable and
 * PutItem with the response objects a database would give (the same model classes the engine builds
 * for an on-demand table). The time to its first answer is what the SDK's own model classes cost
 * any target measured by {@link Probe#startup}: the caller's requests and the answers' classes.
 */
final class SdkOnlyClient implements DynamoDbClient {
  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    Instant now = Instant.now();
    return CreateTableResponse.builder()
        .tableDescription(
            TableDescription.builder()
                .attributeDefinitions(request.attributeDefinitions())
                .tableName(request.tableName())
                .keySchema(request.keySchema())
                .tableStatus(TableStatus.ACTIVE)
                .creationDateTime(now)
                .provisionedThroughput(
                    ProvisionedThroughputDescription.builder()
                        .numberOfDecreasesToday(0L)
                        .readCapacityUnits(0L)
                        .writeCapacityUnits(0L)
                        .build())
                .tableSizeBytes(0L)
                .itemCount(0L)
                .deletionProtectionEnabled(false)
                .billingModeSummary(
                    BillingModeSummary.builder()
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .lastUpdateToPayPerRequestDateTime(now)
                        .build())
                .tableArn("arn:aws:dynamodb:us-east-1:000000000000:table/" + request.tableName())
                .tableId(
                    new UUID(
                            ThreadLocalRandom.current().nextLong(),
                            ThreadLocalRandom.current().nextLong())
                        .toString())
                .warmThroughput(
                    TableWarmThroughputDescription.builder()
                        .readUnitsPerSecond(12_000L)
                        .writeUnitsPerSecond(4_000L)
                        .status(TableStatus.ACTIVE)
                        .build())
                .build())
        .build();
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return PutItemResponse.builder().build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
