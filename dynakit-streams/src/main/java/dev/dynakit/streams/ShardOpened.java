package dev.dynakit.streams;

/**
 * A shard the consumer starts reading with no checkpoint: one open when it first looked, or one
 * opened since (a shard rolled over, or the stream was resharded).
 *
 * @param table the table
 * @param streamArn the stream
 * @param shardId the shard
 * @param parentShardId its parent, if it has one
 * @param startingSequenceNumber the sequence number of its first record
 */
public record ShardOpened(
    String table,
    String streamArn,
    String shardId,
    String parentShardId,
    String startingSequenceNumber) {}
