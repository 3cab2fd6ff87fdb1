package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * Restores are exact: after a random history of puts, updates, deletes and transactions with the
 * clock moving between them, a point-in-time restore to any instant of it, and a restore of a
 * backup taken along the way, hold exactly what the table held then.
 */
class RestorePropertyTest {
  record Step(int kind, int key, int value, int millis) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 99),
            Arbitraries.integers().between(0, 2_000))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Property(tries = 30)
  void aRestoreHoldsWhatTheTableHeldAtThatInstant(
      @ForAll("histories") List<Step> history, @ForAll("picks") List<Integer> picks) {
    BackupsTest.MovingClock clock =
        new BackupsTest.MovingClock(Instant.parse("2026-07-01T00:00:00Z"));
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build()) {
      DynamoDbClient db = engine.client();
      db.createTable(
          b ->
              b.tableName("ttt")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("k").attributeType("N"))
                  .keySchema(k -> k.attributeName("k").keyType("HASH")));
      db.updateContinuousBackups(
          b ->
              b.tableName("ttt")
                  .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
      List<Instant> instants = new ArrayList<>();
      List<Map<String, String>> states = new ArrayList<>();
      List<String> backups = new ArrayList<>();
      List<Map<String, String>> backedUp = new ArrayList<>();
      instants.add(clock.instant());
      states.add(contents(db, "ttt"));
      for (Step step : history) {
        // A write at instant T is in the table at T: each step writes after the last recorded one.
        clock.advance(Duration.ofMillis(1 + step.millis()));
        apply(db, step);
        instants.add(clock.instant());
        states.add(contents(db, "ttt"));
        if (step.kind() == 4) {
          backups.add(
              db.createBackup(b -> b.tableName("ttt").backupName("step" + backups.size()))
                  .backupDetails()
                  .backupArn());
          backedUp.add(contents(db, "ttt"));
        }
      }
      for (int i = 0; i < picks.size(); i++) {
        int at = picks.get(i) % instants.size();
        String target = "at_" + i;
        db.restoreTableToPointInTime(
            b ->
                b.sourceTableName("ttt").targetTableName(target).restoreDateTime(instants.get(at)));
        assertThat(contents(db, target)).as("restored to step " + at).isEqualTo(states.get(at));
      }
      for (int i = 0; i < backups.size(); i++) {
        String arn = backups.get(i);
        String target = "backup" + i;
        db.restoreTableFromBackup(b -> b.targetTableName(target).backupArn(arn));
        assertThat(contents(db, target)).isEqualTo(backedUp.get(i));
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> picks() {
    return Arbitraries.integers().between(0, 1_000).list().ofMinSize(1).ofMaxSize(4);
  }

  private static void apply(DynamoDbClient db, Step step) {
    Map<String, AttributeValue> key = Map.of("k", AttributeValue.fromN("" + step.key()));
    AttributeValue value = AttributeValue.fromN("" + step.value());
    switch (step.kind()) {
      case 0:
        db.putItem(b -> b.tableName("ttt").item(Map.of("k", key.get("k"), "v", value)));
        break;
      case 1:
        db.updateItem(
            b ->
                b.tableName("ttt")
                    .key(key)
                    .updateExpression("SET v = :v, w = :v")
                    .expressionAttributeValues(Map.of(":v", value)));
        break;
      case 2:
        db.deleteItem(b -> b.tableName("ttt").key(key));
        break;
      default:
        Map<String, AttributeValue> other =
            Map.of("k", AttributeValue.fromN("" + ((step.key() + 1) % 8)));
        db.transactWriteItems(
            b ->
                b.transactItems(
                    t -> t.put(p -> p.tableName("ttt").item(Map.of("k", key.get("k"), "v", value))),
                    t -> t.delete(d -> d.tableName("ttt").key(other))));
    }
  }

  private static Map<String, String> contents(DynamoDbClient db, String table) {
    Map<String, String> items = new TreeMap<>();
    db.scan(b -> b.tableName(table))
        .items()
        .forEach(item -> items.put(item.get("k").n(), item.toString()));
    return items;
  }
}
