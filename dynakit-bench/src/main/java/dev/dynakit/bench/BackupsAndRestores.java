package dev.dynakit.bench;

import dev.dynakit.engine.DynakitEngine;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Backups and restores on the engine (in-process client, in memory): the time to back up, restore
 * from the backup, and restore to the latest instant a table of N items of ~100 bytes; and what a
 * backup costs writers: PutItem ops/s of one writer with no backup running, and while another
 * thread backs the table up (and deletes the backup) again and again, in alternating rounds. There
 * is no peer: DynamoDB Local has no backups; the writers' ratio compares the engine with itself.
 *
 * <p>Run: {@code mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests
 * -Dbench.main=dev.dynakit.bench.BackupsAndRestores [-Dbench.args=--quick]}.
 */
public final class BackupsAndRestores {
  /**
   * Sizes of one run.
   *
   * @param items items in the table
   * @param rounds timed backups and restores, and writer rounds per mode
   * @param roundMillis duration of a writer round
   */
  record Config(int items, int rounds, long roundMillis) {
    static Config full() {
      return new Config(1_000_000, 3, 3_000);
    }

    static Config quick() {
      return new Config(100_000, 1, 1_000);
    }
  }

  private static final String TABLE = "backed_up";
  private static final AttributeValue BODY = AttributeValue.fromS("x".repeat(80));

  private BackupsAndRestores() {}

  public static void main(String[] args) {
    Config config = Arrays.asList(args).contains("--quick") ? Config.quick() : Config.full();
    System.out.println(run(config, System.err));
  }

  static String run(Config config, PrintStream progress) {
    StringBuilder out = new StringBuilder();
    out.append("# Backups and restores on the engine (in-process client, in memory)\n\n");
    out.append(SideBySide.format("Load average before: %s%n%n", SideBySide.loadAverage()));
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient db = engine.client();
      db.createTable(
          b ->
              b.tableName(TABLE)
                  .billingMode("PAY_PER_REQUEST")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH")));
      db.updateContinuousBackups(
          b ->
              b.tableName(TABLE)
                  .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
      progress.println("loading " + config.items() + " items");
      long load = timed(() -> load(db, config.items()));
      double[] backup = new double[config.rounds()];
      double[] restore = new double[config.rounds()];
      double[] pointInTime = new double[config.rounds()];
      for (int round = 0; round < config.rounds(); round++) {
        int n = round;
        progress.println("backup and restores, round " + (round + 1));
        String[] arn = new String[1];
        backup[round] =
            timed(
                    () ->
                        arn[0] =
                            db.createBackup(b -> b.tableName(TABLE).backupName("round" + n))
                                .backupDetails()
                                .backupArn())
                / 1e3;
        restore[round] =
            timed(() -> db.restoreTableFromBackup(b -> b.targetTableName("copy").backupArn(arn[0])))
                / 1e3;
        SideBySide.check(
            db.describeTable(b -> b.tableName("copy")).table().itemCount() == config.items());
        db.deleteTable(b -> b.tableName("copy"));
        db.deleteBackup(b -> b.backupArn(arn[0]));
        pointInTime[round] =
            timed(
                    () ->
                        db.restoreTableToPointInTime(
                            b ->
                                b.sourceTableName(TABLE)
                                    .targetTableName("copy")
                                    .useLatestRestorableTime(true)))
                / 1e3;
        db.deleteTable(b -> b.tableName("copy"));
      }
      out.append(
          SideBySide.format("| Step, %,d items of ~100 bytes | seconds |%n", config.items()));
      out.append("|---|---|\n");
      out.append(SideBySide.format("| load (BatchWriteItem of 25) | %.1f |%n", load / 1e3));
      out.append(SideBySide.format("| CreateBackup | %.1f |%n", SideBySide.median(backup)));
      out.append(
          SideBySide.format("| RestoreTableFromBackup | %.1f |%n", SideBySide.median(restore)));
      out.append(
          SideBySide.format(
              "| RestoreTableToPointInTime (latest) | %.1f |%n", SideBySide.median(pointInTime)));
      double[] idle = new double[config.rounds()];
      double[] busy = new double[config.rounds()];
      for (int round = 0; round < config.rounds(); round++) {
        progress.println("writers, round " + (round + 1));
        idle[round] = writes(db, config, false);
        busy[round] = writes(db, config, true);
      }
      double quiet = SideBySide.median(idle);
      double backingUp = SideBySide.median(busy);
      out.append("\n| Writer, PutItem, 1 thread | ops/s |\n|---|---|\n");
      out.append(SideBySide.format("| no backup running | %,.0f |%n", quiet));
      out.append(SideBySide.format("| backups running back to back | %,.0f |%n", backingUp));
      out.append(SideBySide.format("| with ÷ without | %.2f× |%n", backingUp / quiet));
      out.append(
          "\nMedians of "
              + config.rounds()
              + " rounds. On 2 cores the backing-up thread and the writer share the machine, so"
              + " some of the writers' loss is CPU, not waiting: a backup holds every item lock only"
              + " for the instant it begins.\n\n");
    }
    out.append(SideBySide.format("Load average after: %s%n", SideBySide.loadAverage()));
    return out.toString();
  }

  private static void load(DynamoDbClient db, int items) {
    List<WriteRequest> batch = new ArrayList<>(25);
    for (int i = 0; i < items; i++) {
      int n = i;
      batch.add(
          WriteRequest.builder()
              .putRequest(p -> p.item(Map.of("id", AttributeValue.fromS("item" + n), "body", BODY)))
              .build());
      if (batch.size() == 25 || i == items - 1) {
        List<WriteRequest> requests = List.copyOf(batch);
        db.batchWriteItem(b -> b.requestItems(Map.of(TABLE, requests)));
        batch.clear();
      }
    }
  }

  private static double writes(DynamoDbClient db, Config config, boolean backingUp) {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger backups = new AtomicInteger();
    Thread backer =
        new Thread(
            () -> {
              while (!stop.get()) {
                String arn =
                    db.createBackup(
                            b -> b.tableName(TABLE).backupName("busy" + backups.incrementAndGet()))
                        .backupDetails()
                        .backupArn();
                db.deleteBackup(b -> b.backupArn(arn));
              }
            });
    if (backingUp) {
      backer.start();
    }
    try {
      return SideBySide.callsPerSecond(
          n -> {
            int key = ThreadLocalRandom.current().nextInt(config.items());
            db.putItem(
                b ->
                    b.tableName(TABLE)
                        .item(Map.of("id", AttributeValue.fromS("item" + key), "body", BODY)));
          },
          config.roundMillis());
    } finally {
      stop.set(true);
      if (backingUp) {
        try {
          backer.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static long timed(Runnable step) {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
