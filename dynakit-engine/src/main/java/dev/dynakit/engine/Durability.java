package dev.dynakit.engine;

/**
 * How a durable engine ({@link DynakitEngine.Builder#dataDir}) makes writes durable before it
 * acknowledges them.
 */
public enum Durability {
  /**
   * Every write is in the write-ahead log and the log is synced to disk (fsync) before the write
   * returns; writers that arrive together share one sync. No acknowledged write is lost, by a
   * process crash or by a machine's.
   */
  SYNC,
  /**
   * Every write is in the write-ahead log, handed to the operating system, before it returns; the
   * log is synced on an interval ({@link DynakitEngine.Builder#syncInterval}) and at close. A
   * process crash loses nothing; a machine crash (power, kernel) loses at most the writes of the
   * last interval.
   */
  RELAXED
}
