package dev.dynakit.engine;

import static dev.dynakit.engine.StreamsTest.item;
import static dev.dynakit.engine.StreamsTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.TransactionsTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table rebuilt from its stream: random writers of every kind run at once, round after round,
 * while the engine's clock moves across shard rollovers; replaying every shard, parents first, onto
 * an empty table gives the table, and each item's records follow one another.
 */
class StreamReplayTest {
  private static final int WRITERS = 4;
  private static final int ROUNDS = 4;
  private static final int WRITES = 25;

  @Property(tries = 20)
  void replayingEveryShardRebuildsTheTable(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    MutableClock clock = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
    try (DynakitEngine engine =
        DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.NEW_AND_OLD_IMAGES);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        for (int round = 0; round < ROUNDS; round++) {
          List<Future<?>> done = new ArrayList<>();
          for (int w = 0; w < WRITERS; w++) {
            Random own = new Random(random.nextLong());
            done.add(
                pool.submit(
                    () -> {
                      for (int i = 0; i < WRITES; i++) {
                        write(ddb, table, own);
                      }
                    }));
          }
          // The clock moves while the writers write, and between rounds: 4 to 20 hours in all.
          clock.advance(Duration.ofMinutes(random.nextInt(30)));
          for (Future<?> future : done) {
            future.get();
          }
          clock.advance(Duration.ofMinutes(60 + random.nextInt(240)));
        }
      } finally {
        pool.shutdownNow();
      }
      DynamoDbStreamsClient streams = engine.streamsClient();
      String arn = StreamsTest.streamArn(ddb, table);
      List<Shard> shards = StreamShardsTest.shards(streams, arn);
      assertThat(shards).as("seed %d: the shards rolled over", seed).hasSizeGreaterThan(1);
      List<Record> records = StreamShardsTest.readAllShards(streams, arn, 1 + random.nextInt(9));
      assertThat(records).isNotEmpty();

      String copy = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String previous = "";
      Map<Map<String, AttributeValue>, Map<String, AttributeValue>> latest = new HashMap<>();
      for (Record record : records) {
        String sequence = record.dynamodb().sequenceNumber();
        assertThat(sequence).as("sequence numbers increase across shards").isGreaterThan(previous);
        previous = sequence;
        Map<String, AttributeValue> keys = record.dynamodb().keys();
        Map<String, AttributeValue> before = latest.get(keys);
        Map<String, AttributeValue> old =
            record.dynamodb().hasOldImage() ? record.dynamodb().oldImage() : null;
        assertThat(old)
            .as("seed %d: each record of %s follows the one before", seed, keys)
            .isEqualTo(before);
        assertThat(record.eventName())
            .isEqualTo(
                before == null
                    ? OperationType.INSERT
                    : record.dynamodb().hasNewImage()
                        ? OperationType.MODIFY
                        : OperationType.REMOVE);
        if (record.eventName() == OperationType.REMOVE) {
          latest.remove(keys);
          ddb.deleteItem(b -> b.tableName(copy).key(keys));
        } else {
          latest.put(keys, record.dynamodb().newImage());
          ddb.putItem(b -> b.tableName(copy).item(record.dynamodb().newImage()));
        }
      }
      assertThat(ddb.scan(b -> b.tableName(copy)).items())
          .as("seed %d", seed)
          .isEqualTo(ddb.scan(b -> b.tableName(table)).items());
    }
  }

  /** Four partition keys, four sort keys: writers meet on the same items. */
  private static Map<String, AttributeValue> randomKey(Random random) {
    return key("k" + random.nextInt(4), random.nextInt(4));
  }

  /** Up to {@code count} different keys. */
  private static List<Map<String, AttributeValue>> keys(Random random, int count) {
    Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      keys.add(randomKey(random));
    }
    return new ArrayList<>(keys);
  }

  private static Map<String, AttributeValue> itemAt(Map<String, AttributeValue> key, String v) {
    return item(key.get("pk").s(), Integer.parseInt(key.get("sk").n()), v);
  }

  private static void write(DynamoDbClient ddb, String table, Random random) {
    Map<String, AttributeValue> key = randomKey(random);
    String value = "v" + random.nextInt(3);
    try {
      switch (random.nextInt(7)) {
        case 0 -> ddb.putItem(b -> b.tableName(table).item(itemAt(key, value)));
        case 1 ->
            ddb.updateItem(
                b ->
                    b.tableName(table)
                        .key(key)
                        .updateExpression("SET v = :v, w = :w ADD c :one")
                        .expressionAttributeValues(
                            Map.of(
                                ":v",
                                AttributeValue.fromS(value),
                                ":w",
                                AttributeValue.fromSs(List.of(value, "w")),
                                ":one",
                                AttributeValue.fromN("1"))));
        case 2 ->
            ddb.updateItem(
                b ->
                    b.tableName(table)
                        .key(key)
                        .updateExpression("REMOVE w, c SET v = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value))));
        case 3 -> ddb.deleteItem(b -> b.tableName(table).key(key));
        case 4 ->
            ddb.putItem(
                b ->
                    b.tableName(table)
                        .item(itemAt(key, value))
                        .conditionExpression("attribute_not_exists(pk) OR v = :no")
                        .expressionAttributeValues(Map.of(":no", AttributeValue.fromS(value))));
        case 5 -> {
          List<TransactWriteItem> actions = new ArrayList<>();
          for (Map<String, AttributeValue> k : keys(random, 2 + random.nextInt(3))) {
            actions.add(
                random.nextBoolean()
                    ? TransactWriteItem.builder()
                        .put(p -> p.tableName(table).item(itemAt(k, value)))
                        .build()
                    : TransactWriteItem.builder().delete(d -> d.tableName(table).key(k)).build());
          }
          ddb.transactWriteItems(b -> b.transactItems(actions));
        }
        default -> {
          List<WriteRequest> requests = new ArrayList<>();
          for (Map<String, AttributeValue> k : keys(random, 2 + random.nextInt(4))) {
            requests.add(
                random.nextBoolean()
                    ? WriteRequest.builder().putRequest(p -> p.item(itemAt(k, value))).build()
                    : WriteRequest.builder().deleteRequest(d -> d.key(k)).build());
          }
          ddb.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
        }
      }
    } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
      // A write refused changes nothing and appends nothing.
    }
  }
}
