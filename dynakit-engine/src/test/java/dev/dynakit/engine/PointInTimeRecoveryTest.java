package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Point-in-time recovery on the engine, by its clock. DynamoDB Local keeps no history (see
 * docs/compatibility.md, "Point-in-time recovery"); the scenarios follow the API reference.
 */
class PointInTimeRecoveryTest {
  private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
  private final BackupsTest.MovingClock clock = new BackupsTest.MovingClock(START);
  private final DynakitEngine engine = DynakitEngine.builder().clock(clock).build();
  private final DynamoDbClient db = engine.client();

  PointInTimeRecoveryTest() {
    db.createTable(
        b ->
            b.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private void put(String id, int version) {
    db.putItem(
        b ->
            b.tableName("orders")
                .item(
                    Map.of(
                        "id", AttributeValue.fromS(id), "v", AttributeValue.fromN("" + version))));
  }

  private void enable(Integer days) {
    db.updateContinuousBackups(
        b ->
            b.tableName("orders")
                .pointInTimeRecoverySpecification(
                    p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(days)));
  }

  private PointInTimeRecoveryDescription recovery() {
    return db.describeContinuousBackups(b -> b.tableName("orders"))
        .continuousBackupsDescription()
        .pointInTimeRecoveryDescription();
  }

  private Map<String, String> restoredAt(String target, Instant at) {
    TableDescription table =
        db.restoreTableToPointInTime(
                b -> b.sourceTableName("orders").targetTableName(target).restoreDateTime(at))
            .tableDescription();
    assertThat(table.restoreSummary().sourceTableArn()).endsWith(":table/orders");
    assertThat(table.restoreSummary().sourceBackupArn()).isNull();
    return contents(target);
  }

  private Map<String, String> contents(String table) {
    Map<String, String> items = new TreeMap<>();
    db.scan(b -> b.tableName(table))
        .items()
        .forEach(item -> items.put(item.get("id").s(), item.get("v").n()));
    return items;
  }

  @Test
  void recoveryIsDescribedAsDisabledThenEnabledWithItsWindow() {
    ContinuousBackupsDescription off =
        db.describeContinuousBackups(b -> b.tableName("orders")).continuousBackupsDescription();
    assertThat(off.continuousBackupsStatusAsString()).isEqualTo("ENABLED");
    assertThat(off.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
        .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
    assertThat(off.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNull();
    enable(null);
    clock.advance(Duration.ofMinutes(10));
    PointInTimeRecoveryDescription on = recovery();
    assertThat(on.pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
    assertThat(on.recoveryPeriodInDays()).isEqualTo(35);
    assertThat(on.earliestRestorableDateTime()).isEqualTo(START);
    assertThat(on.latestRestorableDateTime()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    enable(7);
    assertThat(recovery().recoveryPeriodInDays()).isEqualTo(7);
    clock.advance(Duration.ofDays(8));
    assertThat(recovery().earliestRestorableDateTime())
        .isEqualTo(clock.instant().minus(Duration.ofDays(7)));
  }

  @Test
  void aRestoreShowsTheTableAsItWasAtThatInstant() {
    put("a", 1);
    enable(null);
    clock.advance(Duration.ofMinutes(1));
    put("a", 2);
    put("b", 1);
    clock.advance(Duration.ofMinutes(1));
    db.deleteItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS("a"))));
    put("c", 1);
    clock.advance(Duration.ofMinutes(1));
    put("c", 2);
    assertThat(restoredAt("at0", START)).isEqualTo(Map.of("a", "1"));
    assertThat(restoredAt("at1", START.plus(Duration.ofSeconds(90))))
        .isEqualTo(Map.of("a", "2", "b", "1"));
    assertThat(restoredAt("at2", START.plus(Duration.ofMinutes(2))))
        .isEqualTo(Map.of("b", "1", "c", "1"));
    db.restoreTableToPointInTime(
        b -> b.sourceTableName("orders").targetTableName("latest").useLatestRestorableTime(true));
    assertThat(contents("latest")).isEqualTo(Map.of("b", "1", "c", "2"));
    assertThat(contents("orders")).isEqualTo(Map.of("b", "1", "c", "2"));
  }

  @Test
  void disablingForgetsTheHistory() {
    enable(null);
    clock.advance(Duration.ofMinutes(5));
    db.updateContinuousBackups(
        b ->
            b.tableName("orders")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)));
    assertThat(recovery().pointInTimeRecoveryStatus())
        .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
    assertThatThrownBy(
            () ->
                db.restoreTableToPointInTime(
                    b ->
                        b.sourceTableName("orders")
                            .targetTableName("copy")
                            .useLatestRestorableTime(true)))
        .isInstanceOf(PointInTimeRecoveryUnavailableException.class)
        .hasMessageStartingWith("Point in time recovery is not enabled for table 'orders'");
    enable(null);
    assertThat(recovery().earliestRestorableDateTime())
        .isEqualTo(START.plus(Duration.ofMinutes(5)));
  }

  @Test
  void badRequestsAreRefused() {
    enable(null);
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(
            () ->
                db.restoreTableToPointInTime(
                    b ->
                        b.sourceTableName("orders")
                            .targetTableName("copy")
                            .restoreDateTime(START.minusSeconds(1))))
        .isInstanceOf(InvalidRestoreTimeException.class);
    assertThatThrownBy(
            () ->
                db.restoreTableToPointInTime(
                    b ->
                        b.sourceTableName("orders")
                            .targetTableName("copy")
                            .restoreDateTime(clock.instant().plusSeconds(1))))
        .isInstanceOf(InvalidRestoreTimeException.class);
    assertThatThrownBy(() -> db.describeContinuousBackups(b -> b.tableName("nope")))
        .isInstanceOf(TableNotFoundException.class)
        .hasMessageStartingWith("Table not found: nope");
    validation(
        () ->
            db.updateContinuousBackups(
                b ->
                    b.tableName("orders")
                        .pointInTimeRecoverySpecification(
                            p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(36))),
        "1 validation error detected: Value '36' at"
            + " 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy"
            + " constraint: Member must have value less than or equal to 35");
    validation(
        () -> db.updateContinuousBackups(b -> b.tableName("orders")),
        "Value null at 'pointInTimeRecoverySpecification' failed to satisfy constraint: Member"
            + " must not be null");
    validation(
        () ->
            db.restoreTableToPointInTime(b -> b.sourceTableName("orders").targetTableName("copy")),
        "Exactly one of RestoreDateTime or UseLatestRestorableTime must be given");
    validation(
        () ->
            db.restoreTableToPointInTime(
                b -> b.targetTableName("copy").useLatestRestorableTime(true)),
        "Exactly one of SourceTableName or SourceTableArn must be given");
  }

  private static void validation(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageStartingWith(message);
  }

  @Test
  void aDurableEngineKeepsTheSettingAndStartsTheWindowAgain(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    for (int run = 0; run < 2; run++) {
      try (DynakitEngine durable = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
        DynamoDbClient client = durable.client();
        if (run == 0) {
          client.createTable(
              b ->
                  b.tableName("kept")
                      .billingMode(BillingMode.PAY_PER_REQUEST)
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
          client.updateContinuousBackups(
              b ->
                  b.tableName("kept")
                      .pointInTimeRecoverySpecification(
                          p -> p.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7)));
          clock.advance(Duration.ofHours(1));
        } else {
          PointInTimeRecoveryDescription kept =
              client
                  .describeContinuousBackups(b -> b.tableName("kept"))
                  .continuousBackupsDescription()
                  .pointInTimeRecoveryDescription();
          assertThat(kept.pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
          assertThat(kept.recoveryPeriodInDays()).isEqualTo(7);
          assertThat(kept.earliestRestorableDateTime()).isEqualTo(START.plus(Duration.ofHours(1)));
          client.updateContinuousBackups(
              b ->
                  b.tableName("kept")
                      .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(false)));
        }
      }
    }
    try (DynakitEngine durable = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      assertThat(
              durable
                  .client()
                  .describeContinuousBackups(b -> b.tableName("kept"))
                  .continuousBackupsDescription()
                  .pointInTimeRecoveryDescription()
                  .pointInTimeRecoveryStatus())
          .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
      durable.client().deleteTable(b -> b.tableName("kept"));
    }
  }

  @Test
  void dynamoDbLocalKeepsNoHistory() {
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    try {
      DynamoDbClient reference = local.dynamoDbClient();
      reference.createTable(
          b ->
              b.tableName("orders")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
      Throwable answer =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  reference.restoreTableToPointInTime(
                      b ->
                          b.sourceTableName("orders")
                              .targetTableName("copy")
                              .useLatestRestorableTime(true)));
      assertThat(answer).isInstanceOf(DynamoDbException.class);
      assertThat(((DynamoDbException) answer).awsErrorDetails().errorCode())
          .isEqualTo("UnknownOperationException");
    } finally {
      local.shutdownNow();
    }
  }
}
