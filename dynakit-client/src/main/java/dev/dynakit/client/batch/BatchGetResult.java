package dev.dynakit.client.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The outcome of {@link Batches#get}: the items found, table by table (keys with no item have none;
 * the order within a table is DynamoDB's, not the order of the keys).
 *
 * @param items the items found, by table; every table asked for is present
 * @param report how many keys, requests and retries it took
 */
public record BatchGetResult(
    Map<String, List<Map<String, AttributeValue>>> items, BatchReport report) {
  public BatchGetResult {
    Map<String, List<Map<String, AttributeValue>>> copy = new LinkedHashMap<>();
    items.forEach((table, found) -> copy.put(table, List.copyOf(found)));
    items = java.util.Collections.unmodifiableMap(copy);
  }

  /** The items found in {@code table}; empty if none (or if the table was not asked for). */
  public List<Map<String, AttributeValue>> items(String table) {
    return items.getOrDefault(table, List.of());
  }

  /** {@link BatchReport#efficiency()}. */
  public double efficiency() {
    return report.efficiency();
  }
}
