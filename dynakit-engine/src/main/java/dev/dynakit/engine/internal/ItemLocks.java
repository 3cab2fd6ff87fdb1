package dev.dynakit.engine.internal;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks on items, striped by table and key so that requests on different items rarely wait for each
 * other and no lock covers the whole engine. A request holds the lock of every item it
 * reads-then-writes for as long as it does.
 */
final class ItemLocks {
  private static final int STRIPES = 1024;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  ItemLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The lock of one item. */
  ReentrantLock of(String table, byte[] key) {
    return locks[stripe(table, key)];
  }

  /**
   * The distinct locks of several items, in one global order (by stripe): taking them in this
   * order, and releasing them all before taking others, never deadlocks with another request doing
   * the same or with one holding a single item's lock.
   */
  List<ReentrantLock> ofAll(List<String> tables, List<byte[]> keys) {
    TreeSet<Integer> stripes = new TreeSet<>();
    for (int i = 0; i < keys.size(); i++) {
      stripes.add(stripe(tables.get(i), keys.get(i)));
    }
    return stripes.stream().map(i -> locks[i]).toList();
  }

  /**
   * Every lock, in stripe order: while one request holds them all, no other writes any item (used
   * to fill a new index from its table).
   */
  List<ReentrantLock> all() {
    return List.of(locks);
  }

  /** Runs {@code action} while holding every lock: no item is written meanwhile. */
  <T> T exclusively(java.util.function.Supplier<T> action) {
    int held = 0;
    try {
      for (ReentrantLock lock : locks) {
        lock.lock();
        held++;
      }
      return action.get();
    } finally {
      for (int i = held - 1; i >= 0; i--) {
        locks[i].unlock();
      }
    }
  }

  private static int stripe(String table, byte[] key) {
    int hash = 31 * table.hashCode() + Arrays.hashCode(key);
    return Math.floorMod(hash ^ (hash >>> 16), STRIPES);
  }
}
