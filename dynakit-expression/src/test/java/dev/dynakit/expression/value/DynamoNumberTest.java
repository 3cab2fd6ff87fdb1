package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DynamoNumberTest {

  @Test
  void equalityIsNumeric() {
    assertThat(DynamoNumber.parse("1")).isEqualTo(DynamoNumber.parse("1.0"));
    assertThat(DynamoNumber.parse("1").hashCode()).isEqualTo(DynamoNumber.parse("1.00").hashCode());
    assertThat(DynamoNumber.parse("-0")).isEqualTo(DynamoNumber.parse("0.000"));
    assertThat(DynamoNumber.parse("1E+2")).isEqualTo(DynamoNumber.of(100));
    assertThat(DynamoNumber.parse("1")).isNotEqualTo(DynamoNumber.parse("1.01"));
    assertThat(DynamoNumber.parse("1")).isNotEqualTo("1");
  }

  @Test
  void ordersNumerically() {
    assertThat(DynamoNumber.parse("-5").compareTo(DynamoNumber.parse("3"))).isNegative();
    assertThat(DynamoNumber.parse("10").compareTo(DynamoNumber.parse("9"))).isPositive();
    assertThat(DynamoNumber.parse("2.50").compareTo(DynamoNumber.parse("2.5"))).isZero();
  }

  @Test
  void ofLong() {
    assertThat(DynamoNumber.of(0).toString()).isEqualTo("0");
    assertThat(DynamoNumber.of(1200).toString()).isEqualTo("1200");
    assertThat(DynamoNumber.of(Long.MIN_VALUE).toString()).isEqualTo(Long.toString(Long.MIN_VALUE));
    assertThat(DynamoNumber.of(-7).signum()).isEqualTo(-1);
  }

  @Test
  void ofBigDecimalChecksLikeParse() {
    assertThat(DynamoNumber.of(new BigDecimal("1.500")).toString()).isEqualTo("1.5");
    assertThat(DynamoNumber.of(new BigDecimal("0E+10")).toString()).isEqualTo("0");
    assertThatThrownBy(() -> DynamoNumber.of(new BigDecimal("1E+126")))
        .isInstanceOf(ValidationException.class)
        .hasMessage(DynamoNumber.OVERFLOW);
    assertThatThrownBy(() -> DynamoNumber.of(new BigDecimal("-1E-131")))
        .hasMessage(DynamoNumber.UNDERFLOW);
    assertThatThrownBy(
            () -> DynamoNumber.of(new BigDecimal("1.00000000000000000000000000000000000001")))
        .hasMessage(DynamoNumber.PRECISION);
  }

  @Test
  void bounds() {
    assertThat(DynamoNumber.MAX_VALUE)
        .isEqualTo(DynamoNumber.parse("9.9999999999999999999999999999999999999E+125"));
    assertThat(DynamoNumber.MIN_POSITIVE.bigDecimalValue()).isEqualByComparingTo("1E-130");
    assertThat(DynamoNumber.MAX_VALUE.negate().add(DynamoNumber.MAX_VALUE))
        .isEqualTo(DynamoNumber.of(0));
    assertThat(DynamoNumber.of(0).negate()).isEqualTo(DynamoNumber.of(0));
    assertThatThrownBy(() -> DynamoNumber.MAX_VALUE.add(DynamoNumber.parse("1E+88")))
        .hasMessage(DynamoNumber.OVERFLOW);
    assertThatThrownBy(() -> DynamoNumber.parse("1.1E-130").subtract(DynamoNumber.MIN_POSITIVE))
        .hasMessage(DynamoNumber.UNDERFLOW);
  }

  @Test
  void canonicalTextHasNoExponent() {
    assertThat(DynamoNumber.parse("1E+125").toString()).hasSize(126).startsWith("1").matches("10+");
    assertThat(DynamoNumber.parse("-1E-130").toString()).isEqualTo("-0." + "0".repeat(129) + "1");
    assertThat(DynamoNumber.parse("0.10").toString()).isEqualTo("0.1");
  }
}
