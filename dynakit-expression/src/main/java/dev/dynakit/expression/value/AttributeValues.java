package dev.dynakit.expression.value;

import dev.dynakit.expression.ValidationException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's semantics of {@link AttributeValue}s: equality ({@code =}, {@code <>}, {@code IN}),
 * ordering ({@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN}), the {@code size()}
 * function, and the validation DynamoDB applies to item attributes and expression attribute values.
 *
 * <pre>{@code
 * AttributeValues.equal(AttributeValue.fromN("1"), AttributeValue.fromN("1.0"));    // true
 * AttributeValues.compare(AttributeValue.fromS("a"), AttributeValue.fromS("b"));    // OptionalInt[-1]
 * AttributeValues.size(AttributeValue.fromS("é"));                                  // OptionalLong[1]
 * AttributeValues.validateItemValue("tags", AttributeValue.fromSs(List.of()));
 * // ValidationException: One or more parameter values were invalid: An string set  may not be empty
 * }</pre>
 *
 * <p>The equality and ordering methods expect values that passed validation; a malformed number in
 * an {@code N} or {@code NS} value makes them throw {@link ValidationException}.
 */
public final class AttributeValues {
  /** Message for an {@code AttributeValue} with no type set. */
  public static final String EMPTY_VALUE =
      "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";

  /** Message for an {@code AttributeValue} with more than one type set. */
  public static final String SEVERAL_TYPES =
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the"
          + " supported datatypes";

  private static final String INVALID = "One or more parameter values were invalid: ";

  /** Message for {@code NULL: false}. */
  public static final String NULL_NOT_TRUE =
      INVALID + "Null attribute value types must have the value of true";

  /** Message for an empty string set (DynamoDB's wording, double space included). */
  public static final String EMPTY_SS = INVALID + "An string set  may not be empty";

  /** Message for an empty number set (DynamoDB's wording, double space included). */
  public static final String EMPTY_NS = INVALID + "An number set  may not be empty";

  /** Message for an empty binary set. */
  public static final String EMPTY_BS = INVALID + "Binary sets should not be empty";

  /** Message for a number set with two numerically equal members ({@code 1} and {@code 1.0}). */
  public static final String DUPLICATE_NS = "Input collection contains duplicates";

  /** Message for a binary set with two equal members. */
  public static final String DUPLICATE_BS =
      INVALID + "Input collection of type BS contains duplicates.";

  private AttributeValues() {}

