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
   * Applies all mutations, in order, whole or not at all (a durable store: also across a crash,
   * and, once it returns, as durably as the store promises). A mutation may name a keyspace an
   * earlier {@link Mutation.Kind#CREATE_KEYSPACE} of the same batch creates.
   */
  void write(List<Mutation> batch);

  /**
   * Whether what is written outlives the store (a durable store): then the engine also writes what
   * it otherwise keeps only in memory, such as table descriptions and counters.
   */
  default boolean persistent() {
    return false;
  }

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
   * One change in a batch: a put (value present) or a delete (value null) of one key, an addition
   * to a counter, or the creation or drop of a whole keyspace.
   *
   * @param keyspace the keyspace's name
   * @param key the key (null for a keyspace's creation or drop)
   * @param value the new value, null to delete; for an addition, the amount as {@link
   *     #counter(long)} encodes it
   * @param kind what the mutation does
   */
  record Mutation(String keyspace, byte[] key, byte[] value, Kind kind) {
    /** What a mutation does. */
    public enum Kind {
      /** Sets a key's value. */
      PUT,
      /** Removes a key. */
      DELETE,
      /** Adds a signed amount to a counter (absent: zero); its value reads as {@link #count}. */
      ADD,
      /** Creates the keyspace, empty, if it does not exist. */
      CREATE_KEYSPACE,
      /** Removes the keyspace and everything in it, if it exists. */
      DROP_KEYSPACE
    }

    /** A put (value present) or a delete (value null). */
    public Mutation(String keyspace, byte[] key, byte[] value) {
      this(keyspace, key, value, value == null ? Kind.DELETE : Kind.PUT);
    }

    /** A put. */
    public static Mutation put(String keyspace, byte[] key, byte[] value) {
      return new Mutation(keyspace, key, value, Kind.PUT);
    }

    /** A delete. */
    public static Mutation delete(String keyspace, byte[] key) {
      return new Mutation(keyspace, key, null, Kind.DELETE);
    }

    /** Adds {@code amount} (which may be negative) to the counter under a key. */
    public static Mutation add(String keyspace, byte[] key, long amount) {
      return new Mutation(keyspace, key, counter(amount), Kind.ADD);
    }

    /** Creates a keyspace, as part of a batch. */
    public static Mutation createKeyspace(String keyspace) {
      return new Mutation(keyspace, null, null, Kind.CREATE_KEYSPACE);
    }

    /** Drops a keyspace and its entries, as part of a batch. */
    public static Mutation dropKeyspace(String keyspace) {
      return new Mutation(keyspace, null, null, Kind.DROP_KEYSPACE);
    }

    /** Whether it changes a whole keyspace rather than one key. */
    public boolean changesKeyspace() {
      return kind == Kind.CREATE_KEYSPACE || kind == Kind.DROP_KEYSPACE;
    }
  }

  /** A counter's value as stored: eight bytes, least significant first. */
  static byte[] counter(long value) {
    byte[] bytes = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    return bytes;
  }

  /** The value of a counter as stored (see {@link #counter(long)}). */
  static long count(byte[] stored) {
    if (stored.length != Long.BYTES) {
      throw new IllegalArgumentException("A counter has 8 bytes, not " + stored.length);
    }
    long value = 0;
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      value = (value << 8) | (stored[i] & 0xFF);
    }
    return value;
  }
}
