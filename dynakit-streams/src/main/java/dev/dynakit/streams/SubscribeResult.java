package dev.dynakit.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bounded read answered.
 *
 * @param table the table read
 * @param events the events, in order within each shard, parents' before children's
 * @param active whether the subscription goes on: false once the stream is disabled and every
 *     record has been read, or after {@code unsubscribe}
 */
public record SubscribeResult(String table, List<StreamEvent> events, boolean active) {
  /** Copies the events. */
  public SubscribeResult {
    events = List.copyOf(events);
  }

  /**
   * The result as the {@code streams.subscribe} verb answers it: {@code {table, events, active}},
   * each event as {@link StreamEvent#toMap}.
   */
  public Map<String, Object> toMap(boolean typed) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", table);
    result.put("events", events.stream().map(event -> event.toMap(typed)).toList());
    result.put("active", active);
    return result;
  }
}
