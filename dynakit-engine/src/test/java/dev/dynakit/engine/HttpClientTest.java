package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The engine through {@code httpClient()}: a stock SDK client, whole pipeline included, gets the
 * same answers and the same errors (with their modeled members) as the in-process client.
 */
class HttpClientTest {

  private static DynamoDbClient overHttp(DynakitEngine engine) {
    return DynamoDbClient.builder()
        .httpClient(engine.httpClient())
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .build();
  }

  private static final List<Function<DynamoDbClient, Object>> SCENARIO =
      List.of(
          c ->
              c.createTable(
                      b ->
                          b.tableName("http")
                              .attributeDefinitions(
                                  a -> a.attributeName("pk").attributeType("S"),
                                  a -> a.attributeName("sk").attributeType("N"))
                              .keySchema(
                                  k -> k.attributeName("pk").keyType(KeyType.HASH),
                                  k -> k.attributeName("sk").keyType(KeyType.RANGE))
                              .billingMode("PAY_PER_REQUEST"))
                  .tableDescription()
                  .keySchema(),
          c -> {
            for (int i = 0; i < 5; i++) {
              int sort = i;
              c.putItem(
                  b ->
                      b.tableName("http")
                          .item(
                              Map.of(
                                  "pk", AttributeValue.fromS("p"),
                                  "sk", AttributeValue.fromN(Integer.toString(sort)),
                                  "bin",
                                      AttributeValue.fromB(
                                          software.amazon.awssdk.core.SdkBytes.fromUtf8String("é")),
                                  "list",
                                      AttributeValue.fromL(
                                          List.of(AttributeValue.fromNul(true))))));
            }
            return "loaded";
          },
          c ->
              c.query(
                      b ->
                          b.tableName("http")
                              .keyConditionExpression("pk = :p AND sk >= :s")
                              .expressionAttributeValues(
                                  Map.of(
                                      ":p",
                                      AttributeValue.fromS("p"),
                                      ":s",
                                      AttributeValue.fromN("2")))
                              .limit(2))
                  .toString(),
          c ->
              c.putItem(
                  b ->
                      b.tableName("http")
                          .item(
                              Map.of(
                                  "pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1")))
                          .conditionExpression("attribute_not_exists(pk)")
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD)),
          c ->
              c.transactWriteItems(
                  b ->
                      b.transactItems(
                          t ->
                              t.conditionCheck(
                                  k ->
                                      k.tableName("http")
                                          .key(
                                              Map.of(
                                                  "pk",
                                                  AttributeValue.fromS("p"),
                                                  "sk",
                                                  AttributeValue.fromN("9")))
                                          .conditionExpression("attribute_exists(pk)")))),
          c -> c.getItem(b -> b.tableName("http").key(Map.of("pk", AttributeValue.fromS("p")))),
          c -> c.describeTable(b -> b.tableName("missing")),
          c -> c.describeTableReplicaAutoScaling(b -> b.tableName("http")),
          c -> c.scanPaginator(b -> b.tableName("http").limit(2)).items().stream().count());

  @Test
  void aStockSdkClientOverHttpAnswersAsTheInProcessClient() {
    try (DynakitEngine direct = DynakitEngine.inMemory();
        DynakitEngine viaHttp = DynakitEngine.inMemory()) {
      DynamoDbClient http = overHttp(viaHttp);
      for (Function<DynamoDbClient, Object> step : SCENARIO) {
        assertThat(outcome(http, step)).isEqualTo(outcome(direct.client(), step));
      }
    }
  }

  private static Object outcome(DynamoDbClient client, Function<DynamoDbClient, Object> step) {
    try {
      return step.apply(client);
    } catch (DynamoDbException e) {
      Object members =
          e instanceof ConditionalCheckFailedException failed
              ? failed.item()
              : e instanceof TransactionCanceledException cancelled
                  ? cancelled.cancellationReasons()
                  : null;
      return Arrays.asList(
          e.getClass().getSimpleName(),
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage(),
          e.statusCode(),
          members);
    }
  }
}
