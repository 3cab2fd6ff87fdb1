package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.KeySchema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
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
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;

/**
 * The table catalog and its operations: CreateTable (with secondary indexes, and the settings of
 * {@link TableSettings} and {@link Tags}), UpdateTable (settings, and global indexes through {@link
 * IndexChanges}), DescribeTable, ListTables and DeleteTable, validated in DynamoDB's order with its
 * messages. Tables are ACTIVE as soon as they are created, and an index as soon as UpdateTable has
 * filled it. Every operation finds its table through {@link #require}, which takes the table's name
 * or its ARN.
 */
public final class Tables {
  static final String INVALID_NAME =
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and"
          + " may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
  static final String ACCOUNT = "000000000000";
  static final String NO_KEY_SCHEMA =
      "No defined key schema.  A key schema containing at least a hash key must be defined for"
          + " all tables";
  static final String NO_HASH_KEY =
      "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key";
  static final String TOO_MANY_HASH_KEYS =
      "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key";
  private static final String KEY_COUNT_MISMATCH =
      "The number of attributes in key schema must match the number of attributes defined in"
          + " attribute definitions.";

  private final ConcurrentSkipListMap<String, Table> tables = new ConcurrentSkipListMap<>();
  private final Object creating = new Object();
  private final Clock clock;
  private final String region;
  private final Storage storage;
  private final ItemLocks locks;
  private volatile BiConsumer<TableDescription, Instant> streamClosed = (table, at) -> {};

  Tables(Clock clock, String region, Storage storage, ItemLocks locks) {
    this.clock = clock;
    this.region = region;
    this.storage = storage;
    this.locks = locks;
    if (storage.persistent()) {
      load();
    }
  }

  /**
   * Sets what is told, with the table's description before, when a table's stream is disabled or a
   * table with a stream deleted.
   */
  void onStreamClosed(BiConsumer<TableDescription, Instant> streamClosed) {
    this.streamClosed = streamClosed;
  }

