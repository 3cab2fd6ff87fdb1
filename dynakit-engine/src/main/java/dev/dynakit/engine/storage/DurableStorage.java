package dev.dynakit.engine.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link Storage} on disk, in RocksDB, in a {@link DataDirectory} this process owns while the
 * store is open. Every batch is one RocksDB write batch: applied whole or not at all, across a
 * crash too. With {@code sync}, a write returns once its batch is in the write-ahead log and the
 * log is on disk (RocksDB's write group lets concurrent writers share one fsync); without, a write
 * returns once the log is handed to the operating system, and the log is synced every {@code
 * syncInterval} and at close: a process crash loses nothing, a machine crash at most that interval.
 *
 * <p>All keyspaces share one RocksDB key space: a keyspace's entries are stored under its id (eight
 * bytes, big-endian) followed by the key, so a keyspace is a contiguous range and dropping one is
 * one range deletion in the batch that drops it. Keyspace id 0 holds the store's own catalog: the
 * id of each keyspace's name, and the format version. Counters ({@link Mutation.Kind#ADD}) are
 * RocksDB merges with its {@code uint64add} operator, so concurrent additions need no lock.
 *
 * <p>Opening reads the catalog only, never the entries. Scans are RocksDB iterators over a
 * snapshot; a scan's stream must be closed (its iterator holds native memory), and closing the
 * store closes any left open. After {@link #close()} every method throws {@link
 * IllegalStateException}.
 */
public final class DurableStorage implements Storage {
  private static final int ID_BYTES = Long.BYTES;
  private static final byte[] CATALOG_PREFIX = {'k'};
  private static final byte[] FORMAT_KEY = prefixed(0, "format".getBytes(StandardCharsets.UTF_8));

  private final DataDirectory directory;
  private final Options options;
  private final BloomFilter filter;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final boolean sync;
  private final ConcurrentHashMap<String, DurableKeyspace> keyspaces = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Object catalogLock = new Object();
  private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
  private final Set<Scan> scans = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService syncer;
  private final AtomicLong syncs = new AtomicLong();
  private volatile boolean written;
  private volatile boolean closed;

  static {
    NativeLibrary.load();
  }

