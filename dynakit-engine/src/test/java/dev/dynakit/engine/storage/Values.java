package dev.dynakit.engine.storage;

import dev.dynakit.expression.value.DynamoNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Generators of DynamoDB values for the storage properties. */
final class Values {
  private Values() {}

  /** Well-formed strings (no lone surrogates), from a tiny alphabet or all of Unicode. */
  static Arbitrary<String> strings() {
    Arbitrary<String> tiny =
        Arbitraries.strings()
            .withChars('a', 'b', '\0', '\u007f', '\u0080', '\uffff')
            .ofMaxLength(4);
    Arbitrary<String> unicode =
        codePoints()
            .list()
            .ofMaxSize(6)
            .map(
                points -> {
                  StringBuilder text = new StringBuilder();
                  points.forEach(text::appendCodePoint);
                  return text.toString();
                });
    return Arbitraries.frequencyOf(Tuple.of(3, tiny), Tuple.of(2, unicode));
  }

  private static Arbitrary<Integer> codePoints() {
    Arbitrary<Integer> any =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
    Arbitrary<Integer> edges = Arbitraries.of(0, 1, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000);
    return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, edges));
  }

  /** Byte strings, from a tiny alphabet or all bytes. */
  static Arbitrary<byte[]> byteArrays() {
    Arbitrary<byte[]> tiny =
        Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff)
            .list()
            .ofMaxSize(4)
            .map(Values::toArray);
    Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(8);
    return Arbitraries.frequencyOf(Tuple.of(3, tiny), Tuple.of(1, any));
  }

  private static byte[] toArray(List<Byte> list) {
    byte[] bytes = new byte[list.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = list.get(i);
    }
    return bytes;
  }

  /**
   * DynamoDB numbers across the whole range: zero, small integers and decimals (often of one
   * exponent, so that mantissas get compared), and any sign, exponent and up to 38 digits.
   */
  static Arbitrary<BigDecimal> numbers() {
    Arbitrary<BigDecimal> anyRange =
        Combinators.combine(
                Arbitraries.of(1, -1),
                Arbitraries.integers().between(1, 9),
                Arbitraries.strings().numeric().ofMaxLength(37),
                Arbitraries.integers().between(-130, 125))
            .as(
                (sign, first, rest, exponent) -> {
                  String mantissa = first + rest;
                  BigDecimal value =
                      new BigDecimal(new BigInteger(mantissa), mantissa.length() - 1 - exponent);
                  return sign < 0 ? value.negate() : value;
                });
    Arbitrary<BigDecimal> small =
        Combinators.combine(
                Arbitraries.integers().between(-2000, 2000), Arbitraries.integers().between(0, 3))
            .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
    Arbitrary<BigDecimal> edges =
        Arbitraries.of(
            BigDecimal.ZERO,
            BigDecimal.ONE,
            BigDecimal.ONE.negate(),
            DynamoNumber.MAX_VALUE.bigDecimalValue(),
            DynamoNumber.MAX_VALUE.bigDecimalValue().negate(),
            DynamoNumber.MIN_POSITIVE.bigDecimalValue(),
            DynamoNumber.MIN_POSITIVE.bigDecimalValue().negate(),
            new BigDecimal("99999999999999999999999999999999999999"),
            new BigDecimal("1E+125"),
            new BigDecimal("-1E+125"),
            new BigDecimal("0.1"),
            new BigDecimal("0.01"),
            new BigDecimal("9.9"),
            new BigDecimal("10.01"));
    return Arbitraries.frequencyOf(Tuple.of(4, anyRange), Tuple.of(3, small), Tuple.of(1, edges));
  }

  /** Texts of numbers, in the several ways DynamoDB accepts one number written. */
  static Arbitrary<String> numberTexts() {
    return Combinators.combine(numbers(), Arbitraries.integers().between(0, 3))
        .as(
            (number, form) ->
                switch (form) {
                  case 0 -> number.toPlainString();
                  case 1 -> number.toString();
                  case 2 -> number.toEngineeringString();
                  default -> number.setScale(number.scale() + 2).toString();
                });
  }

  static Arbitrary<AttributeValue> ofType(ScalarAttributeType type) {
    return switch (type) {
      case S -> strings().map(AttributeValue::fromS);
      case N -> numberTexts().map(AttributeValue::fromN);
      default -> byteArrays().map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b)));
    };
  }

  static Arbitrary<ScalarAttributeType> keyTypes() {
    return Arbitraries.of(ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B);
  }

  /** A value as DynamoDB hands it back: numbers in canonical text. */
  static AttributeValue canonical(AttributeValue value) {
    return value.n() == null
        ? value
        : AttributeValue.fromN(DynamoNumber.parse(value.n()).toString());
  }

  /** Any attribute value, nested up to {@code depth} levels of lists and maps. */
  static Arbitrary<AttributeValue> attributeValues(int depth) {
    Arbitrary<AttributeValue> scalars =
        Arbitraries.oneOf(
            strings().map(AttributeValue::fromS),
            numberTexts().map(AttributeValue::fromN),
            byteArrays().map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))),
            Arbitraries.of(true, false).map(AttributeValue::fromBool),
            Arbitraries.just(AttributeValue.fromNul(true)),
            strings()
                .set()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(s -> AttributeValue.fromSs(List.copyOf(s))),
            numberTexts().list().ofMinSize(1).ofMaxSize(4).map(AttributeValue::fromNs),
            byteArrays()
                .map(SdkBytes::fromByteArray)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(AttributeValue::fromBs));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<AttributeValue> inner = Arbitraries.lazy(() -> attributeValues(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars),
        Tuple.of(1, inner.list().ofMaxSize(4).map(AttributeValue::fromL)),
        Tuple.of(1, items(inner, 4).map(AttributeValue::fromM)));
  }

  /** Items of up to {@code size} attributes with Unicode names. */
  static Arbitrary<Map<String, AttributeValue>> items(Arbitrary<AttributeValue> values, int size) {
    return Arbitraries.maps(strings(), values).ofMaxSize(size);
  }
}
