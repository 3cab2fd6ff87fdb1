package dev.dynakit.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A table's stream as the consumer sees it: its ARN, and its shards with parents first. */
final class StreamSource {
  private final DynamoDbClient dynamodb;
  private final DynamoDbStreamsClient streams;

  StreamSource(DynamoDbClient dynamodb, DynamoDbStreamsClient streams) {
    this.dynamodb = Objects.requireNonNull(dynamodb, "dynamodb");
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  DynamoDbStreamsClient streams() {
    return streams;
  }

  /**
   * The ARN of {@code table}'s latest stream.
   *
   * @throws NoStreamException if the table has never had a stream
   */
  String streamArnOf(String table) {
    TableDescription description = dynamodb.describeTable(b -> b.tableName(table)).table();
    if (description.latestStreamArn() == null) {
      throw new NoStreamException(table);
    }
    return description.latestStreamArn();
  }

  /** The stream's status and all its shards (every page), each after its parent. */
  Description describe(String streamArn) {
    List<Shard> shards = new ArrayList<>();
    String start = null;
    StreamStatus status;
    do {
      String from = start;
      DescribeStreamResponse page =
          streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
      status = page.streamDescription().streamStatus();
      shards.addAll(page.streamDescription().shards());
      start = page.streamDescription().lastEvaluatedShardId();
    } while (start != null);
    return new Description(status, parentsFirst(shards));
  }

  /** {@code shards} in an order where each comes after its parent (when the parent is there). */
  static List<Shard> parentsFirst(List<Shard> shards) {
    Map<String, Shard> byId = new LinkedHashMap<>();
    shards.forEach(shard -> byId.put(shard.shardId(), shard));
    List<Shard> ordered = new ArrayList<>(shards.size());
    Map<String, Boolean> placed = new LinkedHashMap<>();
    for (Shard shard : shards) {
      place(shard, byId, placed, ordered);
    }
    return ordered;
  }

  private static void place(
      Shard shard, Map<String, Shard> byId, Map<String, Boolean> placed, List<Shard> ordered) {
    if (placed.putIfAbsent(shard.shardId(), Boolean.TRUE) != null) {
      return;
    }
    Shard parent = shard.parentShardId() == null ? null : byId.get(shard.parentShardId());
    if (parent != null) {
      place(parent, byId, placed, ordered);
    }
    ordered.add(shard);
  }

  /** A stream's status and its shards, parents first. */
  record Description(StreamStatus status, List<Shard> shards) {
    boolean enabled() {
      return status == StreamStatus.ENABLED || status == StreamStatus.ENABLING;
    }
  }

  /** The table has no stream to read. */
  static final class NoStreamException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoStreamException(String table) {
      super("table '" + table + "' has no stream: enable one with a StreamSpecification");
    }
  }
}
