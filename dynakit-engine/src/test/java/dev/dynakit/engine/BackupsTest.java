package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * On-demand backups on the engine, in-process and over HTTP. DynamoDB Local has no backups (it
 * answers UnknownOperationException), so these scenarios follow the API reference
 * (docs/compatibility.md, "Backups").
 */
class BackupsTest {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private final MovingClock clock = new MovingClock(START);
  private final DynakitEngine engine = DynakitEngine.builder().clock(clock).build();
  private final DynamoDbClient db = engine.client();

  @AfterEach
  void close() {
    engine.close();
  }

  /** A clock tests move by hand. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static void music(DynamoDbClient client, String name) {
    client.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("artist").attributeType("S"),
                    a -> a.attributeName("song").attributeType("S"),
                    a -> a.attributeName("genre").attributeType("S"))
                .keySchema(
                    k -> k.attributeName("artist").keyType("HASH"),
                    k -> k.attributeName("song").keyType("RANGE"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byGenre")
                            .keySchema(k -> k.attributeName("genre").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")));
  }

  private static void song(DynamoDbClient client, String table, String artist, String song) {
    client.putItem(
        b ->
            b.tableName(table)
                .item(
                    Map.of(
                        "artist", AttributeValue.fromS(artist),
                        "song", AttributeValue.fromS(song),
                        "genre", AttributeValue.fromS("rock"))));
  }

  private static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
    return client.scan(b -> b.tableName(table)).items();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBackupRestoresToANewTableWithItsItemsAndIndexes(boolean overHttp) {
    DynamoDbClient client = overHttp ? Targets.overHttp(engine) : db;
    music(client, "music");
    song(client, "music", "a", "one");
    song(client, "music", "b", "two");
    BackupDetails details =
        client.createBackup(b -> b.tableName("music").backupName("nightly")).backupDetails();
    assertThat(details.backupArn())
        .matches(
            "arn:aws:dynamodb:us-east-1:000000000000:table/music/backup/01772359200000-[0-9a-f]{8}");
    assertThat(details.backupName()).isEqualTo("nightly");
    assertThat(details.backupStatus()).isEqualTo(BackupStatus.AVAILABLE);
    assertThat(details.backupTypeAsString()).isEqualTo("USER");
    assertThat(details.backupCreationDateTime()).isEqualTo(START);
    assertThat(details.backupSizeBytes()).isPositive();

    song(client, "music", "c", "after the backup");
    client.deleteItem(
        b ->
            b.tableName("music")
                .key(
                    Map.of(
                        "artist", AttributeValue.fromS("a"), "song", AttributeValue.fromS("one"))));

    BackupDescription described =
        client.describeBackup(b -> b.backupArn(details.backupArn())).backupDescription();
    assertThat(described.backupDetails()).isEqualTo(details);
    assertThat(described.sourceTableDetails().tableName()).isEqualTo("music");
    assertThat(described.sourceTableDetails().itemCount()).isEqualTo(2);
    assertThat(described.sourceTableDetails().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(described.sourceTableFeatureDetails().globalSecondaryIndexes())
        .extracting(i -> i.indexName())
        .containsExactly("byGenre");
    assertThat(described.sourceTableFeatureDetails().streamDescription().streamEnabled()).isTrue();

    clock.advance(Duration.ofMinutes(5));
    TableDescription restored =
        client
            .restoreTableFromBackup(b -> b.targetTableName("copy").backupArn(details.backupArn()))
            .tableDescription();
    assertThat(restored.tableName()).isEqualTo("copy");
    assertThat(restored.restoreSummary().sourceBackupArn()).isEqualTo(details.backupArn());
    assertThat(restored.restoreSummary().sourceTableArn()).endsWith(":table/music");
    assertThat(restored.restoreSummary().restoreDateTime())
        .isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(restored.restoreSummary().restoreInProgress()).isFalse();
    assertThat(restored.itemCount()).isEqualTo(2);
    assertThat(restored.streamSpecification()).isNull();
    assertThat(scan(client, "copy"))
        .extracting(i -> i.get("song").s())
        .containsExactlyInAnyOrder("one", "two");
    assertThat(
            client
                .query(
                    b ->
                        b.tableName("copy")
                            .indexName("byGenre")
                            .keyConditionExpression("genre = :g")
                            .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("rock"))))
                .count())
        .isEqualTo(2);
    assertThat(client.describeTable(b -> b.tableName("copy")).table().restoreSummary())
        .isEqualTo(restored.restoreSummary());
  }

  @Test
  void overridesChangeBillingAndIndexes() {
    music(db, "music");
    song(db, "music", "a", "one");
    String arn =
        db.createBackup(b -> b.tableName("music").backupName("bk1")).backupDetails().backupArn();
    TableDescription restored =
        db.restoreTableFromBackup(
                b ->
                    b.targetTableName("provisioned")
                        .backupArn(arn)
                        .billingModeOverride(BillingMode.PROVISIONED)
                        .provisionedThroughputOverride(
                            p -> p.readCapacityUnits(7L).writeCapacityUnits(3L))
                        .globalSecondaryIndexOverride(List.of()))
            .tableDescription();
    assertThat(restored.provisionedThroughput().readCapacityUnits()).isEqualTo(7);
    assertThat(restored.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
    assertThat(restored.globalSecondaryIndexes()).isEmpty();
    assertThat(restored.attributeDefinitions())
        .extracting(a -> a.attributeName())
        .containsExactlyInAnyOrder("artist", "song");
    assertThat(scan(db, "provisioned")).hasSize(1);
  }

  @Test
  void listBackupsFiltersByTableTimeAndTypeAndPages() {
    music(db, "music");
    music(db, "other");
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      arns.add(
          db.createBackup(b -> b.tableName("music").backupName("month" + n))
              .backupDetails()
              .backupArn());
      clock.advance(Duration.ofMinutes(1));
    }
    String other =
        db.createBackup(b -> b.tableName("other").backupName("oth1")).backupDetails().backupArn();
    assertThat(db.listBackups(b -> {}).backupSummaries()).hasSize(4);
    assertThat(db.listBackups(b -> b.tableName("music")).backupSummaries())
        .extracting(BackupSummary::backupArn)
        .containsExactlyElementsOf(arns);
    assertThat(
            db.listBackups(
                    b ->
                        b.timeRangeLowerBound(START.plus(Duration.ofMinutes(1)))
                            .timeRangeUpperBound(START.plus(Duration.ofMinutes(3))))
                .backupSummaries())
        .extracting(BackupSummary::backupArn)
        .containsExactly(arns.get(1), arns.get(2));
    assertThat(db.listBackups(b -> b.backupType("SYSTEM")).backupSummaries()).isEmpty();
    assertThat(db.listBackups(b -> b.backupType("ALL")).backupSummaries()).hasSize(4);
    ListBackupsResponse first = db.listBackups(b -> b.tableName("music").limit(2));
    assertThat(first.backupSummaries()).hasSize(2);
    assertThat(first.lastEvaluatedBackupArn()).isEqualTo(arns.get(1));
    ListBackupsResponse second =
        db.listBackups(
            b ->
                b.tableName("music")
                    .limit(2)
                    .exclusiveStartBackupArn(first.lastEvaluatedBackupArn()));
    assertThat(second.backupSummaries())
        .extracting(BackupSummary::backupArn)
        .containsExactly(arns.get(2));
    assertThat(second.lastEvaluatedBackupArn()).isNull();
    BackupSummary summary = db.listBackups(b -> b.tableName("other")).backupSummaries().get(0);
    assertThat(summary.backupArn()).isEqualTo(other);
    assertThat(summary.tableName()).isEqualTo("other");
    assertThat(summary.backupName()).isEqualTo("oth1");
  }

  @Test
  void deletedBackupsAreGoneAndTablesDeletedKeepTheirBackups() {
    music(db, "music");
    song(db, "music", "a", "one");
    String arn =
        db.createBackup(b -> b.tableName("music").backupName("keep")).backupDetails().backupArn();
    db.deleteTable(b -> b.tableName("music"));
    assertThat(db.listBackups(b -> {}).backupSummaries()).hasSize(1);
    db.restoreTableFromBackup(b -> b.targetTableName("music").backupArn(arn));
    assertThat(scan(db, "music")).hasSize(1);
    BackupDescription deleted = db.deleteBackup(b -> b.backupArn(arn)).backupDescription();
    assertThat(deleted.backupDetails().backupStatus()).isEqualTo(BackupStatus.DELETED);
    assertThatThrownBy(() -> db.describeBackup(b -> b.backupArn(arn)))
        .isInstanceOf(BackupNotFoundException.class)
        .hasMessageStartingWith("Backup not found: " + arn);
    assertThatThrownBy(() -> db.deleteBackup(b -> b.backupArn(arn)))
        .isInstanceOf(BackupNotFoundException.class);
    assertThat(db.listBackups(b -> {}).backupSummaries()).isEmpty();
  }

  @Test
  void badRequestsAreRefusedAsTheApiReferenceSays() {
    music(db, "music");
    assertThatThrownBy(() -> db.createBackup(b -> b.tableName("nope").backupName("bk1")))
        .isInstanceOf(TableNotFoundException.class)
        .hasMessageStartingWith("Table not found: nope");
    validation(
        () -> db.createBackup(b -> b.tableName("music").backupName("ab")),
        "1 validation error detected: Value 'ab' at 'backupName' failed to satisfy constraint:"
            + " Member must have length greater than or equal to 3");
    validation(
        () -> db.createBackup(b -> b.tableName("music").backupName("with space")),
        "1 validation error detected: Value 'with space' at 'backupName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    validation(
        () -> db.createBackup(b -> b.tableName("music")),
        "Value null at 'backupName' failed to satisfy constraint: Member must not be null");
    validation(
        () -> db.describeBackup(b -> b.backupArn("short")),
        "1 validation error detected: Value 'short' at 'backupArn' failed to satisfy constraint:"
            + " Member must have length greater than or equal to 37");
    validation(
        () -> db.listBackups(b -> b.limit(0)),
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member"
            + " must have value greater than or equal to 1");
    validation(
        () -> db.listBackups(b -> b.limit(101)),
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member"
            + " must have value less than or equal to 100");
    String arn =
        db.createBackup(b -> b.tableName("music").backupName("bk1")).backupDetails().backupArn();
    assertThatThrownBy(
            () -> db.restoreTableFromBackup(b -> b.targetTableName("music").backupArn(arn)))
        .isInstanceOf(TableAlreadyExistsException.class)
        .hasMessageStartingWith("Table already exists: music");
    assertThatThrownBy(
            () -> db.restoreTableFromBackup(b -> b.targetTableName("x1y").backupArn(arn + "0")))
        .isInstanceOf(BackupNotFoundException.class);
  }

  private static void validation(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
        .hasMessageStartingWith(message);
  }

  /**
   * Transfers between accounts run on other threads while backups are taken and the table is
   * restored to the latest instant: every copy holds the same total, so none holds half a
   * transaction or an item from before and after one write.
   */
  @Test
  void aBackupIsOneInstantOfTheTableWhileWritersGoOn() throws Exception {
    db.createTable(
        b ->
            b.tableName("accounts")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType("N"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
    int accounts = 50;
    for (int i = 0; i < accounts; i++) {
      int id = i;
      db.putItem(
          b ->
              b.tableName("accounts")
                  .item(
                      Map.of(
                          "id",
                          AttributeValue.fromN("" + id),
                          "balance",
                          AttributeValue.fromN("100"))));
    }
    db.updateContinuousBackups(
        b ->
            b.tableName("accounts")
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      Thread writer =
          new Thread(
              () -> {
                while (!stop.get()) {
                  int from = ThreadLocalRandom.current().nextInt(accounts);
                  int to =
                      (from + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
                  try {
                    db.transactWriteItems(b -> b.transactItems(move(from, -1), move(to, 1)));
                  } catch (DynamoDbException conflict) {
                    // A transaction conflict: the next one goes on.
                  }
                }
              });
      writer.start();
      writers.add(writer);
    }
    try {
      for (int i = 0; i < 20; i++) {
        int n = i;
        String arn =
            db.createBackup(b -> b.tableName("accounts").backupName("bk" + n))
                .backupDetails()
                .backupArn();
        if (n % 2 == 0) {
          db.restoreTableFromBackup(b -> b.targetTableName("restored" + n).backupArn(arn));
        } else {
          db.restoreTableToPointInTime(
              b ->
                  b.sourceTableName("accounts")
                      .targetTableName("restored" + n)
                      .useLatestRestorableTime(true));
        }
        List<Map<String, AttributeValue>> items = scan(db, "restored" + n);
        assertThat(items).hasSize(accounts);
        assertThat(items.stream().mapToLong(item -> Long.parseLong(item.get("balance").n())).sum())
            .isEqualTo(100L * accounts);
        db.deleteTable(b -> b.tableName("restored" + n));
      }
    } finally {
      stop.set(true);
      for (Thread writer : writers) {
        writer.join();
      }
    }
  }

  private static TransactWriteItem move(int account, int amount) {
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName("accounts")
                    .key(Map.of("id", AttributeValue.fromN("" + account)))
                    .updateExpression("SET balance = balance + :a")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("" + amount))))
        .build();
  }

