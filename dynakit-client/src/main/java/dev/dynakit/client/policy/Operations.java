package dev.dynakit.client.policy;

import java.util.Set;

/**
 * Every DynamoDB and DynamoDB Streams operation of the SDK, classified as a read, a write, or a
 * PartiQL operation whose class depends on its statements. An operation not listed here (one a
 * newer SDK adds) is treated as a write, so it needs {@code allow_write}.
 */
final class Operations {
  enum Access {
    READ,
    WRITE,
    STATEMENT,
    UNKNOWN
  }

  private static final Set<String> READS =
      Set.of(
          "GetItem",
          "BatchGetItem",
          "Query",
          "Scan",
          "TransactGetItems",
          "DescribeTable",
          "ListTables",
          "DescribeBackup",
          "DescribeContinuousBackups",
          "DescribeContributorInsights",
          "DescribeEndpoints",
          "DescribeExport",
          "DescribeGlobalTable",
          "DescribeGlobalTableSettings",
          "DescribeImport",
          "DescribeKinesisStreamingDestination",
          "DescribeLimits",
          "DescribeTableReplicaAutoScaling",
          "DescribeTimeToLive",
          "GetResourcePolicy",
          "ListBackups",
          "ListContributorInsights",
          "ListExports",
          "ListGlobalTables",
          "ListImports",
          "ListTagsOfResource",
          // DynamoDB Streams
          "DescribeStream",
          "GetRecords",
          "GetShardIterator",
          "ListStreams");

  private static final Set<String> WRITES =
      Set.of(
          "PutItem",
          "UpdateItem",
          "DeleteItem",
          "BatchWriteItem",
          "TransactWriteItems",
          "CreateTable",
          "DeleteTable",
          "UpdateTable",
          "UpdateTimeToLive",
          "TagResource",
          "UntagResource",
          "CreateBackup",
          "DeleteBackup",
          "RestoreTableFromBackup",
          "RestoreTableToPointInTime",
          "UpdateContinuousBackups",
          "CreateGlobalTable",
          "UpdateGlobalTable",
          "UpdateGlobalTableSettings",
          "ImportTable",
          "ExportTableToPointInTime",
          "PutResourcePolicy",
          "DeleteResourcePolicy",
          "UpdateKinesisStreamingDestination",
          "EnableKinesisStreamingDestination",
          "DisableKinesisStreamingDestination",
          "UpdateContributorInsights",
          "UpdateTableReplicaAutoScaling");

  private static final Set<String> STATEMENTS =
      Set.of("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

  private Operations() {}

  /** The class of an operation, by its name (such as {@code PutItem}). */
  static Access access(String operation) {
    if (READS.contains(operation)) {
      return Access.READ;
    }
    if (WRITES.contains(operation)) {
      return Access.WRITE;
    }
    if (STATEMENTS.contains(operation)) {
      return Access.STATEMENT;
    }
    return Access.UNKNOWN;
  }

  /** The operation name of an SDK request class: {@code PutItemRequest} is {@code PutItem}. */
  static String operationOf(Class<?> requestClass) {
    String name = requestClass.getSimpleName();
    return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
  }
}
