package dev.dynakit.engine;

import static dev.dynakit.engine.IndexTablesTest.all;
import static dev.dynakit.engine.IndexTablesTest.definitions;
import static dev.dynakit.engine.IndexTablesTest.gsi;
import static dev.dynakit.engine.IndexTablesTest.hash;
import static dev.dynakit.engine.IndexTablesTest.lsi;
import static dev.dynakit.engine.IndexTablesTest.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.TransactionsTest.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Items deleted by time to live, driven by the engine's clock: which items expire (a number of
 * epoch seconds before now, not more than five years before), that their index entries go with
 * them, that a renewed item stays, that a durable engine keeps its tables' time to live, and how
 * the background passes start and stop.
 */
class ExpiryTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final long SECONDS = NOW.getEpochSecond();

  @TempDir Path dir;

  /** Runs passes only when the test says, and records how it was asked to. */
  static final class ManualScheduler implements Expirer.Scheduler {
    final List<Duration> intervals = new ArrayList<>();
    Runnable pass;
    int stopped;

    @Override
    public Runnable every(Duration interval, Runnable pass) {
      intervals.add(interval);
      this.pass = pass;
      return () -> stopped++;
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static AttributeValue n(long value) {
    return n(Long.toString(value));
  }

  /** Table "sessions": pk, sk; a global index on g, a local one on l. */
  private static void createSessions(DynamoDbClient ddb) {
    ddb.createTable(
        b ->
            b.tableName("sessions")
                .attributeDefinitions(definitions("pk", "S", "sk", "S", "g", "S", "l", "S"))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(gsi("byG", all(), hash("g")))
                .localSecondaryIndexes(lsi("byL", all(), hash("pk"), range("l")))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
  }

  /** An item of partition "p" in both indexes, with {@code e} if not null. */
  private static void put(DynamoDbClient ddb, String sk, AttributeValue e) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("p"));
    item.put("sk", s(sk));
    item.put("g", s("G"));
    item.put("l", s(sk));
    if (e != null) {
      item.put("e", e);
    }
    ddb.putItem(b -> b.tableName("sessions").item(item));
  }

  private static void enable(DynamoDbClient ddb, String table, String attribute) {
    ddb.updateTimeToLive(
        b ->
            b.tableName(table)
                .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
  }

  private static List<String> table(DynamoDbClient ddb) {
    return ddb.scan(b -> b.tableName("sessions")).items().stream()
        .map(item -> item.get("sk").s())
        .sorted()
        .toList();
  }

  private static List<String> index(DynamoDbClient ddb, String index) {
    boolean global = index.equals("byG");
    return ddb
        .query(
            b ->
                b.tableName("sessions")
                    .indexName(index)
                    .keyConditionExpression(global ? "g = :v" : "pk = :v")
                    .expressionAttributeValues(Map.of(":v", s(global ? "G" : "p"))))
        .items()
        .stream()
        .map(item -> item.get("sk").s())
        .sorted()
        .toList();
  }

  @Test
  void numbersOfSecondsBeforeNowExpireWithTheirIndexEntries() {
    MutableClock clock = new MutableClock(NOW);
    try (DynakitEngine engine =
        DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build()) {
      DynamoDbClient ddb = engine.client();
      createSessions(ddb);
      put(ddb, "expired", n(SECONDS - 10));
      put(ddb, "a second ago, and a half", n((SECONDS - 2) + ".5"));
      put(ddb, "four years ago", n(NOW.atOffset(ZoneOffset.UTC).minusYears(4).toEpochSecond()));
      put(ddb, "now", n(SECONDS));
      put(ddb, "later", n(SECONDS + 100));
      put(ddb, "six years ago", n(NOW.atOffset(ZoneOffset.UTC).minusYears(6).toEpochSecond()));
      put(ddb, "a string", s(Long.toString(SECONDS - 10)));
      put(ddb, "a number set", AttributeValue.fromNs(List.of(Long.toString(SECONDS - 10))));
      put(ddb, "a list", AttributeValue.fromL(List.of(n(SECONDS - 10))));
      put(ddb, "no attribute", null);

      assertThat(engine.expireNow()).as("time to live is not enabled").isZero();
      enable(ddb, "sessions", "e");
      assertThat(engine.expireNow()).isEqualTo(3);

      List<String> kept =
          List.of(
              "a list",
              "a number set",
              "a string",
              "later",
              "no attribute",
              "now",
              "six years ago");
      assertThat(table(ddb)).isEqualTo(kept);
      assertThat(index(ddb, "byG")).isEqualTo(kept);
      assertThat(index(ddb, "byL")).isEqualTo(kept);
      TableDescription description = ddb.describeTable(b -> b.tableName("sessions")).table();
      assertThat(description.itemCount()).isEqualTo(7);
      assertThat(description.globalSecondaryIndexes().get(0).itemCount()).isEqualTo(7);
      assertThat(description.localSecondaryIndexes().get(0).itemCount()).isEqualTo(7);
      assertThat(engine.expireNow()).as("nothing more has expired").isZero();

      clock.advance(Duration.ofSeconds(101));
      assertThat(engine.expireNow()).isEqualTo(2);
      assertThat(table(ddb)).doesNotContain("now", "later");
      assertThat(index(ddb, "byG")).doesNotContain("now", "later");
      assertThat(index(ddb, "byL")).doesNotContain("now", "later");
      assertThat(ddb.describeTable(b -> b.tableName("sessions")).table().itemCount()).isEqualTo(5);
    }
  }

  @Test
  void anItemWhoseTimeIsMovedOnIsKeptAndADisabledTableKeepsAll() {
    MutableClock clock = new MutableClock(NOW);
    try (DynakitEngine engine =
        DynakitEngine.builder().clock(clock).expiryInterval(Duration.ZERO).build()) {
      DynamoDbClient ddb = engine.client();
      createSessions(ddb);
      enable(ddb, "sessions", "e");
      put(ddb, "renewed", n(SECONDS + 10));
      assertThat(engine.expireNow()).isZero();
      put(ddb, "not renewed", n(SECONDS + 5));
      ddb.updateItem(
          b ->
              b.tableName("sessions")
                  .key(Map.of("pk", s("p"), "sk", s("renewed")))
                  .updateExpression("SET e = :e")
                  .expressionAttributeValues(Map.of(":e", n(SECONDS + 1000))));
      clock.advance(Duration.ofSeconds(20));
      assertThat(engine.expireNow()).isEqualTo(1);
      assertThat(table(ddb)).containsExactly("renewed");

      ddb.updateTimeToLive(
          b ->
              b.tableName("sessions")
                  .timeToLiveSpecification(s -> s.attributeName("e").enabled(false)));
      clock.advance(Duration.ofSeconds(2000));
      assertThat(engine.expireNow()).isZero();
      assertThat(table(ddb)).containsExactly("renewed");

      enable(ddb, "sessions", "other");
      assertThat(engine.expireNow()).as("the attribute is now another").isZero();
      assertThat(table(ddb)).containsExactly("renewed");
    }
  }

  @Test
  void aDurableEngineKeepsTimeToLiveAndExpiresAfterItReopens() {
    MutableClock clock = new MutableClock(NOW);
    ManualScheduler scheduler = new ManualScheduler();
    try (DynakitEngine engine = durable(clock, scheduler)) {
      DynamoDbClient ddb = engine.client();
      createSessions(ddb);
      ddb.createTable(
          b ->
              b.tableName("other")
                  .attributeDefinitions(definitions("pk", "S"))
                  .keySchema(hash("pk"))
                  .billingMode("PAY_PER_REQUEST"));
      enable(ddb, "sessions", "e");
      enable(ddb, "other", "x");
      put(ddb, "soon", n(SECONDS + 60));
      put(ddb, "later", n(SECONDS + 6000));
    }
    clock.advance(Duration.ofSeconds(120));
    ManualScheduler reopened = new ManualScheduler();
    try (DynakitEngine engine = durable(clock, reopened)) {
      DynamoDbClient ddb = engine.client();
      assertThat(reopened.intervals).as("started on reopening").hasSize(1);
      assertThat(ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription())
          .satisfies(
              d -> {
                assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                assertThat(d.attributeName()).isEqualTo("e");
              });
      reopened.pass.run();
      assertThat(table(ddb)).containsExactly("later");
      assertThat(index(ddb, "byG")).containsExactly("later");
      assertThat(index(ddb, "byL")).containsExactly("later");
      ddb.updateTimeToLive(
          b ->
              b.tableName("sessions")
                  .timeToLiveSpecification(s -> s.attributeName("e").enabled(false)));
      ddb.deleteTable(b -> b.tableName("other"));
      ddb.createTable(
          b ->
              b.tableName("other")
                  .attributeDefinitions(definitions("pk", "S"))
                  .keySchema(hash("pk"))
                  .billingMode("PAY_PER_REQUEST"));
    }
    clock.advance(Duration.ofDays(1));
    ManualScheduler again = new ManualScheduler();
    try (DynakitEngine engine = durable(clock, again)) {
      DynamoDbClient ddb = engine.client();
      assertThat(again.intervals).as("no table has time to live").isEmpty();
      for (String table : List.of("sessions", "other")) {
        assertThat(
                ddb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription()
                    .timeToLiveStatus())
            .isEqualTo(TimeToLiveStatus.DISABLED);
      }
      assertThat(engine.expireNow()).isZero();
      assertThat(table(ddb)).containsExactly("later");
      assertThat(ddb.describeTable(b -> b.tableName("sessions")).table().itemCount()).isOne();
    }
  }

  private DynakitEngine durable(MutableClock clock, ManualScheduler scheduler) {
    return DynakitEngine.builder()
        .dataDir(dir)
        .clock(clock)
        .expiryInterval(Duration.ofSeconds(3))
        .expiryScheduler(scheduler)
        .build();
  }

  @Test
  void passesStartWhenATableFirstEnablesTimeToLiveAndStopWithTheEngine() {
    MutableClock clock = new MutableClock(NOW);
    ManualScheduler scheduler = new ManualScheduler();
    DynakitEngine engine =
        DynakitEngine.builder()
            .clock(clock)
            .expiryInterval(Duration.ofSeconds(7))
            .expiryScheduler(scheduler)
            .build();
    DynamoDbClient ddb = engine.client();
    createSessions(ddb);
    put(ddb, "expired", n(SECONDS - 1));
    assertThat(scheduler.intervals).as("no table has time to live yet").isEmpty();
    enable(ddb, "sessions", "e");
    assertThat(scheduler.intervals).containsExactly(Duration.ofSeconds(7));
    ddb.updateTimeToLive(
        b ->
            b.tableName("sessions")
                .timeToLiveSpecification(s -> s.attributeName("e").enabled(false)));
    enable(ddb, "sessions", "e");
    assertThat(scheduler.intervals).as("started once").hasSize(1);

    scheduler.pass.run();
    assertThat(table(ddb)).isEmpty();

    engine.close();
    assertThat(scheduler.stopped).isOne();
    scheduler.pass.run(); // a pass after close ends quietly
    assertThatThrownBy(engine::expireNow).isInstanceOf(IllegalStateException.class);
    engine.close();
    assertThat(scheduler.stopped).isOne();
  }

  @Test
  void anIntervalOfZeroRunsNoPasses() {
    ManualScheduler scheduler = new ManualScheduler();
    try (DynakitEngine engine =
        DynakitEngine.builder()
            .clock(new MutableClock(NOW))
            .expiryInterval(Duration.ZERO)
            .expiryScheduler(scheduler)
            .build()) {
      createSessions(engine.client());
      put(engine.client(), "expired", n(SECONDS - 1));
      enable(engine.client(), "sessions", "e");
      assertThat(scheduler.intervals).isEmpty();
      assertThat(engine.expireNow()).isOne();
    }
    assertThatThrownBy(() -> DynakitEngine.builder().expiryInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expiryInterval must be zero or positive, not PT-1S");
    assertThatThrownBy(() -> DynakitEngine.builder().expiryInterval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("expiryInterval");
  }

  @Test
  void theDaemonThreadRunsPassesUntilStopped() throws InterruptedException {
    CountDownLatch passes = new CountDownLatch(3);
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable stop =
        new Expirer.DaemonThread()
            .every(
                Duration.ofMillis(1),
                () -> {
                  threads.add(Thread.currentThread());
                  passes.countDown();
                });
    assertThat(passes.await(30, TimeUnit.SECONDS)).isTrue();
    stop.run();
    assertThat(threads)
        .allSatisfy(
            thread -> {
              assertThat(thread.getName()).isEqualTo("dynakit-expiry");
              assertThat(thread.isDaemon()).isTrue();
            });
    int ran = threads.size();
    stop.run();
    assertThat(threads).as("no pass after stop returned").hasSize(ran);
  }
}
