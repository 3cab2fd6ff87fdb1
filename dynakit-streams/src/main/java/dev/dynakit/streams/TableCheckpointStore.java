package dev.dynakit.streams;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checkpoints in a DynamoDB table, shared by every worker of a consumer: one item per shard, keyed
 * by {@code consumer} (the consumer's name and the stream ARN) and {@code shard}, holding {@code
 * position}. Reads are strongly consistent. Writes need {@code allow_write} and the table on the
 * allow-list when the client is an adapter's.
 */
public final class TableCheckpointStore implements CheckpointStore {
  private final DynamoDbClient dynamodb;
  private final String table;
  private final String consumer;

  /**
   * Checkpoints of the consumer named {@code consumer} in {@code table} (see {@link #createTable}).
   */
  public TableCheckpointStore(DynamoDbClient dynamodb, String table, String consumer) {
    this.dynamodb = Objects.requireNonNull(dynamodb, "dynamodb");
    this.table = Objects.requireNonNull(table, "table");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  /** Creates the checkpoint table (on demand) unless it exists, and waits until it is active. */
  public static void createTable(DynamoDbClient dynamodb, String table) {
    Tables.createIfAbsent(dynamodb, table, "consumer", "shard");
  }

  private Map<String, AttributeValue> key(String streamArn, String shardId) {
    return Map.of(
        "consumer", AttributeValue.fromS(consumer + " " + streamArn),
        "shard", AttributeValue.fromS(shardId));
  }

  @Override
  public Optional<String> read(String streamArn, String shardId) {
    Map<String, AttributeValue> item =
        dynamodb
            .getItem(b -> b.tableName(table).key(key(streamArn, shardId)).consistentRead(true))
            .item();
    return item == null || !item.containsKey("position")
        ? Optional.empty()
        : Optional.of(item.get("position").s());
  }

  @Override
  public void write(String streamArn, String shardId, String position) {
    dynamodb.updateItem(
        b ->
            b.tableName(table)
                .key(key(streamArn, shardId))
                .updateExpression("SET #p = :p")
                .expressionAttributeNames(Map.of("#p", "position"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(position))));
  }
}
