package dev.dynakit.engine.internal;

import dev.dynakit.expression.KeySchema;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A table the engine holds: its description as created, its key, and the counters DescribeTable
 * reports.
 */
public final class Table {
  private volatile TableDescription created;
  private final KeySchema keys;
  private final AtomicLong itemCount = new AtomicLong();
  private final AtomicLong sizeBytes = new AtomicLong();

  Table(TableDescription created, KeySchema keys) {
    this.created = created;
    this.keys = keys;
  }

  /** The storage keyspace of this table's items; a table created again gets a new one. */
  public String keyspace() {
    return "table/" + created.tableId();
  }

  /** The table's name. */
  public String name() {
    return created.tableName();
  }

  /** The table's key, as expressions are checked against it. */
  public KeySchema keys() {
    return keys;
  }

  /** The description DescribeTable gives now. */
  public TableDescription describe() {
    return created.toBuilder().itemCount(itemCount.get()).tableSizeBytes(sizeBytes.get()).build();
  }

  /** Changes the table's settings (UpdateTable). */
  synchronized void update(java.util.function.UnaryOperator<TableDescription> change) {
    created = change.apply(created);
  }

  /** Records an item written or removed: +1/-1 items, and the change in bytes. */
  public void count(long items, long bytes) {
    itemCount.addAndGet(items);
    sizeBytes.addAndGet(bytes);
  }
}
