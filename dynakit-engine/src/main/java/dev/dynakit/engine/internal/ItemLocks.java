package dev.dynakit.engine.internal;

import java.util.Arrays;
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
    int hash = 31 * table.hashCode() + Arrays.hashCode(key);
    return locks[Math.floorMod(hash ^ (hash >>> 16), STRIPES)];
  }
}
