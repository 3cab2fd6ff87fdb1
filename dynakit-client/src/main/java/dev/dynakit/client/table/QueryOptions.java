package dev.dynakit.client.table;

import dev.dynakit.client.expressions.Condition;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link DynakitTable#queryByPk} reads: which index, how many items at most, in which
 * direction, how many per request, whether strongly consistent. Immutable; each method returns a
 * copy.
 *
 * <pre>{@code
 * QueryOptions.defaults().index("byStatus").limit(20).descending()
 * }</pre>
 */
public final class QueryOptions {
  private static final QueryOptions DEFAULTS = new QueryOptions(null, 0, 0, true, null, null);

  private final String index;
  private final int limit;
  private final int pageSize;
  private final boolean forward;
  private final Boolean consistentRead;
  private final Condition filter;

  private QueryOptions(
      String index,
      int limit,
      int pageSize,
      boolean forward,
      Boolean consistentRead,
      Condition filter) {
    this.filter = filter;
    this.index = index;
    this.limit = limit;
    this.pageSize = pageSize;
    this.forward = forward;
    this.consistentRead = consistentRead;
  }

  /** The table itself, every matching item, ascending, the table's default consistency. */
  public static QueryOptions defaults() {
    return DEFAULTS;
  }

  /** Query this global or local secondary index. */
  public QueryOptions index(String indexName) {
    if (indexName == null || indexName.length() < 3 || indexName.length() > 255) {
      throw new IllegalArgumentException("index name must be 3 to 255 characters");
    }
    return new QueryOptions(indexName, limit, pageSize, forward, consistentRead, filter);
  }

  /** At most this many items in all (the stream ends there; pages stop being read). */
  public QueryOptions limit(int maxItems) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + maxItems);
    }
    return new QueryOptions(index, maxItems, pageSize, forward, consistentRead, filter);
  }

  /** At most this many items evaluated per request (DynamoDB's {@code Limit}). */
  public QueryOptions pageSize(int itemsPerRequest) {
    if (itemsPerRequest < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + itemsPerRequest);
    }
    return new QueryOptions(index, limit, itemsPerRequest, forward, consistentRead, filter);
  }

  /** Highest sort key first. */
  public QueryOptions descending() {
    return new QueryOptions(index, limit, pageSize, false, consistentRead, filter);
  }

  /** Strongly consistent reads (not on global secondary indexes). */
  public QueryOptions consistentRead(boolean consistent) {
    return new QueryOptions(index, limit, pageSize, forward, consistent, filter);
  }

  /**
   * Only items for which {@code condition} holds (DynamoDB's {@code FilterExpression}: applied
   * after reading, so read capacity is still spent on the items it drops).
   */
  public QueryOptions filter(Condition condition) {
    return new QueryOptions(
        index,
        limit,
        pageSize,
        forward,
        consistentRead,
        Objects.requireNonNull(condition, "condition"));
  }

  /** The filter, if any. */
  public Optional<Condition> filter() {
    return Optional.ofNullable(filter);
  }

  /** The index queried, if any. */
  public Optional<String> index() {
    return Optional.ofNullable(index);
  }

  /** The most items read in all, if limited. */
  public OptionalInt limit() {
    return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  Integer pageSize() {
    return pageSize == 0 ? null : pageSize;
  }

  boolean forward() {
    return forward;
  }

  Boolean consistent() {
    return consistentRead;
  }

  @Override
  public String toString() {
    return "QueryOptions[index="
        + index
        + ", limit="
        + (limit == 0 ? "none" : limit)
        + ", pageSize="
        + (pageSize == 0 ? "default" : pageSize)
        + ", "
        + (forward ? "ascending" : "descending")
        + (consistentRead == null ? "" : ", consistentRead=" + consistentRead)
        + (filter == null ? "" : ", filter=" + filter)
        + "]";
  }
}
