package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Streams on the engine and on Amazon DynamoDB Local: the records every kind of write
 * appends under each view type, iterators, paging and errors, the same on both; record ids,
 * sequence numbers and times are compared by their form and order. Retention and iterator expiry
 * run on the engine's clock.
 */
class StreamsTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynakitEngine ENGINE = DynakitEngine.builder().region("eu-west-1").build();

  /** One place to write and read streams: DynamoDB Local or the engine. */
  record Target(String name, DynamoDbClient ddb, DynamoDbStreamsClient streams, String region) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Target REFERENCE =
      new Target(
          "DynamoDB Local", LOCAL.dynamoDbClient(), LOCAL.dynamoDbStreamsClient(), "ddblocal");
  private static final Target IN_PROCESS =
      new Target("engine", ENGINE.client(), ENGINE.streamsClient(), "eu-west-1");
  private static final DynakitEngine HTTP_ENGINE =
      DynakitEngine.builder().region("eu-west-1").build();
  private static final Target OVER_HTTP =
      new Target(
          "engine over HTTP",
          Targets.overHttp(HTTP_ENGINE),
          DynamoDbStreamsClient.builder()
              .httpClient(HTTP_ENGINE.httpClient())
              .endpointOverride(URI.create("http://localhost:8000"))
              .region(Region.EU_WEST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
              .build(),
          "eu-west-1");
  private static final List<Target> TARGETS = List.of(REFERENCE, IN_PROCESS, OVER_HTTP);
  private static int tables;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  /** A new table keyed on pk and sk with that stream view type; answers its name. */
  static String table(DynamoDbClient ddb, StreamViewType viewType) {
    String name = "streams" + (++tables);
    ddb.createTable(
        b ->
            b.tableName(name)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType("S"),
                    a -> a.attributeName("sk").attributeType("N"))
                .keySchema(
                    k -> k.attributeName("pk").keyType("HASH"),
                    k -> k.attributeName("sk").keyType("RANGE"))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(x -> x.streamEnabled(true).streamViewType(viewType)));
    return name;
  }

  static String streamArn(DynamoDbClient ddb, String table) {
    return ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
  }

  static Map<String, AttributeValue> key(String pk, int sk) {
    return Map.of("pk", s(pk), "sk", n(Integer.toString(sk)));
  }

  static Map<String, AttributeValue> item(String pk, int sk, String value) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
    item.put("v", s(value));
    return item;
  }

  /** Every kind of write, the no-ops among them, on that table. */
  static void writeEveryKind(DynamoDbClient ddb, String table) {
    ddb.putItem(b -> b.tableName(table).item(item("a", 1, "one")));
    ddb.putItem(b -> b.tableName(table).item(item("a", 1, "one")));
    ddb.putItem(b -> b.tableName(table).item(item("a", 1, "uno")));
    ddb.updateItem(
        b ->
            b.tableName(table)
                .key(key("a", 1))
                .updateExpression("SET v = :v, w = :w")
                .expressionAttributeValues(Map.of(":v", s("uno"), ":w", n("1.5"))));
    ddb.updateItem(
        b ->
            b.tableName(table)
                .key(key("a", 1))
                .updateExpression("SET w = :w")
                .expressionAttributeValues(Map.of(":w", n("1.5"))));
    ddb.updateItem(
        b ->
            b.tableName(table)
                .key(key("b", 2))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("two"))));
    ddb.deleteItem(b -> b.tableName(table).key(key("missing", 9)));
    ddb.deleteItem(b -> b.tableName(table).key(key("b", 2)));
    ddb.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    table,
                    List.of(
                        WriteRequest.builder()
                            .putRequest(p -> p.item(item("c", 3, "three")))
                            .build(),
                        WriteRequest.builder().deleteRequest(d -> d.key(key("a", 1))).build(),
                        WriteRequest.builder()
                            .deleteRequest(d -> d.key(key("missing", 8)))
                            .build()))));
    ddb.transactWriteItems(
        b ->
            b.transactItems(
                t -> t.put(p -> p.tableName(table).item(item("d", 4, "four"))),
                t ->
                    t.update(
                        u ->
                            u.tableName(table)
                                .key(key("c", 3))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", s("drei")))),
                t -> t.delete(d -> d.tableName(table).key(key("missing", 7))),
                t ->
                    t.conditionCheck(
                        c ->
                            c.tableName(table)
                                .key(key("zzz", 0))
                                .conditionExpression("attribute_not_exists(pk)"))));
  }

  /** Every record of the stream from its trim horizon, page by page. */
  static List<Record> readAll(Target target, String arn, Integer limit) {
    String shard =
        target
            .streams()
            .describeStream(b -> b.streamArn(arn))
            .streamDescription()
            .shards()
            .get(0)
            .shardId();
    String iterator =
        target
            .streams()
            .getShardIterator(
                b ->
                    b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = new ArrayList<>();
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse page =
          target.streams().getRecords(b -> b.shardIterator(current).limit(limit));
      records.addAll(page.records());
      if (page.records().isEmpty()) {
        break;
      }
      iterator = page.nextShardIterator();
    }
    return records;
  }

  /** What of a record both must agree on: all but its id, sequence number, time and region. */
  static Map<String, Object> comparable(Record record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventName", record.eventNameAsString());
    fields.put("eventVersion", record.eventVersion());
    fields.put("eventSource", record.eventSource());
    fields.put("Keys", record.dynamodb().keys());
    fields.put("NewImage", record.dynamodb().hasNewImage() ? record.dynamodb().newImage() : null);
    fields.put("OldImage", record.dynamodb().hasOldImage() ? record.dynamodb().oldImage() : null);
    fields.put("SizeBytes", record.dynamodb().sizeBytes());
    fields.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
    fields.put("userIdentity", record.userIdentity());
    return fields;
  }

  /** The records' ids, sequence numbers and times have DynamoDB's forms and order. */
  static void assertShapes(List<Record> records, String region, Instant notBefore) {
    String previous = "";
    for (Record record : records) {
      assertThat(record.eventID())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(record.awsRegion()).isEqualTo(region);
      String sequence = record.dynamodb().sequenceNumber();
      assertThat(sequence).matches("[0-9]{21,}");
      assertThat(sequence).as("sequence numbers increase").isGreaterThan(previous);
      previous = sequence;
      assertThat(record.dynamodb().approximateCreationDateTime())
          .isAfterOrEqualTo(notBefore.truncatedTo(ChronoUnit.MINUTES));
    }
    assertThat(records.stream().map(Record::eventID).distinct()).hasSameSizeAs(records);
  }

  @ParameterizedTest
  @EnumSource(
      value = StreamViewType.class,
      names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
  void everyWriteAppendsTheRecordsDynamoDbAppends(StreamViewType viewType) {
    Instant start = Instant.now();
    List<List<Map<String, Object>>> seen = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), viewType);
      writeEveryKind(target.ddb(), table);
      List<Record> records = readAll(target, streamArn(target.ddb(), table), null);
      assertShapes(records, target.region(), start);
      seen.add(records.stream().map(StreamsTest::comparable).toList());
    }
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(seen.get(2)).isEqualTo(seen.get(0));
    assertThat(seen.get(0))
        .extracting(fields -> fields.get("eventName"))
        .containsExactly(
            "INSERT", "MODIFY", "MODIFY", "INSERT", "REMOVE", "INSERT", "REMOVE", "INSERT",
            "MODIFY");
  }

  @Test
  void pagesOfRecordsFollowTheLimit() {
    List<List<Integer>> pages = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), StreamViewType.KEYS_ONLY);
      for (int i = 0; i < 5; i++) {
        int sk = i;
        target.ddb().putItem(b -> b.tableName(table).item(item("p", sk, "x")));
      }
      String arn = streamArn(target.ddb(), table);
      String shard = shard(target, arn);
      String iterator = iterator(target, arn, shard, ShardIteratorType.TRIM_HORIZON, null);
      List<Integer> sizes = new ArrayList<>();
      for (int page = 0; page < 4; page++) {
        String current = iterator;
        GetRecordsResponse response =
            target.streams().getRecords(b -> b.shardIterator(current).limit(2));
        sizes.add(response.records().size());
        iterator = response.nextShardIterator();
        assertThat(iterator).as("an enabled stream's shard stays open").isNotNull();
      }
      pages.add(sizes);
      assertThat(readAll(target, arn, 2)).hasSize(5);
    }
    assertThat(pages.get(0)).containsExactly(2, 2, 1, 0);
    assertThat(pages.get(1)).isEqualTo(pages.get(0));
    assertThat(pages.get(2)).isEqualTo(pages.get(0));
  }

  static String shard(Target target, String arn) {
    return target
        .streams()
        .describeStream(b -> b.streamArn(arn))
        .streamDescription()
        .shards()
        .get(0)
        .shardId();
  }

  static String iterator(
      Target target, String arn, String shard, ShardIteratorType type, String sequenceNumber) {
    return target
        .streams()
        .getShardIterator(
            b ->
                b.streamArn(arn)
                    .shardId(shard)
                    .shardIteratorType(type)
                    .sequenceNumber(sequenceNumber))
        .shardIterator();
  }

  static List<String> values(Target target, String iterator) {
    return target.streams().getRecords(b -> b.shardIterator(iterator)).records().stream()
        .map(r -> r.dynamodb().keys().get("sk").n())
        .toList();
  }

  @Test
  void iteratorsStartWhereTheirTypeSays() {
    List<List<List<String>>> seen = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), StreamViewType.KEYS_ONLY);
      for (int i = 1; i <= 3; i++) {
        int sk = i;
        target.ddb().putItem(b -> b.tableName(table).item(item("i", sk, "x")));
      }
      String arn = streamArn(target.ddb(), table);
      String shard = shard(target, arn);
      List<Record> all = readAll(target, arn, null);
      String second = all.get(1).dynamodb().sequenceNumber();
      String latest = iterator(target, arn, shard, ShardIteratorType.LATEST, null);
      List<List<String>> results = new ArrayList<>();
      results.add(
          values(target, iterator(target, arn, shard, ShardIteratorType.TRIM_HORIZON, null)));
      results.add(
          values(
              target, iterator(target, arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second)));
      results.add(
          values(
              target,
              iterator(target, arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second)));
      results.add(values(target, latest));
      target.ddb().putItem(b -> b.tableName(table).item(item("i", 4, "x")));
      results.add(values(target, latest));
      seen.add(results);
    }
    assertThat(seen.get(0))
        .containsExactly(
            List.of("1", "2", "3"), List.of("2", "3"), List.of("3"), List.of(), List.of("4"));
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(seen.get(2)).isEqualTo(seen.get(0));
  }

  @Test
  void listAndDescribeShowTheStreamAndItsStatus() {
    List<List<Object>> seen = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), StreamViewType.NEW_IMAGE);
      String arn = streamArn(target.ddb(), table);
      target.ddb().putItem(b -> b.tableName(table).item(item("l", 1, "x")));
      target.ddb().putItem(b -> b.tableName(table).item(item("l", 2, "x")));
      List<Object> facts = new ArrayList<>();
      facts.add(
          target.streams().listStreams(b -> b.tableName(table)).streams().stream()
              .map(
                  stream ->
                      List.of(
                          stream.streamArn().equals(arn),
                          stream.tableName().equals(table),
                          stream.streamLabel().equals(arn.substring(arn.lastIndexOf('/') + 1))))
              .toList());
      StreamDescription enabled =
          target.streams().describeStream(b -> b.streamArn(arn)).streamDescription();
      facts.add(
          List.of(
              enabled.streamStatusAsString(),
              enabled.streamViewTypeAsString(),
              enabled.tableName().equals(table),
              enabled.keySchema()));
      assertThat(enabled.shards()).hasSize(1);
      assertThat(enabled.shards().get(0).shardId()).matches("shardId-[0-9]{20}-[0-9a-f]{8}");
      facts.add(enabled.shards().get(0).sequenceNumberRange().startingSequenceNumber().length());
      facts.add(enabled.shards().get(0).sequenceNumberRange().endingSequenceNumber());
      facts.add(
          target
              .streams()
              .describeStream(
                  b -> b.streamArn(arn).exclusiveStartShardId(enabled.shards().get(0).shardId()))
              .streamDescription()
              .shards()
              .size());
      assertThat(enabled.creationRequestDateTime()).isNotNull();
      String shard = enabled.shards().get(0).shardId();
      String latest = iterator(target, arn, shard, ShardIteratorType.LATEST, null);
      target
          .ddb()
          .updateTable(b -> b.tableName(table).streamSpecification(x -> x.streamEnabled(false)));
      StreamDescription disabled =
          target.streams().describeStream(b -> b.streamArn(arn)).streamDescription();
      facts.add(disabled.streamStatusAsString());
      List<Record> records = readAll(target, arn, null);
      facts.add(
          disabled
              .shards()
              .get(0)
              .sequenceNumberRange()
              .endingSequenceNumber()
              .equals(records.get(1).dynamodb().sequenceNumber()));
      GetRecordsResponse after = target.streams().getRecords(b -> b.shardIterator(latest));
      facts.add(after.records().size());
      facts.add(after.nextShardIterator());
      seen.add(facts);
    }
    assertThat(seen.get(0).get(1)).asList().startsWith("ENABLED", "NEW_IMAGE");
    assertThat(seen.get(0).get(4)).as("no shard after the only one").isEqualTo(0);
    assertThat(seen.get(0).get(5)).isEqualTo("DISABLED");
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(seen.get(2)).isEqualTo(seen.get(0));
  }

  /**
   * DescribeStream's paging over a stream's one shard, and the range of a shard closed before any
   * write, as DynamoDB Local answers them.
   */
  @Test
  void describeStreamPagesAndClosesAsDynamoDbLocalDoes() {
    List<List<Object>> seen = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), StreamViewType.KEYS_ONLY);
      target.ddb().putItem(b -> b.tableName(table).item(item("d", 1, "x")));
      String arn = streamArn(target.ddb(), table);
      String shard = shard(target, arn);
      List<Object> facts = new ArrayList<>();
      StreamDescription one =
          target.streams().describeStream(b -> b.streamArn(arn).limit(1)).streamDescription();
      facts.add(one.shards().size());
      facts.add(String.valueOf(one.lastEvaluatedShardId()));
      facts.add(one.shards().get(0).parentShardId() == null);
      for (String after :
          List.of(
              "shardId-00000000000000000000-00000000",
              "shardId-99999999999999999999-ffffffff",
              shard)) {
        facts.add(
            target
                .streams()
                .describeStream(b -> b.streamArn(arn).exclusiveStartShardId(after))
                .streamDescription()
                .shards()
                .stream()
                .map(s -> s.shardId().equals(shard))
                .toList());
      }
      String empty = table(target.ddb(), StreamViewType.KEYS_ONLY);
      String emptyArn = streamArn(target.ddb(), empty);
      target
          .ddb()
          .updateTable(b -> b.tableName(empty).streamSpecification(x -> x.streamEnabled(false)));
      StreamDescription closed =
          target.streams().describeStream(b -> b.streamArn(emptyArn)).streamDescription();
      String closedShard = closed.shards().get(0).shardId();
      facts.add(
          closed
              .shards()
              .get(0)
              .sequenceNumberRange()
              .startingSequenceNumber()
              .equals(closed.shards().get(0).sequenceNumberRange().endingSequenceNumber()));
      for (ShardIteratorType type :
          List.of(ShardIteratorType.TRIM_HORIZON, ShardIteratorType.LATEST)) {
        GetRecordsResponse read =
            target
                .streams()
                .getRecords(
                    b -> b.shardIterator(iterator(target, emptyArn, closedShard, type, null)));
        facts.add(read.records().size());
        facts.add(String.valueOf(read.nextShardIterator()));
      }
      seen.add(facts);
    }
    assertThat(seen.get(0))
        .containsExactly(
            1, "null", true, List.of(true), List.of(), List.of(), true, 0, "null", 0, "null");
    assertThat(seen.get(1)).isEqualTo(seen.get(0));
    assertThat(seen.get(2)).isEqualTo(seen.get(0));
  }

  /** The error a call raises: its type, code and message. */
  static List<String> error(Runnable call) {
    DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::run);
    assertThat(e).as("an error").isNotNull();
    return List.of(
        e.getClass().getSimpleName(),
        e.awsErrorDetails().errorCode(),
        e.awsErrorDetails().errorMessage(),
        Integer.toString(e.statusCode()));
  }

  static Stream<Arguments> errors() {
    Map<String, Function<Target, Runnable>> cases = new LinkedHashMap<>();
    cases.put(
        "unknown stream (DescribeStream)",
        t -> () -> t.streams().describeStream(b -> b.streamArn("garbage")));
    cases.put(
        "unknown stream (GetShardIterator)",
        t ->
            () -> {
              String table = table(t.ddb(), StreamViewType.KEYS_ONLY);
              String arn = streamArn(t.ddb(), table);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn + "x")
                              .shardId(shard(t, arn))
                              .shardIteratorType("TRIM_HORIZON"));
            });
    cases.put(
        "unknown shard",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId("shardId-00000000000000000000-00000000")
                              .shardIteratorType("TRIM_HORIZON"));
            });
    cases.put(
        "short sequence number",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(shard(t, arn))
                              .shardIteratorType("AT_SEQUENCE_NUMBER")
                              .sequenceNumber("abc"));
            });
    cases.put(
        "no sequence number",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(shard(t, arn))
                              .shardIteratorType("AFTER_SEQUENCE_NUMBER"));
            });
    cases.put(
        "sequence number with TRIM_HORIZON",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(shard(t, arn))
                              .shardIteratorType("TRIM_HORIZON")
                              .sequenceNumber("000000000000000000001"));
            });
    cases.put(
        "GetRecords Limit 0",
        t -> () -> t.streams().getRecords(b -> b.shardIterator(latest(t)).limit(0)));
    cases.put(
        "GetRecords Limit 1001",
        t -> () -> t.streams().getRecords(b -> b.shardIterator(latest(t)).limit(1001)));
    cases.put(
        "GetRecords bad iterator",
        t -> () -> t.streams().getRecords(b -> b.shardIterator("garbage")));
    cases.put("ListStreams Limit 0", t -> () -> t.streams().listStreams(b -> b.limit(0)));
    cases.put("ListStreams Limit 101", t -> () -> t.streams().listStreams(b -> b.limit(101)));
    cases.put(
        "DescribeStream Limit 0",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams().describeStream(b -> b.streamArn(arn).limit(0));
            });
    cases.put(
        "DescribeStream Limit 101",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams().describeStream(b -> b.streamArn(arn).limit(101));
            });
    cases.put(
        "DescribeStream ExclusiveStartShardId shorter than 28",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams().describeStream(b -> b.streamArn(arn).exclusiveStartShardId("shardId-1"));
            });
    cases.put(
        "a sequence number not written yet",
        t ->
            () -> {
              String arn = newStream(t);
              t.streams()
                  .getShardIterator(
                      b ->
                          b.streamArn(arn)
                              .shardId(shard(t, arn))
                              .shardIteratorType("AFTER_SEQUENCE_NUMBER")
                              .sequenceNumber("000000000000000000009"));
            });
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  /** The stream of a new table with a {@code KEYS_ONLY} stream. */
  static String newStream(Target target) {
    return streamArn(target.ddb(), table(target.ddb(), StreamViewType.KEYS_ONLY));
  }

  static String latest(Target target) {
    String arn = newStream(target);
    return iterator(target, arn, shard(target, arn), ShardIteratorType.LATEST, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void badRequestsAreRefusedAsDynamoDbRefusesThem(String name, Function<Target, Runnable> call) {
    List<String> reference = error(call.apply(REFERENCE));
    assertThat(error(call.apply(IN_PROCESS))).isEqualTo(reference);
    assertThat(error(call.apply(OVER_HTTP))).isEqualTo(reference);
  }

  /**
   * DynamoDB keeps numbers in canonical form, and so do the engine's records; DynamoDB Local
   * records an updated number as the request wrote it (docs/compatibility.md).
   */
  @Test
  void anUpdatedNumberIsRecordedInCanonicalForm() {
    List<String> written = new ArrayList<>();
    for (Target target : TARGETS) {
      String table = table(target.ddb(), StreamViewType.NEW_IMAGE);
      target
          .ddb()
          .updateItem(
              b ->
                  b.tableName(table)
                      .key(key("n", 1))
                      .updateExpression("SET w = :w")
                      .expressionAttributeValues(Map.of(":w", n("1.50"))));
      List<Record> records = readAll(target, streamArn(target.ddb(), table), null);
      written.add(records.get(0).dynamodb().newImage().get("w").n());
    }
    assertThat(written).containsExactly("1.50", "1.5", "1.5");
  }

  /**
   * What DynamoDB Local fails on with an internal error, the engine refuses as the API reference
   * words it; a deleted table's stream stays readable (docs/compatibility.md).
   */
  @Test
  void refusalsDynamoDbLocalHasNoAnswerFor() {
    for (Target target : List.of(IN_PROCESS, OVER_HTTP)) {
      String table = table(target.ddb(), StreamViewType.KEYS_ONLY);
      target.ddb().putItem(b -> b.tableName(table).item(item("r", 1, "x")));
      String arn = streamArn(target.ddb(), table);
      String shard = shard(target, arn);
      assertThat(
              error(
                  () ->
                      target
                          .streams()
                          .getShardIterator(
                              b -> b.streamArn(arn).shardId(shard).shardIteratorType("FOO"))))
          .containsExactly(
              "DynamoDbException",
              "ValidationException",
              "1 validation error detected: Value 'FOO' at 'shardIteratorType' failed to satisfy"
                  + " constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER,"
                  + " AT_SEQUENCE_NUMBER, LATEST, TRIM_HORIZON]",
              "400");
      for (String sequence : List.of("999999999999999999999", "000000000000000000002")) {
        assertThat(
                error(
                    () ->
                        iterator(
                            target, arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, sequence)))
            .containsExactly(
                "DynamoDbException",
                "ValidationException",
                "Invalid SequenceNumber for the shard",
                "400");
      }
      target.ddb().deleteTable(b -> b.tableName(table));
      assertThat(target.streams().listStreams(b -> b.tableName(table)).streams()).hasSize(1);
      assertThat(
              target
                  .streams()
                  .describeStream(b -> b.streamArn(arn))
                  .streamDescription()
                  .streamStatus())
          .isEqualTo(StreamStatus.DISABLED);
      assertThat(readAll(target, arn, null)).hasSize(1);
    }
  }
}
