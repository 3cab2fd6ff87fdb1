package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/** The engine's operations, looked up by request type: the one place a request is dispatched. */
public final class Operations {
  private final Map<Class<?>, Function<DynamoDbRequest, DynamoDbResponse>> handlers;

  public Operations(Clock clock, String region, Storage storage) {
    ItemLocks locks = new ItemLocks();
    Tables tables = new Tables(clock, region, storage, locks);
    Items items = new Items(tables, storage, locks);
    Transactions transactions = new Transactions(clock, tables, storage, locks);
    Reads reads = new Reads(tables, storage);
    Batches batches = new Batches(tables, items);
    Tags tags = new Tags(tables);
    handlers =
        Map.ofEntries(
            Map.entry(CreateTableRequest.class, r -> tables.createTable((CreateTableRequest) r)),
            Map.entry(
                DescribeTableRequest.class, r -> tables.describeTable((DescribeTableRequest) r)),
            Map.entry(DeleteTableRequest.class, r -> tables.deleteTable((DeleteTableRequest) r)),
            Map.entry(ListTablesRequest.class, r -> tables.listTables((ListTablesRequest) r)),
            Map.entry(UpdateTableRequest.class, r -> tables.updateTable((UpdateTableRequest) r)),
            Map.entry(TagResourceRequest.class, r -> tags.tagResource((TagResourceRequest) r)),
            Map.entry(
                UntagResourceRequest.class, r -> tags.untagResource((UntagResourceRequest) r)),
            Map.entry(
                ListTagsOfResourceRequest.class,
                r -> tags.listTagsOfResource((ListTagsOfResourceRequest) r)),
            Map.entry(PutItemRequest.class, r -> items.putItem((PutItemRequest) r)),
            Map.entry(GetItemRequest.class, r -> items.getItem((GetItemRequest) r)),
            Map.entry(DeleteItemRequest.class, r -> items.deleteItem((DeleteItemRequest) r)),
            Map.entry(UpdateItemRequest.class, r -> items.updateItem((UpdateItemRequest) r)),
            Map.entry(QueryRequest.class, r -> reads.query((QueryRequest) r)),
            Map.entry(ScanRequest.class, r -> reads.scan((ScanRequest) r)),
            Map.entry(
                BatchWriteItemRequest.class,
                r -> batches.batchWriteItem((BatchWriteItemRequest) r)),
            Map.entry(
                BatchGetItemRequest.class, r -> batches.batchGetItem((BatchGetItemRequest) r)),
            Map.entry(
                TransactWriteItemsRequest.class,
                r -> transactions.transactWriteItems((TransactWriteItemsRequest) r)),
            Map.entry(
                TransactGetItemsRequest.class,
                r -> transactions.transactGetItems((TransactGetItemsRequest) r)));
  }

  /** Runs one request; an operation the engine does not serve is an unknown operation. */
  public DynamoDbResponse execute(DynamoDbRequest request) {
    var handler = handlers.get(request.getClass());
    if (handler == null) {
      throw Errors.unknownOperation();
    }
    return handler.apply(request);
  }
}
