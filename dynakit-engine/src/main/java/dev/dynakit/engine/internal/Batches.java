package dev.dynakit.engine.internal;

import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.LegacyConditions;
import dev.dynakit.expression.ProjectionExpression;
import dev.dynakit.expression.value.AttributeValues;
import dev.dynakit.expression.value.CapacityUnits;
import dev.dynakit.expression.value.ItemSize;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem and BatchGetItem. The whole request is checked before anything is read or written;
 * then each item is read or written on its own, under its own lock, as DynamoDB does (a batch is
 * not a transaction). Nothing is ever left unprocessed: the engine does not throttle.
 */
public final class Batches {
  static final int MAX_WRITES = 25;
  static final int MAX_GETS = 100;

  /** A BatchGetItem answers at most this much item data; the keys beyond are unprocessed. */
  static final long MAX_GET_RESPONSE_BYTES = 16L * 1024 * 1024;

  private static final String NO_ONE_TYPE =
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the"
          + " supported datatypes";

  private final Tables tables;
  private final Items items;

  public Batches(Tables tables, Items items) {
    this.tables = tables;
    this.items = items;
  }

  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    if (!request.hasRequestItems() || request.requestItems().isEmpty()) {
      throw Errors.validation("BatchWriteItem cannot have a null or no requests set");
    }
    int total = 0;
    for (Map.Entry<String, List<WriteRequest>> entry : request.requestItems().entrySet()) {
      if (entry.getValue() == null || entry.getValue().isEmpty()) {
        throw Errors.validation(
            "The batch write request list for a table cannot be null or empty: " + entry.getKey());
      }
      total += entry.getValue().size();
    }
    if (total > MAX_WRITES) {
      throw Errors.validation("Too many items requested for the BatchWriteItem call");
    }
    List<Write> writes = new ArrayList<>();
    for (Map.Entry<String, List<WriteRequest>> entry : request.requestItems().entrySet()) {
      Table table = tables.require(entry.getKey());
      Set<ByteBuffer> seen = new HashSet<>();
      for (WriteRequest write : entry.getValue()) {
        boolean put = write.putRequest() != null;
        if (put == (write.deleteRequest() != null)) {
          throw Errors.validation(NO_ONE_TYPE);
        }
        Map<String, AttributeValue> item = put ? write.putRequest().item() : null;
        byte[] key;
        if (put) {
          if (item.isEmpty()) {
            throw Errors.validation("Item to put in PutItem cannot be null");
          }
          Items.checkItem(item);
          key = Items.keyOfItem(table.keys(), item);
          ItemSize.checkLimit(item);
          table.checkIndexKeys(item);
        } else {
          key = Items.key(table.keys(), write.deleteRequest().key());
        }
        if (!seen.add(ByteBuffer.wrap(key))) {
          throw Errors.validation("Provided list of item keys contains duplicates");
        }
        writes.add(
            new Write(
                table,
                key,
                put ? AttributeValues.canonical(item) : null,
                put ? item : write.deleteRequest().key(),
                entry.getKey()));
      }
    }
    // DynamoDB Local lists the tables of a BatchWriteItem in hash-map order; so does this.
    Capacities.Tally units = new Capacities.Tally(new HashMap<>(), 1);
    for (Write write : writes) {
      ReentrantLock lock = items.locks().of(write.table().name(), write.key());
      lock.lock();
      try {
        Map<String, AttributeValue> old = items.read(write.table(), write.key());
        Table.Change change =
            write.item() != null || old != null
                ? items.write(write.table(), write.key(), old, write.item())
                : write.table().change(write.key(), null, null);
        long size = Math.max(size(old), size(write.item()));
        units.add(write.tableName(), write.table(), CapacityUnits.write(size), change);
        units.collection(write.tableName(), write.table(), write.asked());
      } finally {
        lock.unlock();
      }
    }
    return BatchWriteItemResponse.builder()
        .unprocessedItems(Map.of())
        .consumedCapacity(units.consumed(request.returnConsumedCapacity()))
        .itemCollectionMetrics(units.collections(request.returnItemCollectionMetrics()))
        .build();
  }

  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    if (!request.hasRequestItems() || request.requestItems().isEmpty()) {
      throw Errors.validation("BatchGetItem must have some requests set");
    }
    int total = 0;
    for (Map.Entry<String, KeysAndAttributes> entry : request.requestItems().entrySet()) {
      if (!entry.getValue().hasKeys() || entry.getValue().keys().isEmpty()) {
        throw Errors.validation(
            "The list of keys in RequestItems for BatchGetItem is required: "
                + entry.getKey()
                + " has empty list");
      }
      if (entry.getValue().keys().stream().anyMatch(key -> key == null || key.isEmpty())) {
        throw Errors.validation(
            "The list of keys in RequestItems for BatchGetItem may not contain null or empty"
                + " values: "
                + entry.getKey()
                + " has one or more empty keys");
      }
      total += entry.getValue().keys().size();
    }
    if (total > MAX_GETS) {
      throw Errors.validation("Too many items requested for the BatchGetItem call");
    }
    List<Read> reads = new ArrayList<>();
    for (Map.Entry<String, KeysAndAttributes> entry : request.requestItems().entrySet()) {
      KeysAndAttributes wanted = entry.getValue();
      ExpressionAttributes attributes =
          ExpressionAttributes.forRequest(
              Items.names(wanted.hasExpressionAttributeNames(), wanted.expressionAttributeNames()),
              null,
              wanted.projectionExpression() != null,
              Map.of());
      LegacyConditions.refuseMixed(
          wanted.hasAttributesToGet() ? List.of("AttributesToGet") : List.of(),
          wanted.projectionExpression() == null ? List.of() : List.of("ProjectionExpression"));
      Optional<ProjectionExpression> projection =
          Optional.ofNullable(wanted.projectionExpression()).map(attributes::projection);
      attributes.checkAllUsed();
      if (projection.isEmpty()) {
        projection =
            LegacyConditions.attributesToGet(
                wanted.hasAttributesToGet() ? wanted.attributesToGet() : null);
      }
      Table table = tables.require(entry.getKey());
      Set<ByteBuffer> seen = new HashSet<>();
      for (Map<String, AttributeValue> key : wanted.keys()) {
        byte[] encoded = Items.key(table.keys(), key);
        if (!seen.add(ByteBuffer.wrap(encoded))) {
          throw Errors.validation("Provided list of item keys contains duplicates");
        }
        reads.add(
            new Read(
                table,
                encoded,
                projection,
                Boolean.TRUE.equals(wanted.consistentRead()),
                entry.getKey(),
                key));
      }
    }
    Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
    Map<String, List<Map<String, AttributeValue>>> unprocessed = new LinkedHashMap<>();
    Map<String, Double> units = new LinkedHashMap<>();
    long bytes = 0;
    for (Read read : reads) {
      List<Map<String, AttributeValue>> found =
          responses.computeIfAbsent(read.tableName(), name -> new ArrayList<>());
      if (!unprocessed.isEmpty()) {
        unprocessed.computeIfAbsent(read.tableName(), name -> new ArrayList<>()).add(read.asked());
        continue;
      }
      Map<String, AttributeValue> item = items.read(read.table(), read.key());
      long size = item == null ? 0 : ItemSize.of(item);
      if (bytes > 0 && bytes + size > MAX_GET_RESPONSE_BYTES) {
        // The response is full: this key and the rest are left for the caller to ask again.
        unprocessed.computeIfAbsent(read.tableName(), name -> new ArrayList<>()).add(read.asked());
        continue;
      }
      bytes += size;
      if (item != null) {
        found.add(read.projection().map(p -> p.project(item)).orElse(item));
        units.merge(read.tableName(), CapacityUnits.read(size, read.consistent()), Double::sum);
      } else {
        units.merge(read.tableName(), 0.0, Double::sum);
      }
    }
    Map<String, KeysAndAttributes> unprocessedKeys = new LinkedHashMap<>();
    unprocessed.forEach(
        (table, keys) ->
            unprocessedKeys.put(
                table, request.requestItems().get(table).toBuilder().keys(keys).build()));
    return BatchGetItemResponse.builder()
        .responses(responses)
        .unprocessedKeys(unprocessedKeys)
        .consumedCapacity(Capacities.of(request.returnConsumedCapacity(), units))
        .build();
  }

  private static long size(Map<String, AttributeValue> item) {
    return item == null ? 0 : ItemSize.of(item);
  }

  /**
   * One write of a BatchWriteItem.
   *
   * @param item the item put, or null for a delete
   * @param asked the item or key as the request gave it
   * @param tableName the table's name as the request gave it (a name or an ARN)
   */
  private record Write(
      Table table,
      byte[] key,
      Map<String, AttributeValue> item,
      Map<String, AttributeValue> asked,
      String tableName) {}

  /**
   * One key of a BatchGetItem.
   *
   * @param tableName the table's name as the request gave it (a name or an ARN)
   * @param asked the key as the request gave it
   */
  private record Read(
      Table table,
      byte[] key,
      Optional<ProjectionExpression> projection,
      boolean consistent,
      String tableName,
      Map<String, AttributeValue> asked) {}
}
