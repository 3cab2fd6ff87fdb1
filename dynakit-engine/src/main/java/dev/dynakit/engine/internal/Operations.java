package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The engine's operations, looked up by request type: the one place a request is dispatched.
 *
 * <p>Dispatch is a {@code switch} on the request class's name rather than a map of class literals
 * to lambdas: it loads a request or response class only when a request of that operation comes, and
 * spins no lambda classes, which keeps them off the engine's start-up.
 */
public final class Operations {
  private static final String MODEL = "software.amazon.awssdk.services.dynamodb.model.";

  private final Clock clock;
  private final Storage storage;
  private final ItemLocks locks = new ItemLocks();
  private final Tables tables;
  private final Items items;
  private final Streams streams;
  // Made on first use: a new engine's first requests (tables and items) do not load them.
  private final Lazy<Reads> reads =
      new Lazy<>() {
        @Override
        protected Reads make() {
          return new Reads(tables, storage);
        }
      };
  private final Lazy<Batches> batches =
      new Lazy<>() {
        @Override
        protected Batches make() {
          return new Batches(tables, items);
        }
      };
  private final Lazy<Tags> tags =
      new Lazy<>() {
        @Override
        protected Tags make() {
          return new Tags(tables);
        }
      };
  private final Lazy<Transactions> transactions =
      new Lazy<>() {
        @Override
        protected Transactions make() {
          return new Transactions(clock, tables, storage, locks, streams);
        }
      };

  private final Lazy<Partiql> partiql =
      new Lazy<>() {
        @Override
        protected Partiql make() {
          return new Partiql(tables, items, reads);
        }
      };
  private final Lazy<PartiqlBatches> partiqlBatches =
      new Lazy<>() {
        @Override
        protected PartiqlBatches make() {
          return new PartiqlBatches(tables, items, partiql.get(), transactions);
        }
      };

  private final Lazy<TimeToLive> timeToLive =
      new Lazy<>() {
        @Override
        protected TimeToLive make() {
          return new TimeToLive(tables, timeToLiveEnabled);
        }
      };
  private final Lazy<ResourcePolicies> resourcePolicies =
      new Lazy<>() {
        @Override
        protected ResourcePolicies make() {
          return new ResourcePolicies(clock, tables);
        }
      };
  private final Lazy<AccountLimits> accountLimits =
      new Lazy<>() {
        @Override
        protected AccountLimits make() {
          return new AccountLimits(tables.region());
        }
      };
  private final Lazy<ContributorInsights> contributorInsights =
      new Lazy<>() {
        @Override
        protected ContributorInsights make() {
          return new ContributorInsights(clock, tables);
        }
      };
  private final Runnable timeToLiveEnabled;
  private final Expiry expiry;

  /**
   * @param timeToLiveEnabled told whenever a table's time to live is enabled: from then on the
   *     engine has items to expire
   */
  public Operations(Clock clock, String region, Storage storage, Runnable timeToLiveEnabled) {
    this.clock = clock;
    this.storage = storage;
    this.timeToLiveEnabled = timeToLiveEnabled;
    tables = new Tables(clock, region, storage, locks);
    streams = new Streams(clock, region, tables);
    items = new Items(tables, storage, locks, streams);
    expiry = new Expiry(clock, tables, items, storage);
  }

