package dev.dynakit.client.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a query or scan: its items, and where the next page starts ({@code
 * LastEvaluatedKey}), empty on the last page. Pass {@link #next()} back to read on.
 *
 * @param <T> the mapped type
 */
public record Page<T>(List<T> items, Optional<Map<String, AttributeValue>> next) {
  public Page {
    items = List.copyOf(items);
    next = next.map(Map::copyOf);
  }

  /** Whether another page may follow. */
  public boolean hasNext() {
    return next.isPresent();
  }
}
