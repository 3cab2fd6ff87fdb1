package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.value.DynamoNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.dynamodb.services.local.shared.access.LocalDBUtils;

/**
 * {@link PartitionHash} against Amazon DynamoDB Local: random S, N and B keys are put into tables,
 * and the Scan order, the parallel-Scan segments and ExclusiveStartKey must be what the hash
 * predicts. The random seed is printed; set {@code -Dpartitionhash.seed=...} to repeat a run.
 */
class PartitionHashTest {
  private static final long SEED = Long.getLong("partitionhash.seed", new Random().nextLong());
  private static final int KEYS = 300;
  private static final int[] SEGMENTS = {2, 3, 7};

  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient client;
  private static int tables;

  @BeforeAll
  static void start() {
    System.out.println("PartitionHashTest seed: " + SEED);
    local = DynamoDBEmbedded.create(true);
    client = local.dynamoDbClient();
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  // --- random keys ---

  private static Random random(int salt) {
    return new Random(SEED * 31 + salt);
  }

  private static String randomString(Random random) {
    int length = 1 + random.nextInt(12);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> text.appendCodePoint(0x20 + random.nextInt(0x5F));
        case 1 -> text.appendCodePoint(0x80 + random.nextInt(0x780));
        case 2 -> text.appendCodePoint(0x3000 + random.nextInt(0x5000));
        case 3 -> text.appendCodePoint(0x1F300 + random.nextInt(0x200));
        case 4 -> text.appendCodePoint(random.nextInt(0x20));
        default -> text.appendCodePoint('a' + random.nextInt(3));
      }
    }
    return text.toString();
  }

  /** A random number text, in a random one of its spellings. */
  private static String randomNumber(Random random) {
    BigDecimal value =
        switch (random.nextInt(5)) {
          case 0 -> BigDecimal.valueOf(random.nextInt(2001) - 1000);
          case 1 -> BigDecimal.valueOf(random.nextInt(200001) - 100000, random.nextInt(8));
          case 2 -> {
            int digits = 1 + random.nextInt(38);
            BigInteger unscaled = new BigInteger(digits * 4, random);
            if (unscaled.toString().length() > 38) {
              unscaled = unscaled.mod(BigInteger.TEN.pow(38));
            }
            int leading = -130 + random.nextInt(256);
            int exponent = leading - (unscaled.toString().length() - 1);
            yield new BigDecimal(unscaled, -exponent);
          }
          case 3 -> new BigDecimal("1E" + (-130 + random.nextInt(256)));
          default -> new BigDecimal(new BigInteger("9".repeat(38)), -80 - random.nextInt(9));
        };
    if (random.nextBoolean()) {
      value = value.negate();
    }
    if (value.abs().compareTo(new BigDecimal("1E-130")) < 0) {
      value = BigDecimal.ZERO;
    }
    return switch (random.nextInt(3)) {
      case 0 -> value.toPlainString();
      case 1 -> value.toString();
      default -> value.setScale(value.scale() + 1).toPlainString();
    };
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(16)];
    random.nextBytes(bytes);
    if (random.nextInt(4) == 0) {
      bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? 0x00 : 0xFF);
    }
    return bytes;
  }

  /** Distinct random keys of one type (numbers distinct in value, not only in spelling). */
  private static List<AttributeValue> randomKeys(ScalarAttributeType type, int count, int salt) {
    Random random = random(salt);
    Map<Object, AttributeValue> keys = new LinkedHashMap<>();
    while (keys.size() < count) {
      switch (type) {
        case S -> {
          String s = randomString(random);
          keys.putIfAbsent(s, AttributeValue.fromS(s));
        }
        case N -> {
          String n = randomNumber(random);
          keys.putIfAbsent(DynamoNumber.parse(n), AttributeValue.fromN(n));
        }
        default -> {
          byte[] b = randomBytes(random);
          keys.putIfAbsent(ByteBuffer.wrap(b), AttributeValue.fromB(SdkBytes.fromByteArray(b)));
        }
      }
    }
    return new ArrayList<>(keys.values());
  }

  // --- tables ---

  private static String createTable(ScalarAttributeType partition, ScalarAttributeType sort) {
    String name = "hash" + tables++;
    List<AttributeDefinition> definitions = new ArrayList<>();
    List<KeySchemaElement> schema = new ArrayList<>();
    definitions.add(
        AttributeDefinition.builder().attributeName("pk").attributeType(partition).build());
    schema.add(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build());
    if (sort != null) {
      definitions.add(
          AttributeDefinition.builder().attributeName("sk").attributeType(sort).build());
      schema.add(KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
    }
    client.createTable(
        b ->
            b.tableName(name)
                .attributeDefinitions(definitions)
                .keySchema(schema)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    return name;
  }

  private static void putAll(String table, List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> writes =
          items.subList(from, Math.min(from + 25, items.size())).stream()
              .map(
                  i ->
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(i).build())
                          .build())
              .toList();
      Map<String, List<WriteRequest>> pending = Map.of(table, writes);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
      }
    }
  }

  /** Every item of a (segment of a) Scan, following LastEvaluatedKey, in the order returned. */
  private static List<Map<String, AttributeValue>> scanAll(
      String table, Integer segment, Integer totalSegments, int limit) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request =
          ScanRequest.builder()
              .tableName(table)
              .limit(limit)
              .segment(segment)
              .totalSegments(totalSegments);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse response = client.scan(request.build());
      items.addAll(response.items());
      start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
      if (start != null) {
        Map<String, AttributeValue> last = response.items().get(response.items().size() - 1);
        assertThat(start).as("LastEvaluatedKey is the last item's key").isEqualTo(keyOf(last));
      }
    } while (start != null);
    return items;
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put("pk", item.get("pk"));
    if (item.containsKey("sk")) {
      key.put("sk", item.get("sk"));
    }
    return key;
  }

  /** The storage key the engine would order items by: the hash prefix, then KeyCodec's key. */
  private static byte[] orderKey(Map<String, AttributeValue> item) {
    byte[] prefix = PartitionHash.prefix(item.get("pk"));
    byte[] key = KeyCodec.encode(item.get("pk"), item.get("sk"));
    byte[] all = Arrays.copyOf(prefix, prefix.length + key.length);
    System.arraycopy(key, 0, all, prefix.length, key.length);
    return all;
  }

  private static final Comparator<Map<String, AttributeValue>> PREDICTED =
      (a, b) -> Arrays.compareUnsigned(orderKey(a), orderKey(b));

  /** Items compared by key only, with numbers in canonical form. */
  private static List<String> keys(List<Map<String, AttributeValue>> items) {
    Function<AttributeValue, String> text =
        v ->
            switch (v.type()) {
              case N -> "N:" + DynamoNumber.parse(v.n());
              case S -> "S:" + v.s();
              default -> "B:" + Arrays.toString(v.b().asByteArray());
            };
    return items.stream()
        .map(
            i ->
                text.apply(i.get("pk"))
                    + (i.containsKey("sk") ? " / " + text.apply(i.get("sk")) : ""))
        .toList();
  }

  private static void assertScanOrderAndSegments(
      String table, List<Map<String, AttributeValue>> items) {
    List<Map<String, AttributeValue>> expected = new ArrayList<>(items);
    expected.sort(PREDICTED);
    List<Map<String, AttributeValue>> scanned = scanAll(table, null, null, 61);
    assertThat(keys(scanned)).as("scan order, seed " + SEED).isEqualTo(keys(expected));

    for (int total : SEGMENTS) {
      List<Map<String, AttributeValue>> union = new ArrayList<>();
      for (int segment = 0; segment < total; segment++) {
        List<Map<String, AttributeValue>> part = scanAll(table, segment, total, 100);
        for (Map<String, AttributeValue> item : part) {
          assertThat(PartitionHash.segment(item.get("pk"), total))
              .as("segment of %s of %d, seed %d", item.get("pk"), total, SEED)
              .isEqualTo(segment);
        }
        union.addAll(part);
      }
      // Segments are consecutive runs of the scan order.
      assertThat(keys(union)).as("segments in order, seed " + SEED).isEqualTo(keys(expected));
    }
  }

  private static List<Map<String, AttributeValue>> hashOnlyItems(List<AttributeValue> keys) {
    return keys.stream().map(k -> Map.of("pk", k)).toList();
  }

  // --- tests ---

  @Test
  void theExampleTable() {
    String table = createTable(ScalarAttributeType.S, null);
    List<AttributeValue> keys =
        List.of("j", "b", "zz", "a", "c", "hello", "x", "m", "e", "q").stream()
            .map(AttributeValue::fromS)
            .toList();
    putAll(table, hashOnlyItems(keys));
    assertThat(keys(scanAll(table, null, null, 100)))
        .containsExactly("S:hello", "S:q", "S:x", "S:b", "S:e", "S:j", "S:zz", "S:m", "S:c", "S:a");
    assertThat(keys.stream().map(k -> PartitionHash.segment(k, 2)).toList())
        .containsExactly(0, 0, 0, 1, 1, 0, 0, 1, 0, 0);
  }

  @Test
  void stringPartitionKeys() {
    String table = createTable(ScalarAttributeType.S, null);
    List<Map<String, AttributeValue>> items =
        hashOnlyItems(randomKeys(ScalarAttributeType.S, KEYS, 1));
    putAll(table, items);
    assertScanOrderAndSegments(table, items);
  }

  @Test
  void numberPartitionKeys() {
    String table = createTable(ScalarAttributeType.N, null);
    List<Map<String, AttributeValue>> items =
        hashOnlyItems(randomKeys(ScalarAttributeType.N, KEYS, 2));
    putAll(table, items);
    assertScanOrderAndSegments(table, items);
  }

  @Test
  void binaryPartitionKeys() {
    String table = createTable(ScalarAttributeType.B, null);
    List<Map<String, AttributeValue>> items =
        hashOnlyItems(randomKeys(ScalarAttributeType.B, KEYS, 3));
    putAll(table, items);
    assertScanOrderAndSegments(table, items);
  }

  /** Within a partition, items come in sort-key order: KeyCodec's order after the equal prefix. */
  @Test
  void sortKeysOrderWithinAPartition() {
    ScalarAttributeType[][] schemas = {
      {ScalarAttributeType.S, ScalarAttributeType.N},
      {ScalarAttributeType.N, ScalarAttributeType.S},
      {ScalarAttributeType.B, ScalarAttributeType.B},
    };
    int salt = 10;
    for (ScalarAttributeType[] schema : schemas) {
      String table = createTable(schema[0], schema[1]);
      List<AttributeValue> partitions = randomKeys(schema[0], 12, salt++);
      List<AttributeValue> sorts = randomKeys(schema[1], 120, salt++);
      Random random = random(salt++);
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      for (AttributeValue sort : sorts) {
        items.add(Map.of("pk", partitions.get(random.nextInt(partitions.size())), "sk", sort));
      }
      putAll(table, items);
      assertScanOrderAndSegments(table, items);
    }
  }

  /** ExclusiveStartKey need not be an item's key: the scan goes on strictly after its position. */
  @Test
  void exclusiveStartKeyIsAPositionInHashOrder() {
    String table = createTable(ScalarAttributeType.S, ScalarAttributeType.N);
    Random random = random(20);
    List<AttributeValue> partitions = randomKeys(ScalarAttributeType.S, 40, 21);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (AttributeValue partition : partitions.subList(0, 30)) {
      for (int i = 0; i < 3; i++) {
        items.add(Map.of("pk", partition, "sk", AttributeValue.fromN(Integer.toString(2 * i))));
      }
    }
    putAll(table, items);
    List<Map<String, AttributeValue>> ordered = new ArrayList<>(items);
    ordered.sort(PREDICTED);

    for (int trial = 0; trial < 20; trial++) {
      // An existing or absent partition, and a sort key between or on the stored ones.
      AttributeValue partition = partitions.get(random.nextInt(partitions.size()));
      AttributeValue sort = AttributeValue.fromN(Integer.toString(random.nextInt(7) - 1));
      Map<String, AttributeValue> start = Map.of("pk", partition, "sk", sort);
      List<Map<String, AttributeValue>> after =
          ordered.stream().filter(i -> PREDICTED.compare(i, start) > 0).toList();
      ScanResponse response =
          client.scan(b -> b.tableName(table).exclusiveStartKey(start).limit(1000));
      assertThat(keys(response.items()))
          .as("after %s, seed %d", start, SEED)
          .isEqualTo(keys(after));
    }
  }

  @Test
  void parallelScanRejectsAStartKeyOutsideItsSegment() {
    String table = createTable(ScalarAttributeType.S, null);
    AttributeValue key =
        randomKeys(ScalarAttributeType.S, 50, 30).stream()
            .filter(k -> PartitionHash.segment(k, 3) == 2)
            .findFirst()
            .orElseThrow();
    Map<String, AttributeValue> start = Map.of("pk", key);
    client.scan(b -> b.tableName(table).segment(2).totalSegments(3).exclusiveStartKey(start));
    assertThatThrownBy(
            () ->
                client.scan(
                    b -> b.tableName(table).segment(0).totalSegments(3).exclusiveStartKey(start)))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("Exclusive start key must lie within the segment");
  }

  /** The hash itself, for many more values than the tables hold, against Local's own function. */
  @Test
  void hashEqualsDynamoDbLocalsHashValue() {
    Random random = random(40);
    for (int i = 0; i < 5000; i++) {
      String n = randomNumber(random);
      assertThat(PartitionHash.prefix(AttributeValue.fromN(n)))
          .as("N %s, seed %d", n, SEED)
          .isEqualTo(
              LocalDBUtils.getHashValue(
                  new software.amazon.dynamodb.services.local.shared.model.AttributeValue()
                      .withN(n)));
      String s = randomString(random);
      assertThat(PartitionHash.prefix(AttributeValue.fromS(s)))
          .isEqualTo(
              LocalDBUtils.getHashValue(
                  new software.amazon.dynamodb.services.local.shared.model.AttributeValue()
                      .withS(s)));
      byte[] b = randomBytes(random);
      assertThat(PartitionHash.prefix(AttributeValue.fromB(SdkBytes.fromByteArray(b))))
          .isEqualTo(
              LocalDBUtils.getHashValue(
                  new software.amazon.dynamodb.services.local.shared.model.AttributeValue()
                      .withB(ByteBuffer.wrap(b))));
    }
    for (String n :
        List.of(
            "0",
            "-0",
            "1E-130",
            "-1E-130",
            "9.9999999999999999999999999999999999999E+125",
            "-9.9999999999999999999999999999999999999E+125",
            "12345678901234567890123456789012345678",
            "-12345678901234567890123456789012345678",
            "-1234567890123456789012345678901234567",
            "0.5",
            "-0.05",
            "10",
            "-100")) {
      assertThat(PartitionHash.prefix(AttributeValue.fromN(n)))
          .as("N %s", n)
          .isEqualTo(
              LocalDBUtils.getHashValue(
                  new software.amazon.dynamodb.services.local.shared.model.AttributeValue()
                      .withN(n)));
    }
  }

  /**
   * Ties: distinct keys of one table would need a SHA-1 collision; the same number spelled
   * differently is one key and hashes alike, and S and B keys with the same bytes (which never
   * share a table) hash alike too.
   */
  @Test
  void equalKeysHashAlike() {
    assertThat(PartitionHash.prefix(AttributeValue.fromN("1")))
        .isEqualTo(PartitionHash.prefix(AttributeValue.fromN("1.000")))
        .isEqualTo(PartitionHash.prefix(AttributeValue.fromN("0.1E1")));
    assertThat(PartitionHash.prefix(AttributeValue.fromS("abc")))
        .isEqualTo(PartitionHash.prefix(AttributeValue.fromB(SdkBytes.fromUtf8String("abc"))));
    Set<String> distinct =
        randomKeys(ScalarAttributeType.N, 2000, 50).stream()
            .map(k -> Arrays.toString(PartitionHash.prefix(k)))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(distinct).hasSize(2000);
  }

  @Test
  void segmentsCoverTheWholeHashRange() {
    Random random = random(60);
    for (int i = 0; i < 200; i++) {
      AttributeValue key = AttributeValue.fromS(randomString(random));
      assertThat(PartitionHash.segment(key, 1)).isZero();
      int total = 1 + random.nextInt(1_000_000);
      assertThat(PartitionHash.segment(key, total)).isBetween(0, total - 1);
    }
  }
}
