package dev.dynakit.engine;

import static dev.dynakit.engine.StreamsTest.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.TransactionsTest.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream's shards over time, by the engine's clock: a shard rolls over to a child after 4 hours,
 * iterators work on any shard kept, DescribeStream pages through them, and closed shards and
 * disabled streams go 24 hours after they closed. DynamoDB Local keeps one shard per stream for
 * ever, so none of this can be compared with it (docs/compatibility.md).
 */
class StreamShardsTest {
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
  private static final Duration LIFETIME = Duration.ofHours(4);

  private final MutableClock clock = new MutableClock(NOW);

  private DynakitEngine engine() {
    return DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build();
  }

  /** The engine's streams through its {@code httpClient()}: DynamoDB's JSON protocol. */
  static DynamoDbStreamsClient overHttp(DynakitEngine engine) {
    return DynamoDbStreamsClient.builder()
        .httpClient(engine.httpClient())
        .endpointOverride(URI.create("http://localhost:8000"))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
        .build();
  }

  static List<Shard> shards(DynamoDbStreamsClient streams, String arn) {
    return streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
  }

  static String iterator(
      DynamoDbStreamsClient streams,
      String arn,
      String shard,
      ShardIteratorType type,
      String sequenceNumber) {
    return streams
        .getShardIterator(
            b ->
                b.streamArn(arn)
                    .shardId(shard)
                    .shardIteratorType(type)
                    .sequenceNumber(sequenceNumber))
        .shardIterator();
  }

