package dev.dynakit.client.patterns;

import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.table.QueryOptions;
import dev.dynakit.client.table.SortKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32;

/**
 * Write sharding: one logical partition key spread over {@code N} physical ones ({@code pk#0} …
 * {@code pk#N-1}) so that a busy key's writes use N partitions' throughput; and the scatter-gather
 * query that reads the N shards back as one stream in sort key order.
 *
 * <pre>{@code
 * WriteSharding shards = WriteSharding.of(8);
 * String pk = shards.shardFor("2026-11-25", orderId);  // the same order always lands on the same shard
 * Stream<Event> day = shards.query(events, "2026-11-25", SortKey.beginsWith("12:"), QueryOptions.defaults(),
 *     Comparator.comparing(Event::time));
 * }</pre>
 */
public final class WriteSharding {
  private final int shards;

  private WriteSharding(int shards) {
    this.shards = shards;
  }

  /** Sharding over {@code shards} suffixes, 2 to 1000. */
  public static WriteSharding of(int shards) {
    if (shards < 2 || shards > 1000) {
      throw new IllegalArgumentException("shards must be 2 to 1000, was " + shards);
    }
    return new WriteSharding(shards);
  }

  /** The number of shards. */
  public int shards() {
    return shards;
  }

  /**
   * The physical partition key for an item: the logical key and a suffix chosen from {@code itemId}
   * by a stable hash (CRC-32), so that the same item always has the same key and can be read with a
   * GetItem.
   */
  public String shardFor(String logicalKey, String itemId) {
    CRC32 crc = new CRC32();
    crc.update(itemId.getBytes(StandardCharsets.UTF_8));
    return shard(logicalKey, (int) (crc.getValue() % shards));
  }

  /** The physical key of shard {@code index}. */
  public String shard(String logicalKey, int index) {
    if (index < 0 || index >= shards) {
      throw new IllegalArgumentException(
          "shard index must be 0 to " + (shards - 1) + ", was " + index);
    }
    return logicalKey + KeyPrefix.SEPARATOR + index;
  }

  /** Every physical key of a logical one. */
  public List<String> allShards(String logicalKey) {
    List<String> keys = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      keys.add(shard(logicalKey, i));
    }
    return keys;
  }

  /**
   * Queries every shard of {@code logicalKey} and merges them into one stream ordered by {@code
   * order} (which must be the sort key's order, or its reverse for a descending query). Each shard
   * is read page by page as the merge needs it; {@code options}' limit applies to the merged
   * stream.
   */
  public <T> Stream<T> query(
      DynakitTable<T> table,
      String logicalKey,
      SortKey sortKey,
      QueryOptions options,
      Comparator<? super T> order) {
    List<Iterator<T>> sources = new ArrayList<>(shards);
    for (String key : allShards(logicalKey)) {
      sources.add(table.queryByPk(key, sortKey, options).iterator());
    }
    Stream<T> merged = merge(sources, order);
    return options.limit().isPresent() ? merged.limit(options.limit().getAsInt()) : merged;
  }

  /** A k-way merge of sorted iterators. */
  static <T> Stream<T> merge(List<Iterator<T>> sources, Comparator<? super T> order) {
    record Head<T>(T value, Iterator<T> rest) {}
    PriorityQueue<Head<T>> heads =
        new PriorityQueue<>(
            Math.max(1, sources.size()), (a, b) -> order.compare(a.value(), b.value()));
    boolean[] started = {false};
    Iterator<T> merged =
        new Iterator<>() {
          private void start() {
            if (!started[0]) {
              started[0] = true;
              for (Iterator<T> source : sources) {
                if (source.hasNext()) {
                  heads.add(new Head<>(source.next(), source));
                }
              }
            }
          }

          @Override
          public boolean hasNext() {
            start();
            return !heads.isEmpty();
          }

          @Override
          public T next() {
            start();
            Head<T> head = heads.poll();
            if (head == null) {
              throw new NoSuchElementException();
            }
            if (head.rest().hasNext()) {
              heads.add(new Head<>(head.rest().next(), head.rest()));
            }
            return head.value();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public String toString() {
    return "WriteSharding[" + shards + " shards]";
  }
}
