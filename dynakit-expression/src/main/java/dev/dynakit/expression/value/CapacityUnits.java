package dev.dynakit.expression.value;

/**
 * Capacity units an item read or write consumes, from the item's size in bytes ({@link ItemSize}).
 *
 * <pre>{@code
 * CapacityUnits.read(4096, true);          // 1.0
 * CapacityUnits.read(4097, false);         // 1.0 (2 units, halved)
 * CapacityUnits.write(1025);               // 2.0
 * CapacityUnits.transactionalWrite(100);   // 2.0
 * CapacityUnits.read(0, true);             // 1.0: GetItem of an item that does not exist
 * }</pre>
 *
 * <p>Reads are counted in 4 KB (4,096 byte) units and writes in 1 KB (1,024 byte) units, the size
 * rounded up to a whole unit and at least one unit: a read or write of nothing (GetItem or
 * DeleteItem of an item that does not exist) costs as much as one of a 1 byte item. An eventually
 * consistent read costs half; a transactional read or write costs twice. Query and Scan sum the
 * sizes of the items they read before rounding, so pass the sum; but DynamoDB Local charges a Query
 * that reads no item 0 units, which {@link #read} does not model.
 *
 * <p>Transactions are charged per item: TransactGetItems and TransactWriteItems cost the sum of
 * {@link #transactionalRead} or {@link #transactionalWrite} over their items, each rounded on its
 * own. (DynamoDB Local 3.3.1 departs from this for TransactWriteItems: items of equal cost in one
 * call are counted once, so two puts of 1,025 bytes consume 4 units instead of 8. This class
 * follows the AWS documentation.)
 */
public final class CapacityUnits {
  /** Bytes per read unit. */
  public static final long READ_UNIT_BYTES = 4 * 1024;

  /** Bytes per write unit. */
  public static final long WRITE_UNIT_BYTES = 1024;

  private CapacityUnits() {}

  /** Read units of a read of {@code bytes}: strongly consistent, or eventually (half). */
  public static double read(long bytes, boolean consistentRead) {
    long units = units(bytes, READ_UNIT_BYTES);
    return consistentRead ? units : units / 2.0;
  }

  /** Write units of a write of {@code bytes}. */
  public static double write(long bytes) {
    return units(bytes, WRITE_UNIT_BYTES);
  }

  /** Read units of a read of {@code bytes} in a transaction (TransactGetItems): twice a read. */
  public static double transactionalRead(long bytes) {
    return 2.0 * units(bytes, READ_UNIT_BYTES);
  }

  /**
   * Write units of a write of {@code bytes} in a transaction (TransactWriteItems): twice a write.
   */
  public static double transactionalWrite(long bytes) {
    return 2.0 * units(bytes, WRITE_UNIT_BYTES);
  }

  private static long units(long bytes, long unit) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative: " + bytes);
    }
    return Math.max(1, -Math.floorDiv(-bytes, unit));
  }
}
