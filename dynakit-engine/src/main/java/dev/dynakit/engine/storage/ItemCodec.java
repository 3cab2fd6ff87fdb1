package dev.dynakit.engine.storage;

import dev.dynakit.expression.value.DynamoNumber;
import dev.dynakit.expression.value.ItemSize;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The binary form of a stored item: compact, and written and read in one pass without reflection.
 * {@code decode(encode(item))} equals {@code item} for every item of well-formed values (numbers
 * keep their text as given; the engine stores them canonical).
 *
 * <pre>{@code
 * Map<String, AttributeValue> item = Map.of(
 *     "id", AttributeValue.fromS("a1"),
 *     "tags", AttributeValue.fromSs(List.of("x", "y")),
 *     "meta", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("3"))));
 * byte[] bytes = ItemCodec.encode(item);   // 32 bytes
 * ItemCodec.decode(bytes).equals(item);    // true
 * }</pre>
 *
 * <h2>Format</h2>
 *
 * <p>A format version byte ({@value #VERSION}), then the item as a map. Counts and lengths are
 * unsigned LEB128 varints (one byte below 128). A map is its count, then per entry the name and the
 * value; a name or string is its UTF-8 length and bytes. A value is a tag byte, then:
 *
 * <ul>
 *   <li>{@code 1} S: a string; {@code 2} N: the number's text as a string; {@code 3} B: length and
 *       bytes;
 *   <li>{@code 4} BOOL true, {@code 5} BOOL false, {@code 6} NULL: nothing more;
 *   <li>{@code 7} SS, {@code 8} NS, {@code 9} BS: the count, then each member as S, N or B is
 *       written (without tags);
 *   <li>{@code 10} L: the count, then each value; {@code 11} M: a map.
 * </ul>
 *
 * <p>Map entries are written in the map's iteration order and read back into a {@link
 * LinkedHashMap}.
 */
public final class ItemCodec {
  /** The format version, the first byte of every encoded item. */
  public static final int VERSION = 1;

  private static final int S = 1;
  private static final int N = 2;
  private static final int B = 3;
  private static final int TRUE = 4;
  private static final int FALSE = 5;
  private static final int NULL = 6;
  private static final int SS = 7;
  private static final int NS = 8;
  private static final int BS = 9;
  private static final int L = 10;
  private static final int M = 11;

  // ItemSize's rules, for measuring an encoded item.
  private static final int CONTAINER_OVERHEAD = 3;
  private static final int ELEMENT_OVERHEAD = 1;
  private static final int MAX_NUMBER_PAIRS = 20;

  private static final AttributeValue BOOL_TRUE = AttributeValue.fromBool(true);
  private static final AttributeValue BOOL_FALSE = AttributeValue.fromBool(false);
  private static final AttributeValue NUL = AttributeValue.fromNul(true);

  /**
   * Each thread's builders, one per type, reused from value to value: an SDK builder that already
   * holds a value of a type skips the bookkeeping {@code AttributeValue.fromS} and friends do for a
   * fresh builder, and {@code build()} copies what it holds into a new immutable value.
   */
  private static final ThreadLocal<Builders> BUILDERS =
      new ThreadLocal<>() {
        @Override
        protected Builders initialValue() {
          return new Builders();
        }
      };

  private ItemCodec() {}

  /**
   * The bytes of an item.
   *
   * @throws IllegalArgumentException when a value has no type, or is {@code NULL: false}
   */
  public static byte[] encode(Map<String, AttributeValue> item) {
    Objects.requireNonNull(item, "item");
    Out out = new Out();
    out.write(VERSION);
    writeMap(item, out);
    return out.toByteArray();
  }

  /**
   * The item of some bytes {@link #encode} wrote, unmodifiable, its attributes in stored order.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded item
   */
  public static Map<String, AttributeValue> decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    In in = new In(bytes);
    checkVersion(in);
    Builders builders = BUILDERS.get();
    int size = in.count();
    String[] names = new String[size];
    AttributeValue[] values = new AttributeValue[size];
    for (int i = 0; i < size; i++) {
      names[i] = builders.name(in);
      values[i] = readValue(in, builders);
    }
    checkEnd(in);
    return new ItemMap(names, values);
  }

  /**
   * The size of the item of some bytes {@link #encode} wrote, as {@code ItemSize.of} measures the
   * decoded item, without decoding it: names and strings are stored as their UTF-8 bytes, so their
   * sizes are their stored lengths.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded item
   */
  public static long size(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    In in = new In(bytes);
    checkVersion(in);
    long size = sizeOfMap(in, false);
    checkEnd(in);
    return size;
  }

  private static void checkVersion(In in) {
    int version = in.read();
    if (version != VERSION) {
      throw new IllegalArgumentException("Unknown item format version " + version);
    }
  }

  private static void checkEnd(In in) {
    if (in.position != in.bytes.length) {
      throw new IllegalArgumentException("Trailing bytes after the item at " + in.position);
    }
  }

  /** A map's size: an item's entries are bare, a nested map's carry ItemSize's overheads. */
  private static long sizeOfMap(In in, boolean nested) {
    int count = in.count();
    long size = nested ? CONTAINER_OVERHEAD + (long) count * ELEMENT_OVERHEAD : 0;
    for (int i = 0; i < count; i++) {
      size += in.skip();
      size += sizeOfValue(in);
    }
    return size;
  }

  private static long sizeOfValue(In in) {
    int tag = in.read();
    switch (tag) {
      case S:
      case B:
        return in.skip();
      case N:
        return numberSize(in);
      case TRUE:
      case FALSE:
      case NULL:
        return 1;
      case SS:
      case BS:
        {
          int count = in.count();
          long size = 0;
          for (int i = 0; i < count; i++) {
            size += in.skip();
          }
          return size;
        }
      case NS:
        {
          int count = in.count();
          long size = 0;
          for (int i = 0; i < count; i++) {
            size += numberSize(in);
          }
          return size;
        }
      case L:
        {
          int count = in.count();
          long size = CONTAINER_OVERHEAD + (long) count * ELEMENT_OVERHEAD;
          for (int i = 0; i < count; i++) {
            size += sizeOfValue(in);
          }
          return size;
        }
      case M:
        return sizeOfMap(in, true);
      default:
        throw new IllegalArgumentException("Unknown value tag " + tag + " at " + (in.position - 1));
    }
  }

  /**
   * The size of a stored number. An integer without leading zeros (the canonical form of most
   * numbers) is measured from its digits; anything else goes through {@link ItemSize#ofNumber}.
   */
  private static long numberSize(In in) {
    int length = in.count();
    int start = in.position;
    in.position += length;
    byte[] b = in.bytes;
    int first = start < start + length && b[start] == '-' ? start + 1 : start;
    int end = start + length;
    int digits = end - first;
    boolean integer = digits > 0 && digits <= DynamoNumber.MAX_PRECISION && b[first] != '0';
    for (int i = first; integer && i < end; i++) {
      integer = b[i] >= '0' && b[i] <= '9';
    }
    if (integer) {
      int trailingZeros = 0;
      while (b[end - 1 - trailingZeros] == '0') {
        trailingZeros++;
      }
      // Pairs of digits aligned on the decimal point, without the pairs of trailing zeros.
      int pairs = (digits - 1) / 2 - trailingZeros / 2 + 1;
      return 1 + pairs + (first > start && pairs < MAX_NUMBER_PAIRS ? 1 : 0);
    }
    if (length == 1 && b[start] == '0') {
      return 1;
    }
    return ItemSize.ofNumber(
        DynamoNumber.parse(new String(b, start, length, StandardCharsets.UTF_8)));
  }

  private static void writeMap(Map<String, AttributeValue> map, Out out) {
    out.varint(map.size());
    for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
      out.string(Objects.requireNonNull(entry.getKey(), "attribute name"));
      writeValue(Objects.requireNonNull(entry.getValue(), "attribute value"), out);
    }
  }

  private static void writeValue(AttributeValue value, Out out) {
    switch (value.type()) {
      case S -> {
        out.write(S);
        out.string(value.s());
      }
      case N -> {
        out.write(N);
        out.string(value.n());
      }
      case B -> {
        out.write(B);
        out.bytes(value.b().asByteArrayUnsafe());
      }
      case BOOL -> out.write(value.bool() ? TRUE : FALSE);
      case NUL -> {
        if (!value.nul()) {
          throw new IllegalArgumentException("NULL must be true");
        }
        out.write(NULL);
      }
      case SS -> {
        out.write(SS);
        out.varint(value.ss().size());
        for (String member : value.ss()) {
          out.string(member);
        }
      }
      case NS -> {
        out.write(NS);
        out.varint(value.ns().size());
        for (String member : value.ns()) {
          out.string(member);
        }
      }
      case BS -> {
        out.write(BS);
        out.varint(value.bs().size());
        for (SdkBytes member : value.bs()) {
          out.bytes(member.asByteArrayUnsafe());
        }
      }
      case L -> {
        out.write(L);
        out.varint(value.l().size());
        for (AttributeValue member : value.l()) {
          writeValue(Objects.requireNonNull(member, "list member"), out);
        }
      }
      case M -> {
        out.write(M);
        writeMap(value.m(), out);
      }
      default -> throw new IllegalArgumentException("A value without a known type: " + value);
    }
  }

  private static Map<String, AttributeValue> readMap(In in, Builders builders) {
    int size = in.count();
    Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      String name = in.string();
      map.put(name, readValue(in, builders));
    }
    return map;
  }

  private static AttributeValue readValue(In in, Builders builders) {
    int tag = in.read();
    switch (tag) {
      case S:
        return builders.s.s(in.string()).build();
      case N:
        return builders.n.n(in.string()).build();
      case B:
        return builders.b.b(SdkBytes.fromByteArrayUnsafe(in.bytes())).build();
      case TRUE:
        return BOOL_TRUE;
      case FALSE:
        return BOOL_FALSE;
      case NULL:
        return NUL;
      case SS:
      case NS:
        {
          int size = in.count();
          List<String> members = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            members.add(in.string());
          }
          return tag == SS ? AttributeValue.fromSs(members) : AttributeValue.fromNs(members);
        }
      case BS:
        {
          int size = in.count();
          List<SdkBytes> members = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            members.add(SdkBytes.fromByteArrayUnsafe(in.bytes()));
          }
          return AttributeValue.fromBs(members);
        }
      case L:
        {
          int size = in.count();
          List<AttributeValue> members = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            members.add(readValue(in, builders));
          }
          return AttributeValue.fromL(members);
        }
      case M:
        return AttributeValue.fromM(readMap(in, builders));
      default:
        throw new IllegalArgumentException("Unknown value tag " + tag + " at " + (in.position - 1));
    }
  }

  /**
   * Builders of S, N and B values, each already of its type, and the attribute names read lately;
   * one set per thread.
   */
  private static final class Builders {
    private static final int NAMES = 64;

    final AttributeValue.Builder s = AttributeValue.builder().s("");
    final AttributeValue.Builder n = AttributeValue.builder().n("0");
    final AttributeValue.Builder b =
        AttributeValue.builder().b(SdkBytes.fromByteArrayUnsafe(new byte[0]));

    /** Names by a hash of their bytes: items share names, so most are read once per thread. */
    private final byte[][] nameBytes = new byte[NAMES][];

    private final String[] names = new String[NAMES];

    /** The next name: the same String as the last time these bytes were read, where it still is. */
    String name(In in) {
      int length = in.count();
      int start = in.position;
      int end = start + length;
      byte[] bytes = in.bytes;
      int hash = length;
      for (int i = start; i < end; i++) {
        hash = 31 * hash + bytes[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (NAMES - 1);
      in.position = end;
      byte[] known = nameBytes[slot];
      if (known != null && Arrays.equals(known, 0, known.length, bytes, start, end)) {
        return names[slot];
      }
      String name = new String(bytes, start, length, StandardCharsets.UTF_8);
      nameBytes[slot] = Arrays.copyOfRange(bytes, start, end);
      names[slot] = name;
      return name;
    }
  }

  private static final class Out {
    private byte[] buffer = new byte[256];
    private int size;

    void write(int b) {
      ensure(1);
      buffer[size++] = (byte) b;
    }

    void varint(int value) {
      ensure(5);
      int v = value;
      while ((v & ~0x7F) != 0) {
        buffer[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buffer[size++] = (byte) v;
    }

    void bytes(byte[] bytes) {
      varint(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    void string(String text) {
      bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }
  }

  private static final class In {
    private final byte[] bytes;
    private int position;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    int read() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("The item ends early");
      }
      return bytes[position++] & 0xFF;
    }

    int varint() {
      int value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = read();
        value |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("A varint of more than 5 bytes at " + position);
    }

    /** A count or length, which cannot exceed the bytes left (every element takes one). */
    int count() {
      int count = varint();
      if (count < 0 || count > bytes.length - position) {
        throw new IllegalArgumentException("A count of " + count + " past the end at " + position);
      }
      return count;
    }

    byte[] bytes() {
      int length = count();
      byte[] result = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return result;
    }

    /** Skips a length-prefixed run of bytes; answers its length. */
    int skip() {
      int length = count();
      position += length;
      return length;
    }

    String string() {
      int length = count();
      String result = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return result;
    }
  }
}
