package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.Endpoint;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DescribeLimits on the engine, in-process and over HTTP, answered as Amazon DynamoDB Local answers
 * it; DescribeEndpoints, which DynamoDB Local refuses, answered as the API reference describes it
 * (docs/compatibility.md).
 */
class AccountLimitsTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.builder().region("eu-west-1").build();
  private static final DynakitEngine HTTP_ENGINE =
      DynakitEngine.builder().region("eu-west-1").build();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ENGINES = List.of(ENGINE.client(), HTTP);

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  @Test
  void describeLimitsAnswersAwsDefaultQuotasAsDynamoDbLocal() {
    Object reference = Targets.outcome(REFERENCE, ddb -> ddb.describeLimits(b -> {}));
    assertThat(reference)
        .isEqualTo(
            Targets.canonical(
                DescribeLimitsResponse.builder()
                    .accountMaxReadCapacityUnits(80_000L)
                    .accountMaxWriteCapacityUnits(80_000L)
                    .tableMaxReadCapacityUnits(40_000L)
                    .tableMaxWriteCapacityUnits(40_000L)
                    .build()));
    for (DynamoDbClient client : ENGINES) {
      assertThat(Targets.outcome(client, ddb -> ddb.describeLimits(b -> {}))).isEqualTo(reference);
    }
  }

  @Test
  void describeEndpointsAnswersTheRegionalEndpointAsTheApiReferenceSays() {
    // DynamoDB Local refuses the operation (docs/compatibility.md).
    assertThat(Targets.outcome(REFERENCE, ddb -> ddb.describeEndpoints(b -> {})))
        .isEqualTo(
            List.of(
                "DynamoDbException",
                "InvalidAction",
                "Endpoint operations are not supported in LocalDynamoDB"));
    for (DynamoDbClient client : ENGINES) {
      DescribeEndpointsResponse response = client.describeEndpoints(b -> {});
      assertThat(response.endpoints())
          .containsExactly(
              Endpoint.builder()
                  .address("dynamodb.eu-west-1.amazonaws.com")
                  .cachePeriodInMinutes(1440L)
                  .build());
    }
    try (DynakitEngine defaults = DynakitEngine.inMemory()) {
      assertThat(defaults.client().describeEndpoints(b -> {}).endpoints())
          .extracting(Endpoint::address)
          .containsExactly("dynamodb.us-east-1.amazonaws.com");
    }
  }
}
