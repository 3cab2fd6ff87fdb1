package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.server.DynakitServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The SDK's asynchronous client on its Netty HTTP client against {@code DynakitServer}: many
 * requests in flight at once over pooled, kept-alive connections, and DynamoDB's errors arriving as
 * the SDK's typed exceptions.
 */
class AsyncClientTest {
  private static final long SECONDS = 60;

  @Test
  void aScenarioRunsWithManyRequestsInFlight() throws Exception {
    try (DynakitServer server = DynakitServer.builder().port(0).build().start();
        DynamoDbAsyncClient ddb =
            DynamoDbAsyncClient.builder()
                .httpClient(NettyNioAsyncHttpClient.builder().maxConcurrency(16).build())
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build()) {
      ddb.createTable(
              b ->
                  b.tableName("events")
                      .attributeDefinitions(
                          a -> a.attributeName("pk").attributeType("S"),
                          a -> a.attributeName("sk").attributeType("N"))
                      .keySchema(
                          k -> k.attributeName("pk").keyType("HASH"),
                          k -> k.attributeName("sk").keyType("RANGE"))
                      .billingMode("PAY_PER_REQUEST"))
          .get(SECONDS, TimeUnit.SECONDS);

      List<CompletableFuture<?>> puts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        puts.add(
            ddb.putItem(
                b ->
                    b.tableName("events")
                        .item(
                            Map.of(
                                "pk", AttributeValue.fromS("p" + (n % 4)),
                                "sk", AttributeValue.fromN(Integer.toString(n)),
                                "body", AttributeValue.fromS("event " + n)))));
      }
      CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0]))
          .get(SECONDS, TimeUnit.SECONDS);

      QueryResponse page =
          ddb.query(
                  b ->
                      b.tableName("events")
                          .keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                          .expressionAttributeValues(
                              Map.of(
                                  ":p", AttributeValue.fromS("p1"),
                                  ":lo", AttributeValue.fromN("0"),
                                  ":hi", AttributeValue.fromN("20"))))
              .get(SECONDS, TimeUnit.SECONDS);
      assertThat(page.items())
          .extracting(item -> item.get("sk").n())
          .containsExactly("1", "5", "9", "13", "17");

      assertThat(
              ddb.scan(b -> b.tableName("events").select("COUNT"))
                  .get(SECONDS, TimeUnit.SECONDS)
                  .count())
          .isEqualTo(200);

      CompletableFuture<?> refused =
          ddb.putItem(
              b ->
                  b.tableName("events")
                      .item(
                          Map.of(
                              "pk", AttributeValue.fromS("p0"),
                              "sk", AttributeValue.fromN("0")))
                      .conditionExpression("attribute_not_exists(pk)"));
      assertThatThrownBy(refused::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(ConditionalCheckFailedException.class)
          .hasMessageContaining("The conditional request failed")
          .hasMessageContaining("Status Code: 400");
    }
  }
}
