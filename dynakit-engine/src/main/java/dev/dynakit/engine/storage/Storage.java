package dev.dynakit.engine.storage;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered key-value store of named keyspaces (one a table, one an index), with batches that
 * apply whole or not at all. Keys compare as unsigned bytes. Implementations are safe for
 * concurrent use; isolation between requests is the engine's (it locks the items a request
 * touches), so a store needs no lock of its own on reads.
 */
public interface Storage extends AutoCloseable {

  /** The keyspace of that name, created empty if it does not exist. */
  Keyspace keyspace(String name);

  /** Whether a keyspace of that name exists. */
  boolean hasKeyspace(String name);

  /** Removes a keyspace and everything in it; nothing happens if there is none. */
  void dropKeyspace(String name);

  /** The names of all keyspaces. */
  Set<String> keyspaces();

  /**
   * Applies all mutations, in order, whole or not at all (a durable store: also across a crash).
   */
  void write(List<Mutation> batch);

  @Override
  void close();

  /** One keyspace: a sorted map from byte keys to byte values. */
  interface Keyspace {
    /** The keyspace's name. */
    String name();

    /** The value under a key. */
    Optional<byte[]> get(byte[] key);

    /**
     * The entries with keys from {@code from} (inclusive; null for the first) to {@code to}
     * (exclusive; null for past the last), ascending or descending, read lazily. Entries written
     * during the scan may or may not be seen.
     */
    java.util.stream.Stream<Entry> scan(byte[] from, byte[] to, boolean descending);

    /** How many entries it holds. */
    long size();
  }

  /**
   * A key and its value.
   *
   * @param key the key
   * @param value the value
   */
  record Entry(byte[] key, byte[] value) {}

  /**
   * A put (value present) or a delete (value null) of one key in one keyspace.
   *
   * @param keyspace the keyspace's name
   * @param key the key
   * @param value the new value, or null to delete
   */
  record Mutation(String keyspace, byte[] key, byte[] value) {
    /** A put. */
    public static Mutation put(String keyspace, byte[] key, byte[] value) {
      return new Mutation(keyspace, key, value);
    }

    /** A delete. */
    public static Mutation delete(String keyspace, byte[] key) {
      return new Mutation(keyspace, key, null);
    }
  }
}
