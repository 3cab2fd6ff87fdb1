package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.value.AttributeValues;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The key encoding orders as DynamoDB orders, decodes back, and its range bounds select what a
 * filter by {@link AttributeValues#compare} selects.
 */
class KeyCodecPropertiesTest {

  /** Two values of one key type. */
  record Pair(AttributeValue a, AttributeValue b) {}

  /** A key schema and values of its types. */
  record Keys(
      ScalarAttributeType partitionType,
      ScalarAttributeType sortType,
      List<AttributeValue> partitions,
      List<AttributeValue> sorts) {}

  /** A table of keys and a key condition on it. */
  record Query(
      Keys keys, AttributeValue partition, String operator, List<AttributeValue> operands) {}

  @Property(tries = 3000)
  void stringsOrderAsDynamoDbOrdersThem(@ForAll("stringPairs") Pair pair) {
    assertOrderPreserved(pair);
  }

  @Property(tries = 3000)
  void numbersOrderAsDynamoDbOrdersThem(@ForAll("numberPairs") Pair pair) {
    assertOrderPreserved(pair);
  }

  @Property(tries = 3000)
  void binariesOrderAsDynamoDbOrdersThem(@ForAll("binaryPairs") Pair pair) {
    assertOrderPreserved(pair);
  }

  private static void assertOrderPreserved(Pair pair) {
    int expected = AttributeValues.compare(pair.a(), pair.b()).orElseThrow();
    byte[] a = KeyCodec.encodeValue(pair.a());
    byte[] b = KeyCodec.encodeValue(pair.b());
    assertThat(Integer.signum(Arrays.compareUnsigned(a, b)))
        .as("%s vs %s", pair.a(), pair.b())
        .isEqualTo(expected);
    if (expected == 0) {
      assertThat(a).isEqualTo(b);
    }
    assertThat(KeyCodec.encode(pair.a(), null)).isEqualTo(a);
  }

  @Property(tries = 2000)
  void compositeKeysOrderByPartitionThenSort(@ForAll("keys") Keys keys) {
    AttributeValue p1 = keys.partitions().get(0);
    AttributeValue p2 = keys.partitions().get(1);
    AttributeValue s1 = keys.sorts().get(0);
    AttributeValue s2 = keys.sorts().get(1);
    int byPartition = AttributeValues.compare(p1, p2).orElseThrow();
    int expected = byPartition != 0 ? byPartition : AttributeValues.compare(s1, s2).orElseThrow();
    int actual =
        Integer.signum(Arrays.compareUnsigned(KeyCodec.encode(p1, s1), KeyCodec.encode(p2, s2)));
    assertThat(actual).as("(%s, %s) vs (%s, %s)", p1, s1, p2, s2).isEqualTo(expected);
  }

  @Property(tries = 3000)
  void keysDecodeToTheirValues(@ForAll("keys") Keys keys, @ForAll boolean withSort) {
    ScalarAttributeType partitionType = keys.partitionType();
    ScalarAttributeType sortType = keys.sortType();
    AttributeValue partition = keys.partitions().get(0);
    AttributeValue sort = withSort ? keys.sorts().get(0) : null;
    KeyCodec.Key decoded =
        KeyCodec.decode(
            KeyCodec.encode(partition, sort), partitionType, withSort ? sortType : null);
    assertThat(decoded.partition()).isEqualTo(Values.canonical(partition));
    assertThat(decoded.sort()).isEqualTo(sort == null ? null : Values.canonical(sort));
  }

  @Property(tries = 1000)
  void concatenatedValuesDecodeToTheirValues(
      @ForAll("keys") Keys index, @ForAll("keys") Keys table) {
    List<AttributeValue> values =
        List.of(
            index.partitions().get(0),
            index.sorts().get(0),
            table.partitions().get(0),
            table.sorts().get(0));
    List<ScalarAttributeType> types =
        List.of(index.partitionType(), index.sortType(), table.partitionType(), table.sortType());
    java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
    for (AttributeValue value : values) {
      key.writeBytes(KeyCodec.encodeValue(value));
    }
    assertThat(KeyCodec.decodeValues(key.toByteArray(), types))
        .isEqualTo(values.stream().map(Values::canonical).toList());
  }

  @Property(tries = 2000)
  void rangesSelectWhatAFilterSelects(@ForAll("queries") Query query) {
    Keys keys = query.keys();
    TreeMap<byte[], AttributeValue> table = new TreeMap<>(Arrays::compareUnsigned);
    for (AttributeValue p : keys.partitions()) {
      for (AttributeValue s : keys.sorts()) {
        table.put(KeyCodec.encode(p, s), Values.canonical(s));
      }
    }
    // The table holds keys of other partitions too, often on both sides of the queried one.
    AttributeValue p = query.partition();
    List<AttributeValue> ops = query.operands();
    KeyCodec.Range range;
    Predicate<AttributeValue> condition;
    switch (query.operator()) {
      case "=" -> {
        range = KeyCodec.sortEqual(p, ops.get(0));
        condition = s -> compare(s, ops.get(0)) == 0;
      }
      case ">" -> {
        range = KeyCodec.sortGreaterThan(p, ops.get(0));
        condition = s -> compare(s, ops.get(0)) > 0;
      }
      case ">=" -> {
        range = KeyCodec.sortAtLeast(p, ops.get(0));
        condition = s -> compare(s, ops.get(0)) >= 0;
      }
      case "<" -> {
        range = KeyCodec.sortLessThan(p, ops.get(0));
        condition = s -> compare(s, ops.get(0)) < 0;
      }
      case "<=" -> {
        range = KeyCodec.sortAtMost(p, ops.get(0));
        condition = s -> compare(s, ops.get(0)) <= 0;
      }
      case "BETWEEN" -> {
        range = KeyCodec.sortBetween(p, ops.get(0), ops.get(1));
        condition = s -> compare(s, ops.get(0)) >= 0 && compare(s, ops.get(1)) <= 0;
      }
      case "begins_with" -> {
        range = KeyCodec.sortBeginsWith(p, ops.get(0));
        condition = s -> startsWith(bytes(s), bytes(ops.get(0)));
      }
      default -> {
        range = KeyCodec.partition(p);
        condition = s -> true;
      }
    }
    List<AttributeValue> expected =
        keys.sorts().stream()
            .filter(condition)
            .map(Values::canonical)
            .distinct()
            .sorted(KeyCodecPropertiesTest::compare)
            .toList();
    List<AttributeValue> actual =
        new ArrayList<>(
            (range.to() == null
                    ? table.tailMap(range.from(), true)
                    : table.subMap(range.from(), true, range.to(), false))
                .values());
    assertThat(actual).as("%s %s %s", query.operator(), ops, range).isEqualTo(expected);
    for (byte[] key : table.keySet()) {
      AttributeValue partitionOfKey =
          KeyCodec.decode(key, keys.partitionType(), keys.sortType()).partition();
      if (range.contains(key)) {
        assertThat(AttributeValues.equal(partitionOfKey, p)).isTrue();
      }
    }
  }

  private static int compare(AttributeValue a, AttributeValue b) {
    return AttributeValues.compare(a, b).orElseThrow();
  }

  private static byte[] bytes(AttributeValue value) {
    return value.s() != null
        ? value.s().getBytes(StandardCharsets.UTF_8)
        : value.b().asByteArrayUnsafe();
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    return value.length >= prefix.length
        && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Provide
  Arbitrary<Pair> stringPairs() {
    return pairs(ScalarAttributeType.S);
  }

  /**
   * Pairs of numbers, independent or related: one a truncation of the other's digits, or the other
   * with a digit appended (so mantissas are prefixes), the other negated, or the same number
   * written differently.
   */
  @Provide
  Arbitrary<Pair> numberPairs() {
    Arbitrary<Pair> related =
        Combinators.combine(
                Values.numbers(),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 37))
            .as(
                (a, relation, digits) -> {
                  BigDecimal b =
                      switch (relation) {
                        case 0 -> a.round(new MathContext(digits, RoundingMode.DOWN));
                        case 1 -> {
                          BigDecimal n = a.stripTrailingZeros();
                          int place = Math.max(digits, n.precision());
                          yield place >= 38 || n.signum() == 0
                              ? n
                              : n.add(
                                  BigDecimal.valueOf(n.signum())
                                      .scaleByPowerOfTen(n.precision() - n.scale() - 1 - place));
                        }
                        case 2 -> a.negate();
                        default -> a.setScale(a.scale() + digits);
                      };
                  return digits % 2 == 0
                      ? new Pair(
                          AttributeValue.fromN(a.toString()), AttributeValue.fromN(b.toString()))
                      : new Pair(
                          AttributeValue.fromN(b.toString()), AttributeValue.fromN(a.toString()));
                });
    return Arbitraries.frequencyOf(Tuple.of(1, pairs(ScalarAttributeType.N)), Tuple.of(1, related));
  }

  @Provide
  Arbitrary<Pair> binaryPairs() {
    return pairs(ScalarAttributeType.B);
  }

  private static Arbitrary<Pair> pairs(ScalarAttributeType type) {
    Arbitrary<AttributeValue> values = Values.ofType(type);
    return Combinators.combine(values, values).as(Pair::new);
  }

  @Provide
  Arbitrary<Keys> keys() {
    return Values.keyTypes()
        .flatMap(
            partitionType ->
                Values.keyTypes()
                    .flatMap(
                        sortType ->
                            Combinators.combine(
                                    Values.ofType(partitionType).list().ofMinSize(2).ofMaxSize(3),
                                    Values.ofType(sortType).list().ofMinSize(2).ofMaxSize(12))
                                .as(
                                    (partitions, sorts) ->
                                        new Keys(partitionType, sortType, partitions, sorts))));
  }

  @Provide
  Arbitrary<Query> queries() {
    return keys()
        .flatMap(
            keys -> {
              List<String> operators =
                  new ArrayList<>(List.of("=", ">", ">=", "<", "<=", "BETWEEN", "partition"));
              if (keys.sortType() != ScalarAttributeType.N) {
                operators.add("begins_with");
              }
              // Operands: often a stored sort value, else a fresh one.
              Arbitrary<AttributeValue> operands =
                  Arbitraries.frequencyOf(
                      Tuple.of(1, Arbitraries.of(keys.sorts())),
                      Tuple.of(1, Values.ofType(keys.sortType())));
              return Arbitraries.of(operators)
                  .flatMap(
                      operator ->
                          Combinators.combine(
                                  Arbitraries.of(keys.partitions()),
                                  operator.equals("begins_with")
                                      ? operands.flatMap(KeyCodecPropertiesTest::prefixes)
                                      : operands,
                                  operands)
                              .as(
                                  (partition, first, second) ->
                                      new Query(
                                          keys, partition, operator, List.of(first, second))));
            });
  }

  /** The value and its prefixes (of code points for strings). */
  private static Arbitrary<AttributeValue> prefixes(AttributeValue value) {
    if (value.s() != null) {
      int[] points = value.s().codePoints().toArray();
      return Arbitraries.integers()
          .between(0, points.length)
          .map(length -> AttributeValue.fromS(new String(points, 0, length)));
    }
    byte[] bytes = value.b().asByteArrayUnsafe();
    return Arbitraries.integers()
        .between(0, bytes.length)
        .map(length -> AttributeValue.fromB(SdkBytes.fromByteArray(Arrays.copyOf(bytes, length))));
  }
}
