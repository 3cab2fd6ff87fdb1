package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One server, several regions: a request signed for a region that holds replicas of global tables
 * is answered by that region; any other by the server's own.
 */
class RegionsOverServerTest {
  private static DynamoDbClient client(DynakitServer server, Region region) {
    return DynamoDbClient.builder()
        .endpointOverride(server.endpoint())
        .region(region)
        .httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
        .build();
  }

  @Test
  void aRequestSignedForAReplicaRegionIsAnsweredThere() {
    try (DynakitEngine engine = DynakitEngine.inMemory();
        DynakitServer server = DynakitServer.builder().port(0).engine(engine).build().start();
        DynamoDbClient east = client(server, Region.US_EAST_1);
        DynamoDbClient west = client(server, Region.EU_WEST_1);
        DynamoDbClient elsewhere = client(server, Region.AP_SOUTH_1)) {
      east.createTable(
          t ->
              t.tableName("orders")
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(d -> d.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .streamSpecification(
                      s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
      assertThat(west.listTables().tableNames()).containsExactly("orders");
      east.updateTable(
          t -> t.tableName("orders").replicaUpdates(r -> r.create(c -> c.regionName("eu-west-1"))));
      west.putItem(
          t -> t.tableName("orders").item(Map.of("id", AttributeValue.fromS("from-west"))));
      assertThat(west.describeTable(t -> t.tableName("orders")).table().tableArn())
          .startsWith("arn:aws:dynamodb:eu-west-1:");
      engine.awaitReplication();
      assertThat(
              east.getItem(
                      t ->
                          t.tableName("orders")
                              .key(Map.of("id", AttributeValue.fromS("from-west"))))
                  .item())
          .isNotEmpty();
      assertThat(elsewhere.describeTable(t -> t.tableName("orders")).table().tableArn())
          .startsWith("arn:aws:dynamodb:us-east-1:");
    }
  }
}
