package dev.dynakit.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Attribute values drawn from a seeded {@link Random}: keys from small pools (so that requests meet
 * the same items again), and nested maps and lists, sets, numbers of every precision and exponent,
 * binary, empty strings and unicode for the other attributes.
 */
final class RandomValues {
  /** Attributes that are not keys. {@code name} and {@code status} are reserved words. */
  static final List<String> ATTRIBUTES =
      List.of("a", "b", "c", "l", "m", "ss", "ns", "bs", "name", "status");

  static final Set<String> RESERVED = Set.of("name", "status");

  /** Names inside generated maps. */
  static final List<String> MEMBERS = List.of("x", "y", "z");

  private static final List<String> STRING_KEYS =
      List.of("a", "b", "ab", "a b", "A", "é", "中文", "\uD83D\uDE00", "zz");
  // Canonical spellings only: one key spelled two ways ("1" and "1.0") is a documented difference
  // in transactions (docs/compatibility.md), and DynamoDB stores the canonical text of a key.
  private static final List<String> NUMBER_KEYS =
      List.of("0", "1", "-1", "2.5", "10", "100", "-3.75", "1E+20", "0.001");
  private static final List<byte[]> BINARY_KEYS =
      List.of(
          new byte[] {0},
          new byte[] {1},
          new byte[] {0, 1},
          new byte[] {(byte) 0xff},
          new byte[] {1, 2, 3});
  private static final int[] CODE_POINTS = {
    'a', 'b', 'c', 'x', ' ', 'A', 'é', 'ß', '中', 0x1F600, '0', '.'
  };

  private final Random random;

  RandomValues(Random random) {
    this.random = random;
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  @SafeVarargs
  final <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** A key value of the type, from the type's pool. */
  AttributeValue key(ScalarAttributeType type) {
    switch (type) {
      case N:
        return AttributeValue.fromN(pick(NUMBER_KEYS));
      case B:
        return AttributeValue.fromB(SdkBytes.fromByteArray(pick(BINARY_KEYS)));
      default:
        return AttributeValue.fromS(pick(STRING_KEYS));
    }
  }

  /** A value for an attribute: mostly of the type its name suggests, so updates find it. */
  AttributeValue forAttribute(String attribute) {
    if (chance(0.3)) {
      return any(0);
    }
    switch (attribute) {
      case "c":
        return AttributeValue.fromN(number());
      case "l":
        return list(0);
      case "m":
        return map(0);
      case "ss":
        return stringSet();
      case "ns":
        return numberSet();
      case "bs":
        return binarySet();
      default:
        return scalar();
    }
  }

  /** Any value, nested at most two levels below {@code depth}. */
  AttributeValue any(int depth) {
    int kinds = depth < 2 ? 10 : 8;
    switch (random.nextInt(kinds)) {
      case 0:
      case 1:
      case 2:
        return scalar();
      case 3:
        return AttributeValue.fromBool(random.nextBoolean());
      case 4:
        return AttributeValue.fromNul(true);
      case 5:
        return stringSet();
      case 6:
        return numberSet();
      case 7:
        return binarySet();
      case 8:
        return list(depth + 1);
      default:
        return map(depth + 1);
    }
  }

  /** A string, number or binary value. */
  AttributeValue scalar() {
    switch (random.nextInt(3)) {
      case 0:
        return AttributeValue.fromN(number());
      case 1:
        return AttributeValue.fromB(bytes(0));
      default:
        return AttributeValue.fromS(string(0));
    }
  }

  AttributeValue list(int depth) {
    List<AttributeValue> elements = new ArrayList<>();
    for (int i = between(0, 3); i > 0; i--) {
      elements.add(any(depth));
    }
    return AttributeValue.fromL(elements);
  }

  AttributeValue map(int depth) {
    Map<String, AttributeValue> members = new LinkedHashMap<>();
    for (int i = between(0, 3); i > 0; i--) {
      members.put(pick(MEMBERS), any(depth));
    }
    return AttributeValue.fromM(members);
  }

  AttributeValue stringSet() {
    Set<String> members = new LinkedHashSet<>();
    for (int i = between(1, 3); i > 0; i--) {
      members.add(string(1));
    }
    return AttributeValue.fromSs(new ArrayList<>(members));
  }

  AttributeValue numberSet() {
    Map<BigDecimal, String> members = new LinkedHashMap<>();
    for (int i = between(1, 3); i > 0; i--) {
      String number = number();
      members.putIfAbsent(new BigDecimal(number).stripTrailingZeros(), number);
    }
    return AttributeValue.fromNs(new ArrayList<>(members.values()));
  }

  AttributeValue binarySet() {
    Map<String, SdkBytes> members = new LinkedHashMap<>();
    for (int i = between(1, 3); i > 0; i--) {
      SdkBytes bytes = bytes(1);
      members.putIfAbsent(java.util.Arrays.toString(bytes.asByteArray()), bytes);
    }
    return AttributeValue.fromBs(new ArrayList<>(members.values()));
  }

  /** A string of up to 5 code points, at least {@code minimum}, some outside the BMP. */
  String string(int minimum) {
    StringBuilder text = new StringBuilder();
    for (int i = between(minimum, 5); i > 0; i--) {
      text.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
    }
    return text.toString();
  }

  SdkBytes bytes(int minimum) {
    byte[] bytes = new byte[between(minimum, 4)];
    random.nextBytes(bytes);
    return SdkBytes.fromByteArray(bytes);
  }

  /**
   * A valid DynamoDB number: small integers, decimals of up to 38 digits, exponents across the
   * range, leading and trailing zeros.
   */
  String number() {
    switch (random.nextInt(5)) {
      case 0:
        return Integer.toString(between(-20, 20));
      case 1:
        return sign() + digits(between(1, 5)) + "." + digits(between(1, 33));
      case 2:
        return sign()
            + (1 + random.nextInt(9))
            + "."
            + digits(between(1, 6))
            + "E"
            + between(-129, 125);
      case 3:
        return sign() + "00" + between(0, 99) + "." + between(0, 9) + "00";
      default:
        return sign() + between(0, 1000) + "." + between(0, 99);
    }
  }

  /** A number DynamoDB refuses: too many digits, out of range, or not a number. */
  String badNumber() {
    return pick("1" + digits(38), "1E+126", "1E-131", "one", "1..2", "");
  }

  private String sign() {
    return chance(0.3) ? "-" : "";
  }

  private String digits(int count) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }
}
