package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeExportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeImportRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DisableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.EnableKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListExportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListGlobalTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListImportsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalTableSettingsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
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
  private final Lazy<Backups> backups =
      new Lazy<>() {
        @Override
        protected Backups make() {
          return new Backups(clock, tables, items, storage, locks);
        }
      };
  private final Lazy<PointInTimeRecovery> recovery =
      new Lazy<>() {
        @Override
        protected PointInTimeRecovery make() {
          return new PointInTimeRecovery(clock, tables, locks, backups.get(), storage);
        }
      };
  private final Lazy<Exports> exports =
      new Lazy<>() {
        @Override
        protected Exports make() {
          return new Exports(clock, recovery.get(), buckets);
        }
      };
  private final Lazy<Imports> imports =
      new Lazy<>() {
        @Override
        protected Imports make() {
          return new Imports(clock, tables, items, locks, buckets);
        }
      };
  private final Lazy<KinesisDestinations> kinesis =
      new Lazy<>() {
        @Override
        protected KinesisDestinations make() {
          return new KinesisDestinations(clock, region, tables, kinesisStreams);
        }
      };
  private volatile GlobalTables global;
  private volatile CapacityLimits capacity;
  // Set once any table's contributor insights are enabled: from then on requests are counted.
  private volatile boolean countingAccesses;
  private final Buckets buckets;
  private final java.util.Map<String, java.nio.file.Path> kinesisStreams;
  private final String region;
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
    this(clock, region, storage, timeToLiveEnabled, java.util.Map.of(), java.util.Map.of());
  }

  /**
   * @param timeToLiveEnabled told whenever a table's time to live is enabled
   * @param buckets the local directory each S3 bucket of exports and imports stands for
   * @param kinesisStreams the local file each Kinesis data stream (by ARN) stands for
   */
  public Operations(
      Clock clock,
      String region,
      Storage storage,
      Runnable timeToLiveEnabled,
      java.util.Map<String, java.nio.file.Path> buckets,
      java.util.Map<String, java.nio.file.Path> kinesisStreams) {
    this.clock = clock;
    this.region = region;
    this.kinesisStreams = java.util.Map.copyOf(kinesisStreams);
    this.buckets = new Buckets(buckets);
    this.storage = storage;
    this.timeToLiveEnabled = timeToLiveEnabled;
    tables = new Tables(clock, region, storage, locks);
    streams = new Streams(clock, region, tables, storage);
    items = new Items(tables, storage, locks, streams);
    expiry = new Expiry(clock, tables, items, storage);
    countingAccesses = tables.all().stream().anyMatch(table -> table.counts() != null);
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
   * The accesses counted of {@code table} since its contributor insights were enabled, or null when
   * they are not enabled.
   *
   * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException if there is no
   *     such table
   */
  public KeyCounts contributors(String table) {
    return tables.require(table).counts();
  }

  /** This engine's region. */
  public String region() {
    return region;
  }

  /** Joins the engine to a family of regions that may hold replicas of each other's tables. */
  public void globalTables(GlobalTables global) {
    this.global = global;
  }

  private UpdateTableResponse updateTable(UpdateTableRequest request) {
    if (!request.hasReplicaUpdates()) {
      return tables.updateTable(request);
    }
    UpdateTableRequest others =
        request.toBuilder().replicaUpdates((java.util.List<ReplicationGroupUpdate>) null).build();
    if (!others.equals(UpdateTableRequest.builder().tableName(request.tableName()).build())) {
      throw Errors.validation("ReplicaUpdates cannot be combined with other updates of the table");
    }
    return global().updateReplicas(region, request);
  }

  private GlobalTables global() {
    GlobalTables family = global;
    if (family == null) {
      throw Errors.validation("This engine has no other regions to hold replicas");
    }
    return family;
  }

  Tables tables() {
    return tables;
  }

  Items items() {
    return items;
  }

  ItemLocks locks() {
    return locks;
  }

  Storage storage() {
    return storage;
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
    if (countingAccesses) {
      Accesses.count(tables, request);
    }
    CapacityLimits limits = capacity;
    return limits == null ? run(request) : limits.run(request, this::run);
  }

  /**
   * Enforces provisioned capacity from now on (token buckets per table and global index, by the
   * clock), or stops enforcing it.
   */
  public void enforceCapacity(boolean enforce) {
    capacity = enforce ? new CapacityLimits(clock, tables) : null;
  }

  private Object run(DynamoDbRequest request) {
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
        return updateTable((UpdateTableRequest) request);
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
      case MODEL + "CreateBackupRequest":
        return backups.get().createBackup((CreateBackupRequest) request);
      case MODEL + "DescribeBackupRequest":
        return backups.get().describeBackup((DescribeBackupRequest) request);
      case MODEL + "ListBackupsRequest":
        return backups.get().listBackups((ListBackupsRequest) request);
      case MODEL + "DeleteBackupRequest":
        return backups.get().deleteBackup((DeleteBackupRequest) request);
      case MODEL + "RestoreTableFromBackupRequest":
        return backups.get().restoreTableFromBackup((RestoreTableFromBackupRequest) request);
      case MODEL + "ExportTableToPointInTimeRequest":
        return exports.get().exportTableToPointInTime((ExportTableToPointInTimeRequest) request);
      case MODEL + "DescribeExportRequest":
        return exports.get().describeExport((DescribeExportRequest) request);
      case MODEL + "ListExportsRequest":
        return exports.get().listExports((ListExportsRequest) request);
      case MODEL + "ImportTableRequest":
        return imports.get().importTable((ImportTableRequest) request);
      case MODEL + "DescribeImportRequest":
        return imports.get().describeImport((DescribeImportRequest) request);
      case MODEL + "ListImportsRequest":
        return imports.get().listImports((ListImportsRequest) request);
      case MODEL + "EnableKinesisStreamingDestinationRequest":
        return kinesis.get().enable((EnableKinesisStreamingDestinationRequest) request);
      case MODEL + "DisableKinesisStreamingDestinationRequest":
        return kinesis.get().disable((DisableKinesisStreamingDestinationRequest) request);
      case MODEL + "DescribeKinesisStreamingDestinationRequest":
        return kinesis.get().describe((DescribeKinesisStreamingDestinationRequest) request);
      case MODEL + "UpdateKinesisStreamingDestinationRequest":
        return kinesis.get().update((UpdateKinesisStreamingDestinationRequest) request);
      case MODEL + "CreateGlobalTableRequest":
        return global().createGlobalTable(region, (CreateGlobalTableRequest) request);
      case MODEL + "UpdateGlobalTableRequest":
        return global().updateGlobalTable((UpdateGlobalTableRequest) request);
      case MODEL + "DescribeGlobalTableRequest":
        return global().describeGlobalTable((DescribeGlobalTableRequest) request);
      case MODEL + "ListGlobalTablesRequest":
        return global().listGlobalTables((ListGlobalTablesRequest) request);
      case MODEL + "DescribeGlobalTableSettingsRequest":
        return global().describeGlobalTableSettings((DescribeGlobalTableSettingsRequest) request);
      case MODEL + "UpdateGlobalTableSettingsRequest":
        return global().updateGlobalTableSettings((UpdateGlobalTableSettingsRequest) request);
      case MODEL + "UpdateContinuousBackupsRequest":
        return recovery.get().updateContinuousBackups((UpdateContinuousBackupsRequest) request);
      case MODEL + "DescribeContinuousBackupsRequest":
        return recovery.get().describeContinuousBackups((DescribeContinuousBackupsRequest) request);
      case MODEL + "RestoreTableToPointInTimeRequest":
        return recovery.get().restoreTableToPointInTime((RestoreTableToPointInTimeRequest) request);
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
        countingAccesses = true;
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
