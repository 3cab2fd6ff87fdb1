package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.KeyCodec;
import dev.dynakit.engine.storage.PartitionHash;
import java.util.Arrays;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an item is stored: its partition's hash, then its key. Partitions therefore lie in hash
 * order (the order a Scan returns them in, as in DynamoDB Local), and each partition's items lie
 * together in sort-key order (so a Query reads one contiguous range).
 */
final class StorageKeys {
  private StorageKeys() {}

  static byte[] of(AttributeValue partition, AttributeValue sortOrNull) {
    return concat(PartitionHash.prefix(partition), KeyCodec.encode(partition, sortOrNull));
  }

  /** A range of one partition's keys, as stored. */
  static KeyCodec.Range within(AttributeValue partition, KeyCodec.Range range) {
    byte[] prefix = PartitionHash.prefix(partition);
    byte[] to = range.to() == null ? successor(prefix) : concat(prefix, range.to());
    return new KeyCodec.Range(concat(prefix, range.from()), to);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** The least key above every key starting with {@code prefix}, or null if there is none. */
  private static byte[] successor(byte[] prefix) {
    byte[] next = prefix.clone();
    for (int i = next.length - 1; i >= 0; i--) {
      if (next[i] != (byte) 0xFF) {
        next[i]++;
        return Arrays.copyOf(next, i + 1);
      }
    }
    return null;
  }
}