  /**
   * Reads back the tables a storage holds (none in a new one): their descriptions, tags and
   * counters, never their items.
   */
  private void load() {
    Catalog.prepare(storage);
    Map<String, Map<String, String>> tagsByTable = new HashMap<>();
    try (var stored = storage.keyspace(Catalog.TAGS).scan(null, null, false)) {
      stored.forEach(
          entry -> tagsByTable.put(Catalog.name(entry.key()), Catalog.tags(entry.value())));
    }
    try (var stored = storage.keyspace(Catalog.TABLES).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            TableDescription description = Catalog.description(entry.value());
            tables.put(
                description.tableName(),
                restore(description, tagsByTable.getOrDefault(description.tableName(), Map.of())));
          });
    }
    try (var stored = storage.keyspace(Catalog.RECOVERY).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            Table table = tables.get(Catalog.name(entry.key()));
            if (table != null) {
              // The history is not kept: the window starts again at the reopening.
              table.recovery(new RecoveryLog(clock, Integer.parseInt(Catalog.name(entry.value()))));
            }
          });
    }
    loadParts(
        Catalog.POLICIES, (table, part, value) -> table.restorePolicy(part, Catalog.policy(value)));
    loadParts(
        Catalog.INSIGHTS,
        (table, part, value) -> table.restoreInsights(part, Catalog.insights(value)));
    try (var stored = storage.keyspace(Catalog.TIME_TO_LIVE).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            Table table = tables.get(Catalog.name(entry.key()));
            if (table != null) {
              table.restoreTimeToLive(Catalog.name(entry.value()));
            }
          });
    }
  }

  /** Takes back a setting of a part of a table ({@link Catalog#partKey}) as stored. */
  private interface PartLoader {
    void load(Table table, String part, byte[] value);
  }

  /** Hands each setting a catalog keyspace holds to its table, if the table is there. */
  private void loadParts(String keyspace, PartLoader loader) {
    try (var stored = storage.keyspace(keyspace).scan(null, null, false)) {
      stored.forEach(
          entry -> {
            String[] part = Catalog.tableAndPart(entry.key());
            Table table = tables.get(part[0]);
            if (table != null) {
              loader.load(table, part[1], entry.value());
            }
          });
    }
  }

  /** A table as its stored description defines it: its key, its indexes, its counters. */
  private Table restore(TableDescription description, Map<String, String> tags) {
    boolean indexed =
        description.hasGlobalSecondaryIndexes() || description.hasLocalSecondaryIndexes();
    KeySchema keys =
        keySchema(description.keySchema(), description.attributeDefinitions(), indexed);
    Map<String, ScalarAttributeType> types = new HashMap<>();
    description
        .attributeDefinitions()
        .forEach(d -> types.put(d.attributeName(), d.attributeType()));
    List<SecondaryIndex> indexes = new ArrayList<>();
    if (description.hasLocalSecondaryIndexes()) {
      for (LocalSecondaryIndexDescription index : description.localSecondaryIndexes()) {
        indexes.add(
            IndexDefinitions.model(
                index.indexName(),
                false,
                index.keySchema(),
                index.projection(),
                keys,
                types,
                description.tableId()));
      }
    }
    if (description.hasGlobalSecondaryIndexes()) {
      for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
        indexes.add(
            IndexDefinitions.model(
                index.indexName(),
                true,
                index.keySchema(),
                index.projection(),
                keys,
                types,
                description.tableId()));
      }
    }
    return Table.restore(description, keys, indexes, tags, storage, true);
  }

  /** What the ARN of every table of this engine starts with, before the table's name. */
  String arnPrefix() {
    return "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/";
  }

  /** The region of the engine, as its ARNs name it. */
  String region() {
    return region;
  }

  /** Every table, in the order of their names. */
  Collection<Table> all() {
    return tables.values();
  }

  /** The table of that name, or null. */
  Table find(String name) {
    return tables.get(name);
  }

  /**
   * The table a request names, by its name or by its ARN, or DynamoDB's ResourceNotFoundException.
   *
   * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException as {@link
   *     #nameOf(String)} does
   */
  public Table require(String nameOrArn) {
    Table table = nameOrArn == null ? null : tables.get(nameOf(nameOrArn));
    if (table == null) {
      throw Errors.tableNotFound();
    }
    return table;
  }

  /**
   * The name of the table a TableName gives: a name, checked, or the name inside a table ARN of
   * this engine. DynamoDB's ValidationException for a name or an ARN of the wrong shape, and for an
   * ARN of another region; AccessDeniedException for an ARN of another account, whose tables no
   * resource-based policy of this engine opens.
   */
  String nameOf(String nameOrArn) {
    if (!TableArns.isArn(nameOrArn)) {
      checkName(nameOrArn);
      return nameOrArn;
    }
    TableArns.Arn arn = TableArns.parse(nameOrArn);
    if (arn == null || !arn.namesTable()) {
      throw Errors.validation(TableArns.INVALID_ARN);
    }
    checkName(arn.resource());
    if (!ACCOUNT.equals(arn.account())) {
      throw Errors.accessDenied(
          "User is not authorized to access the table "
              + nameOrArn
              + ": it belongs to another account, and no resource-based policy allows access to"
              + " it");
    }
    if (!region.equals(arn.region())) {
      throw Errors.validation(
          "1 validation error detected: Invalid AWS region in '" + nameOrArn + "'");
    }
    return arn.resource();
  }

  public CreateTableResponse createTable(CreateTableRequest request) {
    checkName(request.tableName());
    if (!request.hasKeySchema() || request.keySchema().isEmpty()) {
      throw Errors.validation(NO_KEY_SCHEMA);
    }
    if (!request.hasAttributeDefinitions() || request.attributeDefinitions().isEmpty()) {
      throw Errors.validation("No Attribute Schema Defined");
    }
    requireMembers(request);
    boolean indexed = request.hasGlobalSecondaryIndexes() || request.hasLocalSecondaryIndexes();
    KeySchema keys = keySchema(request.keySchema(), request.attributeDefinitions(), indexed);
    Map<String, ScalarAttributeType> types = new HashMap<>();
    request.attributeDefinitions().forEach(d -> types.put(d.attributeName(), d.attributeType()));
    if (indexed) {
      checkIndexes(request, keys, types);
    }
    ProvisionedThroughput throughput = checkBilling(request);
    if (request.onDemandThroughput() != null) {
      TableSettings.checkOnDemand(request.onDemandThroughput());
    }
    if (request.warmThroughput() != null) {
      TableSettings.checkWarm(request.warmThroughput(), "warmThroughput");
    }
    List<GlobalSecondaryIndex> globals =
        request.hasGlobalSecondaryIndexes() ? request.globalSecondaryIndexes() : List.of();
    for (int i = 0; i < globals.size(); i++) {
      GlobalSecondaryIndex index = globals.get(i);
      if (index.onDemandThroughput() != null) {
        TableSettings.checkOnDemand(index.onDemandThroughput());
      }
      if (index.warmThroughput() != null) {
        TableSettings.checkWarm(
            index.warmThroughput(), "globalSecondaryIndexes." + (i + 1) + ".member.warmThroughput");
      }
    }
    if (request.streamSpecification() != null) {
      TableSettings.checkStream(request.streamSpecification());
    }
    if (request.sseSpecification() != null) {
      TableSettings.checkSse(request.sseSpecification());
    }
    TableSettings.checkTableClass(request.tableClassAsString());
    Map<String, String> tags = request.hasTags() ? Tags.check(request.tags()) : Map.of();
    Object policyDocument =
        request.resourcePolicy() == null ? null : PolicyDocuments.check(request.resourcePolicy());
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
            .deletionProtectionEnabled(Boolean.TRUE.equals(request.deletionProtectionEnabled()));
    if (onDemand) {
      description.billingModeSummary(
          BillingModeSummary.builder()
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .lastUpdateToPayPerRequestDateTime(now)
              .build());
    }
    String tableArn = arnPrefix() + request.tableName();
    String tableId = RandomIds.uuid();
    description
        .tableArn(tableArn)
        .tableId(tableId)
        .onDemandThroughput(
            TableSettings.describeOnDemand(request.onDemandThroughput(), request.billingMode()))
        .warmThroughput(
            TableSettings.Warm.after(null, throughput, request.warmThroughput()).ofTable());
    if (request.streamSpecification() != null) {
      TableSettings.describeStream(description, tableArn, request.streamSpecification(), now);
    }
    if (request.sseSpecification() != null) {
      description.sseDescription(
          TableSettings.describeSse(request.sseSpecification(), region, ACCOUNT));
    }
    if (request.tableClassAsString() != null) {
      description.tableClassSummary(TableSettings.tableClass(request.tableClassAsString(), null));
    }
    List<SecondaryIndex> indexes = new ArrayList<>();
    if (request.hasLocalSecondaryIndexes()) {
      List<LocalSecondaryIndexDescription> local = new ArrayList<>();
      for (LocalSecondaryIndex index : request.localSecondaryIndexes()) {
        local.add(
            IndexDefinitions.local(
                index.indexName(), index.keySchema(), index.projection(), tableArn));
        indexes.add(
            IndexDefinitions.model(
                index.indexName(),
                false,
                index.keySchema(),
                index.projection(),
                keys,
                types,
                tableId));
      }
      description.localSecondaryIndexes(
          IndexDefinitions.inHashOrder(local, LocalSecondaryIndexDescription::indexName));
    }
    if (request.hasGlobalSecondaryIndexes()) {
      List<GlobalSecondaryIndexDescription> global = new ArrayList<>();
      for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
        global.add(
            IndexDefinitions.global(
                    index.indexName(),
                    index.keySchema(),
                    index.projection(),
                    index.provisionedThroughput(),
                    tableArn)
                .onDemandThroughput(
                    TableSettings.describeOnDemand(
                        index.onDemandThroughput(), request.billingMode()))
                .warmThroughput(
                    TableSettings.Warm.after(
                            null,
                            onDemand ? null : index.provisionedThroughput(),
                            index.warmThroughput())
                        .ofIndex())
                .indexSizeBytes(0L)
                .itemCount(0L)
                .build());
        indexes.add(
            IndexDefinitions.model(
                index.indexName(),
                true,
                index.keySchema(),
                index.projection(),
                keys,
                types,
                tableId));
      }
      description.globalSecondaryIndexes(
          IndexDefinitions.inHashOrder(global, GlobalSecondaryIndexDescription::indexName));
    }
    Table table = Table.restore(description.build(), keys, indexes, tags, storage, false);
    GetResourcePolicyResponse policy =
        policyDocument == null ? null : ResourcePolicies.attached(policyDocument, now);
    table.restorePolicy("", policy);
    List<Storage.Mutation> batch = new ArrayList<>();
    table.keyspaces().forEach(keyspace -> batch.add(Storage.Mutation.createKeyspace(keyspace)));
    // Descriptions are written as JSON: an engine in memory, which has no use for them, never
    // loads the JSON codec for them.
    if (storage.persistent()) {
      batch.add(Catalog.description(table.created()));
      if (!tags.isEmpty()) {
        batch.add(Catalog.tags(table.name(), tags));
      }
      if (policy != null) {
        batch.add(Catalog.policy(table.name(), "", policy));
      }
    }
    // Stored, then published: no request sees the table before its keyspaces exist, and a
    // DeleteTable of an earlier table of that name has stored its deletion before the name is free.
    synchronized (creating) {
      if (tables.containsKey(request.tableName())) {
        throw Errors.resourceInUse("Cannot create preexisting table");
      }
      storage.write(batch);
      tables.put(request.tableName(), table);
    }
    return CreateTableResponse.builder().tableDescription(table.describe()).build();
  }

  /**
   * CreateTable's checks of the indexes, in DynamoDB's order: the non-key attributes they project,
   * the local indexes, then the global ones, their names, and the attribute definitions their keys
   * use.
   */
  private static void checkIndexes(
      CreateTableRequest request, KeySchema keys, Map<String, ScalarAttributeType> types) {
    List<LocalSecondaryIndex> locals =
        request.hasLocalSecondaryIndexes() ? request.localSecondaryIndexes() : List.of();
    List<GlobalSecondaryIndex> globals =
        request.hasGlobalSecondaryIndexes() ? request.globalSecondaryIndexes() : List.of();
    IndexDefinitions.checkProjectedTotal(
        locals.stream().mapToInt(index -> IndexDefinitions.projected(index.projection())).sum()
            + globals.stream()
                .mapToInt(index -> IndexDefinitions.projected(index.projection()))
                .sum());
    Set<String> used = new HashSet<>();
    request.keySchema().forEach(key -> used.add(key.attributeName()));
    Set<String> localNames = new HashSet<>();
    if (!locals.isEmpty()) {
      if (keys.sortKey().isEmpty()) {
        throw Errors.validation(
            "Local Secondary indices are not allowed on hash tables, only hash and range tables");
      }
      if (locals.size() > IndexDefinitions.MAX_LOCAL) {
        throw Errors.validation("Cannot have more than 5 local secondary indexes per table");
      }
    }
    for (LocalSecondaryIndex index : locals) {
      IndexDefinitions.checkName(index.indexName());
      if (!localNames.add(index.indexName())) {
        throw Errors.validation("Two local secondary indices have the same name");
      }
      IndexDefinitions.checkProjection(index.projection());
      IndexDefinitions.checkKeyShape(index.keySchema(), false);
      IndexDefinitions.checkLocalKeys(index.keySchema(), keys, types);
      index.keySchema().forEach(key -> used.add(key.attributeName()));
    }
    if (request.hasGlobalSecondaryIndexes() && globals.isEmpty()) {
      throw Errors.validation("GSI list is empty/invalid");
    }
    if (globals.size() > IndexDefinitions.MAX_GLOBAL) {
      throw Errors.validation("GlobalSecondaryIndex count exceeds the per-table limit");
    }
    boolean onDemand = request.billingMode() == BillingMode.PAY_PER_REQUEST;
    Set<String> globalNames = new HashSet<>();
    for (GlobalSecondaryIndex index : globals) {
      IndexDefinitions.checkThroughput(index.provisionedThroughput(), onDemand);
      IndexDefinitions.checkName(index.indexName());
      if (!globalNames.add(index.indexName())) {
        throw Errors.validation("Two global secondary indices have the same name");
      }
      IndexDefinitions.checkProjection(index.projection());
      IndexDefinitions.checkKeyShape(index.keySchema(), true);
      IndexDefinitions.checkDefined(index.keySchema(), types);
      IndexDefinitions.checkAsDocumented(
          index.provisionedThroughput(), onDemand, index.indexName());
      index.keySchema().forEach(key -> used.add(key.attributeName()));
    }
    if (localNames.stream().anyMatch(globalNames::contains)) {
      throw Errors.validation(
          "Local Secondary Indices AND Global Secondary Indices must have different names");
    }
    if (used.size() != request.attributeDefinitions().size()) {
      throw Errors.validation(KEY_COUNT_MISMATCH);
    }
  }

  public UpdateTableResponse updateTable(UpdateTableRequest request) {
    Table table = require(request.tableName());
    List<GlobalSecondaryIndexUpdate> updates =
        request.hasGlobalSecondaryIndexUpdates()
            ? request.globalSecondaryIndexUpdates()
            : List.of();
    boolean anything =
        request.billingMode() != null
            || request.provisionedThroughput() != null
            || request.deletionProtectionEnabled() != null
            || !updates.isEmpty()
            || request.streamSpecification() != null
            || request.sseSpecification() != null
            || request.tableClassAsString() != null
            || request.onDemandThroughput() != null
            || request.warmThroughput() != null
            || request.hasReplicaUpdates();
    if (!anything) {
      throw Errors.validation("Nothing to update");
    }
    // An index or stream change holds every item lock: no write runs while an index is filled or
    // dropped, or while a stream is enabled or disabled.
    return updates.isEmpty() && request.streamSpecification() == null
        ? update(table, request, updates)
        : exclusively(() -> update(table, request, updates));
  }

  private UpdateTableResponse update(
      Table table, UpdateTableRequest request, List<GlobalSecondaryIndexUpdate> updates) {
    TableDescription current = table.describe();
    boolean onDemandNow =
        current.billingModeSummary() != null
            && current.billingModeSummary().billingMode() == BillingMode.PAY_PER_REQUEST;
    BillingMode mode =
        request.billingMode() != null
            ? request.billingMode()
            : onDemandNow ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED;
    IndexChanges indexes =
        updates.isEmpty()
            ? null
            : IndexChanges.check(
                table, current, request, updates, mode == BillingMode.PAY_PER_REQUEST);
    ProvisionedThroughput throughput = request.provisionedThroughput();
    StreamSpecification stream = request.streamSpecification();
    if (throughput != null && stream != null) {
      checkThroughput(throughput);
      checkChanged(throughput, current, onDemandNow);
      throw Errors.validation("Cannot change IOPS and Streams at the same time.");
    }
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
      checkChanged(throughput, current, onDemandNow);
    }
    if (request.onDemandThroughput() != null) {
      TableSettings.checkOnDemand(request.onDemandThroughput());
    }
    if (request.warmThroughput() != null) {
      TableSettings.checkWarm(request.warmThroughput(), "warmThroughput");
    }
    TableSettings.Warm warm =
        TableSettings.Warm.after(
            TableSettings.Warm.of(current.warmThroughput()),
            mode == BillingMode.PAY_PER_REQUEST
                ? null
                : throughput != null ? throughput : provisioned(current),
            request.warmThroughput());
    if (stream != null) {
      TableSettings.checkStreamChange(stream, current);
    }
    if (request.sseSpecification() != null) {
      TableSettings.checkSse(request.sseSpecification());
    }
    TableSettings.checkTableClass(request.tableClassAsString());
    var at = clock.instant();
    List<Storage.Mutation> indexBatch = indexes == null ? List.of() : indexes.mutations(table);
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
            if (onDemandNow) {
              changed.billingModeSummary(
                  description.billingModeSummary().toBuilder()
                      .billingMode(BillingMode.PROVISIONED)
                      .build());
            }
            changed.provisionedThroughput(
                description.provisionedThroughput().toBuilder()
                    .readCapacityUnits(throughput.readCapacityUnits())
                    .writeCapacityUnits(throughput.writeCapacityUnits())
                    .build());
          }
          if (indexes != null) {
            indexes.describe(description, changed);
          }
          if (request.onDemandThroughput() != null) {
            changed.onDemandThroughput(
                TableSettings.describeOnDemand(request.onDemandThroughput(), mode));
          } else if (throughput != null) {
            changed.onDemandThroughput((OnDemandThroughput) null);
          }
          if (stream != null) {
            TableSettings.describeStream(changed, description.tableArn(), stream, at);
          }
          if (request.sseSpecification() != null) {
            changed.sseDescription(
                TableSettings.describeSse(request.sseSpecification(), region, ACCOUNT));
          }
          if (request.tableClassAsString() != null) {
            changed.tableClassSummary(TableSettings.tableClass(request.tableClassAsString(), at));
          }
          changed.warmThroughput(warm.ofTable());
          return changed.build();
        },
        indexBatch);
    if (stream != null && !stream.streamEnabled()) {
      streamClosed.accept(current, at);
    }
    if (indexes == null) {
      return UpdateTableResponse.builder().tableDescription(table.describe()).build();
    }
    indexes.apply(table);
    return UpdateTableResponse.builder()
        .tableDescription(indexes.respond(table.describe()))
        .build();
  }

  /** A provisioned table's throughput as described. */
  private static ProvisionedThroughput provisioned(TableDescription description) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(description.provisionedThroughput().readCapacityUnits())
        .writeCapacityUnits(description.provisionedThroughput().writeCapacityUnits())
        .build();
  }

  /** Refuses a provisioned table's throughput as it is now. */
  private static void checkChanged(
      ProvisionedThroughput throughput, TableDescription current, boolean onDemandNow) {
    ProvisionedThroughputDescription now = current.provisionedThroughput();
    if (!onDemandNow
        && throughput.readCapacityUnits().equals(now.readCapacityUnits())
        && throughput.writeCapacityUnits().equals(now.writeCapacityUnits())) {
      throw Errors.validation("The requested throughput value equals the current value");
    }
  }

  private <T> T exclusively(Supplier<T> action) {
    return locks.exclusively(action);
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
    table.delete(
        () -> {
          if (tables.get(table.name()) == table) {
            List<Storage.Mutation> batch = new ArrayList<>();
            table
                .keyspaces()
                .forEach(keyspace -> batch.add(Storage.Mutation.dropKeyspace(keyspace)));
            if (storage.persistent()) {
              batch.add(Storage.Mutation.delete(Catalog.TABLES, Catalog.key(table.name())));
              batch.add(Storage.Mutation.delete(Catalog.TAGS, Catalog.key(table.name())));
              batch.add(Storage.Mutation.delete(Catalog.TIME_TO_LIVE, Catalog.key(table.name())));
              batch.add(Catalog.recovery(table.name(), null));
              batch.addAll(table.forgetParts());
            }
            storage.write(batch);
            tables.remove(table.name(), table);
          }
        });
    streamClosed.accept(table.created(), clock.instant());
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

  static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  static void checkName(String name) {
    if (!isValidName(name)) {
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
    checkUnits(throughput, "Table");
  }

  /** Throughput units, both given and at least 1, or DynamoDB's message naming what has them. */
  static void checkUnits(ProvisionedThroughput throughput, String owner) {
    Long read = throughput.readCapacityUnits();
    Long write = throughput.writeCapacityUnits();
    if (read == null || write == null || read < 1 || write < 1) {
      throw Errors.validation(
          owner + " read and write throughput must be at least 1, and cannot be null");
    }
  }

  /**
   * Refuses a key schema element or attribute definition without its attribute name, with DynamoDB
   * Local's message (the one it gives for an index's key schema too).
   */
  private static void requireMembers(CreateTableRequest request) {
    boolean unnamed =
        request.keySchema().stream().anyMatch(key -> key.attributeName() == null)
            || request.attributeDefinitions().stream()
                .anyMatch(definition -> definition.attributeName() == null);
    if (unnamed) {
      throw Errors.validation(IndexDefinitions.NO_ATTRIBUTE_NAME);
    }
  }

  /** An attribute definition's type: B, N or S. */
  static void checkType(AttributeDefinition definition) {
    if (definition.attributeType() == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION
        || definition.attributeType() == null) {
      throw Errors.validation("Member must satisfy enum value set: [B, N, S]");
    }
  }

  private static KeySchema keySchema(
      List<KeySchemaElement> elements, List<AttributeDefinition> definitions, boolean indexed) {
    Set<String> names = new HashSet<>();
    for (KeySchemaElement element : elements) {
      if (!names.add(element.attributeName())) {
        throw Errors.validation("Two keys can not have the same name");
      }
    }
    Optional<KeySchemaElement> hash =
        elements.stream().filter(e -> e.keyType() == KeyType.HASH).findFirst();
    if (hash.isEmpty() || elements.get(0).keyType() != KeyType.HASH) {
      throw Errors.validation(NO_HASH_KEY);
    }
    if (elements.size() > 2) {
      throw Errors.validation(IndexDefinitions.KEY_SCHEMA_TOO_BIG);
    }
    if (elements.size() == 2 && elements.get(1).keyType() != KeyType.RANGE) {
      throw Errors.validation(TOO_MANY_HASH_KEYS);
    }
    Map<String, ScalarAttributeType> types = new HashMap<>();
    for (AttributeDefinition definition : definitions) {
      checkType(definition);
      if (types.put(definition.attributeName(), definition.attributeType()) != null) {
        throw Errors.validation("Cannot have two attributes with the same name");
      }
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
    if (!indexed && definitions.size() != elements.size()) {
      throw Errors.validation(KEY_COUNT_MISMATCH);
    }
    return keys;
  }
}
