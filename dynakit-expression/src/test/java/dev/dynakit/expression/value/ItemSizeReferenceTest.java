package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Item sizes compared with DynamoDB Local: for each item, the length of a padding string at which
 * PutItem's write units step from n to n + 1 is searched, and {@link ItemSize} must put that step
 * exactly at the 1 KB boundary.
 */
class ItemSizeReferenceTest {

  private static AttributeValue s(String s) {
    return AttributeValue.fromS(s);
  }

  private static AttributeValue n(String n) {
    return AttributeValue.fromN(n);
  }

  private static AttributeValue l(AttributeValue... elements) {
    return AttributeValue.fromL(List.of(elements));
  }

  private static AttributeValue m(String k, AttributeValue v) {
    return AttributeValue.fromM(Map.of(k, v));
  }

  private static AttributeValue bytes(int length) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(new byte[length]));
  }

  private static double putCapacity(Map<String, AttributeValue> item) {
    return Local.client()
        .putItem(
            b ->
                b.tableName(Local.TABLE)
                    .item(item)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
        .consumedCapacity()
        .capacityUnits();
  }

  /** The item with a fresh key and a padding attribute {@code ~} of {@code length} ASCII bytes. */
  private static Map<String, AttributeValue> padded(Map<String, AttributeValue> item, int length) {
    Map<String, AttributeValue> result = Local.withFreshKey(item);
    result.put("~", s("x".repeat(length)));
    return result;
  }

  /**
   * Searches the padding length at which DynamoDB Local's write units step up, and checks that
   * ItemSize puts the item one byte over a 1 KB boundary there and on it one byte before.
   */
  static void assertSameBoundary(Map<String, AttributeValue> item) {
    double units = putCapacity(padded(item, 0));
    int low = 0;
    int high = 1025;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (putCapacity(padded(item, mid)) > units) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    assertThat(low).as("padding at the step").isBetween(1, 1024);
    long boundary = (long) units * 1024;

    assertThat(ItemSize.of(padded(item, low))).isEqualTo(boundary + 1);
    assertThat(ItemSize.of(padded(item, low - 1))).isEqualTo(boundary);
    assertThat(CapacityUnits.write(boundary)).isEqualTo(units);
    assertThat(CapacityUnits.write(boundary + 1)).isEqualTo(units + 1);
  }

  static Stream<Arguments> items() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("nothing but the key", Map.of()));
    cases.add(Arguments.of("S empty", Map.of("a", s(""))));
    cases.add(Arguments.of("S ASCII", Map.of("a", s("abc"))));
    cases.add(Arguments.of("S two-byte", Map.of("a", s("éé"))));
    cases.add(Arguments.of("S three-byte", Map.of("a", s("中文"))));
    cases.add(Arguments.of("S four-byte", Map.of("a", s("\uD83D\uDE00"))));
    cases.add(Arguments.of("non-ASCII name", Map.of("名前é", s("a"))));
    cases.add(Arguments.of("long name", Map.of("n".repeat(300), s("a"))));
    cases.add(Arguments.of("B empty", Map.of("a", bytes(0))));
    cases.add(Arguments.of("B 5", Map.of("a", bytes(5))));
    cases.add(Arguments.of("BOOL", Map.of("a", AttributeValue.fromBool(false))));
    cases.add(Arguments.of("NULL", Map.of("a", AttributeValue.fromNul(true))));
    cases.add(Arguments.of("SS", Map.of("a", AttributeValue.fromSs(List.of("a", "bb", "", "é")))));
    cases.add(
        Arguments.of("NS", Map.of("a", AttributeValue.fromNs(List.of("1", "-22", "123.45", "0")))));
    cases.add(
        Arguments.of(
            "BS",
            Map.of(
                "a",
                AttributeValue.fromBs(
                    List.of(
                        SdkBytes.fromByteArray(new byte[1]),
                        SdkBytes.fromByteArray(new byte[3]))))));
    cases.add(Arguments.of("L empty", Map.of("a", l())));
    cases.add(Arguments.of("M empty", Map.of("a", AttributeValue.fromM(Map.of()))));
    cases.add(
        Arguments.of(
            "L of scalars",
            Map.of("a", l(s("a"), n("1"), AttributeValue.fromBool(true), bytes(2)))));
    cases.add(
        Arguments.of(
            "L of containers", Map.of("a", l(l(), AttributeValue.fromM(Map.of()), l(l())))));
    cases.add(
        Arguments.of(
            "M with keys", Map.of("a", AttributeValue.fromM(Map.of("k", s("a"), "é", n("-1.5"))))));
    cases.add(
        Arguments.of(
            "M nested",
            Map.of(
                "a",
                m(
                    "k",
                    m(
                        "j",
                        l(AttributeValue.fromSs(List.of("x")), AttributeValue.fromNul(true)))))));
    cases.add(Arguments.of("deep nesting", Map.of("a", l(l(l(l(l(m("z", l(n("12345")))))))))));
    cases.add(
        Arguments.of("several attributes", Map.of("a", s("x"), "bb", n("99"), "ccc", l(s("y")))));
    // Values over 1 KB: the step is at a later boundary.
    cases.add(Arguments.of("S 5000", Map.of("a", s("y".repeat(5000)))));
    cases.add(Arguments.of("S 3000 three-byte", Map.of("a", s("中".repeat(3000)))));
    cases.add(
        Arguments.of(
            "L of 500 numbers",
            Map.of("a", AttributeValue.fromL(numbers(500, i -> n(Integer.toString(i * 7919)))))));
    cases.add(Arguments.of("M of 300 entries", Map.of("a", AttributeValue.fromM(entries(300)))));
    return cases.stream();
  }

  private static List<AttributeValue> numbers(int count, IntFunction<AttributeValue> number) {
    List<AttributeValue> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(number.apply(i));
    }
    return result;
  }

  private static Map<String, AttributeValue> entries(int count) {
    Map<String, AttributeValue> result = new HashMap<>();
    for (int i = 0; i < count; i++) {
      result.put("k" + i, i % 2 == 0 ? s("v" + i) : n("-" + i + ".5"));
    }
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("items")
  void itemSizeStepsWhereDynamoDbLocalDoes(String label, Map<String, AttributeValue> item) {
    assertSameBoundary(item);
  }

  @ParameterizedTest(name = "N {0}")
  @ValueSource(
      strings = {
        "0",
        "-0",
        "1",
        "-1",
        "9",
        "10",
        "12",
        "99",
        "100",
        "101",
        "123",
        "1234",
        "12345",
        "1000",
        "1010",
        "10100",
        "1000001",
        "0.1",
        "0.01",
        "0.001",
        "0.5",
        "0.05",
        "1.5",
        "-1.5",
        "1.01",
        "12.5",
        "123.45",
        "0.00123",
        "0.10101",
        "1.2E+5",
        "1.2E+6",
        "1.23E+6",
        "11E+124",
        "1E+125",
        "1E+124",
        "5E-130",
        "5E-129",
        "-5E-130",
        "123456789",
        "1234567890",
        "12345678901",
        "12345678901234567890123456789012345678",
        "-12345678901234567890123456789012345678",
        "1.2345678901234567890123456789012345678E+100",
        "-1.2345678901234567890123456789012345678E+100",
        "-1.234567890123456789012345678901234567E+100",
        "-100",
        "-0.5",
        "1.50000",
        "000123.4500"
      })
  void numberSizeStepsWhereDynamoDbLocalDoes(String number) {
    assertSameBoundary(Map.of("a", n(number)));
  }

  /** A wider sweep of random numbers; run with {@code -Dgroups=slow}. */
  @Test
  @Tag("slow")
  void randomNumberSizesStepWhereDynamoDbLocalDoes() {
    Random random = new Random(20261124);
    for (int i = 0; i < 300; i++) {
      int digits = 1 + random.nextInt(38);
      BigInteger unscaled = new BigInteger(digits * 3, random);
      if (random.nextBoolean()) {
        unscaled = unscaled.negate();
      }
      BigDecimal value = new BigDecimal(unscaled, random.nextInt(80) - 40);
      assertSameBoundary(Map.of("a", n(DynamoNumber.of(value).toString())));
    }
  }

  static Stream<Arguments> atTheLimit() {
    return Stream.of(
        Arguments.of("flat", (IntFunction<AttributeValue>) length -> s("z".repeat(length))),
        Arguments.of(
            "nested",
            (IntFunction<AttributeValue>) length -> m("é", l(n("-1.5"), s("z".repeat(length))))),
        Arguments.of(
            "binary in a list",
            (IntFunction<AttributeValue>)
                length -> l(bytes(length), AttributeValue.fromNul(true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("atTheLimit")
  void limitIsExactly400Kilobytes(String label, IntFunction<AttributeValue> valueOfLength) {
    Map<String, AttributeValue> item = Local.withFreshKey(Map.of("a", valueOfLength.apply(0)));
    long overhead = ItemSize.of(item);
    int length = (int) (ItemSize.MAX_ITEM_BYTES - overhead);
    Map<String, AttributeValue> largest =
        Local.withFreshKey(Map.of("a", valueOfLength.apply(length)));
    Map<String, AttributeValue> tooLarge =
        Local.withFreshKey(Map.of("a", valueOfLength.apply(length + 1)));
    assertThat(ItemSize.of(largest)).isEqualTo(409_600);
    assertThat(ItemSize.of(tooLarge)).isEqualTo(409_601);

    assertThat(putCapacity(largest)).isEqualTo(400.0);
    assertThatCode(() -> ItemSize.checkLimit(largest)).doesNotThrowAnyException();
    assertThatThrownBy(() -> putCapacity(tooLarge))
        .isInstanceOf(DynamoDbException.class)
        .extracting(e -> ((DynamoDbException) e).awsErrorDetails().errorMessage())
        .isEqualTo(ItemSize.TOO_LARGE);
    assertThatThrownBy(() -> ItemSize.checkLimit(tooLarge))
        .isInstanceOf(ValidationException.class)
        .hasMessage(ItemSize.TOO_LARGE);
  }
}
