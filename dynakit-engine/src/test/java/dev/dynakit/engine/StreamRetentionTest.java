package dev.dynakit.engine;

import static dev.dynakit.engine.StreamsTest.item;
import static dev.dynakit.engine.StreamsTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.TransactionsTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The engine's streams over time, by its clock: records kept 24 hours, iterators usable 15 minutes,
 * the approximate creation time of each record, deletions by time to live marked as the service's
 * ({@link StreamReplayTest} rebuilds a table from its stream).
 */
class StreamRetentionTest {
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");

  private final MutableClock clock = new MutableClock(NOW);

  private DynakitEngine engine() {
    return DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build();
  }

  private static String shard(DynamoDbStreamsClient streams, String arn) {
    return streams
        .describeStream(b -> b.streamArn(arn))
        .streamDescription()
        .shards()
        .get(0)
        .shardId();
  }

  private static String trimHorizon(DynamoDbStreamsClient streams, String arn) {
    return streams
        .getShardIterator(
            b ->
                b.streamArn(arn)
                    .shardId(shard(streams, arn))
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
        .shardIterator();
  }

  @Test
  void recordsAreKeptForTwentyFourHours() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      ddb.putItem(b -> b.tableName(table).item(item("r", 1, "old")));
      String first = shard(streams, arn);
      clock.advance(Duration.ofHours(2));
      ddb.putItem(b -> b.tableName(table).item(item("r", 2, "newer")));
      assertThat(streams.getRecords(b -> b.shardIterator(trimHorizon(streams, arn))).records())
          .hasSize(2);
      clock.advance(Duration.ofHours(22).plusMillis(1));
      List<Record> kept =
          streams.getRecords(b -> b.shardIterator(trimHorizon(streams, arn))).records();
      assertThat(kept).extracting(r -> r.dynamodb().keys().get("sk").n()).containsExactly("2");
      assertThat(
              streams
                  .describeStream(b -> b.streamArn(arn))
                  .streamDescription()
                  .shards()
                  .get(0)
                  .sequenceNumberRange())
          .as("the shard, closed 20 hours ago, is kept; its range starts at the oldest kept")
          .isEqualTo(
              SequenceNumberRange.builder()
                  .startingSequenceNumber("000000000000000000002")
                  .endingSequenceNumber("000000000000000000002")
                  .build());
      assertThatThrownBy(
              () ->
                  streams.getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(first)
                              .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                              .sequenceNumber("000000000000000000001")))
          .isInstanceOf(TrimmedDataAccessException.class);
    }
  }

  @Test
  void anIteratorAtRecordsTrimmedSinceIsRefused() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      ddb.putItem(b -> b.tableName(table).item(item("r", 1, "old")));
      clock.advance(Duration.ofHours(23).plusMinutes(50));
      String iterator = trimHorizon(streams, arn);
      clock.advance(Duration.ofMinutes(11));
      assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
          .isInstanceOf(TrimmedDataAccessException.class)
          .hasMessageContaining("oldest stream record");
    }
  }

  @Test
  void anIteratorExpiresAfterFifteenMinutes() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      ddb.putItem(b -> b.tableName(table).item(item("e", 1, "x")));
      String iterator = trimHorizon(streams, arn);
      clock.advance(Duration.ofMinutes(15));
      GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator));
      assertThat(page.records()).hasSize(1);
      clock.advance(Duration.ofMillis(1));
      assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
          .isInstanceOf(ExpiredIteratorException.class)
          .hasMessageStartingWith("Iterator expired.");
      String next = page.nextShardIterator();
      assertThat(streams.getRecords(b -> b.shardIterator(next)).records())
          .as("the next iterator is new: its 15 minutes start when it was made")
          .isEmpty();
    }
  }

  @Test
  void recordsCarryTheEngineClocksTimeAndRegion() {
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).region("ap-south-1").build()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.NEW_IMAGE);
      clock.advance(Duration.ofHours(1));
      ddb.putItem(b -> b.tableName(table).item(item("t", 1, "x")));
      Record record =
          engine
              .streamsClient()
              .getRecords(
                  b ->
                      b.shardIterator(
                          trimHorizon(engine.streamsClient(), StreamsTest.streamArn(ddb, table))))
              .records()
              .get(0);
      assertThat(record.dynamodb().approximateCreationDateTime())
          .isEqualTo(Instant.parse("2026-03-04T06:06:07Z"));
      assertThat(record.awsRegion()).isEqualTo("ap-south-1");
      String arn = StreamsTest.streamArn(ddb, table);
      software.amazon.awssdk.services.dynamodb.model.StreamDescription stream =
          engine.streamsClient().describeStream(b -> b.streamArn(arn)).streamDescription();
      assertThat(stream.creationRequestDateTime()).as("when the stream was enabled").isEqualTo(NOW);
      assertThat(stream.streamLabel()).isEqualTo("2026-03-04T05:06:07.890");
      assertThat(stream.shards().get(0).shardId())
          .startsWith(String.format("shardId-%020d-", NOW.toEpochMilli()));
      assertThat(record.dynamodb().sequenceNumber()).isEqualTo("000000000000000000001");
    }
  }

  @Test
  void aDeletionByTimeToLiveIsTheServicesRemove() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      String table = StreamsTest.table(ddb, StreamViewType.OLD_IMAGE);
      ddb.updateTimeToLive(
          b ->
              b.tableName(table)
                  .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
      Map<String, AttributeValue> expiring = new HashMap<>(item("x", 1, "gone"));
      expiring.put("ttl", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 60)));
      ddb.putItem(b -> b.tableName(table).item(expiring));
      ddb.deleteItem(b -> b.tableName(table).key(key("missing", 1)));
      clock.advance(Duration.ofMinutes(2));
      assertThat(engine.expireNow()).isEqualTo(1);
      List<Record> records =
          engine
              .streamsClient()
              .getRecords(
                  b ->
                      b.shardIterator(
                          trimHorizon(engine.streamsClient(), StreamsTest.streamArn(ddb, table))))
              .records();
      assertThat(records)
          .extracting(Record::eventName)
          .containsExactly(OperationType.INSERT, OperationType.REMOVE);
      assertThat(records.get(0).userIdentity()).isNull();
      assertThat(records.get(1).userIdentity())
          .isEqualTo(
              Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build());
      assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(expiring);
    }
  }
}
