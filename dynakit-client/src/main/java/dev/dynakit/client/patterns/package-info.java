/**
 * Single-table design and partition-key patterns: composite keys and entity prefixes ({@link
 * dev.dynakit.client.patterns.KeyPrefix}), write sharding with a scatter-gather query that merges
 * the shards in sort order ({@link dev.dynakit.client.patterns.WriteSharding}), and a monitor that
 * reports hot partitions and sequential partition keys ({@link
 * dev.dynakit.client.patterns.KeyAccessMonitor}).
 */
package dev.dynakit.client.patterns;
