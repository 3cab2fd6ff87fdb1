package dev.dynakit.expression.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Number parsing, canonical text and arithmetic compared with DynamoDB Local. */
class DynamoNumberReferenceTest {

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "1",
        "0",
        "-0",
        "0.000",
        "-0.0e5",
        "0e-200",
        "0e500",
        "1.50",
        "01.10",
        "00012",
        "1E+2",
        "1e5",
        "1.00E+3",
        "1.0e-3",
        "+1",
        ".5",
        "-.5",
        "5.",
        "-12.5",
        "1e0100",
        "12345678901234567890123456789012345678",
        "-12345678901234567890123456789012345678",
        "1234567890123456789012345678901234567800000",
        "1.0000000000000000000000000000000000000000000000",
        "0.00000000000000000000000000000000000000000001",
        "9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125",
        "1e-130",
        "-1e-130",
        "0.1E-129",
        "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        // refused
        "",
        " 1",
        "1 ",
        "-",
        "Infinity",
        "NaN",
        "0x10",
        "1E",
        "1e+",
        "1,0",
        "1_0",
        "1e2147483648",
        "1e-2147483649",
        "0e99999999999",
        "123456789012345678901234567890123456789",
        "1.234567890123456789012345678901234567891",
        "9.99999999999999999999999999999999999999E+125",
        "1.23456789012345678901234567890123456789E+200",
        "1.23456789012345678901234567890123456789E-200",
        "1E+126",
        "-1E+126",
        "1e-131",
        "123e-135",
        // Unicode decimal digits: DynamoDB Local (Java's BigDecimal) reads them as digits
        "１",
        "٣",
      })
  void parsesAsDynamoDbLocalStoresAndReturns(String text) {
    Local.Outcome local = Local.putAndGet(AttributeValue.fromN(text));

    if (local.error() != null) {
      assertThatThrownBy(() -> DynamoNumber.parse(text))
          .isInstanceOf(ValidationException.class)
          .hasMessage(local.error());
    } else {
      assertThat(DynamoNumber.parse(text).toString()).isEqualTo(local.value().n());
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | SET a = a + :v | 2",
        "1 | SET a = a + :v | -1",
        "1.5 | SET a = a + :v | 1.5",
        "1.5 | SET a = a - :v | 1.5",
        "1 | SET a = a - :v | 1E+2",
        "1 | ADD a :v | 1.50",
        "1E+50 | SET a = a + :v | 1E+50",
        "99999999999999999999999999999999999999 | SET a = a + :v | 1",
        "99999999999999999999999999999999999999 | SET a = a + :v | 2",
        "1234567890123456789012345678901234567.8 | SET a = a + :v | 0.20",
        "12345678901234567890123456789012345678 | SET a = a + :v | 0.1",
        "12345678901234567890123456789012345678 | ADD a :v | 0.1",
        "12345678901234567890123456789012345678 | SET a = a - :v | 0.1",
        "1E+100 | SET a = a + :v | 1E-100",
        "1E+125 | SET a = a + :v | 1E-5",
        "9.9999999999999999999999999999999999999E+125 | SET a = a + :v | 1E+125",
        "1E+125 | SET a = a + :v | 9E+125",
        "5E+125 | ADD a :v | 5E+125",
        "-5E+125 | SET a = a - :v | 5E+125",
        "1E-130 | SET a = a + :v | 1E-130",
        "2E-130 | SET a = a - :v | 1E-130",
        "1E-129 | SET a = a - :v | 0.9E-129",
        "1.1E-130 | SET a = a - :v | 1E-130",
        "1.1E-130 | ADD a :v | -1E-130",
      })
  void arithmeticAgreesWithUpdateItem(String start, String expression, String operand) {
    Local.Outcome local = Local.update(start, expression, operand);
    DynamoNumber a = DynamoNumber.parse(start);
    DynamoNumber v = DynamoNumber.parse(operand);
    boolean subtract = expression.contains("-");

    if (local.error() != null) {
      assertThatThrownBy(() -> apply(a, v, subtract))
          .isInstanceOf(ValidationException.class)
          .hasMessage(local.error());
    } else {
      DynamoNumber result = apply(a, v, subtract);
      // DynamoDB Local keeps the scale of the BigDecimal sum ("3.0"); compare numerically.
      assertThat(new BigDecimal(local.value().n())).isEqualByComparingTo(result.bigDecimalValue());
    }
  }

  private static DynamoNumber apply(DynamoNumber a, DynamoNumber v, boolean subtract) {
    return subtract ? a.subtract(v) : a.add(v);
  }

  /**
   * Records where DynamoDB Local departs from the canonical form: numbers written by UpdateItem (a
   * value set as it is, or computed) keep the text or scale they came with, while PutItem
   * normalizes. {@link DynamoNumber#toString()} follows PutItem and the AWS documentation ("leading
   * and trailing zeroes are trimmed").
   */
  @Test
  void dynamoDbLocalUpdateItemKeepsTrailingZeros() {
    assertThat(Local.update("1", "SET a = :v", "1.50").value().n()).isEqualTo("1.50");
    assertThat(Local.update("1", "SET a = :v", "-0").value().n()).isEqualTo("-0");
    assertThat(Local.update("1.5", "SET a = a + :v", "1.5").value().n()).isEqualTo("3.0");
    assertThat(DynamoNumber.parse("1.50").toString()).isEqualTo("1.5");
    assertThat(DynamoNumber.parse("1.5").add(DynamoNumber.parse("1.5")).toString()).isEqualTo("3");
  }
}
