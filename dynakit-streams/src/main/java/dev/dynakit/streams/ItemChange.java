package dev.dynakit.streams;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A change {@link ItemPoller} found between two scans of a table.
 *
 * @param table the table
 * @param eventName {@code INSERT} (a key not there before), {@code MODIFY} (a key whose item
 *     differs) or {@code REMOVE} (a key no longer there)
 * @param keys the item's key attributes
 * @param newImage the item now ({@code null} for a {@code REMOVE})
 * @param oldImage the item at the previous scan ({@code null} for an {@code INSERT})
 */
public record ItemChange(
    String table,
    String eventName,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> newImage,
    Map<String, AttributeValue> oldImage) {

  @Override
  public String toString() {
    // Keys and images hold item values: they stay out of the text.
    return "ItemChange[" + eventName + " on " + table + "]";
  }
}
