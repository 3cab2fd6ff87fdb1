package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.KeySchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * The table catalog and its operations: CreateTable, DescribeTable, ListTables and DeleteTable,
 * validated in DynamoDB's order with its messages. Tables are ACTIVE as soon as they are created.
 */
public final class Tables {
  static final String INVALID_NAME =
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and"
          + " may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
  private static final String ACCOUNT = "000000000000";

  private final ConcurrentSkipListMap<String, Table> tables = new ConcurrentSkipListMap<>();
  private final Clock clock;
  private final String region;
  private final Storage storage;

  public Tables(Clock clock, String region, Storage storage) {
    this.clock = clock;
    this.region = region;
    this.storage = storage;
  }

  /** The table of that name, or DynamoDB's ResourceNotFoundException. */
  public Table require(String name) {
    Table table = name == null ? null : tables.get(name);
    if (table == null) {
      throw Errors.tableNotFound();
    }
    return table;
  }

  public CreateTableResponse createTable(CreateTableRequest request) {
    checkName(request.tableName());
    if (!request.hasKeySchema() || request.keySchema().isEmpty()) {
      throw Errors.validation(
          "No defined key schema.  A key schema containing at least a hash key must be defined"
              + " for all tables");
    }
    if (!request.hasAttributeDefinitions() || request.attributeDefinitions().isEmpty()) {
      throw Errors.validation("No Attribute Schema Defined");
    }
    ProvisionedThroughput throughput = checkBilling(request);
    KeySchema keys = keySchema(request.keySchema(), request.attributeDefinitions());
    if (request.hasGlobalSecondaryIndexes() || request.hasLocalSecondaryIndexes()) {
      throw Errors.validation(
          "Secondary indexes are not supported by this version of the engine yet");
    }
    var now = clock.instant();
    boolean onDemand = request.billingMode() == BillingMode.PAY_PER_REQUEST;
    TableDescription.Builder description =
        TableDescription.builder()
            .attributeDefinitions(request.attributeDefinitions())
            .tableName(request.tableName())
            .keySchema(request.keySchema())
            .tableStatus(TableStatus.ACTIVE)
            .creationDateTime(now)
            .provisionedThroughput(
                ProvisionedThroughputDescription.builder()
                    .numberOfDecreasesToday(0L)
                    .readCapacityUnits(onDemand ? 0L : throughput.readCapacityUnits())
                    .writeCapacityUnits(onDemand ? 0L : throughput.writeCapacityUnits())
                    .build())
            .tableSizeBytes(0L)
            .itemCount(0L)
            .tableArn(
                "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + request.tableName())
            .tableId(RandomIds.uuid())
            .deletionProtectionEnabled(Boolean.TRUE.equals(request.deletionProtectionEnabled()));
    if (onDemand) {
      description.billingModeSummary(
          BillingModeSummary.builder()
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .lastUpdateToPayPerRequestDateTime(now)
              .build());
    }
    Table table = new Table(description.build(), keys);
    if (tables.putIfAbsent(request.tableName(), table) != null) {
      throw Errors.resourceInUse("Cannot create preexisting table");
    }
    return CreateTableResponse.builder().tableDescription(table.describe()).build();
  }

  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    Table table = require(request.tableName());
    boolean anything =
        request.billingMode() != null
            || request.provisionedThroughput() != null
            || request.deletionProtectionEnabled() != null
            || request.hasGlobalSecondaryIndexUpdates()
            || request.streamSpecification() != null
            || request.sseSpecification() != null
            || request.tableClass() != null
            || request.hasReplicaUpdates();
    if (!anything) {
      throw Errors.validation("Nothing to update");
    }
    if (request.hasGlobalSecondaryIndexUpdates()) {
      throw Errors.validation(
          "Secondary indexes are not supported by this version of the engine yet");
    }
    TableDescription current = table.describe();
    boolean onDemandNow =
        current.billingModeSummary() != null
            && current.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
    BillingMode mode =
        request.billingMode() != null
            ? request.billingMode()
            : onDemandNow ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED;
    ProvisionedThroughput throughput = request.provisionedThroughput();
    if (mode == BillingMode.PAY_PER_REQUEST && throughput != null) {
      throw Errors.validation(
          "One or more parameter values were invalid: Neither ReadCapacityUnits nor"
              + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    if (mode == BillingMode.PROVISIONED && onDemandNow && throughput == null) {
      throw Errors.validation("No provisioned throughput specified for the table");
    }
    if (throughput != null) {
      checkThroughput(throughput);
      ProvisionedThroughputDescription now = current.provisionedThroughput();
      if (!onDemandNow
          && throughput.readCapacityUnits().equals(now.readCapacityUnits())
          && throughput.writeCapacityUnits().equals(now.writeCapacityUnits())) {
        throw Errors.validation("The requested throughput value equals the current value");
      }
    }
    var at = clock.instant();
    table.update(
        description -> {
          TableDescription.Builder changed = description.toBuilder();
          if (request.deletionProtectionEnabled() != null) {
            changed.deletionProtectionEnabled(request.deletionProtectionEnabled());
          }
          if (mode == BillingMode.PAY_PER_REQUEST && !onDemandNow) {
            changed
                .billingModeSummary(
                    BillingModeSummary.builder()
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .lastUpdateToPayPerRequestDateTime(at)
                        .build())
                .provisionedThroughput(
                    description.provisionedThroughput().toBuilder()
                        .readCapacityUnits(0L)
                        .writeCapacityUnits(0L)
                        .build());
          }
          if (throughput != null) {
            changed
                .billingModeSummary((BillingModeSummary) null)
                .provisionedThroughput(
                    description.provisionedThroughput().toBuilder()
                        .readCapacityUnits(throughput.readCapacityUnits())
                        .writeCapacityUnits(throughput.writeCapacityUnits())
                        .build());
          }
          return changed.build();
        });
    return UpdateTableResponse.builder().tableDescription(table.describe()).build();
  }

  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return DescribeTableResponse.builder().table(require(request.tableName()).describe()).build();
  }

  public DeleteTableResponse deleteTable(DeleteTableRequest request) {
    Table table = require(request.tableName());
    if (Boolean.TRUE.equals(table.describe().deletionProtectionEnabled())) {
      throw Errors.validation(
          "Resource cannot be deleted as it is currently protected against deletion. Disable"
              + " deletion protection first.");
    }
    if (tables.remove(request.tableName(), table)) {
      storage.dropKeyspace(table.keyspace());
    }
    return DeleteTableResponse.builder()
        .tableDescription(table.describe().toBuilder().tableStatus(TableStatus.DELETING).build())
        .build();
  }

  public ListTablesResponse listTables(ListTablesRequest request) {
    Integer limit = request.limit();
    if (limit != null && limit < 1) {
      throw Errors.validation("Limit must be greater than or equal to 1");
    }
    if (limit != null && limit > 100) {
      throw Errors.validation("Limit in ListTables must be <= 100");
    }
    int max = limit == null ? 100 : limit;
    var names =
        request.exclusiveStartTableName() == null
            ? tables.keySet()
            : tables.tailMap(request.exclusiveStartTableName(), false).keySet();
    List<String> page = new ArrayList<>();
    for (String name : names) {
      if (page.size() == max) {
        break;
      }
      page.add(name);
    }
    ListTablesResponse.Builder response = ListTablesResponse.builder().tableNames(page);
    if (page.size() == max && tables.higherKey(page.get(page.size() - 1)) != null) {
      response.lastEvaluatedTableName(page.get(page.size() - 1));
    }
    return response.build();
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Errors.validation(INVALID_NAME);
    }
  }

