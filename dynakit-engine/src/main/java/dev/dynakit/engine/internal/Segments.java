package dev.dynakit.engine.internal;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which parallel-scan segment an item belongs to: every item of a partition in the same one, the
 * partitions spread evenly over the segments.
 */
final class Segments {
  private Segments() {}

  static int of(AttributeValue partitionKey, int totalSegments) {
    int hash = partitionKey.hashCode();
    return Math.floorMod(hash ^ (hash >>> 16), totalSegments);
  }
}
