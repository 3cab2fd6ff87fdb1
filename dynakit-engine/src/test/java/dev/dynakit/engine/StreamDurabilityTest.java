package dev.dynakit.engine;

import static dev.dynakit.engine.StreamsTest.item;
import static dev.dynakit.engine.StreamsTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.TransactionsTest.MutableClock;
import dev.dynakit.engine.storage.DurableStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Streams under concurrent writes, where each item's records follow the order of its writes, and on
 * a durable engine, which keeps its streams' shards and records across a restart (docs/streams.md).
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

  /** Every record of every shard of the stream, parents before children, from the start. */
  static List<Record> everything(DynamoDbStreamsClient streams, String arn) {
    List<Record> records = new ArrayList<>();
    for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
      records.addAll(read(streams, arn, shard.shardId(), ShardIteratorType.TRIM_HORIZON, null));
    }
    return records;
  }

  /** The records of one shard from an iterator of that type, until the shard ends or runs dry. */
  static List<Record> read(
      DynamoDbStreamsClient streams,
      String arn,
      String shard,
      ShardIteratorType type,
      String sequenceNumber) {
    String iterator =
        streams
            .getShardIterator(
                b ->
                    b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(type)
                        .sequenceNumber(sequenceNumber))
            .shardIterator();
    List<Record> records = new ArrayList<>();
    while (iterator != null) {
      String current = iterator;
      var page = streams.getRecords(b -> b.shardIterator(current));
      if (page.records().isEmpty()) {
        return records;
      }
      records.addAll(page.records());
      iterator = page.nextShardIterator();
    }
    return records;
  }

  @Test
  void aDurableEngineKeepsItsStreamRecordsAcrossARestart(@TempDir Path dir) {
    String table;
    String arn;
    List<Record> before;
    List<Shard> shards;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      table = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      arn = StreamsTest.streamArn(ddb, table);
      String name = table;
      ddb.putItem(b -> b.tableName(name).item(item("d", 1, "x")));
      ddb.putItem(b -> b.tableName(name).item(item("d", 1, "y")));
      ddb.putItem(b -> b.tableName(name).item(item("d", 2, "z")));
      ddb.deleteItem(b -> b.tableName(name).key(key("d", 2)));
      before = all(engine.streamsClient(), arn);
      shards =
          engine.streamsClient().describeStream(b -> b.streamArn(arn)).streamDescription().shards();
      assertThat(before).hasSize(4);
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      var description = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
      assertThat(description.streamStatus()).isEqualTo(StreamStatus.ENABLED);
      assertThat(description.shards()).isEqualTo(shards);
      List<Record> after = all(streams, arn);
      // the same records, event ids included
      assertThat(after).isEqualTo(before);
      assertThat(after.get(1).dynamodb().oldImage()).isEqualTo(item("d", 1, "x"));
      assertThat(after.get(3).dynamodb().oldImage()).isEqualTo(item("d", 2, "z"));
      String shard = shards.get(0).shardId();
      String held = before.get(1).dynamodb().sequenceNumber();
      assertThat(read(streams, arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, held))
          .extracting(r -> r.dynamodb().sequenceNumber())
          .containsExactly(
              before.get(2).dynamodb().sequenceNumber(), before.get(3).dynamodb().sequenceNumber());
      String name = table;
      engine.client().putItem(b -> b.tableName(name).item(item("d", 3, "x")));
      List<Record> more = all(streams, arn);
      assertThat(more).hasSize(5);
      assertThat(more.get(4).dynamodb().sequenceNumber())
          .isGreaterThan(before.get(3).dynamodb().sequenceNumber());
    }
  }

  @Test
  void aReopenedStreamKeepsRollingOverAndTrimmingByTheEnginesClock(@TempDir Path dir) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    String table;
    String arn;
    String firstSequence;
    List<Shard> rolled;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbClient ddb = engine.client();
      table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      arn = StreamsTest.streamArn(ddb, table);
      String name = table;
      ddb.putItem(b -> b.tableName(name).item(item("r", 1, "x")));
      firstSequence = all(engine.streamsClient(), arn).get(0).dynamodb().sequenceNumber();
      clock.advance(Duration.ofHours(5));
      rolled =
          engine.streamsClient().describeStream(b -> b.streamArn(arn)).streamDescription().shards();
      assertThat(rolled).hasSize(2);
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards())
          .isEqualTo(rolled);
      assertThat(rolled.get(1).parentShardId()).isEqualTo(rolled.get(0).shardId());
      String name = table;
      engine.client().putItem(b -> b.tableName(name).item(item("r", 2, "x")));
      assertThat(everything(streams, arn)).hasSize(2);
      assertThat(read(streams, arn, rolled.get(1).shardId(), ShardIteratorType.TRIM_HORIZON, null))
          .extracting(r -> r.dynamodb().keys())
          .containsExactly(key("r", 2));
      clock.advance(Duration.ofHours(19).plusMillis(1));
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      String first = rolled.get(0).shardId();
      assertThat(read(streams, arn, first, ShardIteratorType.TRIM_HORIZON, null)).isEmpty();
      assertThatThrownBy(
              () ->
                  streams.getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(first)
                              .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                              .sequenceNumber(firstSequence)))
          .isInstanceOf(TrimmedDataAccessException.class);
      assertThat(everything(streams, arn))
          .extracting(r -> r.dynamodb().keys())
          .containsExactly(key("r", 2));
      clock.advance(Duration.ofHours(4));
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards())
          .extracting(Shard::shardId)
          .as("the first shard closed more than 24 hours ago; its child and theirs are kept")
          .startsWith(rolled.get(1).shardId())
          .doesNotContain(rolled.get(0).shardId());
      assertThat(everything(streams, arn))
          .extracting(r -> r.dynamodb().keys())
          .containsExactly(key("r", 2));
    }
  }

  @Test
  void theStreamOfADeletedTableIsKeptDisabledAcrossARestartForItsRetention(@TempDir Path dir) {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    String arn;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.NEW_IMAGE);
      arn = StreamsTest.streamArn(ddb, table);
      ddb.putItem(b -> b.tableName(table).item(item("x", 1, "x")));
      ddb.deleteTable(b -> b.tableName(table));
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus())
          .isEqualTo(StreamStatus.DISABLED);
      assertThat(everything(streams, arn))
          .extracting(r -> r.dynamodb().newImage())
          .containsExactly(item("x", 1, "x"));
      clock.advance(Duration.ofHours(24).plusMillis(1));
      assertThat(streams.listStreams().streams()).isEmpty();
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      assertThat(engine.streamsClient().listStreams().streams()).isEmpty();
    }
    try (DurableStorage storage = DurableStorage.open(dir, true, Duration.ofSeconds(1))) {
      assertThat(storage.keyspaces()).noneMatch(name -> name.startsWith("stream/"));
    }
  }

  @Test
  void aTransactionAcrossTwoTablesIsInBothStreamsAfterARestart(@TempDir Path dir) {
    String first;
    String second;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      first = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      second = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      String a = first;
      String b2 = second;
      ddb.transactWriteItems(
          b ->
              b.transactItems(
                  t -> t.put(p -> p.tableName(a).item(item("t", 1, "one"))),
                  t -> t.put(p -> p.tableName(a).item(item("t", 2, "two"))),
                  t -> t.put(p -> p.tableName(b2).item(item("t", 3, "three")))));
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(everything(streams, StreamsTest.streamArn(ddb, first)))
          .extracting(r -> r.dynamodb().newImage())
          .containsExactly(item("t", 1, "one"), item("t", 2, "two"));
      assertThat(everything(streams, StreamsTest.streamArn(ddb, second)))
          .extracting(r -> r.dynamodb().newImage())
          .containsExactly(item("t", 3, "three"));
    }
  }

  @Test
  void aDataDirectoryWithoutStreamRecordsOpensWithItsStreamsEmpty(@TempDir Path dir) {
    String table;
    String arn;
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      arn = StreamsTest.streamArn(ddb, table);
      String name = table;
      ddb.putItem(b -> b.tableName(name).item(item("o", 1, "x")));
    }
    // As a data directory written before streams were kept: the tables, no stream keyspace.
    try (DurableStorage storage = DurableStorage.open(dir, true, Duration.ofSeconds(1))) {
      assertThat(storage.keyspaces()).contains("stream/" + arn);
      storage.dropKeyspace("stream/" + arn);
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbStreamsClient streams = engine.streamsClient();
      assertThat(streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus())
          .isEqualTo(StreamStatus.ENABLED);
      assertThat(everything(streams, arn)).isEmpty();
      String name = table;
      engine.client().putItem(b -> b.tableName(name).item(item("o", 2, "x")));
      assertThat(everything(streams, arn))
          .extracting(r -> r.dynamodb().keys())
          .containsExactly(key("o", 2));
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      assertThat(everything(engine.streamsClient(), arn)).hasSize(1);
    }
  }
}
