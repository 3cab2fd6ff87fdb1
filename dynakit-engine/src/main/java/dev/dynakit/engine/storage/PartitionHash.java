package dev.dynakit.engine.storage;

import dev.dynakit.expression.value.DynamoNumber;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hash that places a partition key in a table's Scan order and in the segments of a parallel
 * Scan, as Amazon DynamoDB Local 3.3.1 computes it. DynamoDB itself hashes partition keys too, but
 * with an undocumented function; this is Local's, which the engine's tests compare against.
 *
 * <h2>The rule</h2>
 *
 * <ul>
 *   <li><b>Hash.</b> {@code SHA-1("LocalDdb" + bytes)}, 20 bytes, where {@code bytes} is, for
 *       <b>S</b>, the UTF-8 text; for <b>B</b>, the bytes; for <b>N</b>, the number's binary key
 *       encoding ({@link #numberBytes}). Numbers equal in value ({@code 1}, {@code 1.0}) hash
 *       alike.
 *   <li><b>Scan order.</b> Items come in order of the hash as an unsigned 160-bit integer (unsigned
 *       byte order), then, within a partition, by sort key. So ordering storage keys by {@code
 *       prefix(partition) + KeyCodec.encode(partition, sort)} is the Scan order. Two different
 *       partition keys of one table never share a hash unless SHA-1 collides on inputs with the
 *       {@code LocalDdb} prefix, which nobody has produced; their tie would fall back to {@link
 *       KeyCodec}'s partition order.
 *   <li><b>Segments.</b> For {@code TotalSegments = k}, with {@code M = 2^160 - 1} and {@code w =
 *       floor(M / k)}, segment {@code s} holds the hashes {@code s·w .. (s+1)·w - 1} and the last
 *       segment holds {@code (k-1)·w .. M}; that is, {@code segment = min(floor(hash / w), k - 1)}.
 *       A segment is a contiguous run of the Scan order.
 *   <li><b>Paging.</b> A Scan with {@code ExclusiveStartKey} returns the items strictly after that
 *       key's position {@code (hash(partition), sort)} in this order; the key need not exist. In a
 *       parallel Scan its hash must lie in the segment's range, or the request is invalid.
 *       LastEvaluatedKey is the key of the last item read.
 * </ul>
 */
public final class PartitionHash {
  /** The length of {@link #prefix}: a SHA-1 digest. */
  public static final int LENGTH = 20;

  private static final byte[] SALT = "LocalDdb".getBytes(StandardCharsets.US_ASCII);
  private static final BigInteger MAX =
      BigInteger.ONE.shiftLeft(8 * LENGTH).subtract(BigInteger.ONE);
  // A subclass rather than ThreadLocal.withInitial(lambda): no lambda class to spin at start-up.
  private static final ThreadLocal<MessageDigest> SHA1 =
      new ThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() {
          try {
            return MessageDigest.getInstance("SHA-1");
          } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
          }
        }
      };

  private PartitionHash() {}

  /**
   * The partition key's hash, {@value #LENGTH} bytes; prepended to a storage key, it makes unsigned
   * byte order the Scan order.
   *
   * @param partitionKey an S, N or B value
   * @throws IllegalArgumentException when the value is not of type S, N or B
   * @throws dev.dynakit.expression.ValidationException when a number is not a valid DynamoDB number
   */
  public static byte[] prefix(AttributeValue partitionKey) {
    Objects.requireNonNull(partitionKey, "partitionKey");
    byte[] bytes =
        switch (partitionKey.type()) {
          case S -> partitionKey.s().getBytes(StandardCharsets.UTF_8);
          case B -> partitionKey.b().asByteArray();
          case N -> numberBytes(DynamoNumber.parse(partitionKey.n()).bigDecimalValue());
          default ->
              throw new IllegalArgumentException(
                  "Not a key value (S, N or B): " + partitionKey.type());
        };
    MessageDigest digest = SHA1.get();
    digest.update(SALT);
    return digest.digest(bytes);
  }

  /**
   * The hash of several hashes, as DynamoDB Local hashes a whole table key ({@code SHA-1("LocalDdb"
   * + parts...)}); it orders items whose index keys are equal.
   *
   * @param parts hashes from {@link #prefix}, in key order
   */
  public static byte[] combine(byte[]... parts) {
    MessageDigest digest = SHA1.get();
    digest.update(SALT);
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /**
   * The parallel-Scan segment, from 0 to {@code totalSegments - 1}, that holds the partition.
   *
   * @param partitionKey an S, N or B value
   * @param totalSegments the Scan's {@code TotalSegments}, at least 1
   */
  public static int segment(AttributeValue partitionKey, int totalSegments) {
    if (totalSegments < 1) {
      throw new IllegalArgumentException("totalSegments < 1: " + totalSegments);
    }
    BigInteger hash = new BigInteger(1, prefix(partitionKey));
    BigInteger width = MAX.divide(BigInteger.valueOf(totalSegments));
    return (int) Math.min(hash.divide(width).longValue(), totalSegments - 1L);
  }

  /**
   * The bytes a number is hashed as: {@code 0x80} for zero; otherwise the magnitude written in base
   * 100 as {@code 0.c1 c2 … cm × 100^E} with {@code c1 != 0} and {@code cm != 0} (two decimal
   * digits per {@code ci}, the first pair padded with a leading 0 when the count of integer digits
   * is odd, the last with a trailing 0), then: for a positive number the byte {@code 192 + E} and
   * each {@code ci + 1}; for a negative one the byte {@code 63 - E} (the complement of {@code 192 +
   * E}), each {@code 101 - ci}, and a final {@code 102} when {@code m < 20}.
   */
  static byte[] numberBytes(BigDecimal number) {
    int signum = number.signum();
    if (signum == 0) {
      return new byte[] {(byte) 0x80};
    }
    BigDecimal magnitude = number.abs().stripTrailingZeros();
    String digits = magnitude.unscaledValue().toString();
    // magnitude = 0.d1 d2 ... dn × 10^exponent
    int exponent = magnitude.precision() - magnitude.scale();
    if (Math.floorMod(exponent, 2) == 1) {
      digits = "0" + digits;
      exponent++;
    }
    if (digits.length() % 2 == 1) {
      digits = digits + "0";
    }
    int pairs = digits.length() / 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream(pairs + 2);
    int head = 192 + exponent / 2;
    out.write(signum > 0 ? head : ~head & 0xFF);
    for (int i = 0; i < pairs; i++) {
      int pair = 10 * (digits.charAt(2 * i) - '0') + (digits.charAt(2 * i + 1) - '0');
      out.write(signum > 0 ? pair + 1 : 101 - pair);
    }
    if (signum < 0 && pairs < 20) {
      out.write(102);
    }
    return out.toByteArray();
  }
}
