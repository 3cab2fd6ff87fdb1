package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * UpdateTimeToLive and DescribeTimeToLive on every target, through a table's time to live states
 * and DynamoDB's refusals, by name and by ARN: the durable target, reopened as it goes, keeps the
 * setting.
 */
class TimeToLiveTest {
  private static final String TABLE = "ttlthings";
  private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/" + TABLE;
  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.withTable(TABLE);
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  private static Outcome update(
      String description, String table, Consumer<TimeToLiveSpecification.Builder> spec) {
    return targets.check(
        description,
        c -> c.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(spec)));
  }

  private static Outcome describe(String description, String table) {
    return targets.check(description, c -> c.describeTimeToLive(b -> b.tableName(table)));
  }

  @Test
  void timeToLiveGoesThroughItsStatesAsOnDynamoDbLocal() {
    describe("a missing table", "missing");
    update("a missing table", "missing", s -> s.attributeName("e").enabled(true));
    assertThat(describe("before any update", TABLE).toString()).contains("DISABLED");
    targets.check("no specification", c -> c.updateTimeToLive(b -> b.tableName(TABLE)));
    update("no attribute name", TABLE, s -> s.enabled(true));
    update("no Enabled", TABLE, s -> s.attributeName("e"));
    update("an empty name", TABLE, s -> s.attributeName("").enabled(true));
    update("a name too long", TABLE, s -> s.attributeName("a".repeat(256)).enabled(true));
    update("disabled already", TABLE, s -> s.attributeName("e").enabled(false));
    assertThat(update("enable", TABLE, s -> s.attributeName("e").enabled(true)).toString())
        .contains("e");
    assertThat(describe("enabled", TABLE).toString()).contains("ENABLED");
    update("enabled already", ARN, s -> s.attributeName("e").enabled(true));
    update("another attribute", TABLE, s -> s.attributeName("f").enabled(true));
    describe("still enabled, by ARN", ARN);
    update("disable by ARN", ARN, s -> s.attributeName("e").enabled(false));
    describe("disabled", TABLE);
    update("enable another attribute at once", TABLE, s -> s.attributeName("f").enabled(true));
    // Past ReopeningEngine.EVERY calls: the durable target has been closed and opened again.
    for (int i = 0; i < ReopeningEngine.EVERY; i++) {
      assertThat(describe("enabled on the other attribute, call " + i, TABLE).toString())
          .contains("ENABLED");
    }
  }
}