  /**
   * Opens the store in {@code dir}, creating the directory and the store if there are none.
   *
   * @param dir the data directory
   * @param sync whether every write is on disk before it returns
   * @param syncInterval without {@code sync}, how often the log is synced
   * @throws StorageException when the directory cannot be used (see {@link DataDirectory})
   */
  public static DurableStorage open(Path dir, boolean sync, Duration syncInterval) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(syncInterval, "syncInterval");
    if (!sync && (syncInterval.isNegative() || syncInterval.isZero())) {
      throw new IllegalArgumentException("syncInterval must be positive: " + syncInterval);
    }
    DataDirectory directory = DataDirectory.open(dir);
    try {
      return new DurableStorage(directory, sync, syncInterval);
    } catch (RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  private DurableStorage(DataDirectory directory, boolean sync, Duration syncInterval) {
    this.directory = directory;
    this.sync = sync;
    Path store = directory.store();
    boolean fresh = isEmptyOrAbsent(store);
    if (!fresh && !Files.exists(store.resolve("CURRENT"))) {
      directory.close();
      throw new StorageException(
          "The data directory "
              + directory.path()
              + " is damaged: "
              + store
              + " holds files but no store (no CURRENT file); refusing to overwrite it");
    }
    filter = new BloomFilter(10);
    options =
        new Options()
            .setCreateIfMissing(fresh)
            .setMergeOperatorName("uint64add")
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            .setKeepLogFileNum(2)
            .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter));
    writeOptions = new WriteOptions().setSync(sync);
    try {
      db = RocksDB.open(options, store.toString());
    } catch (RocksDBException e) {
      closeOptions();
      throw new StorageException(
          "Cannot open the store in the data directory " + directory.path() + ": " + e.getMessage(),
          e);
    }
    try {
      loadCatalog(fresh);
    } catch (RuntimeException e) {
      db.close();
      closeOptions();
      throw e;
    }
    if (sync) {
      syncer = null;
    } else {
      syncer =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "dynakit-storage-sync");
                thread.setDaemon(true);
                return thread;
              });
      long every = Math.max(1, syncInterval.toMillis());
      syncer.scheduleAtFixedRate(this::syncLog, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private static boolean isEmptyOrAbsent(Path dir) {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (java.io.IOException e) {
      throw new StorageException("Cannot read " + dir + ": " + e, e);
    }
  }

  private void loadCatalog(boolean fresh) {
    byte[] format = read(FORMAT_KEY);
    Path dir = directory.path();
    if (format == null) {
      try {
        db.put(
            writeOptions,
            FORMAT_KEY,
            Integer.toString(DataDirectory.FORMAT).getBytes(StandardCharsets.UTF_8));
      } catch (RocksDBException e) {
        throw new StorageException("Cannot write the format of the store in " + dir, e);
      }
    } else {
      String text = new String(format, StandardCharsets.UTF_8);
      if (!text.matches("\\d{1,9}")) {
        throw new StorageException("The data directory " + dir + " is damaged: format " + text);
      }
      DataDirectory.checkFormat(dir, Integer.parseInt(text), "the store");
    }
    byte[] from = prefixed(0, CATALOG_PREFIX);
    try (RocksIterator iterator = db.newIterator()) {
      for (iterator.seek(from); iterator.isValid(); iterator.next()) {
        byte[] key = iterator.key();
        if (!startsWith(key, from)) {
          break;
        }
        String name =
            new String(key, from.length, key.length - from.length, StandardCharsets.UTF_8);
        long id = readId(iterator.value(), 0);
        keyspaces.put(name, new DurableKeyspace(name, id));
        nextId.accumulateAndGet(id + 1, Math::max);
      }
    }
  }

  @Override
  public Keyspace keyspace(String name) {
    Objects.requireNonNull(name, "name");
    ensureOpen();
    DurableKeyspace keyspace = keyspaces.get(name);
    if (keyspace == null) {
      write(List.of(Mutation.createKeyspace(name)));
      keyspace = keyspaces.get(name);
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
    write(List.of(Mutation.dropKeyspace(name)));
  }

  @Override
  public Set<String> keyspaces() {
    ensureOpen();
    return Set.copyOf(keyspaces.keySet());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when a mutation is malformed or names a keyspace that does not
   *     exist (nor is created earlier in the batch); nothing is written then
   * @throws StorageException when the store fails to write; nothing is written then
   */
  @Override
  public void write(List<Mutation> batch) {
    Objects.requireNonNull(batch, "batch");
    boolean catalog = false;
    for (Mutation mutation : batch) {
      MemoryStorage.check(mutation);
      catalog |= mutation.changesKeyspace();
    }
    if (batch.isEmpty()) {
      return;
    }
    if (catalog) {
      // Keyspaces are created and dropped one batch at a time, so that ids and names stay in step.
      synchronized (catalogLock) {
        apply(batch);
      }
    } else {
      apply(batch);
    }
  }

  private void apply(List<Mutation> batch) {
    Map<String, DurableKeyspace> changed = new HashMap<>();
    try (WriteBatch writes = new WriteBatch()) {
      for (Mutation mutation : batch) {
        String name = mutation.keyspace();
        DurableKeyspace target =
            changed.containsKey(name) ? changed.get(name) : keyspaces.get(name);
        switch (mutation.kind()) {
          case CREATE_KEYSPACE:
            if (target == null) {
              DurableKeyspace created = new DurableKeyspace(name, nextId.getAndIncrement());
              writes.put(catalogKey(name), id(created.id));
              changed.put(name, created);
            }
            break;
          case DROP_KEYSPACE:
            if (target != null) {
              writes.deleteRange(prefixed(target.id, new byte[0]), id(target.id + 1));
              writes.delete(catalogKey(name));
              changed.put(name, null);
            }
            break;
          case PUT:
            writes.put(prefixed(existing(target, name).id, mutation.key()), mutation.value());
            break;
          case ADD:
            writes.merge(prefixed(existing(target, name).id, mutation.key()), mutation.value());
            break;
          default:
            writes.delete(prefixed(existing(target, name).id, mutation.key()));
        }
      }
      Lock shared = guard.readLock();
      shared.lock();
      try {
        ensureOpen();
        db.write(writeOptions, writes);
        written = true;
      } finally {
        shared.unlock();
      }
    } catch (RocksDBException e) {
      throw new StorageException(
          "The store in the data directory "
              + directory.path()
              + " failed to write: "
              + e.getMessage(),
          e);
    }
    changed.forEach(
        (name, keyspace) -> {
          if (keyspace == null) {
            DurableKeyspace dropped = keyspaces.remove(name);
            if (dropped != null) {
              dropped.dropped = true;
            }
          } else {
            keyspaces.put(name, keyspace);
          }
        });
  }

  private static DurableKeyspace existing(DurableKeyspace keyspace, String name) {
    if (keyspace == null) {
      throw new IllegalArgumentException("No keyspace " + name);
    }
    return keyspace;
  }

  /** Yes: a reopened store holds what was written. */
  @Override
  public boolean persistent() {
    return true;
  }

  /** Syncs the write-ahead log to disk (what {@code sync} does for every write). */
  void syncLog() {
    Lock shared = guard.readLock();
    shared.lock();
    try {
      if (!closed) {
        db.flushWal(true);
        syncs.incrementAndGet();
      }
    } catch (RocksDBException e) {
      // The next interval, or close, tries again.
    } finally {
      shared.unlock();
    }
  }

  /** How many times the log was synced on the interval (or at close) in relaxed mode. */
  long logSyncs() {
    return syncs.get();
  }

  /**
   * How many scans are open: streams from {@link Keyspace#scan} not closed yet, each holding a
   * RocksDB iterator (native memory). Zero whenever no read is running.
   */
  public int openScans() {
    return scans.size();
  }

  /** The data directory, absolute. */
  public Path directory() {
    return directory.path();
  }

  /** Whether every write is synced to disk before it returns. */
  public boolean synced() {
    return sync;
  }

  /**
   * Syncs the log, writes what is in memory to the store's files (so that the next open replays no
   * log), closes the store and releases the data directory. Scans left open are closed.
   */
  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
    Lock exclusive = guard.writeLock();
    exclusive.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      new ArrayList<>(scans).forEach(Scan::release);
      try {
        if (!sync) {
          db.flushWal(true);
          syncs.incrementAndGet();
        }
        if (written) {
          try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
          }
        }
      } catch (RocksDBException e) {
        // The log holds every write; the next open replays it.
      } finally {
        db.close();
        closeOptions();
        directory.close();
      }
    } finally {
      exclusive.unlock();
    }
  }

  private void closeOptions() {
    writeOptions.close();
    options.close();
    filter.close();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The storage is closed");
    }
  }

  private byte[] read(byte[] key) {
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StorageException(
          "The store in the data directory " + directory.path() + " failed to read: " + e, e);
    }
  }

  private static byte[] catalogKey(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[CATALOG_PREFIX.length + bytes.length];
    System.arraycopy(CATALOG_PREFIX, 0, key, 0, CATALOG_PREFIX.length);
    System.arraycopy(bytes, 0, key, CATALOG_PREFIX.length, bytes.length);
    return prefixed(0, key);
  }

  private static byte[] id(long id) {
    return prefixed(id, new byte[0]);
  }

  private static byte[] prefixed(long id, byte[] key) {
    byte[] bytes = new byte[ID_BYTES + key.length];
    for (int i = 0; i < ID_BYTES; i++) {
      bytes[i] = (byte) (id >>> (8 * (ID_BYTES - 1 - i)));
    }
    System.arraycopy(key, 0, bytes, ID_BYTES, key.length);
    return bytes;
  }

  private static long readId(byte[] bytes, int at) {
    long id = 0;
    for (int i = 0; i < ID_BYTES; i++) {
      id = (id << 8) | (bytes[at + i] & 0xFF);
    }
    return id;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public String toString() {
    return "DurableStorage[" + directory.path() + ", " + (sync ? "sync" : "relaxed") + "]";
  }

  private final class DurableKeyspace implements Keyspace {
    private final String name;
    private final long id;
    private volatile boolean dropped;

    DurableKeyspace(String name, long id) {
      this.name = name;
      this.id = id;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
      Objects.requireNonNull(key, "key");
      Lock shared = guard.readLock();
      shared.lock();
      try {
        ensureUsable();
        return Optional.ofNullable(read(prefixed(id, key)));
      } finally {
        shared.unlock();
      }
    }

    @Override
    public Stream<Entry> scan(byte[] from, byte[] to, boolean descending) {
      ensureUsable();
      if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
        return Stream.empty();
      }
      byte[] lower = prefixed(id, from == null ? new byte[0] : from);
      byte[] upper = to == null ? id(id + 1) : prefixed(id, to);
      Scan scan = new Scan(lower, upper, descending);
      return StreamSupport.stream(
              Spliterators.spliteratorUnknownSize(scan, Spliterator.ORDERED | Spliterator.NONNULL),
              false)
          .onClose(scan::release);
    }

    /** Counts the entries: a scan of the whole keyspace. */
    @Override
    public long size() {
      try (Stream<Entry> entries = scan(null, null, false)) {
        return entries.count();
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

  /** A scan's RocksDB iterator, between two store keys; released by its stream's close. */
  private final class Scan implements Iterator<Entry> {
    private final byte[] lower;
    private final byte[] upper;
    private final boolean descending;
    private RocksIterator iterator;
    private Entry next;

    Scan(byte[] lower, byte[] upper, boolean descending) {
      this.lower = lower;
      this.upper = upper;
      this.descending = descending;
      Lock shared = guard.readLock();
      shared.lock();
      try {
        ensureOpen();
        iterator = db.newIterator();
        scans.add(this);
        if (descending) {
          iterator.seekForPrev(upper);
          if (iterator.isValid() && Arrays.compareUnsigned(iterator.key(), upper) >= 0) {
            iterator.prev();
          }
        } else {
          iterator.seek(lower);
        }
        next = current();
      } finally {
        shared.unlock();
      }
    }

    /** The entry the iterator is on, or null past the range's end. */
    private Entry current() {
      if (!iterator.isValid()) {
        return null;
      }
      byte[] key = iterator.key();
      if (descending
          ? Arrays.compareUnsigned(key, lower) < 0
          : Arrays.compareUnsigned(key, upper) >= 0) {
        return null;
      }
      return new Entry(Arrays.copyOfRange(key, ID_BYTES, key.length), iterator.value());
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Entry entry = next;
      Lock shared = guard.readLock();
      shared.lock();
      try {
        if (iterator == null) {
          throw new IllegalStateException("The storage is closed");
        }
        if (descending) {
          iterator.prev();
        } else {
          iterator.next();
        }
        next = current();
      } finally {
        shared.unlock();
      }
      return entry;
    }

    /** Closes the iterator; again does nothing. */
    void release() {
      synchronized (this) {
        if (iterator != null && scans.remove(this)) {
          iterator.close();
        }
        iterator = null;
        next = null;
      }
    }
  }
}
