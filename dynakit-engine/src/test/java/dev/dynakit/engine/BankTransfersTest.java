package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.ConcurrentRuns.Budget;
import dev.dynakit.engine.ConcurrentRuns.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Money moving between accounts with TransactWriteItems while other threads read every account with
 * TransactGetItems, and another writes accounts back on condition that they did not change: the
 * total never changes, no reader sees a transfer half made, no balance goes below zero, and at the
 * end each balance is exactly what the committed transfers make it. Accounts live in one table, in
 * two tables, or in a table whose global secondary index is keyed on the balance, so that index
 * entries move under contention; that index is also created while the transfers run, filled from
 * the table while writers wait.
 */
class BankTransfersTest {
  private static final int ACCOUNTS = 40;
  private static final long OPENING_BALANCE = 100;
  private static final long TOTAL = ACCOUNTS * OPENING_BALANCE;
  private static final int WRITERS = 4;
  private static final int READERS = 2;
  private static final int REWRITERS = 1;
  private static final int SHORT_RUN_TRANSFERS = 50;
  private static final String INDEX = "byBranch";
  private static final int BRANCHES = 4;

  @RegisterExtension
  static final DeadlockWatchdog WATCHDOG = DeadlockWatchdog.within(ConcurrentRuns.WATCHDOG_BOUND);

  @TempDir Path dir;

  /** Where the accounts live. */
  enum Layout {
    ONE_TABLE,
    TWO_TABLES,
    INDEXED_BALANCE,
    INDEX_ADDED_DURING_RUN;

    boolean indexed() {
      return this == INDEXED_BALANCE || this == INDEX_ADDED_DURING_RUN;
    }

    String table(int account) {
      return this == TWO_TABLES && account % 2 == 1 ? "savings" : "accounts";
    }

    List<String> tables() {
      return this == TWO_TABLES ? List.of("accounts", "savings") : List.of("accounts");
    }
  }

