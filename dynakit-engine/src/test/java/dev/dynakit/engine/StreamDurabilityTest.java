package dev.dynakit.engine;

import static dev.dynakit.engine.StreamsTest.item;
import static dev.dynakit.engine.StreamsTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Streams under concurrent writes, where each item's records follow the order of its writes, and on
 * a durable engine, whose records are kept in memory only (docs/compatibility.md).
 */
class StreamDurabilityTest {

  /** Every record of the stream's first shard, from its start. */
  static List<Record> all(DynamoDbStreamsClient streams, String arn) {
    String shard =
        streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator =
        streams
            .getShardIterator(
                b ->
                    b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = new ArrayList<>();
    while (true) {
      String current = iterator;
      var page = streams.getRecords(b -> b.shardIterator(current));
      if (page.records().isEmpty()) {
        return records;
      }
      records.addAll(page.records());
      iterator = page.nextShardIterator();
    }
  }

  @Test
  void concurrentWritesOfAnItemAreRecordedInTheOrderTheyWereMade() throws Exception {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      int threads = 4;
      int each = 250;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      ddb.updateItem(
                          b ->
                              b.tableName(table)
                                  .key(key("shared", 0))
                                  .updateExpression("ADD c :one")
                                  .expressionAttributeValues(
                                      Map.of(":one", AttributeValue.fromN("1"))));
                      int sk = thread * each + i + 1;
                      ddb.putItem(b -> b.tableName(table).item(item("own", sk, "x")));
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        pool.shutdownNow();
      }
      List<Record> records = all(engine.streamsClient(), StreamsTest.streamArn(ddb, table));
      assertThat(records).hasSize(2 * threads * each);
      List<Integer> counts = new ArrayList<>();
      String previous = "";
      for (Record record : records) {
        assertThat(record.dynamodb().sequenceNumber()).isGreaterThan(previous);
        previous = record.dynamodb().sequenceNumber();
        if (record.dynamodb().keys().get("pk").s().equals("shared")) {
          int count = Integer.parseInt(record.dynamodb().newImage().get("c").n());
          int before =
              record.dynamodb().hasOldImage()
                  ? Integer.parseInt(record.dynamodb().oldImage().get("c").n())
                  : 0;
          assertThat(count).isEqualTo(before + 1);
          counts.add(count);
        }
      }
      assertThat(counts).hasSize(threads * each).isSorted();
      assertThat(counts.get(counts.size() - 1)).isEqualTo(threads * each);
    }
  }

  @Test
  void aDurableEngineRecordsInMemoryAndStartsItsStreamsEmptyWhenReopened(@TempDir Path dir) {
    String table;
    String arn;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      arn = StreamsTest.streamArn(ddb, table);
      String name = table;
      ddb.putItem(b -> b.tableName(name).item(item("d", 1, "x")));
      ddb.deleteItem(b -> b.tableName(name).key(key("d", 1)));
      assertThat(all(engine.streamsClient(), arn)).hasSize(2);
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus())
          .isEqualTo(StreamStatus.ENABLED);
      assertThat(all(streams, arn)).as("records are not kept across a restart").isEmpty();
      String name = table;
      engine.client().putItem(b -> b.tableName(name).item(item("d", 2, "x")));
      assertThat(all(streams, arn)).hasSize(1);
    }
  }
}
