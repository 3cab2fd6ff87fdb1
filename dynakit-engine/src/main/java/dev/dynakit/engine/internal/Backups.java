package dev.dynakit.engine.internal;

import dev.dynakit.engine.protocol.JsonCodec;
import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.value.ItemSize;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexInfo;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SourceTableDetails;
import software.amazon.awssdk.services.dynamodb.model.SourceTableFeatureDetails;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * On-demand backups (CreateBackup, DescribeBackup, ListBackups, DeleteBackup,
 * RestoreTableFromBackup). A backup is a {@link TableSnapshot} of the table's items, taken while
 * writers go on, kept in a keyspace of its own ({@code backups/<id>}) with its description in
 * {@value #CATALOG}, so a durable engine keeps its backups across restarts. A backup is available
 * as soon as CreateBackup answers.
 */
final class Backups {
  static final String CATALOG = "catalog/backups";

  /** The description of each backup's table as it was backed up, under the backup's ARN. */
  static final String SOURCES = "catalog/backup-sources";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final int WRITE_BATCH = 1000;

  private final Clock clock;
  private final Tables tables;
  private final Items items;
  private final Storage storage;
  private final ItemLocks locks;
  // By ARN: ARNs of one table sort by creation time, as ListBackups answers them.
  private final Map<String, BackupDescription> backups = new ConcurrentSkipListMap<>();
  private final Map<String, TableDescription> sources = new ConcurrentSkipListMap<>();

  Backups(Clock clock, Tables tables, Items items, Storage storage, ItemLocks locks) {
    this.clock = clock;
    this.tables = tables;
    this.items = items;
    this.storage = storage;
    this.locks = locks;
    if (storage.hasKeyspace(CATALOG)) {
      try (Stream<Storage.Entry> stored = storage.keyspace(CATALOG).scan(null, null, false)) {
        stored.forEach(
            entry ->
                backups.put(
                    Catalog.name(entry.key()),
                    JsonCodec.read(entry.value(), BackupDescription::builder)));
      }
      try (Stream<Storage.Entry> stored = storage.keyspace(SOURCES).scan(null, null, false)) {
        stored.forEach(
            entry ->
                sources.put(
                    Catalog.name(entry.key()),
                    JsonCodec.read(entry.value(), TableDescription::builder)));
      }
    } else {
      storage.write(
          List.of(
              Storage.Mutation.createKeyspace(CATALOG), Storage.Mutation.createKeyspace(SOURCES)));
    }
  }

  CreateBackupResponse createBackup(CreateBackupRequest request) {
    if (request.tableName() == null) {
      throw Errors.nullMember("tableName");
    }
    if (request.backupName() == null) {
      throw Errors.nullMember("backupName");
    }
    checkName(request.backupName(), "backupName");
    Table table = tables.find(tables.nameOf(request.tableName()));
    if (table == null) {
      throw Errors.tableNotFound(tables.nameOf(request.tableName()));
    }
    Instant now = clock.instant();
    TableDescription source = table.describe();
    String arn =
        source.tableArn()
            + "/backup/"
            + String.format(
                "%014d-%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    String keyspace = keyspaceOf(arn);
    long[] size = new long[2];
    List<Storage.Mutation> batch = new ArrayList<>();
    batch.add(Storage.Mutation.createKeyspace(keyspace));
    TableSnapshot.begin(table, locks)
        .read(
            table,
            storage.keyspace(table.keyspace()),
            (key, item) -> {
              batch.add(Storage.Mutation.put(keyspace, key, item));
              size[0]++;
              size[1] += ItemSize.of(ItemCodec.decode(item));
              if (batch.size() >= WRITE_BATCH) {
                storage.write(List.copyOf(batch));
                batch.clear();
              }
            });
    BackupDetails details =
        BackupDetails.builder()
            .backupArn(arn)
            .backupName(request.backupName())
            .backupSizeBytes(size[1])
            .backupStatus(BackupStatus.AVAILABLE)
            .backupType(BackupType.USER)
            .backupCreationDateTime(now)
            .build();
    BackupDescription backup =
        BackupDescription.builder()
            .backupDetails(details)
            .sourceTableDetails(sourceDetails(source, size[0], size[1]))
            .sourceTableFeatureDetails(features(source, table))
            .build();
    TableDescription kept = table.created();
    batch.add(Storage.Mutation.put(CATALOG, Catalog.key(arn), JsonCodec.write(backup)));
    batch.add(Storage.Mutation.put(SOURCES, Catalog.key(arn), JsonCodec.write(kept)));
    storage.write(batch);
    sources.put(arn, kept);
    backups.put(arn, backup);
    return CreateBackupResponse.builder().backupDetails(details).build();
  }

  DescribeBackupResponse describeBackup(DescribeBackupRequest request) {
    return DescribeBackupResponse.builder().backupDescription(find(request.backupArn())).build();
  }

  DeleteBackupResponse deleteBackup(DeleteBackupRequest request) {
    BackupDescription backup = find(request.backupArn());
    synchronized (this) {
      if (backups.remove(backup.backupDetails().backupArn()) == null) {
        throw backupNotFound(request.backupArn());
      }
      sources.remove(request.backupArn());
      storage.write(
          List.of(
              Storage.Mutation.delete(CATALOG, Catalog.key(request.backupArn())),
              Storage.Mutation.delete(SOURCES, Catalog.key(request.backupArn())),
              Storage.Mutation.dropKeyspace(keyspaceOf(request.backupArn()))));
    }
    return DeleteBackupResponse.builder()
        .backupDescription(
            backup.toBuilder()
                .backupDetails(
                    backup.backupDetails().toBuilder().backupStatus(BackupStatus.DELETED).build())
                .build())
        .build();
  }

  ListBackupsResponse listBackups(ListBackupsRequest request) {
    Integer limit = request.limit();
    if (limit != null && (limit < 1 || limit > 100)) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value "
              + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
    }
    String table = request.tableName() == null ? null : tables.nameOf(request.tableName());
    BackupTypeFilter type =
        request.backupType() == null ? BackupTypeFilter.USER : request.backupType();
    if (type == BackupTypeFilter.UNKNOWN_TO_SDK_VERSION) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + request.backupTypeAsString()
              + "' at 'backupType' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [USER, SYSTEM, AWS_BACKUP, ALL]");
    }
    List<BackupSummary> page = new ArrayList<>();
    String start = request.exclusiveStartBackupArn();
    String last = null;
    for (BackupDescription backup : backups.values()) {
      BackupDetails details = backup.backupDetails();
      if (start != null && details.backupArn().compareTo(start) <= 0) {
        continue;
      }
      if (!matches(
          backup, table, type, request.timeRangeLowerBound(), request.timeRangeUpperBound())) {
        continue;
      }
      if (limit != null && page.size() == limit) {
        last = page.get(page.size() - 1).backupArn();
        break;
      }
      page.add(summary(backup));
    }
    return ListBackupsResponse.builder().backupSummaries(page).lastEvaluatedBackupArn(last).build();
  }

  RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest request) {
    if (request.targetTableName() == null) {
      throw Errors.nullMember("targetTableName");
    }
    BackupDescription backup = find(request.backupArn());
    String arn = backup.backupDetails().backupArn();
    Table table =
        restore(
            request.targetTableName(),
            sources.get(arn),
            Overrides.of(request),
            into -> {
              try (Stream<Storage.Entry> stored =
                  storage.keyspace(keyspaceOf(arn)).scan(null, null, false)) {
                stored.forEach(entry -> into.accept(entry.key(), entry.value()));
              }
            },
            RestoreSummary.builder().sourceBackupArn(arn));
    return RestoreTableFromBackupResponse.builder().tableDescription(table.describe()).build();
  }

  /**
   * What a restore may change of the table backed up: each null keeps the table's own (an empty
   * index list restores no index).
   */
  record Overrides(
      BillingMode billing,
      ProvisionedThroughput throughput,
      List<GlobalSecondaryIndex> globalIndexes,
      List<LocalSecondaryIndex> localIndexes,
      SSESpecification sse) {
    /** The overrides of a RestoreTableFromBackup or RestoreTableToPointInTime request. */
    @SuppressWarnings("unchecked")
    static Overrides of(software.amazon.awssdk.core.SdkRequest request) {
      return new Overrides(
          request
              .getValueForField("BillingModeOverride", String.class)
              .map(BillingMode::fromValue)
              .orElse(null),
          request
              .getValueForField("ProvisionedThroughputOverride", ProvisionedThroughput.class)
              .orElse(null),
          request
              .getValueForField("GlobalSecondaryIndexOverride", List.class)
              .filter(
                  list -> !(list instanceof software.amazon.awssdk.core.util.SdkAutoConstructList))
              .orElse(null),
          request
              .getValueForField("LocalSecondaryIndexOverride", List.class)
              .filter(
                  list -> !(list instanceof software.amazon.awssdk.core.util.SdkAutoConstructList))
              .orElse(null),
          request
              .getValueForField("SSESpecificationOverride", SSESpecification.class)
              .orElse(null));
    }
  }

  /**
   * Creates {@code target} as {@code source} describes the table, with {@code overrides}; writes
   * into it the items {@code items} hands over (key, encoded item); and gives it a {@code
   * RestoreSummary} from {@code summary} (the source table's ARN and the time added).
   *
   * @throws TableAlreadyExistsException if {@code target} exists
   */
  Table restore(
      String targetNameOrArn,
      TableDescription source,
      Overrides overrides,
      java.util.function.Consumer<java.util.function.BiConsumer<byte[], byte[]>> items,
      RestoreSummary.Builder summary) {
    String target = tables.nameOf(targetNameOrArn);
    if (tables.find(target) != null) {
      throw (TableAlreadyExistsException)
          Errors.fill(
                  TableAlreadyExistsException.builder(),
                  "TableAlreadyExistsException",
                  "Table already exists: " + target,
                  400)
              .build();
    }
    tables.createTable(createRequest(target, source, overrides));
    Table table = tables.require(target);
    items.accept(
        (key, encoded) -> {
          ReentrantLock lock = locks.of(table.name(), key);
          lock.lock();
          try {
            this.items.write(table, key, this.items.read(table, key), ItemCodec.decode(encoded));
          } finally {
            lock.unlock();
          }
        });
    RestoreSummary done =
        summary
            .sourceTableArn(source.tableArn())
            .restoreDateTime(clock.instant())
            .restoreInProgress(false)
            .build();
    table.update(created -> created.toBuilder().restoreSummary(done).build(), List.of());
    return table;
  }

  /** The table a restore creates: {@code source}'s, with the overrides. */
  static CreateTableRequest createRequest(
      String target, TableDescription source, Overrides overrides) {
    BillingMode billing =
        overrides.billing() != null
            ? overrides.billing()
            : source.billingModeSummary() == null
                ? BillingMode.PROVISIONED
                : source.billingModeSummary().billingMode();
    boolean provisioned = billing == BillingMode.PROVISIONED;
    ProvisionedThroughput throughput =
        overrides.throughput() != null
            ? overrides.throughput()
            : provisioned ? throughput(source.provisionedThroughput()) : null;
    CreateTableRequest.Builder create =
        CreateTableRequest.builder()
            .tableName(target)
            .keySchema(source.keySchema())
            .attributeDefinitions(source.attributeDefinitions())
            .billingMode(billing)
            .provisionedThroughput(throughput);
    if (overrides.globalIndexes() != null) {
      create.globalSecondaryIndexes(
          overrides.globalIndexes().isEmpty() ? null : overrides.globalIndexes());
    } else if (source.hasGlobalSecondaryIndexes()) {
      List<GlobalSecondaryIndex> globals = new ArrayList<>();
      for (GlobalSecondaryIndexDescription index : source.globalSecondaryIndexes()) {
        globals.add(
            GlobalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .provisionedThroughput(
                    provisioned ? throughput(index.provisionedThroughput()) : null)
                .build());
      }
      create.globalSecondaryIndexes(globals);
    }
    if (overrides.localIndexes() != null) {
      create.localSecondaryIndexes(
          overrides.localIndexes().isEmpty() ? null : overrides.localIndexes());
    } else if (source.hasLocalSecondaryIndexes()) {
      List<LocalSecondaryIndex> locals = new ArrayList<>();
      for (LocalSecondaryIndexDescription index : source.localSecondaryIndexes()) {
        locals.add(
            LocalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .build());
      }
      create.localSecondaryIndexes(locals);
    }
    create.attributeDefinitions(used(create.build(), source.keySchema()));
    if (overrides.sse() != null) {
      create.sseSpecification(overrides.sse());
    } else if (source.sseDescription() != null) {
      create.sseSpecification(SSESpecification.builder().enabled(true).build());
    }
    return create.build();
  }

  private static ProvisionedThroughput throughput(ProvisionedThroughputDescription description) {
    return description == null
        ? null
        : ProvisionedThroughput.builder()
            .readCapacityUnits(description.readCapacityUnits())
            .writeCapacityUnits(description.writeCapacityUnits())
            .build();
  }

  /** The attribute definitions {@code create}'s table and indexes use as keys, in its order. */
  private static List<AttributeDefinition> used(
      CreateTableRequest create, List<KeySchemaElement> tableKeys) {
    java.util.Set<String> names = new java.util.HashSet<>();
    tableKeys.forEach(key -> names.add(key.attributeName()));
    create
        .globalSecondaryIndexes()
        .forEach(i -> i.keySchema().forEach(k -> names.add(k.attributeName())));
    create
        .localSecondaryIndexes()
        .forEach(i -> i.keySchema().forEach(k -> names.add(k.attributeName())));
    return create.attributeDefinitions().stream()
        .filter(definition -> names.contains(definition.attributeName()))
        .toList();
  }

  private static boolean matches(
      BackupDescription backup, String table, BackupTypeFilter type, Instant from, Instant to) {
    BackupDetails details = backup.backupDetails();
    if (table != null && !table.equals(backup.sourceTableDetails().tableName())) {
      return false;
    }
    if (type != BackupTypeFilter.ALL && !type.toString().equals(details.backupTypeAsString())) {
      return false;
    }
    Instant created = details.backupCreationDateTime();
    return (from == null || !created.isBefore(from)) && (to == null || created.isBefore(to));
  }

  private static BackupSummary summary(BackupDescription backup) {
    BackupDetails details = backup.backupDetails();
    SourceTableDetails source = backup.sourceTableDetails();
    return BackupSummary.builder()
        .tableName(source.tableName())
        .tableId(source.tableId())
        .tableArn(source.tableArn())
        .backupArn(details.backupArn())
        .backupName(details.backupName())
        .backupCreationDateTime(details.backupCreationDateTime())
        .backupStatus(details.backupStatus())
        .backupType(details.backupType())
        .backupSizeBytes(details.backupSizeBytes())
        .build();
  }

  private static SourceTableDetails sourceDetails(TableDescription source, long items, long bytes) {
    ProvisionedThroughputDescription throughput = source.provisionedThroughput();
    return SourceTableDetails.builder()
        .tableName(source.tableName())
        .tableId(source.tableId())
        .tableArn(source.tableArn())
        .tableSizeBytes(bytes)
        .keySchema(source.keySchema())
        .tableCreationDateTime(source.creationDateTime())
        .provisionedThroughput(
            ProvisionedThroughput.builder()
                .readCapacityUnits(throughput == null ? 0L : throughput.readCapacityUnits())
                .writeCapacityUnits(throughput == null ? 0L : throughput.writeCapacityUnits())
                .build())
        .onDemandThroughput(source.onDemandThroughput())
        .itemCount(items)
        .billingMode(
            source.billingModeSummary() == null
                ? BillingMode.PROVISIONED
                : source.billingModeSummary().billingMode())
        .build();
  }

  private static SourceTableFeatureDetails features(TableDescription source, Table table) {
    SourceTableFeatureDetails.Builder features = SourceTableFeatureDetails.builder();
    if (source.hasLocalSecondaryIndexes()) {
      List<LocalSecondaryIndexInfo> locals = new ArrayList<>();
      for (LocalSecondaryIndexDescription index : source.localSecondaryIndexes()) {
        locals.add(
            LocalSecondaryIndexInfo.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .build());
      }
      features.localSecondaryIndexes(locals);
    }
    if (source.hasGlobalSecondaryIndexes()) {
      List<GlobalSecondaryIndexInfo> globals = new ArrayList<>();
      for (GlobalSecondaryIndexDescription index : source.globalSecondaryIndexes()) {
        ProvisionedThroughputDescription throughput = index.provisionedThroughput();
        globals.add(
            GlobalSecondaryIndexInfo.builder()
                .indexName(index.indexName())
                .keySchema(index.keySchema())
                .projection(index.projection())
                .provisionedThroughput(
                    throughput == null
                        ? null
                        : ProvisionedThroughput.builder()
                            .readCapacityUnits(throughput.readCapacityUnits())
                            .writeCapacityUnits(throughput.writeCapacityUnits())
                            .build())
                .build());
      }
      features.globalSecondaryIndexes(globals);
    }
    features.streamDescription(source.streamSpecification());
    features.sseDescription(source.sseDescription());
    String attribute = table.timeToLive();
    if (attribute != null) {
      features.timeToLiveDescription(t -> t.attributeName(attribute).timeToLiveStatus("ENABLED"));
    }
    return features.build();
  }

  private BackupDescription find(String arn) {
    if (arn == null) {
      throw Errors.nullMember("backupArn");
    }
    if (arn.length() < 37 || arn.length() > 1024) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + arn
              + "' at 'backupArn' failed to satisfy constraint: Member must have length "
              + (arn.length() < 37 ? "greater than or equal to 37" : "less than or equal to 1024"));
    }
    BackupDescription backup = backups.get(arn);
    if (backup == null) {
      throw backupNotFound(arn);
    }
    return backup;
  }

  private static String keyspaceOf(String arn) {
    return "backups/" + arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static void checkName(String name, String member) {
    if (name.length() < 3 || name.length() > 255) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have length "
              + (name.length() < 3 ? "greater than or equal to 3" : "less than or equal to 255"));
    }
    if (!NAME.matcher(name).matches()) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [a-zA-Z0-9_.-]+");
    }
  }

  private static BackupNotFoundException backupNotFound(String arn) {
    return (BackupNotFoundException)
        Errors.fill(
                BackupNotFoundException.builder(),
                "BackupNotFoundException",
                "Backup not found: " + arn,
                400)
            .build();
  }
}
