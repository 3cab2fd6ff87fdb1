package dev.dynakit.client.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact decimal text for Java numbers, and Java numbers from DynamoDB's number text. */
final class Numbers {
  private Numbers() {}

  /**
   * The shortest decimal that reads back as the same {@code double} (never the binary expansion:
   * 0.1 is stored as {@code 0.1}). Whole values lose their {@code .0}; large and small ones keep an
   * exponent.
   */
  static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new MappingException("NaN and infinity cannot be stored as DynamoDB numbers");
    }
    if (value == 0) {
      return "0";
    }
    return tidy(Double.toString(value));
  }

  static String decimal(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      throw new MappingException("NaN and infinity cannot be stored as DynamoDB numbers");
    }
    if (value == 0) {
      return "0";
    }
    return tidy(Float.toString(value));
  }

  private static String tidy(String text) {
    if (text.indexOf('E') >= 0) {
      return new BigDecimal(text).stripTrailingZeros().toString();
    }
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }

  static long whole(String text, long min, long max, String type) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        value = new BigDecimal(text).longValueExact();
      } catch (ArithmeticException | NumberFormatException notWhole) {
        throw new MappingException("a number that is not a whole " + type + " in range");
      }
    }
    if (value < min || value > max) {
      throw new MappingException("a number outside the range of " + type);
    }
    return value;
  }

  static BigInteger bigInteger(String text) {
    try {
      return new BigDecimal(text).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new MappingException("a number that is not a whole BigInteger");
    }
  }
}
