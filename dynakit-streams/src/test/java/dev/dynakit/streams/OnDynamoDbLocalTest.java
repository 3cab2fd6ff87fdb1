package dev.dynakit.streams;

import static dev.dynakit.streams.Rig.changes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.batch.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/** The consumer against Amazon's DynamoDB Local and its streams, for what depends on DynamoDB. */
class OnDynamoDbLocalTest {
  private final AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
  private final DynamoDbClient db = local.dynamoDbClient();

  OnDynamoDbLocalTest() {
    db.createTable(
        b ->
            b.tableName("orders")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  @AfterEach
  void stop() {
    local.shutdownNow();
  }

  private void put(String id, int v) {
    db.putItem(
        b ->
            b.tableName("orders")
                .item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN("" + v))));
  }

  @Test
  void boundedReadsGoOnWhereTheLastStopped() {
    Subscriptions subscriptions =
        new Subscriptions(
            db,
            local.dynamoDbStreamsClient(),
            Clock.systemUTC(),
            Sleeper.THREAD,
            Duration.ofMillis(10));
    put("a", 1);
    put("a", 2);
    put("b", 1);
    SubscribeRequest request =
        SubscribeRequest.of("orders").from(ShardIteratorType.TRIM_HORIZON).waiting(Duration.ZERO);
    assertThat(changes(subscriptions.subscribe(request.atMost(2)).events()))
        .containsExactly("INSERT a", "MODIFY a");
    db.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("a"))));
    SubscribeResult rest = subscriptions.subscribe(request);
    assertThat(changes(rest.events())).containsExactly("INSERT b", "REMOVE a");
    assertThat(rest.events().get(1).oldImage()).containsEntry("v", AttributeValue.fromN("2"));
    assertThat(rest.active()).isTrue();
  }

  @Test
  void theListenerDrainsAParentBeforeItsChildAfterARollOver() {
    List<StreamEvent> handled = new ArrayList<>();
    CheckpointStore checkpoints = CheckpointStore.inMemory();
    StreamListener listener =
        StreamListener.builder(db, local.dynamoDbStreamsClient())
            .table("orders")
            .checkpoints(checkpoints)
            .handler(handled::addAll)
            .build();
    put("a", 1);
    listener.catchUp();
    local.triggerShardRollovers();
    put("b", 1);
    listener.catchUp();
    assertThat(changes(handled)).containsExactly("INSERT a", "INSERT b");
    String parent = handled.get(0).shardId();
    assertThat(handled.get(1).shardId()).isNotEqualTo(parent);
    assertThat(checkpoints.read(handled.get(0).streamArn(), parent))
        .contains(CheckpointStore.SHARD_END);
  }

  @Test
  void leasesAreSharedThroughConditionalWrites() {
    LeaseTable.createTable(db, "leases");
    String arn = "arn:aws:dynamodb:ddblocal:000000000000:table/orders/stream/x";
    List<String> shards = List.of("s1", "s2", "s3");
    LeaseTable a = LeaseTable.builder(db, "leases").workerId("a").build();
    LeaseTable b = LeaseTable.builder(db, "leases").workerId("b").build();
    assertThat(a.balance(arn, shards).held()).hasSize(3);
    assertThat(b.balance(arn, shards).held()).isEmpty();
    LeaseTable.Balance aRound = a.balance(arn, shards);
    assertThat(aRound.surplus()).hasSize(1);
    aRound.surplus().forEach(shard -> a.release(arn, shard));
    assertThat(b.balance(arn, shards).held()).containsExactlyElementsOf(aRound.surplus());
  }
}
