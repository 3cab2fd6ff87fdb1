package dev.dynakit.engine.storage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link Storage} held in memory: each keyspace is a {@link ConcurrentSkipListMap} ordered by
 * unsigned bytes, so reads, scans and single-key writes take no lock of the store's own.
 *
 * <pre>{@code
 * try (Storage storage = new MemoryStorage()) {
 *   Storage.Keyspace table = storage.keyspace("table:Music");
 *   storage.write(List.of(
 *       Storage.Mutation.put("table:Music", new byte[] {1}, new byte[] {42}),
 *       Storage.Mutation.put("table:Music", new byte[] {2}, new byte[] {43})));
 *   table.get(new byte[] {1});               // Optional holding {42}
 *   table.scan(null, null, true).count();   // 2: {2}, then {1}
 * }
 * }</pre>
 *
 * <p>A batch ({@link #write}) names only keyspaces that exist: every mutation is checked first, and
 * if one is malformed or names a missing keyspace, {@link IllegalArgumentException} is thrown and
 * nothing is written. Then the mutations are applied in order; a concurrent reader may see a batch
 * half applied (the engine's item locks keep requests apart), but concurrent batches never corrupt
 * a keyspace. Keys and values are copied on the way in and on the way out, as a store on disk
 * would, so callers may reuse their arrays.
 *
 * <p>After {@link #close()} every method, of the store and of its keyspaces and running scans,
 * throws {@link IllegalStateException}; so does a keyspace obtained before its {@link #dropKeyspace
 * drop}.
 */
public final class MemoryStorage implements Storage {
  /** Unsigned, lexicographic byte order: the order of every keyspace. */
  public static final Comparator<byte[]> KEY_ORDER = new UnsignedOrder();

  private final ConcurrentHashMap<String, MemoryKeyspace> keyspaces = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** An empty store. */
  public MemoryStorage() {}

  @Override
  public Keyspace keyspace(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    MemoryKeyspace keyspace = keyspaces.get(name);
    if (keyspace == null) {
      MemoryKeyspace created = new MemoryKeyspace(name);
      keyspace = keyspaces.putIfAbsent(name, created);
      if (keyspace == null) {
        keyspace = created;
      }
    }
    return keyspace;
  }

  @Override
  public boolean hasKeyspace(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    return keyspaces.containsKey(name);
  }

  @Override
  public void dropKeyspace(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    MemoryKeyspace dropped = keyspaces.remove(name);
    if (dropped != null) {
      dropped.dropped = true;
    }
  }

  @Override
  public Set<String> keyspaces() {
    ensureOpen();
    return Set.copyOf(keyspaces.keySet());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a mutation is malformed (see {@link #check}) or names a
   *     keyspace that does not exist (nor is created earlier in the batch); nothing is written then
   */
  @Override
  public void write(List<Mutation> batch) {
    Objects.requireNonNull(batch, "batch");
    ensureOpen();
    Set<String> created = new HashSet<>();
    Set<String> dropped = new HashSet<>();
    for (Mutation mutation : batch) {
      check(mutation);
      String name = mutation.keyspace();
      if (mutation.kind() == Mutation.Kind.CREATE_KEYSPACE) {
        created.add(name);
        dropped.remove(name);
      } else if (mutation.kind() == Mutation.Kind.DROP_KEYSPACE) {
        dropped.add(name);
        created.remove(name);
      } else if (dropped.contains(name)
          || (!created.contains(name) && !keyspaces.containsKey(name))) {
        throw new IllegalArgumentException("No keyspace " + name);
      }
    }
    for (Mutation mutation : batch) {
      switch (mutation.kind()) {
        case CREATE_KEYSPACE:
          keyspace(mutation.keyspace());
          break;
        case DROP_KEYSPACE:
          dropKeyspace(mutation.keyspace());
          break;
        case DELETE:
          keyspaces.get(mutation.keyspace()).delete(mutation.key());
          break;
        case ADD:
          keyspaces.get(mutation.keyspace()).add(mutation.key(), Storage.count(mutation.value()));
          break;
        default:
          keyspaces.get(mutation.keyspace()).put(mutation.key(), mutation.value());
      }
    }
  }

  /**
   * Checks a mutation's shape: it has a kind and a keyspace; a put, delete or addition has a key; a
   * put has a value and an addition an 8-byte amount.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  static void check(Mutation mutation) {
    if (mutation == null || mutation.keyspace() == null || mutation.kind() == null) {
      throw new IllegalArgumentException("A mutation needs a keyspace and a kind: " + mutation);
    }
    if (mutation.changesKeyspace()) {
      return;
    }
    if (mutation.key() == null) {
      throw new IllegalArgumentException("A mutation needs a keyspace and a key: " + mutation);
    }
    if (mutation.kind() == Mutation.Kind.PUT && mutation.value() == null) {
      throw new IllegalArgumentException("A put needs a value: " + mutation);
    }
    if (mutation.kind() == Mutation.Kind.ADD
        && (mutation.value() == null || mutation.value().length != Long.BYTES)) {
      throw new IllegalArgumentException("An addition needs an 8-byte amount: " + mutation);
    }
  }

  /** Lets go of every keyspace; every later use throws {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
    keyspaces.clear();
  }

  /** {@link Arrays#compareUnsigned(byte[], byte[])} as a class, not a method reference. */
  private static final class UnsignedOrder implements Comparator<byte[]> {
    @Override
    public int compare(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The storage is closed");
    }
  }

  private final class MemoryKeyspace implements Keyspace {
    private final String name;
    private final ConcurrentSkipListMap<byte[], byte[]> entries =
        new ConcurrentSkipListMap<>(KEY_ORDER);
    private final LongAdder size = new LongAdder();
    private volatile boolean dropped;

    MemoryKeyspace(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
      Objects.requireNonNull(key, "key");
      ensureUsable();
      byte[] value = entries.get(key);
      return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public Stream<Entry> scan(byte[] from, byte[] to, boolean descending) {
      ensureUsable();
      if (from != null && to != null && KEY_ORDER.compare(from, to) >= 0) {
        return Stream.empty();
      }
      NavigableMap<byte[], byte[]> view;
      if (from == null) {
        view = to == null ? entries : entries.headMap(to.clone(), false);
      } else if (to == null) {
        view = entries.tailMap(from.clone(), true);
      } else {
        view = entries.subMap(from.clone(), true, to.clone(), false);
      }
      if (descending) {
        view = view.descendingMap();
      }
      // A stream straight over a mapping iterator: Stream.iterator() of a source-only stream
      // hands this iterator back almost as is, where map() would wrap it in a buffering adapter.
      Iterator<Map.Entry<byte[], byte[]>> source = view.entrySet().iterator();
      Iterator<Entry> copies =
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return source.hasNext();
            }

            @Override
            public Entry next() {
              return entry(source.next());
            }
          };
      return StreamSupport.stream(
          Spliterators.spliteratorUnknownSize(copies, Spliterator.ORDERED | Spliterator.NONNULL),
          false);
    }

    private Entry entry(Map.Entry<byte[], byte[]> entry) {
      ensureUsable();
      return new Entry(entry.getKey().clone(), entry.getValue().clone());
    }

    @Override
    public long size() {
      ensureUsable();
      return size.sum();
    }

    void put(byte[] key, byte[] value) {
      if (entries.put(key.clone(), value.clone()) == null) {
        size.increment();
      }
    }

    void add(byte[] key, long amount) {
      boolean[] fresh = new boolean[1];
      entries.compute(
          key.clone(),
          (k, stored) -> {
            fresh[0] = stored == null;
            return Storage.counter((stored == null ? 0 : Storage.count(stored)) + amount);
          });
      if (fresh[0]) {
        size.increment();
      }
    }

    void delete(byte[] key) {
      if (entries.remove(key) != null) {
        size.decrement();
      }
    }

    private void ensureUsable() {
      ensureOpen();
      if (dropped) {
        throw new IllegalStateException("The keyspace " + name + " was dropped");
      }
    }

    @Override
    public String toString() {
      return "Keyspace[" + name + "]";
    }
  }
}
