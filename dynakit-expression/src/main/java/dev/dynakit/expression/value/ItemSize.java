package dev.dynakit.expression.value;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of an item in bytes, as DynamoDB measures it for the 400 KB item limit and for capacity
 * units.
 *
 * <pre>{@code
 * ItemSize.of(Map.of("pk", AttributeValue.fromS("abc"), "n", AttributeValue.fromN("123")));
 * // 2 + 3 for pk, 1 + 3 for n: 9
 * ItemSize.ofValue(AttributeValue.fromL(List.of(AttributeValue.fromBool(true))));  // 3 + 1 + 1 = 5
 * }</pre>
 *
 * <p>An item is the sum over its attributes of the UTF-8 length of the name plus the size of the
 * value. Value sizes, as the AWS Developer Guide ("Item sizes and formats") gives them and DynamoDB
 * Local 3.3.1 measures them:
 *
 * <ul>
 *   <li>{@code S}: its UTF-8 length.
 *   <li>{@code B}: its length in bytes.
 *   <li>{@code BOOL}, {@code NULL}: 1.
 *   <li>{@code N}: the guide says "approximately 1 byte per two significant digits, plus 1 byte".
 *       The exact rule DynamoDB Local applies: the digits are grouped in pairs aligned on the
 *       decimal point ({@code 12|34}, {@code 01|23}, {@code 01|.50}, {@code .00|12|30}), pairs made
 *       of leading or trailing zeros are dropped, and the size is 1 byte plus 1 per remaining pair,
 *       plus 1 more for a negative number of fewer than 20 pairs. So {@code 12} and {@code 100}
 *       take 2 bytes, {@code 123} and {@code 1.5} take 3, {@code -1} takes 3, zero takes 1, and no
 *       number takes more than 21.
 *   <li>{@code SS}, {@code NS}, {@code BS}: the sum of the sizes of the members, without overhead.
 *       (The guide does not describe sets.)
 *   <li>{@code L}: 3 bytes, plus per element 1 byte and the element's size.
 *   <li>{@code M}: 3 bytes, plus per entry 1 byte, the UTF-8 length of the key and the value's
 *       size.
 * </ul>
 */
public final class ItemSize {
  /** The largest item DynamoDB stores: 400 KB, 409,600 bytes. */
  public static final long MAX_ITEM_BYTES = 400 * 1024;

  /** DynamoDB's message for an item over {@link #MAX_ITEM_BYTES}. */
  public static final String TOO_LARGE = "Item size has exceeded the maximum allowed size";

  private static final int CONTAINER_OVERHEAD = 3;
  private static final int ELEMENT_OVERHEAD = 1;
  private static final int MAX_NUMBER_PAIRS = 20;

  private ItemSize() {}

  /**
   * The size of an item in bytes.
   *
   * @throws ValidationException when a number in the item is not a valid DynamoDB number
   */
  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8Length(attribute.getKey()) + ofValue(attribute.getValue());
    }
    return size;
  }

  /**
   * Throws DynamoDB's error when the item is larger than {@link #MAX_ITEM_BYTES}; an item of
   * exactly 409,600 bytes is accepted.
   *
   * @throws ValidationException with {@value #TOO_LARGE}
   */
  public static void checkLimit(Map<String, AttributeValue> item) {
    if (of(item) > MAX_ITEM_BYTES) {
      throw new ValidationException(TOO_LARGE);
    }
  }

  /**
   * The size in bytes of one value, without the name of the attribute holding it.
   *
   * @throws ValidationException when a number in the value is not a valid DynamoDB number
   */
  public static long ofValue(AttributeValue v) {
    Objects.requireNonNull(v, "v");
    return switch (v.type()) {
      case S -> utf8Length(v.s());
      case N -> ofNumber(DynamoNumber.parse(v.n()));
      case B -> v.b().asByteArrayUnsafe().length;
      case BOOL, NUL -> 1;
      case SS -> sumStrings(v.ss());
      case NS -> sumNumbers(v.ns());
      case BS -> sumBytes(v.bs());
      case L -> ofList(v.l());
      case M -> ofMap(v.m());
      default -> throw new IllegalArgumentException("AttributeValue without a known type: " + v);
    };
  }

  /** The size in bytes of a number. */
  public static long ofNumber(DynamoNumber number) {
    BigDecimal value = number.bigDecimalValue();
    if (value.signum() == 0) {
      return 1;
    }
    // Pair k holds the digits of 10^(2k+1) and 10^(2k).
    long highest = DynamoNumber.exponent(value);
    long lowest = -(long) value.scale();
    long pairs = Math.floorDiv(highest, 2) - Math.floorDiv(lowest, 2) + 1;
    long negative = value.signum() < 0 && pairs < MAX_NUMBER_PAIRS ? 1 : 0;
    return 1 + pairs + negative;
  }

  private static long ofList(List<AttributeValue> list) {
    long size = CONTAINER_OVERHEAD;
    for (AttributeValue element : list) {
      size += ELEMENT_OVERHEAD + ofValue(element);
    }
    return size;
  }

  private static long ofMap(Map<String, AttributeValue> map) {
    long size = CONTAINER_OVERHEAD;
    for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
      size += ELEMENT_OVERHEAD + utf8Length(entry.getKey()) + ofValue(entry.getValue());
    }
    return size;
  }

  private static long sumStrings(List<String> strings) {
    long size = 0;
    for (String s : strings) {
      size += utf8Length(s);
    }
    return size;
  }

  private static long sumNumbers(List<String> numbers) {
    long size = 0;
    for (String n : numbers) {
      size += ofNumber(DynamoNumber.parse(n));
    }
    return size;
  }

  private static long sumBytes(List<SdkBytes> values) {
    long size = 0;
    for (SdkBytes b : values) {
      size += b.asByteArrayUnsafe().length;
    }
    return size;
  }

  /** The UTF-8 length of a string, without encoding it. */
  static long utf8Length(String s) {
    long length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }
}