  private static ProvisionedThroughput checkBilling(CreateTableRequest request) {
    ProvisionedThroughput throughput = request.provisionedThroughput();
    if (request.billingMode() == BillingMode.PAY_PER_REQUEST) {
      if (throughput != null) {
        // The API reference forbids it; DynamoDB Local accepts it (docs/compatibility.md).
        throw Errors.validation(
            "One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
      }
      return null;
    }
    if (throughput == null) {
      throw Errors.validation("No provisioned throughput specified for the table");
    }
    checkThroughput(throughput);
    return throughput;
  }

  private static void checkThroughput(ProvisionedThroughput throughput) {
    Long read = throughput.readCapacityUnits();
    Long write = throughput.writeCapacityUnits();
    if (read == null || write == null || read < 1 || write < 1) {
      throw Errors.validation(
          "Table read and write throughput must be at least 1, and cannot be null");
    }
  }

  private static KeySchema keySchema(
      List<KeySchemaElement> elements, List<AttributeDefinition> definitions) {
    Set<String> names = new HashSet<>();
    for (KeySchemaElement element : elements) {
      if (!names.add(element.attributeName())) {
        throw Errors.validation("Two keys can not have the same name");
      }
    }
    Optional<KeySchemaElement> hash =
        elements.stream().filter(e -> e.keyType() == KeyType.HASH).findFirst();
    if (hash.isEmpty() || elements.get(0).keyType() != KeyType.HASH) {
      throw Errors.validation(
          "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key");
    }
    if (elements.size() > 2
        || (elements.size() == 2 && elements.get(1).keyType() != KeyType.RANGE)) {
      throw Errors.validation(
          "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key");
    }
    Map<String, ScalarAttributeType> types = new HashMap<>();
    for (AttributeDefinition definition : definitions) {
      if (definition.attributeType() == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION
          || definition.attributeType() == null) {
        throw Errors.validation("Member must satisfy enum value set: [B, N, S]");
      }
      types.put(definition.attributeName(), definition.attributeType());
    }
    if (definitions.size() != elements.size()) {
      throw Errors.validation(
          "The number of attributes in key schema must match the number of attributes defined in"
              + " attribute definitions.");
    }
    ScalarAttributeType hashType = types.get(hash.get().attributeName());
    if (hashType == null) {
      throw Errors.validation("Hash Key not specified in Attribute Definitions.  Type unknown.");
    }
    KeySchema keys = KeySchema.of(hash.get().attributeName(), hashType);
    if (elements.size() == 2) {
      String range = elements.get(1).attributeName();
      ScalarAttributeType rangeType = types.get(range);
      if (rangeType == null) {
        throw Errors.validation("Range Key not specified in Attribute Definitions.  Type unknown.");
      }
      keys = keys.withSortKey(range, rangeType);
    }
    return keys;
  }
}
