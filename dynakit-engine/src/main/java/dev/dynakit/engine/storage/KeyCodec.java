package dev.dynakit.engine.storage;

import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.DynamoNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An order-preserving byte encoding of DynamoDB key values: for two values of one key type, the
 * unsigned-byte order of their encodings is DynamoDB's order of the values ({@link
 * AttributeValues#compare}), and a table key (partition, then sort) encodes as the concatenation of
 * both, so that a partition's items are contiguous and sorted by sort key, and every key condition
 * of a Query is one contiguous {@link Range} of bytes.
 *
 * <pre>{@code
 * byte[] key = KeyCodec.encode(AttributeValue.fromS("artist"), AttributeValue.fromN("1.50"));
 * KeyCodec.decode(key, ScalarAttributeType.S, ScalarAttributeType.N);
 * // Key[partition=AttributeValue(S=artist), sort=AttributeValue(N=1.5)]
 * KeyCodec.Range songs = KeyCodec.sortBetween(
 *     AttributeValue.fromS("artist"), AttributeValue.fromN("1"), AttributeValue.fromN("2"));
 * keyspace.scan(songs.from(), songs.to(), false);  // the items with 1 <= sort key <= 2
 * }</pre>
 *
 * <h2>Encodings</h2>
 *
 * <p>Every encoding is <em>prefix-free</em> (no value's encoding is a proper prefix of another's of
 * the same type), which together with order preservation makes concatenations order by their first
 * component, then their second, and lets {@link #decode} split them without lengths. The type of
 * each component is not stored: a keyspace's key schema fixes it.
 *
 * <ul>
 *   <li><b>S</b> (the UTF-8 bytes) and <b>B</b> (the bytes): each byte as is, except {@code 0x00},
 *       written {@code 0x00 0xFF}; then the terminator {@code 0x00 0x01}. The body never holds
 *       {@code 0x00} followed by anything but {@code 0xFF}, so the terminator ends the value
 *       unambiguously; a value that is a prefix of another ends in {@code 0x00 0x01}, where the
 *       longer one goes on with a byte {@code >= 0x01} or with {@code 0x00 0xFF}, so the shorter
 *       sorts first, as DynamoDB sorts it. FoundationDB's tuple layer escapes {@code 0x00} the same
 *       way but ends a string with a lone {@code 0x00} and puts a type code before each element;
 *       here no type codes are stored and the next component may begin with {@code 0xFF}, so the
 *       terminator is two bytes, a pair no escaped body contains. Because escaping maps each byte
 *       on its own, the strings beginning with a prefix are exactly the encodings beginning with
 *       the prefix's escaped body, which is what {@code begins_with} needs.
 *   <li><b>N</b>: a number is {@code ±0.d1d2…dn × 10^(e+1)} with {@code d1 != 0}, {@code dn != 0},
 *       {@code n <= 38} and {@code -130 <= e <= 125} (DynamoDB's range; {@code e} is the exponent
 *       of the leading digit). Zero is the single byte {@code 0x02}. A positive number is {@code
 *       0x03}, then one exponent byte {@code e + 130} (0 to 255, so one byte holds the whole
 *       range), then the digits in pairs, each pair {@code 10·a + b} as the byte {@code 10·a + b +
 *       1} (1 to 100; an odd count is padded with one {@code 0}), then the terminator {@code 0x00}.
 *       A larger exponent means a larger number (the leading digit is not 0); for one exponent the
 *       digit pairs compare as the digits do, and a shorter mantissa ends in {@code 0x00}, below
 *       any pair. A negative number is {@code 0x01}, then the complement ({@code 255 - b}) of each
 *       byte of its magnitude's encoding, terminator included, which reverses their order. As in
 *       SQLite4's and HBase's sortable decimals, the digits are base 100 (two per byte); numbers
 *       are first stripped of trailing zeros, so {@code 1}, {@code 1.0} and {@code 1E0} encode
 *       alike. At most 22 bytes.
 * </ul>
 *
 * <p>Decoded numbers are in DynamoDB's canonical text ({@link DynamoNumber#toString()}).
 */
public final class KeyCodec {
  private static final int ESCAPE = 0x00;
  private static final int ESCAPED_ZERO = 0xFF;
  private static final int TERMINATOR = 0x01;

  private static final int NEGATIVE = 0x01;
  private static final int ZERO = 0x02;
  private static final int POSITIVE = 0x03;
  private static final int EXPONENT_BIAS = 130;

  private KeyCodec() {}

  /**
   * A table or index key decoded.
   *
   * @param partition the partition key's value
   * @param sort the sort key's value, or null when the key schema has none
   */
  public record Key(AttributeValue partition, AttributeValue sort) {}

  /**
   * The keys from {@code from} (inclusive) to {@code to} (exclusive; null for past the last key),
   * ready for {@link Storage.Keyspace#scan}. Empty when {@code to} is not above {@code from}. A
   * range that holds a key also holds every longer key that begins with it, so the same ranges find
   * a secondary index's entries, whose keys continue past the index key.
   *
   * @param from the first key in the range
   * @param to the first key past the range, or null for none
   */
  public record Range(byte[] from, byte[] to) {
    /** Whether the range holds that key. */
    public boolean contains(byte[] key) {
      return Arrays.compareUnsigned(key, from) >= 0
          && (to == null || Arrays.compareUnsigned(key, to) < 0);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Range r && Arrays.equals(from, r.from) && Arrays.equals(to, r.to);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }

    @Override
    public String toString() {
      return "Range[" + hex(from) + ", " + (to == null ? "end" : hex(to)) + ")";
    }
  }

  /**
   * The key of an item: the partition key's encoding, followed by the sort key's when there is one.
   *
   * @param partition an S, N or B value
   * @param sortOrNull an S, N or B value, or null for a table without sort key
   * @throws IllegalArgumentException when a value is not of type S, N or B
   * @throws dev.dynakit.expression.ValidationException when a number is not a valid DynamoDB number
   */
  public static byte[] encode(AttributeValue partition, AttributeValue sortOrNull) {
    Objects.requireNonNull(partition, "partition");
    Writer out = new Writer();
    encodeValue(partition, out);
    if (sortOrNull != null) {
      encodeValue(sortOrNull, out);
    }
    return out.toByteArray();
  }

  /**
   * The encoding of one key value; {@link #encode(AttributeValue, AttributeValue)} concatenates
   * them. Encodings are prefix-free, so further keys (the table key after an index key, for
   * example) can be appended.
   *
   * @throws IllegalArgumentException when the value is not of type S, N or B
   */
  public static byte[] encodeValue(AttributeValue value) {
    Objects.requireNonNull(value, "value");
    Writer out = new Writer();
    encodeValue(value, out);
    return out.toByteArray();
  }

  /**
   * The values of an encoded key, given the key schema's types.
   *
   * @param sortTypeOrNull the sort key's type, or null when the schema has no sort key
   * @throws IllegalArgumentException when the bytes are not a key of those types
   */
  public static Key decode(
      byte[] key, ScalarAttributeType partitionType, ScalarAttributeType sortTypeOrNull) {
    Objects.requireNonNull(partitionType, "partitionType");
    List<AttributeValue> values =
        sortTypeOrNull == null
            ? decodeValues(key, List.of(partitionType))
            : decodeValues(key, List.of(partitionType, sortTypeOrNull));
    return new Key(values.get(0), sortTypeOrNull == null ? null : values.get(1));
  }

  /**
   * The values of a concatenation of {@link #encodeValue encoded values} (an index key followed by
   * the table key, for example), given their types in order.
   *
   * @throws IllegalArgumentException when the bytes are not values of those types, all consumed
   */
  public static List<AttributeValue> decodeValues(byte[] key, List<ScalarAttributeType> types) {
    Objects.requireNonNull(key, "key");
    Reader in = new Reader(key);
    List<AttributeValue> values = new ArrayList<>(types.size());
    for (ScalarAttributeType type : types) {
      values.add(decodeValue(in, Objects.requireNonNull(type, "type")));
    }
    if (in.position != key.length) {
      throw new IllegalArgumentException("Trailing bytes after the key at " + in.position);
    }
    return values;
  }

  /** All keys of one partition: those that begin with the partition key's encoding. */
  public static Range partition(AttributeValue partition) {
    return prefix(List.of(partition));
  }

  /** The keys of one partition with sort key {@code = value}. */
  public static Range sortEqual(AttributeValue partition, AttributeValue value) {
    return equal(List.of(partition), value);
  }

  /** The keys of one partition with sort key {@code > value}. */
  public static Range sortGreaterThan(AttributeValue partition, AttributeValue value) {
    return greaterThan(List.of(partition), value);
  }

  /** The keys of one partition with sort key {@code >= value}. */
  public static Range sortAtLeast(AttributeValue partition, AttributeValue value) {
    return atLeast(List.of(partition), value);
  }

  /** The keys of one partition with sort key {@code < value}. */
  public static Range sortLessThan(AttributeValue partition, AttributeValue value) {
    return lessThan(List.of(partition), value);
  }

  /** The keys of one partition with sort key {@code <= value}. */
  public static Range sortAtMost(AttributeValue partition, AttributeValue value) {
    return atMost(List.of(partition), value);
  }

  /**
   * The keys of one partition with sort key {@code BETWEEN low AND high} (both inclusive); empty
   * when {@code low > high}, which DynamoDB refuses before it reads anything.
   */
  public static Range sortBetween(
      AttributeValue partition, AttributeValue low, AttributeValue high) {
    return between(List.of(partition), low, high);
  }

  /**
   * The keys of one partition whose sort key, an S or B value, begins with {@code prefix} (of the
   * same type).
   *
   * @throws IllegalArgumentException when the prefix is not of type S or B
   */
  public static Range sortBeginsWith(AttributeValue partition, AttributeValue prefix) {
    return beginsWith(List.of(partition), prefix);
  }

  /**
   * The keys that begin with these values (the values of a multi-attribute partition key, for
   * example, then those of the sort key attributes a query sets equal).
   */
  public static Range prefix(List<AttributeValue> values) {
    return prefixRange(encodeAll(values));
  }

  /** The keys that begin with {@code before}, then {@code value}. */
  public static Range equal(List<AttributeValue> before, AttributeValue value) {
    return prefixRange(encodeAll(before, value));
  }

  /** The keys that begin with {@code before}, then a value {@code > value}. */
  public static Range greaterThan(List<AttributeValue> before, AttributeValue value) {
    return new Range(prefixEnd(encodeAll(before, value)), prefixEnd(encodeAll(before)));
  }

  /** The keys that begin with {@code before}, then a value {@code >= value}. */
  public static Range atLeast(List<AttributeValue> before, AttributeValue value) {
    return new Range(encodeAll(before, value), prefixEnd(encodeAll(before)));
  }

  /** The keys that begin with {@code before}, then a value {@code < value}. */
  public static Range lessThan(List<AttributeValue> before, AttributeValue value) {
    return ordered(encodeAll(before), encodeAll(before, value));
  }

  /** The keys that begin with {@code before}, then a value {@code <= value}. */
  public static Range atMost(List<AttributeValue> before, AttributeValue value) {
    return ordered(encodeAll(before), prefixEnd(encodeAll(before, value)));
  }

  /**
   * The keys that begin with {@code before}, then a value {@code BETWEEN low AND high} (both
   * inclusive); empty when {@code low > high}.
   */
  public static Range between(
      List<AttributeValue> before, AttributeValue low, AttributeValue high) {
    return ordered(encodeAll(before, low), prefixEnd(encodeAll(before, high)));
  }

  /**
   * The keys that begin with {@code before}, then an S or B value that begins with {@code prefix}
   * (of the same type).
   *
   * @throws IllegalArgumentException when the prefix is not of type S or B
   */
  public static Range beginsWith(List<AttributeValue> before, AttributeValue prefix) {
    Objects.requireNonNull(prefix, "prefix");
    Writer out = written(before);
    switch (prefix.type()) {
      case S -> escape(prefix.s().getBytes(StandardCharsets.UTF_8), out);
      case B -> escape(prefix.b().asByteArrayUnsafe(), out);
      default ->
          throw new IllegalArgumentException(
              "begins_with needs an S or B value, not " + prefix.type());
    }
    return prefixRange(out.toByteArray());
  }

  /**
   * The concatenated encodings of key values, in order: a multi-attribute key's values, or an index
   * key followed by its table's key.
   *
   * @throws IllegalArgumentException when a value is not of type S, N or B
   */
  public static byte[] encodeAll(List<AttributeValue> values) {
    return written(values).toByteArray();
  }

  private static byte[] encodeAll(List<AttributeValue> before, AttributeValue last) {
    Writer out = written(before);
    encodeValue(Objects.requireNonNull(last, "value"), out);
    return out.toByteArray();
  }

  /** A writer holding the encodings of these values, in order. */
  private static Writer written(List<AttributeValue> values) {
    Writer out = new Writer();
    values.forEach(value -> encodeValue(Objects.requireNonNull(value, "value"), out));
    return out;
  }

  /**
   * The smallest key above every key that begins with {@code prefix}, or null when there is none
   * (the prefix is all 0xFF bytes).
   */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if ((prefix[i] & 0xFF) != 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  private static Range prefixRange(byte[] prefix) {
    return new Range(prefix, prefixEnd(prefix));
  }

  private static Range ordered(byte[] from, byte[] to) {
    return Arrays.compareUnsigned(from, to) <= 0 ? new Range(from, to) : new Range(from, from);
  }

  private static void encodeValue(AttributeValue value, Writer out) {
    switch (value.type()) {
      case S -> escapeTerminated(value.s().getBytes(StandardCharsets.UTF_8), out);
      case B -> escapeTerminated(value.b().asByteArrayUnsafe(), out);
      case N -> encodeNumber(DynamoNumber.parse(value.n()).bigDecimalValue(), out);
      default ->
          throw new IllegalArgumentException(
              "A key value must be of type S, N or B, not " + value.type());
    }
  }

  private static void escapeTerminated(byte[] bytes, Writer out) {
    escape(bytes, out);
    out.write(ESCAPE);
    out.write(TERMINATOR);
  }

  private static void escape(byte[] bytes, Writer out) {
    for (byte b : bytes) {
      out.write(b);
      if (b == ESCAPE) {
        out.write(ESCAPED_ZERO);
      }
    }
  }

  private static void encodeNumber(BigDecimal number, Writer out) {
    int signum = number.signum();
    if (signum == 0) {
      out.write(ZERO);
      return;
    }
    // Normalized by DynamoNumber: no trailing zeros, so the digits end in a non-zero digit.
    String digits = number.unscaledValue().abs().toString();
    int exponent = digits.length() - number.scale() - 1;
    int flip = signum < 0 ? 0xFF : 0x00;
    out.write(signum < 0 ? NEGATIVE : POSITIVE);
    out.write((exponent + EXPONENT_BIAS) ^ flip);
    for (int i = 0; i < digits.length(); i += 2) {
      int high = digits.charAt(i) - '0';
      int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
      out.write((high * 10 + low + 1) ^ flip);
    }
    out.write(flip);
  }

  private static AttributeValue decodeValue(Reader in, ScalarAttributeType type) {
    return switch (type) {
      case S -> AttributeValue.fromS(new String(unescape(in), StandardCharsets.UTF_8));
      case B -> AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(unescape(in)));
      case N -> AttributeValue.fromN(decodeNumber(in));
      default -> throw new IllegalArgumentException("A key type must be S, N or B, not " + type);
    };
  }

  private static byte[] unescape(Reader in) {
    Writer out = new Writer();
    while (true) {
      int b = in.read();
      if (b != ESCAPE) {
        out.write(b);
        continue;
      }
      int next = in.read();
      if (next == TERMINATOR) {
        return out.toByteArray();
      }
      if (next != ESCAPED_ZERO) {
        throw new IllegalArgumentException("Bad escape 0x00 0x" + Integer.toHexString(next));
      }
      out.write(ESCAPE);
    }
  }

  private static String decodeNumber(Reader in) {
    int marker = in.read();
    if (marker == ZERO) {
      return "0";
    }
    if (marker != NEGATIVE && marker != POSITIVE) {
      throw new IllegalArgumentException("Bad number marker 0x" + Integer.toHexString(marker));
    }
    int flip = marker == NEGATIVE ? 0xFF : 0x00;
    int exponent = (in.read() ^ flip) - EXPONENT_BIAS;
    StringBuilder digits = new StringBuilder();
    while (true) {
      int pair = in.read() ^ flip;
      if (pair == 0) {
        break;
      }
      if (pair > 100) {
        throw new IllegalArgumentException("Bad digit pair " + pair);
      }
      digits.append((char) ('0' + (pair - 1) / 10)).append((char) ('0' + (pair - 1) % 10));
    }
    if (digits.length() == 0) {
      throw new IllegalArgumentException("A number without digits");
    }
    if (digits.charAt(digits.length() - 1) == '0') {
      digits.setLength(digits.length() - 1);
    }
    BigDecimal magnitude =
        new BigDecimal(new BigInteger(digits.toString()), digits.length() - 1 - exponent);
    return DynamoNumber.of(flip == 0 ? magnitude : magnitude.negate()).toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02x", b & 0xFF));
    }
    return text.toString();
  }

  /**
   * A growable byte buffer, without the synchronization of {@link java.io.ByteArrayOutputStream}.
   */
  static final class Writer {
    private byte[] bytes = new byte[32];
    private int size;

    void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = (byte) b;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int read() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("The key ends early");
      }
      return bytes[position++] & 0xFF;
    }
  }
}
