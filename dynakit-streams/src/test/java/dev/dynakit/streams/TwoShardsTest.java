package dev.dynakit.streams;

import static dev.dynakit.streams.Rig.changes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream with two shards open at once, as DynamoDB has for busy tables: the shards of two real
 * engine tables' streams shown as one stream (the engine keeps one open shard per table, so two
 * open shards of one stream cannot be had from it directly). A handler failing on one shard holds
 * the other back in no way.
 */
class TwoShardsTest {
  private static final String MERGED =
      "arn:aws:dynamodb:us-east-1:000000000000:table/both/stream/x";
  private final Rig rig = new Rig();

  TwoShardsTest() {
    rig.table("left");
    rig.table("right");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aShardWhoseHandlerFailsHoldsNoOtherBack() throws Exception {
    for (int i = 0; i < 5; i++) {
      rig.put("left", "l" + i, i);
      rig.put("right", "r" + i, i);
    }
    CountDownLatch rightDone = new CountDownLatch(5);
    CountDownLatch leftGivenUp = new CountDownLatch(1);
    List<String> right = Collections.synchronizedList(new ArrayList<>());
    DeadLetterStore.InMemory letters = DeadLetterStore.inMemory();
    StreamListener listener =
        StreamListener.builder(new OneTable(), new Merged())
            .table("both")
            .pollInterval(Duration.ofMillis(5))
            .retries(1, Duration.ofMillis(1), Duration.ofMillis(1))
            .deadLetters(
                letter -> {
                  letters.put(letter);
                  leftGivenUp.countDown();
                })
            .handler(
                events -> {
                  if (events.get(0).shardId().startsWith("left:")) {
                    // Blocks until the other shard is done: a listener that read shards one
                    // after the other would never get there.
                    rightDone.await(30, TimeUnit.SECONDS);
                    throw new IllegalStateException("left is broken");
                  }
                  right.addAll(changes(events));
                  events.forEach(e -> rightDone.countDown());
                })
            .build();
    listener.start();
    assertThat(rightDone.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(right)
        .containsExactly("INSERT r0", "INSERT r1", "INSERT r2", "INSERT r3", "INSERT r4");
    assertThat(leftGivenUp.await(20, TimeUnit.SECONDS)).isTrue();
    listener.close();
    assertThat(letters.letters()).hasSize(1);
    assertThat(changes(letters.letters().get(0).events()))
        .containsExactly("INSERT l0", "INSERT l1", "INSERT l2", "INSERT l3", "INSERT l4");
  }

  private String arnOf(String table) {
    return rig.db().describeTable(b -> b.tableName(table)).table().latestStreamArn();
  }

  /** Names the merged stream as the table's latest stream. */
  private final class OneTable implements DynamoDbClient {
    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
      return DescribeTableResponse.builder()
          .table(t -> t.tableName(request.tableName()).latestStreamArn(MERGED))
          .build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  /** The shards of the left and right tables' streams as one stream's. */
  private final class Merged implements DynamoDbStreamsClient {
    private final DynamoDbStreamsClient real = rig.engine.streamsClient();

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
      List<Shard> shards = new ArrayList<>();
      for (String table : List.of("left", "right")) {
        for (Shard shard :
            real.describeStream(b -> b.streamArn(arnOf(table))).streamDescription().shards()) {
          shards.add(shard.toBuilder().shardId(table + ":" + shard.shardId()).build());
        }
      }
      return DescribeStreamResponse.builder()
          .streamDescription(
              StreamDescription.builder()
                  .streamArn(MERGED)
                  .streamStatus("ENABLED")
                  .shards(shards)
                  .build())
          .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
      String[] tableAndShard = request.shardId().split(":", 2);
      String iterator =
          real.getShardIterator(
                  request.toBuilder()
                      .streamArn(arnOf(tableAndShard[0]))
                      .shardId(tableAndShard[1])
                      .build())
              .shardIterator();
      return GetShardIteratorResponse.builder()
          .shardIterator(tableAndShard[0] + "|" + iterator)
          .build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      String[] tableAndIterator = request.shardIterator().split("\\|", 2);
      GetRecordsResponse response =
          real.getRecords(request.toBuilder().shardIterator(tableAndIterator[1]).build());
      return response.toBuilder()
          .nextShardIterator(
              response.nextShardIterator() == null
                  ? null
                  : tableAndIterator[0] + "|" + response.nextShardIterator())
          .build();
    }

    @Override
    public String serviceName() {
      return "streams.dynamodb";
    }

    @Override
    public void close() {}
  }
}