  /** Whether a table has its time to live enabled (a reopened storage may hold such tables). */
  public boolean anyTimeToLive() {
    for (Table table : tables.all()) {
      if (table.timeToLive() != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Deletes the items whose time to live has passed at the clock's now, in every table whose time
   * to live is enabled; answers how many it deleted.
   */
  public int expire() {
    return expiry.expire();
  }

  /**
   * Runs one request of the DynamoDB Streams API; an operation the engine does not serve is an
   * unknown operation.
   */
  public Object executeStreams(DynamoDbStreamsRequest request) {
    if (request instanceof ListStreamsRequest list) {
      return streams.listStreams(list);
    }
    if (request instanceof DescribeStreamRequest describe) {
      return streams.describeStream(describe);
    }
    if (request instanceof GetShardIteratorRequest iterator) {
      return streams.getShardIterator(iterator);
    }
    if (request instanceof GetRecordsRequest records) {
      return streams.getRecords(records);
    }
    throw Errors.unknownOperation();
  }

  /**
   * Runs one request; an operation the engine does not serve is an unknown operation. Answers the
   * operation's response ({@code Object}, so that checking this method's bytecode loads no response
   * class).
   */
  public Object execute(DynamoDbRequest request) {
    // The class's name is a String the class keeps, its hash computed once.
    switch (request.getClass().getName()) {
      case MODEL + "GetItemRequest":
        return items.getItem((GetItemRequest) request);
      case MODEL + "PutItemRequest":
        return items.putItem((PutItemRequest) request);
      case MODEL + "QueryRequest":
        return reads.get().query((QueryRequest) request);
      case MODEL + "UpdateItemRequest":
        return items.updateItem((UpdateItemRequest) request);
      case MODEL + "DeleteItemRequest":
        return items.deleteItem((DeleteItemRequest) request);
      case MODEL + "ScanRequest":
        return reads.get().scan((ScanRequest) request);
      case MODEL + "BatchWriteItemRequest":
        return batches.get().batchWriteItem((BatchWriteItemRequest) request);
      case MODEL + "BatchGetItemRequest":
        return batches.get().batchGetItem((BatchGetItemRequest) request);
      case MODEL + "TransactWriteItemsRequest":
        return transactions.get().transactWriteItems((TransactWriteItemsRequest) request);
      case MODEL + "TransactGetItemsRequest":
        return transactions.get().transactGetItems((TransactGetItemsRequest) request);
      case MODEL + "ExecuteStatementRequest":
        return partiql.get().executeStatement((ExecuteStatementRequest) request);
      case MODEL + "BatchExecuteStatementRequest":
        return partiqlBatches.get().batchExecuteStatement((BatchExecuteStatementRequest) request);
      case MODEL + "ExecuteTransactionRequest":
        return partiqlBatches.get().executeTransaction((ExecuteTransactionRequest) request);
      case MODEL + "CreateTableRequest":
        return tables.createTable((CreateTableRequest) request);
      case MODEL + "DescribeTableRequest":
        return tables.describeTable((DescribeTableRequest) request);
      case MODEL + "DeleteTableRequest":
        return tables.deleteTable((DeleteTableRequest) request);
      case MODEL + "ListTablesRequest":
        return tables.listTables((ListTablesRequest) request);
      case MODEL + "UpdateTableRequest":
        return tables.updateTable((UpdateTableRequest) request);
      case MODEL + "TagResourceRequest":
        return tags.get().tagResource((TagResourceRequest) request);
      case MODEL + "UntagResourceRequest":
        return tags.get().untagResource((UntagResourceRequest) request);
      case MODEL + "ListTagsOfResourceRequest":
        return tags.get().listTagsOfResource((ListTagsOfResourceRequest) request);
      case MODEL + "UpdateTimeToLiveRequest":
        return timeToLive.get().updateTimeToLive((UpdateTimeToLiveRequest) request);
      case MODEL + "DescribeTimeToLiveRequest":
        return timeToLive.get().describeTimeToLive((DescribeTimeToLiveRequest) request);
      case MODEL + "PutResourcePolicyRequest":
        return resourcePolicies.get().putResourcePolicy((PutResourcePolicyRequest) request);
      case MODEL + "GetResourcePolicyRequest":
        return resourcePolicies.get().getResourcePolicy((GetResourcePolicyRequest) request);
      case MODEL + "DeleteResourcePolicyRequest":
        return resourcePolicies.get().deleteResourcePolicy((DeleteResourcePolicyRequest) request);
      case MODEL + "DescribeLimitsRequest":
        return accountLimits.get().describeLimits((DescribeLimitsRequest) request);
      case MODEL + "DescribeEndpointsRequest":
        return accountLimits.get().describeEndpoints((DescribeEndpointsRequest) request);
      case MODEL + "UpdateContributorInsightsRequest":
        return contributorInsights
            .get()
            .updateContributorInsights((UpdateContributorInsightsRequest) request);
      case MODEL + "DescribeContributorInsightsRequest":
        return contributorInsights
            .get()
            .describeContributorInsights((DescribeContributorInsightsRequest) request);
      case MODEL + "ListContributorInsightsRequest":
        return contributorInsights
            .get()
            .listContributorInsights((ListContributorInsightsRequest) request);
      default:
        throw Errors.unknownOperation();
    }
  }
}