  /** Every engine with every layout. */
  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (Target target : Target.values()) {
      for (Layout layout : Layout.values()) {
        runs.add(Arguments.of(target, layout));
      }
    }
    return runs.stream();
  }

  /** The short runs: over HTTP only the one table, as the layouts do not change the protocol. */
  static Stream<Arguments> shortRuns() {
    return runs().filter(a -> a.get()[0] != Target.OVER_HTTP || a.get()[1] == Layout.ONE_TABLE);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("shortRuns")
  void transfersConserveMoneyAndAreNeverSeenHalfMade(Target target, Layout layout)
      throws Exception {
    run(target, layout, Budget.operations(SHORT_RUN_TRANSFERS));
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("runs")
  void transfersConserveMoneyForMinutes(Target target, Layout layout) throws Exception {
    run(target, layout, Budget.seconds(ConcurrentRuns.LONG_RUN_SECONDS));
  }

  /** What a run counted. */
  private static final class Tally {
    final LongAdder committed = new LongAdder();
    final Map<String, LongAdder> cancelledBy = new ConcurrentHashMap<>();
    final LongAdder snapshots = new LongAdder();
    final LongAdder rewritten = new LongAdder();
    final LongAdder rewritesRefused = new LongAdder();
    final List<String> anomalies = Collections.synchronizedList(new ArrayList<>());
    // What the committed transfers did to each account.
    final AtomicLongArray moved = new AtomicLongArray(ACCOUNTS);

    long cancelled() {
      return cancelledBy.values().stream().mapToLong(LongAdder::sum).sum();
    }
  }

  private void run(Target target, Layout layout, Budget budget) throws Exception {
    String run = "BankTransfers " + target + " " + layout;
    ConcurrentRuns.announce(run);
    Map<Integer, Long> expected = new TreeMap<>();
    try (DynakitEngine engine = target.open(dir)) {
      DynamoDbClient client = target.client(engine);
      open(client, layout);
      Tally tally = new Tally();
      CountDownLatch writing = new CountDownLatch(WRITERS);
      ConcurrentRuns.together(
          WRITERS + READERS + REWRITERS,
          thread -> {
            if (thread < WRITERS) {
              try {
                boolean addsIndex = thread == 0 && layout == Layout.INDEX_ADDED_DURING_RUN;
                transfer(client, layout, ConcurrentRuns.random(thread), budget, tally, addsIndex);
              } finally {
                writing.countDown();
              }
            } else if (thread < WRITERS + READERS) {
              do {
                readAll(client, layout, tally);
              } while (writing.getCount() > 0);
            } else {
              Random random = ConcurrentRuns.random(thread);
              do {
                rewrite(client, layout, random, tally);
              } while (writing.getCount() > 0);
            }
          });

      assertThat(tally.anomalies).as("%s, seed %d", run, ConcurrentRuns.SEED).isEmpty();
      for (int account = 0; account < ACCOUNTS; account++) {
        expected.put(account, OPENING_BALANCE + tally.moved.get(account));
      }
      verify(engine, client, layout, expected, run);
      assertThat(tally.committed.sum()).isPositive();
      assertThat(tally.snapshots.sum()).isPositive();
      System.out.printf(
          "%s: %d transfers committed, %d cancelled %s, %d TransactGetItems snapshots of %d"
              + " accounts checked, %d conditional rewrites applied and %d refused, anomalies %d%n",
          run,
          tally.committed.sum(),
          tally.cancelled(),
          tally.cancelledBy,
          tally.snapshots.sum(),
          ACCOUNTS,
          tally.rewritten.sum(),
          tally.rewritesRefused.sum(),
          tally.anomalies.size());
    }
    if (target == Target.DURABLE) {
      // What was acknowledged is what a reopened engine holds, counts included.
      try (DynakitEngine reopened = target.open(dir)) {
        verify(reopened, reopened.client(), layout, expected, run + ", reopened");
      }
    }
  }

  /** The balances by Scan and through the index, and the item counts, after a run. */
  private static void verify(
      DynakitEngine engine,
      DynamoDbClient client,
      Layout layout,
      Map<Integer, Long> expected,
      String run) {
    assertThat(scan(client, layout)).as("balances after %s", run).isEqualTo(expected);
    if (layout.indexed()) {
      assertThat(indexed(client)).as("index entries after %s", run).isEqualTo(expected);
    }
    for (String table : layout.tables()) {
      TableDescription description = engine.client().describeTable(b -> b.tableName(table)).table();
      assertThat(description.itemCount())
          .as("items in %s after %s", table, run)
          .isEqualTo(layout == Layout.TWO_TABLES ? ACCOUNTS / 2 : ACCOUNTS);
      if (layout.indexed()) {
        assertThat(description.globalSecondaryIndexes().get(0).itemCount())
            .as("index entries counted after %s", run)
            .isEqualTo(ACCOUNTS);
      }
    }
  }

  /**
   * Reads an account and writes it back unchanged but for a counter, on condition that its balance
   * is still the one read: by PutItem, or by UpdateItem. Were a condition checked apart from its
   * write, a transfer committed in between would be undone and money made or lost.
   */
  private static void rewrite(DynamoDbClient client, Layout layout, Random random, Tally tally) {
    int account = random.nextInt(4) == 0 ? 0 : random.nextInt(ACCOUNTS);
    String table = layout.table(account);
    Map<String, AttributeValue> item =
        client.getItem(b -> b.tableName(table).key(key(account)).consistentRead(true)).item();
    Map<String, AttributeValue> values = Map.of(":seen", item.get("balance"));
    try {
      if (random.nextBoolean()) {
        Map<String, AttributeValue> again = new HashMap<>(item);
        long rewrites = item.containsKey("rewrites") ? Long.parseLong(item.get("rewrites").n()) : 0;
        again.put("rewrites", AttributeValue.fromN(Long.toString(rewrites + 1)));
        client.putItem(
            b ->
                b.tableName(table)
                    .item(again)
                    .conditionExpression("balance = :seen")
                    .expressionAttributeValues(values));
      } else {
        client.updateItem(
            b ->
                b.tableName(table)
                    .key(key(account))
                    .updateExpression("SET balance = :seen ADD rewrites :one")
                    .conditionExpression("balance = :seen")
                    .expressionAttributeValues(
                        Map.of(":seen", item.get("balance"), ":one", AttributeValue.fromN("1"))));
      }
      tally.rewritten.increment();
    } catch (ConditionalCheckFailedException moved) {
      tally.rewritesRefused.increment();
    }
  }

  private static void open(DynamoDbClient client, Layout layout) {
    for (String table : layout.tables()) {
      client.createTable(
          b -> {
            b.tableName(table).billingMode("PAY_PER_REQUEST");
            b.keySchema(k -> k.attributeName("id").keyType("HASH"));
            if (layout == Layout.INDEXED_BALANCE) {
              b.attributeDefinitions(ATTRIBUTES);
              b.globalSecondaryIndexes(
                  i -> i.indexName(INDEX).keySchema(INDEX_KEYS).projection(ALL));
            } else {
              b.attributeDefinitions(a -> a.attributeName("id").attributeType("S"));
            }
          });
    }
    for (int account = 0; account < ACCOUNTS; account++) {
      Map<String, AttributeValue> item = new HashMap<>(key(account));
      item.put("balance", AttributeValue.fromN(Long.toString(OPENING_BALANCE)));
      item.put("branch", AttributeValue.fromS("branch" + account % BRANCHES));
      String table = layout.table(account);
      client.putItem(b -> b.tableName(table).item(item));
    }
  }

  private static final List<AttributeDefinition> ATTRIBUTES =
      List.of(
          AttributeDefinition.builder().attributeName("id").attributeType("S").build(),
          AttributeDefinition.builder().attributeName("branch").attributeType("S").build(),
          AttributeDefinition.builder().attributeName("balance").attributeType("N").build());
  private static final List<KeySchemaElement> INDEX_KEYS =
      List.of(
          KeySchemaElement.builder().attributeName("branch").keyType("HASH").build(),
          KeySchemaElement.builder().attributeName("balance").keyType("RANGE").build());
  private static final Projection ALL =
      Projection.builder().projectionType(ProjectionType.ALL).build();
  private static final int TRANSFERS_BEFORE_INDEX = 10;

  /** Creates the index on the balance while other threads move money. */
  private static void addIndex(DynamoDbClient client) {
    client.updateTable(
        b ->
            b.tableName("accounts")
                .attributeDefinitions(ATTRIBUTES)
                .globalSecondaryIndexUpdates(
                    u -> u.create(c -> c.indexName(INDEX).keySchema(INDEX_KEYS).projection(ALL))));
  }

  private static Map<String, AttributeValue> key(int account) {
    return Map.of("id", AttributeValue.fromS(String.format("account%03d", account)));
  }

  private static int account(Map<String, AttributeValue> item) {
    return Integer.parseInt(item.get("id").s().substring("account".length()));
  }

  private static long balance(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get("balance").n());
  }

  /**
   * Random transfers: the source must hold the amount (amounts run up to one and a half opening
   * balances, so some transfers are refused). One transfer in four is from or to the first account,
   * so that requests meet on one item all the time.
   */
  private static void transfer(
      DynamoDbClient client,
      Layout layout,
      Random random,
      Budget budget,
      Tally tally,
      boolean addsIndex) {
    for (long done = 0; budget.more(done); done++) {
      if (addsIndex && done == TRANSFERS_BEFORE_INDEX) {
        addIndex(client);
      }
      int one = random.nextInt(4) == 0 ? 0 : random.nextInt(ACCOUNTS);
      int other = (one + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      boolean outgoing = random.nextBoolean();
      int from = outgoing ? one : other;
      int to = outgoing ? other : one;
      long amount = 1 + random.nextInt((int) OPENING_BALANCE * 3 / 2);
      Map<String, AttributeValue> values = Map.of(":amount", AttributeValue.fromN("" + amount));
      try {
        client.transactWriteItems(
            b ->
                b.transactItems(
                    TransactWriteItem.builder()
                        .update(
                            u ->
                                u.tableName(layout.table(from))
                                    .key(key(from))
                                    .updateExpression("SET balance = balance - :amount")
                                    .conditionExpression("balance >= :amount")
                                    .expressionAttributeValues(values))
                        .build(),
                    TransactWriteItem.builder()
                        .update(
                            u ->
                                u.tableName(layout.table(to))
                                    .key(key(to))
                                    .updateExpression("SET balance = balance + :amount")
                                    .expressionAttributeValues(values))
                        .build()));
        tally.moved.addAndGet(from, -amount);
        tally.moved.addAndGet(to, amount);
        tally.committed.increment();
      } catch (TransactionCanceledException e) {
        List<String> codes =
            e.cancellationReasons().stream().map(CancellationReason::code).toList();
        boolean refused = codes.equals(List.of("ConditionalCheckFailed", "None"));
        boolean conflict = codes.contains("TransactionConflict");
        if (!refused && !conflict) {
          tally.anomalies.add("transfer cancelled for reasons " + codes);
        }
        tally
            .cancelledBy
            .computeIfAbsent(
                refused ? "ConditionalCheckFailed" : "TransactionConflict", k -> new LongAdder())
            .increment();
      }
    }
  }

  /** One TransactGetItems of every account: the total and the balances must add up. */
  private static void readAll(DynamoDbClient client, Layout layout, Tally tally) {
    List<TransactGetItem> gets = new ArrayList<>();
    for (int account = 0; account < ACCOUNTS; account++) {
      int a = account;
      gets.add(
          TransactGetItem.builder().get(g -> g.tableName(layout.table(a)).key(key(a))).build());
    }
    List<ItemResponse> responses = client.transactGetItems(b -> b.transactItems(gets)).responses();
    long total = 0;
    for (int account = 0; account < ACCOUNTS; account++) {
      Map<String, AttributeValue> item = responses.get(account).item();
      if (item == null || account(item) != account) {
        tally.anomalies.add("snapshot lost account " + account + ": " + item);
        return;
      }
      if (balance(item) < 0) {
        tally.anomalies.add("snapshot shows account " + account + " overdrawn: " + item);
      }
      total += balance(item);
    }
    if (total != TOTAL) {
      tally.anomalies.add("snapshot totals " + total + " instead of " + TOTAL);
    }
    tally.snapshots.increment();
  }

  /** Every account's balance by a consistent Scan of the tables. */
  private static Map<Integer, Long> scan(DynamoDbClient client, Layout layout) {
    Map<Integer, Long> balances = new TreeMap<>();
    for (String table : layout.tables()) {
      client
          .scanPaginator(b -> b.tableName(table).consistentRead(true))
          .items()
          .forEach(item -> assertThat(balances.put(account(item), balance(item))).isNull());
    }
    return balances;
  }

  /** Every account's balance as the index holds it, branch by branch. */
  private static Map<Integer, Long> indexed(DynamoDbClient client) {
    Map<Integer, Long> balances = new TreeMap<>();
    for (int branch = 0; branch < BRANCHES; branch++) {
      String name = "branch" + branch;
      client
          .queryPaginator(
              b ->
                  b.tableName("accounts")
                      .indexName(INDEX)
                      .keyConditionExpression("branch = :b")
                      .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(name))))
          .items()
          .forEach(item -> assertThat(balances.put(account(item), balance(item))).isNull());
    }
    return balances;
  }

  /**
   * Transfers under a ClientRequestToken, each sent by every thread at once (a client retrying
   * while its first attempt may still be running): each is applied exactly once, and every attempt
   * is answered as a success.
   */
  @ParameterizedTest
  @EnumSource(Target.class)
  void aTransferRetriedConcurrentlyUnderOneTokenIsAppliedOnce(Target target) throws Exception {
    idempotent(target, 100);
  }

  @Tag("slow")
  @ParameterizedTest
  @EnumSource(Target.class)
  void transfersRetriedUnderTokensForMinutesAreAppliedOnce(Target target) throws Exception {
    idempotent(target, 60 * ConcurrentRuns.LONG_RUN_SECONDS);
  }

  private void idempotent(Target target, long transfers) throws Exception {
    String run = "IdempotentTransfers " + target;
    ConcurrentRuns.announce(run);
    Random random = ConcurrentRuns.random(-1);
    record Transfer(String token, int from, int to, long amount) {}
    List<Transfer> planned = new ArrayList<>();
    long[] expected = new long[ACCOUNTS];
    java.util.Arrays.fill(expected, OPENING_BALANCE);
    for (int i = 0; i < transfers; i++) {
      int from = random.nextInt(ACCOUNTS);
      int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + random.nextInt(10);
      planned.add(new Transfer("transfer-" + i, from, to, amount));
      expected[from] -= amount;
      expected[to] += amount;
    }
    AtomicLong sent = new AtomicLong();
    // Every thread sends each transfer at the same moment as the others.
    Phaser together = new Phaser(WRITERS);
    try (DynakitEngine engine = target.open(dir)) {
      DynamoDbClient client = target.client(engine);
      open(client, Layout.ONE_TABLE);
      ConcurrentRuns.together(
          WRITERS,
          thread -> {
            try {
              for (Transfer t : planned) {
                together.arriveAndAwaitAdvance();
                Map<String, AttributeValue> values =
                    Map.of(":amount", AttributeValue.fromN("" + t.amount()));
                // No condition: every attempt would apply, were the token not remembered.
                client.transactWriteItems(
                    b ->
                        b.clientRequestToken(t.token())
                            .transactItems(
                                TransactWriteItem.builder()
                                    .update(
                                        u ->
                                            u.tableName("accounts")
                                                .key(key(t.from()))
                                                .updateExpression("SET balance = balance - :amount")
                                                .expressionAttributeValues(values))
                                    .build(),
                                TransactWriteItem.builder()
                                    .update(
                                        u ->
                                            u.tableName("accounts")
                                                .key(key(t.to()))
                                                .updateExpression("SET balance = balance + :amount")
                                                .expressionAttributeValues(values))
                                    .build()));
                sent.incrementAndGet();
              }
            } finally {
              // the others go on without this thread, should it fail
              together.arriveAndDeregister();
            }
          });
      Map<Integer, Long> balances = new TreeMap<>();
      for (int account = 0; account < ACCOUNTS; account++) {
        balances.put(account, expected[account]);
      }
      assertThat(sent.get()).isEqualTo(WRITERS * transfers);
      assertThat(scan(client, Layout.ONE_TABLE))
          .as("%s, seed %d", run, ConcurrentRuns.SEED)
          .isEqualTo(balances);
      System.out.printf(
          "%s: %d transfers under tokens, %d requests sent, each applied once%n",
          run, transfers, sent.get());
    }
  }
}
