package dev.dynakit.mcp;

import dev.dynakit.client.Dynakit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agent-sized reads: {@code query}, {@code scan} and {@code batch_get} answer at most {@code
 * maxItems} items and {@code maxBytes} bytes of items (as JSON; at least one item, so paging always
 * moves on). A capped {@code query} or {@code scan} answers a {@code cursor} to continue with; a
 * capped {@code batch_get} answers the keys it did not read in {@code unprocessed_keys}.
 */
final class ReadCaps {
  private static final Set<String> PAGING_ARGUMENTS =
      Set.of("all_pages", "max_items", "exclusive_start_key");

  private final Dynakit dynakit;
  private final int maxItems;
  private final int maxBytes;

  ReadCaps(Dynakit dynakit, int maxItems, int maxBytes) {
    this.dynakit = dynakit;
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
  }

  /** Runs {@code query} or {@code scan} with the caps and the cursor. */
  Map<String, Object> collection(String tool, Map<String, Object> args) {
    for (String name : PAGING_ARGUMENTS) {
      if (args.containsKey(name)) {
        throw new ToolArgumentException(
            tool, name, "is not an argument of this tool (page with 'limit' and 'cursor')");
      }
    }
    int wanted = maxItems;
    Object limit = args.get("limit");
    if (limit != null) {
      if (!(limit instanceof Integer || limit instanceof Long)
          || ((Number) limit).longValue() < 1) {
        throw new ToolArgumentException(tool, "limit", "must be a whole number of at least 1");
      }
      wanted = (int) Math.min(wanted, ((Number) limit).longValue());
    }
    String table = args.get("table") instanceof String ? (String) args.get("table") : null;
    String index = args.get("index") instanceof String ? (String) args.get("index") : null;
    boolean typed = Boolean.TRUE.equals(args.get("typed"));
    Map<String, Object> call = new LinkedHashMap<>(args);
    call.remove("limit");
    call.remove("cursor");
    if (args.get("cursor") != null) {
      call.put("exclusive_start_key", Cursor.decode(tool, args.get("cursor"), table, index, typed));
    }
    call.put("all_pages", true);
    call.put("max_items", wanted);
    Map<String, Object> result = dynakit.call(tool, call);
    List<?> items = (List<?>) result.get("items");
    int fits = fitting(items);
    String cappedBy = null;
    if (fits < items.size()) {
      // Read again up to the last item that fits: the adapter's last_evaluated_key then resumes
      // exactly after it, whatever the table's key schema.
      call.put("max_items", fits);
      result = dynakit.call(tool, call);
      cappedBy = "max_bytes";
    } else if (result.containsKey("last_evaluated_key")) {
      cappedBy = wanted == maxItems ? "max_items" : "limit";
    }
    Map<String, Object> answer = new LinkedHashMap<>(result);
    Object last = result.get("last_evaluated_key");
    if (last != null) {
      answer.put("cursor", Cursor.encode(table, index, typed, last));
      answer.put("capped_by", cappedBy);
    }
    return answer;
  }

  /**
   * The arguments of a stream read with {@code max_events} at most the item cap (the cap when not
   * given); a wrong {@code max_events} is left for the verb to refuse.
   */
  Map<String, Object> events(Map<String, Object> args) {
    Object asked = args.get("max_events");
    if (asked != null && !(asked instanceof Integer || asked instanceof Long)) {
      return args;
    }
    Map<String, Object> capped = new java.util.LinkedHashMap<>(args);
    if (asked == null || ((Number) asked).longValue() > maxItems) {
      capped.put("max_events", maxItems);
    }
    return capped;
  }

  /** Runs {@code batch_get} on at most the keys whose items fit the caps. */
  @SuppressWarnings("unchecked")
  Map<String, Object> batchGet(Map<String, Object> args) {
    Object requests = args.get("requests");
    if (!(requests instanceof Map)) {
      return dynakit.call("batch_get", args); // the adapter names what is wrong
    }
    List<Object[]> keys = new ArrayList<>(); // {table, key}
    for (Map.Entry<String, Object> entry : ((Map<String, Object>) requests).entrySet()) {
      if (!(entry.getValue() instanceof Map)
          || !(((Map<String, Object>) entry.getValue()).get("keys") instanceof List)) {
        return dynakit.call("batch_get", args);
      }
      for (Object key : (List<Object>) ((Map<String, Object>) entry.getValue()).get("keys")) {
        keys.add(new Object[] {entry.getKey(), key});
      }
    }
    int taken = Math.min(keys.size(), maxItems);
    String cappedBy = taken < keys.size() ? "max_items" : null;
    Map<String, Object> result;
    while (true) {
      Map<String, Object> call = new LinkedHashMap<>(args);
      call.put("requests", requests((Map<String, Object>) requests, keys.subList(0, taken)));
      result = dynakit.call("batch_get", call);
      if (taken <= 1 || responseSize(result) <= maxBytes) {
        break;
      }
      taken = taken / 2;
      cappedBy = "max_bytes";
    }
    Map<String, Object> answer = new LinkedHashMap<>(result);
    if (taken < keys.size()) {
      Map<String, Object> unprocessed =
          new LinkedHashMap<>((Map<String, Object>) result.get("unprocessed_keys"));
      Map<String, Object> left =
          requests((Map<String, Object>) requests, keys.subList(taken, keys.size()));
      for (Map.Entry<String, Object> entry : left.entrySet()) {
        Map<String, Object> leftRequest = (Map<String, Object>) entry.getValue();
        Object already = unprocessed.get(entry.getKey());
        if (already instanceof Map) {
          Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) already);
          List<Object> mergedKeys = new ArrayList<>((List<Object>) merged.get("keys"));
          mergedKeys.addAll((List<Object>) leftRequest.get("keys"));
          merged.put("keys", mergedKeys);
          unprocessed.put(entry.getKey(), merged);
        } else {
          unprocessed.put(entry.getKey(), leftRequest);
        }
      }
      answer.put("unprocessed_keys", unprocessed);
      answer.put("capped_by", cappedBy);
    }
    return answer;
  }

  /** {@code original}'s per-table settings with only {@code keys}, in their order. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> requests(Map<String, Object> original, List<Object[]> keys) {
    Map<String, Object> requests = new LinkedHashMap<>();
    for (Object[] tableKey : keys) {
      String table = (String) tableKey[0];
      Map<String, Object> request =
          (Map<String, Object>)
              requests.computeIfAbsent(
                  table,
                  t -> {
                    Map<String, Object> copy =
                        new LinkedHashMap<>((Map<String, Object>) original.get(t));
                    copy.put("keys", new ArrayList<>());
                    return copy;
                  });
      ((List<Object>) request.get("keys")).add(tableKey[1]);
    }
    return requests;
  }

  private int fitting(List<?> items) {
    int total = 0;
    for (int i = 0; i < items.size(); i++) {
      total += Json.size(items.get(i)) + 1;
      if (total > maxBytes) {
        return Math.max(i, 1);
      }
    }
    return items.size();
  }

  @SuppressWarnings("unchecked")
  private static int responseSize(Map<String, Object> result) {
    int total = 0;
    for (Object items : ((Map<String, Object>) result.get("responses")).values()) {
      for (Object item : (List<Object>) items) {
        total += Json.size(item) + 1;
      }
    }
    return total;
  }
}
