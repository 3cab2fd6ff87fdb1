package dev.dynakit.client.batch;

import dev.dynakit.client.expressions.Projection;

/**
 * How {@link Batches#get} reads one table.
 *
 * @param projection the attributes to return, or {@code null} for whole items
 * @param consistentRead whether to read consistently (DynamoDB's default is eventually consistent)
 */
public record GetOptions(Projection projection, boolean consistentRead) {

  /** Whole items, read consistently. */
  public static GetOptions consistent() {
    return new GetOptions(null, true);
  }

  /** The attributes of {@code projection}, read eventually consistently. */
  public static GetOptions projecting(Projection projection) {
    return new GetOptions(projection, false);
  }
}
