package dev.dynakit.engine.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How often each partition key and each whole key of a table with contributor insights enabled was
 * accessed: what DynamoDB's "most accessed items" rules count.
 */
public final class KeyCounts {
  private final Map<Map<String, AttributeValue>, LongAdder> partitions = new ConcurrentHashMap<>();
  private final Map<Map<String, AttributeValue>, LongAdder> keys = new ConcurrentHashMap<>();
  private final Map<Map<String, AttributeValue>, LongAdder> throttled = new ConcurrentHashMap<>();

  /** One throttled request for the item of {@code key}. */
  void throttled(Map<String, AttributeValue> key) {
    throttled.computeIfAbsent(Map.copyOf(key), k -> new LongAdder()).increment();
  }

  /** The {@code n} keys throttled most, most first, with their counts. */
  public Map<Map<String, AttributeValue>, Long> topThrottled(int n) {
    return top(throttled, n);
  }

  /** One access of the item of {@code key} ({@code partition}: its partition key attributes). */
  void count(Map<String, AttributeValue> partition, Map<String, AttributeValue> key) {
    partitions.computeIfAbsent(Map.copyOf(partition), k -> new LongAdder()).increment();
    keys.computeIfAbsent(Map.copyOf(key), k -> new LongAdder()).increment();
  }

  /** The {@code n} partition keys accessed most, most first, with their counts. */
  public Map<Map<String, AttributeValue>, Long> topPartitions(int n) {
    return top(partitions, n);
  }

  /** The {@code n} keys (partition and sort key) accessed most, most first, with their counts. */
  public Map<Map<String, AttributeValue>, Long> topKeys(int n) {
    return top(keys, n);
  }

  private static Map<Map<String, AttributeValue>, Long> top(
      Map<Map<String, AttributeValue>, LongAdder> counts, int n) {
    Map<Map<String, AttributeValue>, Long> top = new LinkedHashMap<>();
    List<Map.Entry<Map<String, AttributeValue>, LongAdder>> sorted =
        counts.entrySet().stream()
            .sorted(
                Comparator.comparingLong(
                        (Map.Entry<Map<String, AttributeValue>, LongAdder> e) -> e.getValue().sum())
                    .reversed()
                    .thenComparing(e -> e.getKey().toString()))
            .limit(n)
            .toList();
    sorted.forEach(e -> top.put(e.getKey(), e.getValue().sum()));
    return top;
  }
}