  /**
   * Whether DynamoDB's {@code =} holds: both values of one type, and then numbers compared
   * numerically, strings and binaries exactly, sets as sets (order-free; number sets numerically),
   * lists element by element, maps key by key, booleans by value, and any two {@code NULL}s equal.
   */
  public static boolean equal(AttributeValue a, AttributeValue b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    AttributeValue.Type type = a.type();
    if (type != b.type()) {
      return false;
    }
    return switch (type) {
      case S -> a.s().equals(b.s());
      case N -> number(a.n()).equals(number(b.n()));
      case B -> Arrays.equals(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
      case BOOL -> a.bool().equals(b.bool());
      case NUL -> true;
      case SS ->
          a.ss().size() == b.ss().size() && new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
      case NS -> a.ns().size() == b.ns().size() && numbers(a.ns()).equals(numbers(b.ns()));
      case BS -> a.bs().size() == b.bs().size() && bytes(a.bs()).equals(bytes(b.bs()));
      case L -> equalLists(a.l(), b.l());
      case M -> equalMaps(a.m(), b.m());
      default -> false;
    };
  }

  private static boolean equalLists(List<AttributeValue> a, List<AttributeValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalMaps(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, AttributeValue> entry : a.entrySet()) {
      AttributeValue other = b.get(entry.getKey());
      if (other == null || !equal(entry.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The order of two values for {@code <}, {@code <=}, {@code >}, {@code >=} and {@code BETWEEN}:
   * -1, 0 or 1 when both are strings (compared by their UTF-8 bytes, unsigned), both numbers
   * (numerically) or both binaries (bytes unsigned); empty for any other pair, which DynamoDB does
   * not order (a comparison of such a pair is false).
   */
  public static OptionalInt compare(AttributeValue a, AttributeValue b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    AttributeValue.Type type = a.type();
    if (type != b.type()) {
      return OptionalInt.empty();
    }
    int order;
    switch (type) {
      case S ->
          order =
              Arrays.compareUnsigned(
                  a.s().getBytes(StandardCharsets.UTF_8), b.s().getBytes(StandardCharsets.UTF_8));
      case N -> order = number(a.n()).compareTo(number(b.n()));
      case B ->
          order = Arrays.compareUnsigned(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
      default -> {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.of(Integer.signum(order));
  }

  /**
   * What DynamoDB's {@code size()} function returns: for a string its length in UTF-16 code units
   * ({@code "é"} is 1, an emoji outside the Basic Multilingual Plane is 2), for a binary its length
   * in bytes, for a set, list or map its number of elements; empty for a number, boolean or null,
   * where {@code size()} has no value (any comparison with it is false).
   */
  public static OptionalLong size(AttributeValue v) {
    Objects.requireNonNull(v, "v");
    return switch (v.type()) {
      case S -> OptionalLong.of(v.s().length());
      case B -> OptionalLong.of(v.b().asByteArrayUnsafe().length);
      case SS -> OptionalLong.of(v.ss().size());
      case NS -> OptionalLong.of(v.ns().size());
      case BS -> OptionalLong.of(v.bs().size());
      case L -> OptionalLong.of(v.l().size());
      case M -> OptionalLong.of(v.m().size());
      default -> OptionalLong.empty();
    };
  }

  /**
   * Checks an attribute value of an item (PutItem's {@code Item}) as DynamoDB does, nested values
   * included, and throws DynamoDB's message for the first problem found.
   *
   * <p>Per value, the checks run in DynamoDB Local's order: string set (empty, duplicates), number
   * ({@link DynamoNumber#parse}), number set (empty; then each member parsed and compared with the
   * members before it), binary set (empty, duplicates), list members in order, map values, {@code
   * NULL} other than {@code true}; only then whether no type or more than one type is set. Empty
   * strings and binaries are allowed, also inside sets. For a map with several bad values, or an
   * item with several bad attributes, DynamoDB reports whichever it meets first in its own
   * (unspecified) order; this checks maps in their iteration order.
   *
   * @param attributeName the attribute's name (not part of DynamoDB's messages)
   * @throws ValidationException with DynamoDB's message
   */
  public static void validateItemValue(String attributeName, AttributeValue v) {
    Objects.requireNonNull(attributeName, "attributeName");
    validate(Objects.requireNonNull(v, "v"));
  }

  /**
   * Checks a value of {@code ExpressionAttributeValues} as {@link #validateItemValue} checks item
   * values, with DynamoDB's message for expression values: {@code ExpressionAttributeValues
   * contains invalid value: <problem> for key <placeholder>}.
   *
   * @param placeholder the value's placeholder, such as {@code :v}
   * @throws ValidationException with DynamoDB's message
   */
  public static void validateExpressionValue(String placeholder, AttributeValue v) {
    Objects.requireNonNull(placeholder, "placeholder");
    Objects.requireNonNull(v, "v");
    try {
      validate(v);
    } catch (ValidationException e) {
      throw new ValidationException(
          "ExpressionAttributeValues contains invalid value: "
              + e.getMessage()
              + " for key "
              + placeholder);
    }
  }

  private static void validate(AttributeValue v) {
    int types = 0;
    if (v.hasSs()) {
      types++;
      List<String> ss = v.ss();
      if (ss.isEmpty()) {
        throw new ValidationException(EMPTY_SS);
      }
      if (new HashSet<>(ss).size() != ss.size()) {
        throw new ValidationException(
            INVALID + "Input collection [" + String.join(", ", ss) + "] contains duplicates");
      }
    }
    if (v.n() != null) {
      types++;
      DynamoNumber.parse(v.n());
    }
    if (v.hasNs()) {
      types++;
      List<String> ns = v.ns();
      if (ns.isEmpty()) {
        throw new ValidationException(EMPTY_NS);
      }
      Set<DynamoNumber> seen = new HashSet<>();
      for (String member : ns) {
        if (!seen.add(DynamoNumber.parse(member))) {
          throw new ValidationException(DUPLICATE_NS);
        }
      }
    }
    if (v.hasBs()) {
      types++;
      List<SdkBytes> bs = v.bs();
      if (bs.isEmpty()) {
        throw new ValidationException(EMPTY_BS);
      }
      if (bytes(bs).size() != bs.size()) {
        throw new ValidationException(DUPLICATE_BS);
      }
    }
    if (v.hasL()) {
      types++;
      for (AttributeValue member : v.l()) {
        validate(Objects.requireNonNull(member, "list member"));
      }
    }
    if (v.hasM()) {
      types++;
      for (AttributeValue member : v.m().values()) {
        validate(Objects.requireNonNull(member, "map value"));
      }
    }
    if (v.nul() != null) {
      types++;
      if (!v.nul()) {
        throw new ValidationException(NULL_NOT_TRUE);
      }
    }
    if (v.s() != null) {
      types++;
    }
    if (v.b() != null) {
      types++;
    }
    if (v.bool() != null) {
      types++;
    }
    if (types == 0) {
      throw new ValidationException(EMPTY_VALUE);
    }
    if (types > 1) {
      throw new ValidationException(SEVERAL_TYPES);
    }
  }

  private static BigDecimal number(String text) {
    return DynamoNumber.parse(text).bigDecimalValue();
  }

  private static Set<BigDecimal> numbers(List<String> texts) {
    Set<BigDecimal> result = new HashSet<>();
    for (String text : texts) {
      result.add(number(text));
    }
    return result;
  }

  private static Set<ByteBuffer> bytes(List<SdkBytes> values) {
    Set<ByteBuffer> result = new HashSet<>();
    for (SdkBytes value : values) {
      result.add(ByteBuffer.wrap(value.asByteArrayUnsafe()));
    }
    return result;
  }

  /**
   * A value as DynamoDB stores it: every number, also inside sets, lists and maps, in canonical
   * form ({@code 01.50} becomes {@code 1.5}).
   *
   * <pre>{@code
   * AttributeValues.canonical(AttributeValue.fromN("1E+2")); // AttributeValue(N=100)
   * }</pre>
   */
  public static AttributeValue canonical(AttributeValue value) {
    return switch (value.type()) {
      case N -> AttributeValue.fromN(DynamoNumber.parse(value.n()).toString());
      case NS ->
          AttributeValue.fromNs(
              value.ns().stream().map(n -> DynamoNumber.parse(n).toString()).toList());
      case L -> AttributeValue.fromL(value.l().stream().map(AttributeValues::canonical).toList());
      case M -> AttributeValue.fromM(canonical(value.m()));
      default -> value;
    };
  }

  /** An item as DynamoDB stores it: {@link #canonical(AttributeValue)} for every attribute. */
  public static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> result = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      result.put(attribute.getKey(), canonical(attribute.getValue()));
    }
    return result;
  }
}
