package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A stock DynamoDbStreamsClient reads a table's stream from the server over real HTTP. */
class StreamsOverServerTest {
  private static DynakitServer server;
  private static DynamoDbClient ddb;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void start() {
    server = DynakitServer.builder().port(0).build().start();
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"));
    ddb =
        DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .build();
    streams =
        DynamoDbStreamsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .build();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streams.close();
    server.close();
  }

  @Test
  void theStreamsApiIsServed() {
    ddb.createTable(
        b ->
            b.tableName("streamed")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    Map<String, AttributeValue> item =
        Map.of("id", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1"));
    ddb.putItem(b -> b.tableName("streamed").item(item));
    ddb.deleteItem(b -> b.tableName("streamed").key(Map.of("id", AttributeValue.fromS("a"))));

    String arn = streams.listStreams(b -> b.tableName("streamed")).streams().get(0).streamArn();
    String shard =
        streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                b -> b.streamArn(arn).shardId(shard).shardIteratorType("TRIM_HORIZON"))
            .shardIterator();
    List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();

    assertThat(records)
        .extracting(Record::eventName)
        .containsExactly(OperationType.INSERT, OperationType.REMOVE);
    assertThat(records.get(0).dynamodb().newImage()).isEqualTo(item);
    assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item);
    assertThat(records.get(0).dynamodb().approximateCreationDateTime()).isNotNull();
    assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn + "x")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Requested resource not found: Stream: " + arn + "x not found");
  }
}
