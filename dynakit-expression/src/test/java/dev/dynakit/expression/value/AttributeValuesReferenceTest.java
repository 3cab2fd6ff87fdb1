package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Equality, ordering, size() and validation compared with DynamoDB Local. */
class AttributeValuesReferenceTest {

  private static AttributeValue s(String s) {
    return AttributeValue.fromS(s);
  }

  private static AttributeValue n(String n) {
    return AttributeValue.fromN(n);
  }

  private static AttributeValue b(int... bytes) {
    byte[] raw = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      raw[i] = (byte) bytes[i];
    }
    return AttributeValue.fromB(SdkBytes.fromByteArray(raw));
  }

  private static SdkBytes bytes(String utf8) {
    return SdkBytes.fromUtf8String(utf8);
  }

  private static AttributeValue l(AttributeValue... elements) {
    return AttributeValue.fromL(List.of(elements));
  }

  private static AttributeValue ss(String... members) {
    return AttributeValue.fromSs(List.of(members));
  }

  private static AttributeValue ns(String... members) {
    return AttributeValue.fromNs(List.of(members));
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of(s("a"), s("a")),
        Arguments.of(s("a"), s("B")),
        Arguments.of(s("\uFFFF"), s("\uD83D\uDE00")), // UTF-16 and UTF-8 orders differ
        Arguments.of(s("ab"), s("a")),
        Arguments.of(s(""), s("a")),
        Arguments.of(n("1"), n("1.0")),
        Arguments.of(n("-5"), n("3")),
        Arguments.of(n("1E+2"), n("99.999")),
        Arguments.of(n("-0"), n("0")),
        Arguments.of(b(0x80), b(0x01)),
        Arguments.of(b(1), b(1, 2)),
        Arguments.of(b(), b()),
        Arguments.of(n("1"), s("1")),
        Arguments.of(s("a"), b('a')),
        Arguments.of(AttributeValue.fromBool(true), AttributeValue.fromBool(false)),
        Arguments.of(AttributeValue.fromBool(true), AttributeValue.fromBool(true)),
        Arguments.of(AttributeValue.fromNul(true), AttributeValue.fromNul(true)),
        Arguments.of(ns("1", "2"), ns("2.0", "1")),
        Arguments.of(ns("1", "2"), ns("1", "2", "3")),
        Arguments.of(ss("a", "b"), ss("b", "a")),
        Arguments.of(ss("a"), ss("A")),
        Arguments.of(
            AttributeValue.fromBs(List.of(bytes("x"), bytes("y"))),
            AttributeValue.fromBs(List.of(bytes("y"), bytes("x")))),
        Arguments.of(l(n("1"), n("2")), l(n("2"), n("1"))),
        Arguments.of(l(n("1")), l(n("1.0"))),
        Arguments.of(l(ns("1", "2")), l(ns("2", "1"))),
        Arguments.of(l(), l()),
        Arguments.of(ss("a"), l(s("a"))),
        Arguments.of(l(), AttributeValue.fromM(Map.of())),
        Arguments.of(
            AttributeValue.fromM(Map.of("k", n("1"), "j", s("x"))),
            AttributeValue.fromM(Map.of("j", s("x"), "k", n("1.00")))),
        Arguments.of(
            AttributeValue.fromM(Map.of("k", n("1"))),
            AttributeValue.fromM(Map.of("k", n("1"), "j", s("x")))),
        Arguments.of(
            AttributeValue.fromM(Map.of("k", n("1"))), AttributeValue.fromM(Map.of("K", n("1")))));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void equalAgreesWithConditionEquals(AttributeValue a, AttributeValue v) {
    AttributeValue key = Local.putItemWithA(a);

    boolean local = Local.holds(key, "a = :v", Map.of(":v", v));

    assertThat(AttributeValues.equal(a, v)).isEqualTo(local);
    assertThat(AttributeValues.equal(v, a)).isEqualTo(local);
    assertThat(Local.holds(key, "a <> :v", Map.of(":v", v))).isEqualTo(!local);
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void compareAgreesWithConditionOrdering(AttributeValue a, AttributeValue v) {
    OptionalInt order = AttributeValues.compare(a, v);
    boolean orderable = a.type() == v.type() && List.of("S", "N", "B").contains(a.type().name());
    AttributeValue key = Local.putItemWithA(a);

    if (orderable) {
      assertThat(order).isPresent();
      assertThat(Local.holds(key, "a < :v", Map.of(":v", v))).isEqualTo(order.getAsInt() < 0);
      assertThat(Local.holds(key, "a > :v", Map.of(":v", v))).isEqualTo(order.getAsInt() > 0);
      assertThat(Local.holds(key, "a <= :v", Map.of(":v", v))).isEqualTo(order.getAsInt() <= 0);
      assertThat(Local.holds(key, "a BETWEEN :v AND :v", Map.of(":v", v)))
          .isEqualTo(order.getAsInt() == 0);
      assertThat(AttributeValues.compare(v, a)).hasValue(-order.getAsInt());
    } else {
      assertThat(order).isEmpty();
      if (List.of("S", "N", "B").contains(v.type().name())) {
        // A value DynamoDB can order against an attribute of another type: the condition is false.
        assertThat(Local.holds(key, "a < :v", Map.of(":v", v))).isFalse();
        assertThat(Local.holds(key, "a >= :v", Map.of(":v", v))).isFalse();
      }
    }
  }

  static Stream<Arguments> sizes() {
    return Stream.of(
        Arguments.of(s("abc"), 3L),
        Arguments.of(s(""), 0L),
        Arguments.of(s("é"), 1L),
        Arguments.of(s("\uD83D\uDE00"), 2L),
        Arguments.of(s("中文é\uD834\uDD1E"), 5L),
        Arguments.of(b(1, 2, 3), 3L),
        Arguments.of(b(), 0L),
        Arguments.of(ss("a", "bb"), 2L),
        Arguments.of(ns("1", "2", "3"), 3L),
        Arguments.of(AttributeValue.fromBs(List.of(bytes("a"))), 1L),
        Arguments.of(l(s("a"), l(), n("1")), 3L),
        Arguments.of(l(), 0L),
        Arguments.of(AttributeValue.fromM(Map.of("k", s("a"), "j", s("b"))), 2L),
        Arguments.of(n("123"), -1L),
        Arguments.of(AttributeValue.fromBool(true), -1L),
        Arguments.of(AttributeValue.fromNul(true), -1L));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void sizeAgreesWithSizeFunction(AttributeValue a, long expected) {
    AttributeValue key = Local.putItemWithA(a);
    OptionalLong size = AttributeValues.size(a);

    if (expected < 0) {
      assertThat(size).isEmpty();
      assertThat(Local.holds(key, "size(a) >= :zero", Map.of(":zero", n("0")))).isFalse();
      assertThat(Local.holds(key, "size(a) < :zero", Map.of(":zero", n("0")))).isFalse();
    } else {
      assertThat(size).hasValue(expected);
      assertThat(Local.holds(key, "size(a) = :n", Map.of(":n", n(Long.toString(expected)))))
          .isTrue();
    }
  }

  static Stream<Arguments> invalidValues() {
    List<Arguments> cases = new ArrayList<>();
    AttributeValue noType = AttributeValue.builder().build();
    AttributeValue nullFalse = AttributeValue.builder().nul(false).build();
    AttributeValue emptySs = AttributeValue.builder().ss(List.of()).build();
    AttributeValue emptyNs = AttributeValue.builder().ns(List.of()).build();
    AttributeValue emptyBs = AttributeValue.builder().bs(List.of()).build();
    cases.add(Arguments.of("no type", noType));
    cases.add(Arguments.of("NULL false", nullFalse));
    cases.add(Arguments.of("S and N", AttributeValue.builder().s("a").n("1").build()));
    cases.add(
        Arguments.of("S and BOOL false", AttributeValue.builder().s("a").bool(false).build()));
    cases.add(Arguments.of("L and M", AttributeValue.builder().l(List.of()).m(Map.of()).build()));
    cases.add(Arguments.of("SS and NS", AttributeValue.builder().ss("a").ns("1").build()));
    cases.add(Arguments.of("empty SS", emptySs));
    cases.add(Arguments.of("empty NS", emptyNs));
    cases.add(Arguments.of("empty BS", emptyBs));
    cases.add(Arguments.of("SS a,a", ss("a", "a")));
    cases.add(Arguments.of("SS b,a,b", ss("b", "a", "b")));
    cases.add(Arguments.of("SS é,é", ss("é", "é")));
    cases.add(Arguments.of("NS 1,1.0", ns("1", "1.0")));
    cases.add(Arguments.of("NS -0,0", ns("-0", "0")));
    cases.add(Arguments.of("NS 1E+2,100", ns("1E+2", "100")));
    cases.add(
        Arguments.of("BS dup", AttributeValue.fromBs(List.of(bytes("b"), bytes("a"), bytes("b")))));
    cases.add(Arguments.of("N x", n("x")));
    cases.add(Arguments.of("N empty", n("")));
    cases.add(Arguments.of("N overflow", n("1e200")));
    cases.add(Arguments.of("N underflow", n("1e-200")));
    cases.add(Arguments.of("N 39 digits", n("123456789012345678901234567890123456789")));
    cases.add(Arguments.of("NS bad member", ns("1", "x")));
    cases.add(Arguments.of("NS overflow member", ns("1", "1e200")));
    cases.add(Arguments.of("NS 39 digits", ns("123456789012345678901234567890123456789")));
    cases.add(Arguments.of("NS dup before bad", ns("1", "1", "x")));
    cases.add(Arguments.of("NS bad before dup", ns("x", "1", "1")));
    cases.add(Arguments.of("NS overflow before dup", ns("1e200", "1", "1")));
    cases.add(Arguments.of("NS underflow before overflow", ns("1e-200", "1e200")));
    cases.add(Arguments.of("L [N x]", l(n("x"))));
    cases.add(Arguments.of("M {k: N x}", AttributeValue.fromM(Map.of("k", n("x")))));
    cases.add(Arguments.of("M {k: empty SS}", AttributeValue.fromM(Map.of("k", emptySs))));
    cases.add(Arguments.of("L [SS a,a]", l(ss("a", "a"))));
    cases.add(Arguments.of("L [no type]", l(noType)));
    cases.add(Arguments.of("M {k: no type}", AttributeValue.fromM(Map.of("k", noType))));
    cases.add(Arguments.of("M {k: NULL false}", AttributeValue.fromM(Map.of("k", nullFalse))));
    cases.add(Arguments.of("L [empty NS]", l(emptyNs)));
    cases.add(Arguments.of("M {k: NS 1,01}", AttributeValue.fromM(Map.of("k", ns("1", "01")))));
    cases.add(Arguments.of("L [SS a,a; N x]", l(ss("a", "a"), n("x"))));
    cases.add(Arguments.of("L [N x; SS a,a]", l(n("x"), ss("a", "a"))));
    cases.add(Arguments.of("L [no type; N x]", l(noType, n("x"))));
    cases.add(Arguments.of("L [N x; no type]", l(n("x"), noType)));
    cases.add(Arguments.of("L [NULL false; N x]", l(nullFalse, n("x"))));
    cases.add(
        Arguments.of(
            "M {a: {b: [N 1e-131]}}",
            AttributeValue.fromM(Map.of("a", AttributeValue.fromM(Map.of("b", l(n("1e-131"))))))));
    // Several problems in one value: DynamoDB Local's order of checks.
    cases.add(Arguments.of("N x + NULL false", AttributeValue.builder().n("x").nul(false).build()));
    cases.add(
        Arguments.of("N x + empty SS", AttributeValue.builder().n("x").ss(List.of()).build()));
    cases.add(Arguments.of("N x + SS dup", AttributeValue.builder().n("x").ss("a", "a").build()));
    cases.add(
        Arguments.of("N x + empty NS", AttributeValue.builder().n("x").ns(List.of()).build()));
    cases.add(
        Arguments.of("N x + empty BS", AttributeValue.builder().n("x").bs(List.of()).build()));
    cases.add(Arguments.of("NULL false + S", AttributeValue.builder().nul(false).s("a").build()));
    cases.add(
        Arguments.of(
            "NULL false + empty BS", AttributeValue.builder().nul(false).bs(List.of()).build()));
    cases.add(
        Arguments.of(
            "NULL false + L [N x]", AttributeValue.builder().nul(false).l(n("x")).build()));
    cases.add(
        Arguments.of(
            "empty SS + empty NS", AttributeValue.builder().ss(List.of()).ns(List.of()).build()));
    cases.add(
        Arguments.of(
            "empty NS + empty BS", AttributeValue.builder().ns(List.of()).bs(List.of()).build()));
    cases.add(
        Arguments.of(
            "empty NS + SS dup", AttributeValue.builder().ns(List.of()).ss("a", "a").build()));
    cases.add(
        Arguments.of("empty BS + NS x", AttributeValue.builder().bs(List.of()).ns("x").build()));
    cases.add(
        Arguments.of(
            "empty BS + NS dup", AttributeValue.builder().bs(List.of()).ns("1", "1").build()));
    cases.add(
        Arguments.of(
            "empty BS + L [N x]", AttributeValue.builder().bs(List.of()).l(n("x")).build()));
    cases.add(
        Arguments.of(
            "BS dup + M {k: N x}",
            AttributeValue.builder().bs(bytes("a"), bytes("a")).m(Map.of("k", n("x"))).build()));
    cases.add(Arguments.of("S + L [N x]", AttributeValue.builder().s("a").l(n("x")).build()));
    cases.add(Arguments.of("S + empty SS", AttributeValue.builder().s("a").ss(List.of()).build()));
    cases.add(Arguments.of("S + empty L", AttributeValue.builder().s("a").l(List.of()).build()));
    cases.add(Arguments.of("NULL true + S", AttributeValue.builder().nul(true).s("a").build()));
    cases.add(
        Arguments.of("BOOL + NULL true", AttributeValue.builder().bool(true).nul(true).build()));
    cases.add(
        Arguments.of("B + BS", AttributeValue.builder().b(bytes("a")).bs(bytes("b")).build()));
    cases.add(Arguments.of("NS + L", AttributeValue.builder().ns("1").l(n("2")).build()));
    // Accepted values.
    cases.add(Arguments.of("empty S", s("")));
    cases.add(Arguments.of("empty B", b()));
    cases.add(Arguments.of("empty L", l()));
    cases.add(Arguments.of("empty M", AttributeValue.fromM(Map.of())));
    cases.add(Arguments.of("SS with empty string", ss("a", "")));
    cases.add(
        Arguments.of(
            "BS with empty binary", AttributeValue.fromBs(List.of(bytes("a"), bytes("")))));
    cases.add(Arguments.of("BOOL false", AttributeValue.fromBool(false)));
    cases.add(Arguments.of("NULL true", AttributeValue.fromNul(true)));
    cases.add(Arguments.of("NS 1,2", ns("1", "2")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void itemValueValidationAgreesWithPutItem(String label, AttributeValue v) {
    Local.Outcome local = Local.putAndGet(v);

    if (local.error() == null) {
      assertThatCode(() -> AttributeValues.validateItemValue("a", v)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> AttributeValues.validateItemValue("a", v))
          .isInstanceOf(ValidationException.class)
          .hasMessage(local.error());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void expressionValueValidationAgreesWithExpressionAttributeValues(
      String label, AttributeValue v) {
    String local = Local.expressionValueError(v);

    if (local == null) {
      assertThatCode(() -> AttributeValues.validateExpressionValue(":v", v))
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> AttributeValues.validateExpressionValue(":v", v))
          .isInstanceOf(ValidationException.class)
          .hasMessage(local);
    }
  }
}