  /** The sort keys of the records from that iterator on, and whether the shard then ended. */
  static List<String> read(DynamoDbStreamsClient streams, String iterator, List<Boolean> ended) {
    List<String> keys = new ArrayList<>();
    String current = iterator;
    while (current != null) {
      String page = current;
      GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(page).limit(2));
      response.records().forEach(r -> keys.add(r.dynamodb().keys().get("sk").n()));
      current = response.nextShardIterator();
      if (response.records().isEmpty()) {
        break;
      }
    }
    ended.add(current == null);
    return keys;
  }

  /**
   * Every record of the stream: every shard kept, each after its parent, from its trim horizon to
   * its end (or, for the open shard, to its last record).
   */
  static List<Record> readAllShards(DynamoDbStreamsClient streams, String arn) {
    return readAllShards(streams, arn, null);
  }

  /** As {@link #readAllShards(DynamoDbStreamsClient, String)}, pages of {@code limit} records. */
  static List<Record> readAllShards(DynamoDbStreamsClient streams, String arn, Integer limit) {
    List<Record> records = new ArrayList<>();
    for (Shard shard : inLineage(shards(streams, arn))) {
      String current =
          iterator(streams, arn, shard.shardId(), ShardIteratorType.TRIM_HORIZON, null);
      while (current != null) {
        String page = current;
        GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(page).limit(limit));
        records.addAll(response.records());
        current = response.nextShardIterator();
        if (response.records().isEmpty()) {
          break;
        }
      }
    }
    return records;
  }

  /** The shards ordered parents before children, by ParentShardId alone. */
  static List<Shard> inLineage(List<Shard> shards) {
    List<Shard> ordered = new ArrayList<>();
    List<Shard> left = new ArrayList<>(shards);
    while (!left.isEmpty()) {
      List<String> ids = left.stream().map(Shard::shardId).toList();
      Shard root =
          left.stream()
              .filter(s -> s.parentShardId() == null || !ids.contains(s.parentShardId()))
              .findFirst()
              .orElseThrow();
      ordered.add(root);
      left.remove(root);
    }
    return ordered;
  }

  private static void put(DynamoDbClient ddb, String table, int sk) {
    ddb.putItem(b -> b.tableName(table).item(item("s", sk, "x")));
  }

  @Test
  void aShardRollsOverToAChildAfterFourHours() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      put(ddb, table, 1);
      put(ddb, table, 2);
      String first = shards(streams, arn).get(0).shardId();
      clock.advance(LIFETIME.minusMinutes(10));
      String following =
          iterator(streams, arn, first, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seq(1));
      clock.advance(Duration.ofMinutes(10).minusMillis(1));
      assertThat(shards(streams, arn)).as("open for 4 hours less a millisecond").hasSize(1);
      clock.advance(Duration.ofMillis(1));
      put(ddb, table, 3);
      List<Shard> shards = shards(streams, arn);
      assertThat(shards).hasSize(2);
      Shard parent = shards.get(0);
      Shard child = shards.get(1);
      assertThat(parent.shardId()).isEqualTo(first);
      assertThat(parent.parentShardId()).isNull();
      assertThat(parent.sequenceNumberRange().startingSequenceNumber()).isEqualTo(seq(1));
      assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isEqualTo(seq(2));
      assertThat(child.parentShardId()).isEqualTo(first);
      assertThat(child.shardId())
          .matches("shardId-[0-9]{20}-[0-9a-f]{8}")
          .startsWith(String.format("shardId-%020d-", NOW.plus(LIFETIME).toEpochMilli()))
          .isGreaterThan(first);
      assertThat(child.sequenceNumberRange().startingSequenceNumber()).isEqualTo(seq(3));
      assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();

      List<Boolean> ended = new ArrayList<>();
      assertThat(read(streams, following, ended))
          .as("an iterator made before the rollover reads the rest of its shard")
          .containsExactly("2");
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, first, ShardIteratorType.TRIM_HORIZON, null),
                  ended))
          .containsExactly("1", "2");
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, child.shardId(), ShardIteratorType.TRIM_HORIZON, null),
                  ended))
          .containsExactly("3");
      assertThat(ended)
          .as("a closed shard read to its end has no next iterator; the open one has")
          .containsExactly(true, true, false);
      assertThat(readAllShards(streams, arn))
          .extracting(r -> r.dynamodb().sequenceNumber())
          .containsExactly(seq(1), seq(2), seq(3));
      assertThat(readAllShards(overHttp(engine), arn))
          .as("over httpClient()")
          .isEqualTo(readAllShards(streams, arn));
      assertThat(shards(overHttp(engine), arn)).isEqualTo(shards);
    }
  }

  private static String seq(long sequence) {
    return String.format("%021d", sequence);
  }

  @Test
  void iteratorsStartWhereTheirTypeSaysWithinTheirShard() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      put(ddb, table, 1);
      put(ddb, table, 2);
      clock.advance(LIFETIME);
      put(ddb, table, 3);
      put(ddb, table, 4);
      List<Shard> shards = shards(streams, arn);
      String parent = shards.get(0).shardId();
      String child = shards.get(1).shardId();
      List<Boolean> ended = new ArrayList<>();
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, parent, ShardIteratorType.AT_SEQUENCE_NUMBER, seq(2)),
                  ended))
          .containsExactly("2");
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, parent, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seq(2)),
                  ended))
          .isEmpty();
      assertThat(
              read(streams, iterator(streams, arn, parent, ShardIteratorType.LATEST, null), ended))
          .isEmpty();
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, child, ShardIteratorType.AT_SEQUENCE_NUMBER, seq(3)),
                  ended))
          .containsExactly("3", "4");
      String latest = iterator(streams, arn, child, ShardIteratorType.LATEST, null);
      put(ddb, table, 5);
      assertThat(read(streams, latest, ended)).containsExactly("5");
      assertThat(ended).containsExactly(true, true, true, false, false);
      for (String[] wrong :
          new String[][] {{parent, seq(3)}, {child, seq(2)}, {child, seq(6)}, {parent, seq(0)}}) {
        assertThatThrownBy(
                () ->
                    iterator(
                        streams, arn, wrong[0], ShardIteratorType.AT_SEQUENCE_NUMBER, wrong[1]))
            .as("sequence number %s in shard %s", wrong[1], wrong[0])
            .isInstanceOf(DynamoDbException.class)
            .hasMessageStartingWith("Invalid SequenceNumber for the shard");
      }
    }
  }

  @Test
  void describeStreamPagesThroughTheShardsKept() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      for (int i = 1; i <= 9; i++) {
        put(ddb, table, i);
        clock.advance(LIFETIME);
      }
      List<Shard> all = shards(streams, arn);
      assertThat(all)
          .as("seven closed 24 hours ago or since, and the open one")
          .hasSize(8)
          .extracting(Shard::shardId)
          .isSorted();
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i).parentShardId()).isEqualTo(all.get(i - 1).shardId());
      }
      List<Shard> paged = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String after = null;
      do {
        String start = after;
        DescribeStreamResponse page =
            streams.describeStream(b -> b.streamArn(arn).limit(3).exclusiveStartShardId(start));
        paged.addAll(page.streamDescription().shards());
        sizes.add(page.streamDescription().shards().size());
        after = page.streamDescription().lastEvaluatedShardId();
      } while (after != null);
      assertThat(sizes).containsExactly(3, 3, 2);
      assertThat(paged).isEqualTo(all);
      DynamoDbStreamsClient overHttp = overHttp(engine);
      String second = all.get(2).shardId();
      assertThat(
              overHttp
                  .describeStream(b -> b.streamArn(arn).limit(3).exclusiveStartShardId(second))
                  .streamDescription())
          .as("the same page over httpClient()")
          .satisfies(
              d -> {
                assertThat(d.shards()).isEqualTo(all.subList(3, 6));
                assertThat(d.lastEvaluatedShardId()).isEqualTo(all.get(5).shardId());
              });
      assertThat(
              streams
                  .describeStream(b -> b.streamArn(arn).limit(8).exclusiveStartShardId(null))
                  .streamDescription()
                  .lastEvaluatedShardId())
          .as("no more shards after a full page")
          .isNull();
      assertThat(
              streams
                  .describeStream(
                      b ->
                          b.streamArn(arn)
                              .exclusiveStartShardId("shardId-00000000000000000000-00000000"))
                  .streamDescription()
                  .shards())
          .as("an unknown id before every shard: all of them, as DynamoDB Local answers")
          .isEqualTo(all);
      assertThat(
              streams
                  .describeStream(
                      b ->
                          b.streamArn(arn)
                              .exclusiveStartShardId("shardId-99999999999999999999-ffffffff"))
                  .streamDescription()
                  .shards())
          .isEmpty();
    }
  }

  @Test
  void aClosedShardGoesTwentyFourHoursAfterItClosed() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      put(ddb, table, 1);
      String first = shards(streams, arn).get(0).shardId();
      clock.advance(LIFETIME.plus(Duration.ofHours(24)));
      List<Shard> shards = shards(streams, arn);
      assertThat(shards).extracting(Shard::shardId).contains(first);
      assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isEqualTo(seq(1));
      String trimmed = iterator(streams, arn, first, ShardIteratorType.TRIM_HORIZON, null);
      GetRecordsResponse nothing = streams.getRecords(b -> b.shardIterator(trimmed));
      assertThat(nothing.records()).as("its record is older than 24 hours").isEmpty();
      assertThat(nothing.nextShardIterator()).isNull();
      clock.advance(Duration.ofMillis(1));
      shards = shards(streams, arn);
      assertThat(shards).extracting(Shard::shardId).doesNotContain(first);
      assertThat(shards)
          .as("an idle stream has no shards for the time nobody used it")
          .singleElement()
          .satisfies(s -> assertThat(s.parentShardId()).isEqualTo(first));
      assertThatThrownBy(() -> iterator(streams, arn, first, ShardIteratorType.LATEST, null))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageStartingWith("Shard does not exist");
      assertThat(readAllShards(streams, arn)).isEmpty();
    }
  }

  @Test
  void aDisabledStreamIsListedForTwentyFourHours() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String disabled = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String deleted = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String disabledArn = StreamsTest.streamArn(ddb, disabled);
      String deletedArn = StreamsTest.streamArn(ddb, deleted);
      put(ddb, disabled, 1);
      put(ddb, deleted, 1);
      clock.advance(Duration.ofHours(2));
      ddb.updateTable(b -> b.tableName(disabled).streamSpecification(s -> s.streamEnabled(false)));
      ddb.deleteTable(b -> b.tableName(deleted));
      put(ddb, disabled, 2);
      clock.advance(Duration.ofHours(24));
      for (String arn : List.of(disabledArn, deletedArn)) {
        assertThat(streams.listStreams(b -> b.limit(100)).streams())
            .anySatisfy(s -> assertThat(s.streamArn()).isEqualTo(arn));
        DescribeStreamResponse described = streams.describeStream(b -> b.streamArn(arn));
        assertThat(described.streamDescription().streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(described.streamDescription().shards())
            .as("the shard closed when the stream was disabled, not after 4 hours")
            .singleElement()
            .satisfies(
                s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isEqualTo(seq(1)));
        assertThat(readAllShards(streams, arn))
            .as("the record is kept for 24 hours, the write after the disabling is not recorded")
            .isEmpty();
      }
      clock.advance(Duration.ofMillis(1));
      for (String arn : List.of(disabledArn, deletedArn)) {
        assertThat(streams.listStreams(b -> b.limit(100)).streams())
            .noneSatisfy(s -> assertThat(s.streamArn()).isEqualTo(arn));
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn)))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessageStartingWith("Requested resource not found: Stream: " + arn + " not found");
        assertThatThrownBy(
                () ->
                    streams.getShardIterator(
                        b ->
                            b.streamArn(arn)
                                .shardId("shardId-00000000000000000000-00000000")
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessageStartingWith("Stream does not exist");
      }
    }
  }

  @Test
  void anIteratorOfAStreamForgottenHasExpired() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      put(ddb, table, 1);
      String shard = shards(streams, arn).get(0).shardId();
      String iterator = iterator(streams, arn, shard, ShardIteratorType.TRIM_HORIZON, null);
      ddb.deleteTable(b -> b.tableName(table));
      clock.advance(Duration.ofHours(25));
      assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
          .hasMessageStartingWith("Iterator expired.");
      assertThatThrownBy(
              () ->
                  streams.getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(shard)
                              .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                              .sequenceNumber(seq(1))))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void aTrimmedRecordOfAClosedShardIsRefused() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      put(ddb, table, 1);
      clock.advance(Duration.ofHours(1));
      put(ddb, table, 2);
      String shard = shards(streams, arn).get(0).shardId();
      clock.advance(Duration.ofHours(23).plusMillis(1));
      assertThatThrownBy(
              () -> iterator(streams, arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seq(1)))
          .isInstanceOf(TrimmedDataAccessException.class);
      List<Boolean> ended = new ArrayList<>();
      assertThat(
              read(
                  streams,
                  iterator(streams, arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seq(2)),
                  ended))
          .containsExactly("2");
      assertThat(ended).containsExactly(true);
    }
  }

  @Test
  void aShardKeepsItsNumberingOnceMostOfItIsTrimmed() {
    try (DynakitEngine engine = engine()) {
      DynamoDbClient ddb = engine.client();
      DynamoDbStreamsClient streams = engine.streamsClient();
      String table = StreamsTest.table(ddb, StreamViewType.KEYS_ONLY);
      String arn = StreamsTest.streamArn(ddb, table);
      for (int i = 1; i <= 200; i++) {
        put(ddb, table, i);
      }
      clock.advance(Duration.ofHours(1));
      for (int i = 201; i <= 300; i++) {
        put(ddb, table, i);
      }
      clock.advance(Duration.ofHours(23).plusMillis(1));
      Shard shard = shards(streams, arn).get(0);
      assertThat(shard.sequenceNumberRange().startingSequenceNumber()).isEqualTo(seq(201));
      assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isEqualTo(seq(300));
      List<Boolean> ended = new ArrayList<>();
      assertThat(
              read(
                  streams,
                  iterator(
                      streams,
                      arn,
                      shard.shardId(),
                      ShardIteratorType.AT_SEQUENCE_NUMBER,
                      seq(299)),
                  ended))
          .containsExactly("299", "300");
      assertThat(readAllShards(streams, arn, 7))
          .extracting(r -> r.dynamodb().sequenceNumber())
          .hasSize(100)
          .startsWith(seq(201))
          .endsWith(seq(300));
      assertThatThrownBy(
              () ->
                  iterator(
                      streams,
                      arn,
                      shard.shardId(),
                      ShardIteratorType.AT_SEQUENCE_NUMBER,
                      seq(200)))
          .isInstanceOf(TrimmedDataAccessException.class);
    }
  }
}
