package dev.dynakit.expression.value;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value of DynamoDB's number type ({@code N}): an exact decimal of at most 38 significant digits
 * whose magnitude is zero or between {@code 1E-130} and {@code
 * 9.9999999999999999999999999999999999999E+125}.
 *
 * <pre>{@code
 * DynamoNumber a = DynamoNumber.parse("1.50");
 * a.toString();                               // "1.5"
 * a.add(DynamoNumber.of(1)).toString();       // "2.5"
 * a.equals(DynamoNumber.parse("15E-1"));      // true
 * DynamoNumber.parse("1e200");                // ValidationException: Number overflow. ...
 * }</pre>
 *
 * <p>Text is accepted as {@link BigDecimal#BigDecimal(String)} accepts it, which is what DynamoDB
 * Local does: an optional sign ({@code +1}, {@code -0}), an optional fraction with or without
 * digits on either side of the point ({@code .5}, {@code 5.}), an optional exponent ({@code 1e5},
 * {@code 1E+2}); no surrounding spaces, no {@code Infinity}, {@code NaN}, hexadecimal, grouping
 * separators or empty text. Checks run in this order, each with DynamoDB's message:
 *
 * <ol>
 *   <li>syntax: {@value #NOT_A_NUMBER}
 *   <li>more than 38 significant digits (leading and trailing zeros do not count): {@value
 *       #PRECISION}
 *   <li>magnitude of {@code 1E+126} or more: {@value #OVERFLOW}
 *   <li>non-zero magnitude below {@code 1E-130}: {@value #UNDERFLOW}
 * </ol>
 *
 * <p>Numbers are equal, hash and compare by numeric value: {@code 1}, {@code 1.0} and {@code 1E0}
 * are one number, and {@code -0} is zero.
 */
public final class DynamoNumber implements Comparable<DynamoNumber> {
  /** DynamoDB's message for text that is not a number. */
  public static final String NOT_A_NUMBER = "A value provided cannot be converted into a number";

  /** DynamoDB's message for a number of more than 38 significant digits. */
  public static final String PRECISION = "DynamoDB only supports precision up to 38 digits";

  /** DynamoDB's message for a magnitude above the largest number. */
  public static final String OVERFLOW =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";

  /** DynamoDB's message for a non-zero magnitude below the smallest number. */
  public static final String UNDERFLOW =
      "Number underflow. Attempting to store a number with magnitude smaller than supported range";

  /** The most significant digits a number may have. */
  public static final int MAX_PRECISION = 38;

  /** The largest number, {@code 9.9999999999999999999999999999999999999E+125}. */
  public static final DynamoNumber MAX_VALUE =
      new DynamoNumber(new BigDecimal("9.9999999999999999999999999999999999999E+125"));

  /** The smallest positive number, {@code 1E-130}. */
  public static final DynamoNumber MIN_POSITIVE = new DynamoNumber(new BigDecimal("1E-130"));

  private static final DynamoNumber ZERO = new DynamoNumber(BigDecimal.ZERO);

  // Decimal exponents (of the leading digit) a number may have.
  private static final int MAX_EXPONENT = 125;
  private static final int MIN_EXPONENT = -130;

  /** Without trailing zeros; zero is {@link BigDecimal#ZERO}. */
  private final BigDecimal value;

  private DynamoNumber(BigDecimal normalized) {
    this.value = normalized;
  }

  /**
   * Parses an {@code N} value as DynamoDB does.
   *
   * @throws ValidationException with DynamoDB's message when DynamoDB would refuse the text
   */
  public static DynamoNumber parse(String text) {
    Objects.requireNonNull(text, "text");
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ValidationException(NOT_A_NUMBER);
    }
    return checked(parsed);
  }

  /** The number of a {@code long}; every {@code long} is in range. */
  public static DynamoNumber of(long value) {
    return value == 0 ? ZERO : new DynamoNumber(BigDecimal.valueOf(value).stripTrailingZeros());
  }

  /**
   * The number of a {@link BigDecimal}, checked for precision and range as {@link #parse} checks
   * them.
   *
   * @throws ValidationException with DynamoDB's message when the value is out of range or too
   *     precise
   */
  public static DynamoNumber of(BigDecimal value) {
    return checked(Objects.requireNonNull(value, "value"));
  }

  private static DynamoNumber checked(BigDecimal value) {
    if (value.signum() == 0) {
      return ZERO;
    }
    BigDecimal normalized = value.stripTrailingZeros();
    if (normalized.precision() > MAX_PRECISION) {
      throw new ValidationException(PRECISION);
    }
    long exponent = exponent(normalized);
    if (exponent > MAX_EXPONENT) {
      throw new ValidationException(OVERFLOW);
    }
    if (exponent < MIN_EXPONENT) {
      throw new ValidationException(UNDERFLOW);
    }
    return new DynamoNumber(normalized);
  }

  /** The decimal exponent of the leading digit of a non-zero value. */
  static long exponent(BigDecimal nonZero) {
    return (long) nonZero.precision() - nonZero.scale() - 1;
  }

  /** The exact value, without trailing zeros. */
  public BigDecimal bigDecimalValue() {
    return value;
  }

  /** Sign of the number: -1, 0 or 1. */
  public int signum() {
    return value.signum();
  }

  /**
   * The sum, as {@code SET a = a + :v} and {@code ADD} compute it: exact, then checked.
   *
   * @throws ValidationException with DynamoDB's message when the sum needs more than 38 significant
   *     digits, or is out of range
   */
  public DynamoNumber add(DynamoNumber other) {
    return checked(value.add(other.value));
  }

  /**
   * The difference, as {@code SET a = a - :v} computes it: exact, then checked.
   *
   * @throws ValidationException with DynamoDB's message when the difference needs more than 38
   *     significant digits, or is out of range
   */
  public DynamoNumber subtract(DynamoNumber other) {
    return checked(value.subtract(other.value));
  }

  /** The number with the opposite sign. */
  public DynamoNumber negate() {
    return value.signum() == 0 ? this : new DynamoNumber(value.negate());
  }

  @Override
  public int compareTo(DynamoNumber other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DynamoNumber n && value.equals(n.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * The text DynamoDB returns for this number when an item written with PutItem is read back: plain
   * notation without exponent, without leading zeros and without trailing zeros in the fraction;
   * zero (also {@code -0} and {@code 0.000}) is {@code "0"}. For example {@code 1.50} is {@code
   * "1.5"}, {@code 1E+2} is {@code "100"} and {@code 1E-130} is {@code "0."} followed by 129 zeros
   * and {@code 1}.
   */
  @Override
  public String toString() {
    return value.toPlainString();
  }
}
