package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DynamoNumberPropertiesTest {

  private static final BigInteger MAX_UNSCALED = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);

  /** Decimals of at most 38 digits whose exponent lies in DynamoDB's range. */
  @Provide
  Arbitrary<BigDecimal> inRange() {
    Arbitrary<BigInteger> unscaled =
        Arbitraries.oneOf(
            Arbitraries.bigIntegers().between(MAX_UNSCALED.negate(), MAX_UNSCALED),
            Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)));
    Arbitrary<Integer> scale = Arbitraries.integers().between(-130, 170);
    return Combinators.combine(unscaled, scale)
        .as(BigDecimal::new)
        .filter(
            d ->
                d.signum() == 0
                    || (d.precision() - d.scale() - 1 <= 125
                        && d.precision() - d.scale() - 1 >= -130));
  }

  @Property
  void canonicalTextParsesToTheSameNumber(@ForAll("inRange") BigDecimal value) {
    DynamoNumber number = DynamoNumber.of(value);
    String text = number.toString();

    DynamoNumber reparsed = DynamoNumber.parse(text);

    assertThat(reparsed).isEqualTo(number);
    assertThat(reparsed.toString()).isEqualTo(text);
    assertThat(text).doesNotContain("E", "e");
    assertThat(DynamoNumber.parse(value.toString())).isEqualTo(number);
  }

  @Property
  void compareAgreesWithBigDecimal(
      @ForAll("inRange") BigDecimal a, @ForAll("inRange") BigDecimal b) {
    int expected = Integer.signum(a.compareTo(b));

    assertThat(Integer.signum(DynamoNumber.of(a).compareTo(DynamoNumber.of(b))))
        .isEqualTo(expected);
    assertThat(DynamoNumber.of(a).equals(DynamoNumber.of(b))).isEqualTo(expected == 0);
  }

  @Property
  void addIsCommutative(@ForAll("inRange") BigDecimal a, @ForAll("inRange") BigDecimal b) {
    DynamoNumber x = DynamoNumber.of(a);
    DynamoNumber y = DynamoNumber.of(b);

    assertThat(outcome(() -> x.add(y))).isEqualTo(outcome(() -> y.add(x)));
  }

  @Property
  void subtractUndoesAdd(@ForAll("inRange") BigDecimal a, @ForAll("inRange") BigDecimal b) {
    DynamoNumber x = DynamoNumber.of(a);
    DynamoNumber y = DynamoNumber.of(b);
    String sum = outcome(() -> x.add(y));

    if (!sum.startsWith("error:")) {
      assertThat(x.add(y).subtract(y)).isEqualTo(x);
      assertThat(x.add(y).bigDecimalValue()).isEqualByComparingTo(a.add(b));
    }
  }

  private static String outcome(java.util.function.Supplier<DynamoNumber> operation) {
    try {
      return operation.get().toString();
    } catch (ValidationException e) {
      return "error: " + e.getMessage();
    }
  }
}
