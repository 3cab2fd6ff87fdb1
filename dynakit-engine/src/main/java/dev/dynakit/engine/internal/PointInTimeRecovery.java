package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoverySpecification;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.RestoreSummary;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableToPointInTimeResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;

/**
 * Point-in-time recovery (UpdateContinuousBackups, DescribeContinuousBackups,
 * RestoreTableToPointInTime): a table with it enabled keeps a {@link RecoveryLog} of its writes for
 * the recovery period (1 to 35 days, 35 by default), and can be restored to any instant from when
 * it was enabled, or the start of the period, up to now, by the engine's clock.
 */
final class PointInTimeRecovery {
  private final Clock clock;
  private final Tables tables;
  private final ItemLocks locks;
  private final Backups backups;
  private final dev.dynakit.engine.storage.Storage storage;

  PointInTimeRecovery(
      Clock clock,
      Tables tables,
      ItemLocks locks,
      Backups backups,
      dev.dynakit.engine.storage.Storage storage) {
    this.clock = clock;
    this.tables = tables;
    this.locks = locks;
    this.backups = backups;
    this.storage = storage;
  }

  UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
    if (request.tableName() == null) {
      throw Errors.nullMember("tableName");
    }
    PointInTimeRecoverySpecification specification = request.pointInTimeRecoverySpecification();
    if (specification == null) {
      throw Errors.nullMember("pointInTimeRecoverySpecification");
    }
    if (specification.pointInTimeRecoveryEnabled() == null) {
      throw Errors.nullMember("pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
    }
    Integer days = specification.recoveryPeriodInDays();
    if (days != null && (days < 1 || days > 35)) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + days
              + "' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy"
              + " constraint: Member must have value "
              + (days < 1 ? "greater than or equal to 1" : "less than or equal to 35"));
    }
    Table table = find(request.tableName());
    if (specification.pointInTimeRecoveryEnabled()) {
      RecoveryLog log = table.recovery();
      if (log == null) {
        // Begun under every item lock, so the log starts between writes.
        locks.exclusively(
            () -> {
              table.recovery(new RecoveryLog(clock, days == null ? 35 : days));
              return null;
            });
      } else if (days != null) {
        log.days(days);
      }
    } else {
      if (days != null) {
        throw Errors.validation(
            "RecoveryPeriodInDays can only be set when PointInTimeRecoveryEnabled is true");
      }
      table.recovery(null);
    }
    if (storage.persistent()) {
      RecoveryLog now = table.recovery();
      storage.write(
          java.util.List.of(Catalog.recovery(table.name(), now == null ? null : now.days())));
    }
    return UpdateContinuousBackupsResponse.builder()
        .continuousBackupsDescription(describe(table))
        .build();
  }

  DescribeContinuousBackupsResponse describeContinuousBackups(
      DescribeContinuousBackupsRequest request) {
    if (request.tableName() == null) {
      throw Errors.nullMember("tableName");
    }
    return DescribeContinuousBackupsResponse.builder()
        .continuousBackupsDescription(describe(find(request.tableName())))
        .build();
  }

  RestoreTableToPointInTimeResponse restoreTableToPointInTime(
      RestoreTableToPointInTimeRequest request) {
    if (request.targetTableName() == null) {
      throw Errors.nullMember("targetTableName");
    }
    if ((request.sourceTableName() == null) == (request.sourceTableArn() == null)) {
      throw Errors.validation("Exactly one of SourceTableName or SourceTableArn must be given");
    }
    boolean latest = Boolean.TRUE.equals(request.useLatestRestorableTime());
    if (latest == (request.restoreDateTime() != null)) {
      throw Errors.validation(
          "Exactly one of RestoreDateTime or UseLatestRestorableTime must be given");
    }
    Table source =
        find(
            request.sourceTableName() != null
                ? request.sourceTableName()
                : request.sourceTableArn());
    RecoveryLog log = requireLog(source);
    Instant at = latest ? clock.instant() : request.restoreDateTime();
    checkWindow(log, at);
    Table restored =
        backups.restore(
            request.targetTableName(),
            source.created(),
            Backups.Overrides.of(request),
            into -> itemsAt(source, log, at, into),
            RestoreSummary.builder());
    return RestoreTableToPointInTimeResponse.builder()
        .tableDescription(restored.describe())
        .build();
  }

  /**
   * Hands each item {@code source} held at {@code at} to {@code into} (key, encoded item): the
   * table now, with each key written since set back by {@code log}.
   */
  void itemsAt(
      Table source,
      RecoveryLog log,
      Instant at,
      java.util.function.BiConsumer<byte[], byte[]> into) {
    TableSnapshot snapshot = TableSnapshot.begin(source, locks);
    Map<ByteBuffer, Object> then = log.at(at);
    snapshot.read(
        source,
        storage.keyspace(source.keyspace()),
        (key, item) -> {
          if (!then.containsKey(ByteBuffer.wrap(key))) {
            into.accept(key, item);
          }
        });
    then.forEach(
        (key, old) -> {
          if (old != RecoveryLog.ABSENT) {
            byte[] bytes = new byte[key.remaining()];
            key.duplicate().get(bytes);
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue> item = (Map<String, AttributeValue>) old;
            into.accept(bytes, ItemCodec.encode(item));
          }
        });
  }

  /** The item stored under {@code key} now, or null. */
  Map<String, AttributeValue> current(Table table, byte[] key) {
    return storage.keyspace(table.keyspace()).get(key).map(ItemCodec::decode).orElse(null);
  }

  /** The source table's recovery log, or PointInTimeRecoveryUnavailableException. */
  static RecoveryLog requireLog(Table source) {
    RecoveryLog log = source.recovery();
    if (log == null) {
      throw (PointInTimeRecoveryUnavailableException)
          Errors.fill(
                  PointInTimeRecoveryUnavailableException.builder(),
                  "PointInTimeRecoveryUnavailableException",
                  "Point in time recovery is not enabled for table '" + source.name() + "'",
                  400)
              .build();
    }
    return log;
  }

  /** The restorable window's check: {@code at} from the earliest instant to now. */
  void checkWindow(RecoveryLog log, Instant at) {
    Instant now = clock.instant();
    if (at.isBefore(log.earliest(now)) || at.isAfter(now)) {
      throw (InvalidRestoreTimeException)
          Errors.fill(
                  InvalidRestoreTimeException.builder(),
                  "InvalidRestoreTimeException",
                  "Restore time "
                      + at
                      + " is not within the restorable window ("
                      + log.earliest(now)
                      + " to "
                      + now
                      + ")",
                  400)
              .build();
    }
  }

  Table find(String nameOrArn) {
    Table table = tables.find(tables.nameOf(nameOrArn));
    if (table == null) {
      throw Errors.tableNotFound(tables.nameOf(nameOrArn));
    }
    return table;
  }

  private ContinuousBackupsDescription describe(Table table) {
    RecoveryLog log = table.recovery();
    PointInTimeRecoveryDescription.Builder recovery = PointInTimeRecoveryDescription.builder();
    if (log == null) {
      recovery.pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.DISABLED);
    } else {
      Instant now = clock.instant();
      recovery
          .pointInTimeRecoveryStatus(PointInTimeRecoveryStatus.ENABLED)
          .recoveryPeriodInDays(log.days())
          .earliestRestorableDateTime(log.earliest(now))
          .latestRestorableDateTime(now);
    }
    return ContinuousBackupsDescription.builder()
        .continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
        .pointInTimeRecoveryDescription(recovery.build())
        .build();
  }
}
