package dev.dynakit.engine.storage;

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
   * The item of some bytes {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded item
   */
  public static Map<String, AttributeValue> decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    In in = new In(bytes);
    int version = in.read();
    if (version != VERSION) {
      throw new IllegalArgumentException("Unknown item format version " + version);
    }
    Map<String, AttributeValue> item = readMap(in);
    if (in.position != bytes.length) {
      throw new IllegalArgumentException("Trailing bytes after the item at " + in.position);
    }
    return item;
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

  private static Map<String, AttributeValue> readMap(In in) {
    int size = in.count();
    Map<String, AttributeValue> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      String name = in.string();
      map.put(name, readValue(in));
    }
    return map;
  }

  private static AttributeValue readValue(In in) {
    int tag = in.read();
    switch (tag) {
      case S:
        return AttributeValue.fromS(in.string());
      case N:
        return AttributeValue.fromN(in.string());
      case B:
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(in.bytes()));
      case TRUE:
        return AttributeValue.fromBool(true);
      case FALSE:
        return AttributeValue.fromBool(false);
      case NULL:
        return AttributeValue.fromNul(true);
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
            members.add(readValue(in));
          }
          return AttributeValue.fromL(members);
        }
      case M:
        return AttributeValue.fromM(readMap(in));
      default:
        throw new IllegalArgumentException("Unknown value tag " + tag + " at " + (in.position - 1));
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

    String string() {
      int length = count();
      String result = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return result;
    }
  }
}