  @Test
  void aDurableEngineKeepsItsBackups(@TempDir Path dir) {
    String arn;
    try (DynakitEngine durable = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      music(durable.client(), "music");
      song(durable.client(), "music", "a", "one");
      arn =
          durable
              .client()
              .createBackup(b -> b.tableName("music").backupName("kept"))
              .backupDetails()
              .backupArn();
      String gone =
          durable
              .client()
              .createBackup(b -> b.tableName("music").backupName("gone"))
              .backupDetails()
              .backupArn();
      durable.client().deleteBackup(b -> b.backupArn(gone));
    }
    try (DynakitEngine durable = DynakitEngine.builder().dataDir(dir).clock(clock).build()) {
      assertThat(durable.client().listBackups(b -> {}).backupSummaries())
          .extracting(BackupSummary::backupArn)
          .containsExactly(arn);
      durable.client().restoreTableFromBackup(b -> b.targetTableName("again").backupArn(arn));
      assertThat(scan(durable.client(), "again")).hasSize(1);
    }
  }

  @Test
  void dynamoDbLocalHasNoBackups() {
    AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
    try {
      DynamoDbClient reference = local.dynamoDbClient();
      music(reference, "music");
      assertThatThrownBy(() -> reference.createBackup(b -> b.tableName("music").backupName("bk1")))
          .isInstanceOf(DynamoDbException.class)
          .satisfies(
              e ->
                  assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                      .isEqualTo("UnknownOperationException"));
    } finally {
      local.shutdownNow();
    }
  }
}
