package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * TransactWriteItems and TransactGetItems: every scenario runs on fresh tables on the engine and on
 * Amazon DynamoDB Local, and the responses or errors (type, code, message, cancellation reasons)
 * must be equal. Serializability under contention and the idempotency window (which needs a clock
 * that can be moved) are checked on the engine alone.
 */
class TransactionsTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static int tables;

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk), "sk", n("1"));
  }

  private static Map<String, AttributeValue> item(String pk, String v) {
    return Map.of("pk", s(pk), "sk", n("1"), "v", n(v));
  }

  private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
  }

  private static TransactWriteItem delete(String table, Map<String, AttributeValue> key) {
    return TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build();
  }

  private static TransactWriteItem check(String table, String pk, String condition) {
    return TransactWriteItem.builder()
        .conditionCheck(c -> c.tableName(table).key(key(pk)).conditionExpression(condition))
        .build();
  }

  private static TransactWriteItem update(
      String table, String pk, String expression, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName(table)
                    .key(key(pk))
                    .updateExpression(expression)
                    .expressionAttributeValues(values))
        .build();
  }

  private static TransactWriteItem add(String table, String pk, String amount) {
    return update(table, pk, "ADD v :a", Map.of(":a", n(amount)));
  }

  private static TransactGetItem get(String table, String pk) {
    return TransactGetItem.builder().get(g -> g.tableName(table).key(key(pk))).build();
  }

  /** A scenario: given a client and two fresh tables (pk S, sk N), what it answers. */
  interface Scenario extends BiFunction<DynamoDbClient, Names, Object> {}

  /** The two tables of a scenario. */
  record Names(String a, String b) {}

  static Stream<Arguments> scenarios() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    all.put(
        "every kind of action across two tables, then read back",
        (c, t) -> {
          c.putItem(p -> p.tableName(t.a()).item(item("old", "5")));
          c.putItem(p -> p.tableName(t.b()).item(item("gone", "1")));
          Object written =
              c.transactWriteItems(
                  w ->
                      w.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                          .transactItems(
                              put(t.b(), item("new", "1.50")),
                              add(t.a(), "old", "2"),
                              delete(t.b(), key("gone")),
                              check(t.a(), "nothing", "attribute_not_exists(pk)")));
          Object read =
              c.transactGetItems(
                  g ->
                      g.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                          .transactItems(
                              get(t.a(), "old"),
                              get(t.b(), "new"),
                              get(t.b(), "gone"),
                              TransactGetItem.builder()
                                  .get(
                                      x ->
                                          x.tableName(t.a())
                                              .key(key("old"))
                                              .projectionExpression("#v")
                                              .expressionAttributeNames(Map.of("#v", "v")))
                                  .build()));
          return List.of(written, read);
        });
    all.put(
        "an update of both key attributes names the partition key",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        update(
                            t.a(),
                            "k",
                            "SET sk = :one, pk = :k",
                            Map.of(":one", n("1"), ":k", s("k"))))));
    all.put(
        "capacity by index: deletes of missing and large items, updates, checks",
        (c, t) -> {
          c.putItem(
              p ->
                  p.tableName(t.a())
                      .item(Map.of("pk", s("big"), "sk", n("1"), "x", s("x".repeat(3000)))));
          c.putItem(
              p ->
                  p.tableName(t.a())
                      .item(Map.of("pk", s("big2"), "sk", n("1"), "x", s("x".repeat(5000)))));
          c.putItem(
              p ->
                  p.tableName(t.b())
                      .item(Map.of("pk", s("big"), "sk", n("1"), "x", s("x".repeat(3000)))));
          return c.transactWriteItems(
              w ->
                  w.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                      .transactItems(
                          delete(t.a(), key("nothing")),
                          delete(t.a(), key("big")),
                          check(t.a(), "big2", "attribute_exists(pk)"),
                          TransactWriteItem.builder()
                              .update(
                                  u ->
                                      u.tableName(t.b())
                                          .key(key("big"))
                                          .updateExpression("REMOVE x"))
                              .build(),
                          add(t.b(), "fresh", "1")));
        });
    all.put(
        "a failed condition cancels everything; reasons in order, old item on request",
        (c, t) -> {
          c.putItem(p -> p.tableName(t.a()).item(item("a", "5")));
          Object outcome =
              attempt(
                  () ->
                      c.transactWriteItems(
                          w ->
                              w.transactItems(
                                  put(t.a(), item("b", "1")),
                                  TransactWriteItem.builder()
                                      .conditionCheck(
                                          x ->
                                              x.tableName(t.a())
                                                  .key(key("a"))
                                                  .conditionExpression("v > :z")
                                                  .expressionAttributeValues(Map.of(":z", n("10")))
                                                  .returnValuesOnConditionCheckFailure(
                                                      ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                      .build(),
                                  TransactWriteItem.builder()
                                      .delete(
                                          x ->
                                              x.tableName(t.b())
                                                  .key(key("zz"))
                                                  .conditionExpression("attribute_exists(pk)")
                                                  .returnValuesOnConditionCheckFailure(
                                                      ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                      .build(),
                                  add(t.a(), "c", "1"))));
          return List.of(
              outcome, c.transactGetItems(g -> g.transactItems(get(t.a(), "a"), get(t.a(), "b"))));
        });
    all.put(
        "an update's and a put's failed conditions return the old item",
        (c, t) -> {
          c.putItem(p -> p.tableName(t.a()).item(item("a", "5")));
          c.putItem(p -> p.tableName(t.a()).item(item("c", "5")));
          return c.transactWriteItems(
              w ->
                  w.transactItems(
                      TransactWriteItem.builder()
                          .update(
                              x ->
                                  x.tableName(t.a())
                                      .key(key("a"))
                                      .updateExpression("SET v = :v")
                                      .conditionExpression("v = :v")
                                      .expressionAttributeValues(Map.of(":v", n("1")))
                                      .returnValuesOnConditionCheckFailure(
                                          ReturnValuesOnConditionCheckFailure.ALL_OLD))
                          .build(),
                      TransactWriteItem.builder()
                          .put(
                              x ->
                                  x.tableName(t.a())
                                      .item(item("c", "7"))
                                      .conditionExpression("attribute_not_exists(pk)")
                                      .returnValuesOnConditionCheckFailure(
                                          ReturnValuesOnConditionCheckFailure.ALL_OLD))
                          .build(),
                      TransactWriteItem.builder()
                          .update(
                              x ->
                                  x.tableName(t.a())
                                      .key(key("missing"))
                                      .updateExpression("SET v = :v")
                                      .conditionExpression("attribute_exists(pk)")
                                      .expressionAttributeValues(Map.of(":v", n("1")))
                                      .returnValuesOnConditionCheckFailure(
                                          ReturnValuesOnConditionCheckFailure.ALL_OLD))
                          .build()));
        });
    all.put(
        "two operations on one item",
        (c, t) ->
            c.transactWriteItems(
                w -> w.transactItems(put(t.a(), item("a", "1")), delete(t.a(), key("a")))));
    all.put(
        "two operations on one item are found before a missing key",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        put(t.a(), item("a", "1")),
                        delete(t.a(), key("a")),
                        put(t.a(), Map.of("pk", s("q"))))));
    all.put("no actions", (c, t) -> c.transactWriteItems(w -> w.transactItems(List.of())));
    all.put("no action list", (c, t) -> c.transactWriteItems(w -> w.clientRequestToken("x")));
    all.put(
        "101 actions",
        (c, t) -> {
          List<TransactWriteItem> many = new ArrayList<>();
          for (int i = 0; i < 101; i++) {
            many.add(put(t.a(), item("k" + i, "1")));
          }
          return c.transactWriteItems(w -> w.transactItems(many));
        });
    all.put(
        "an action with no operation",
        (c, t) -> c.transactWriteItems(w -> w.transactItems(TransactWriteItem.builder().build())));
    all.put(
        "an action with two operations",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        TransactWriteItem.builder()
                            .put(x -> x.tableName(t.a()).item(item("c", "1")))
                            .delete(x -> x.tableName(t.a()).key(key("d")))
                            .build())));
    all.put(
        "a table that does not exist",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        put(t.a(), item("c", "1")), put("no_such_table", item("c", "1")))));
    all.put(
        "expressions are checked before tables",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        put("no_such_table", item("c", "1")),
                        TransactWriteItem.builder()
                            .delete(
                                x -> x.tableName(t.a()).key(key("a")).conditionExpression("v >"))
                            .build())));
    all.put(
        "a put without its sort key",
        (c, t) -> c.transactWriteItems(w -> w.transactItems(put(t.a(), Map.of("pk", s("q"))))));
    all.put(
        "a condition check without a condition",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        put(t.a(), item("x", "1")),
                        TransactWriteItem.builder()
                            .conditionCheck(x -> x.tableName(t.a()).key(key("a")))
                            .build())));
    all.put(
        "an unused value",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        TransactWriteItem.builder()
                            .put(
                                x ->
                                    x.tableName(t.a())
                                        .item(item("c", "1"))
                                        .expressionAttributeValues(Map.of(":u", n("1"))))
                            .build())));
    all.put(
        "an update of a key attribute cancels with a validation error",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        add(t.a(), "x", "1"),
                        TransactWriteItem.builder()
                            .update(
                                x ->
                                    x.tableName(t.a())
                                        .key(key("a"))
                                        .updateExpression("SET pk = :v")
                                        .expressionAttributeValues(Map.of(":v", s("x"))))
                            .build())));
    all.put(
        "keys of the wrong type cancel; failed conditions are still reported",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        check(t.a(), "zz", "attribute_exists(pk)"),
                        delete(t.a(), Map.of("pk", n("1"), "sk", n("1"))),
                        put(t.b(), Map.of("pk", n("1"), "sk", n("1"))))));
    all.put(
        "an empty key is refused outright",
        (c, t) ->
            c.transactWriteItems(
                w -> w.transactItems(delete(t.a(), Map.of("pk", s(""), "sk", n("1"))))));
    all.put(
        "an update's type error wins over a failed condition",
        (c, t) -> {
          c.putItem(p -> p.tableName(t.a()).item(item("a", "5")));
          return c.transactWriteItems(
              w ->
                  w.transactItems(
                      check(t.a(), "zz", "attribute_exists(pk)"),
                      TransactWriteItem.builder()
                          .update(
                              x ->
                                  x.tableName(t.a())
                                      .key(key("a"))
                                      .updateExpression("SET v = v + :v")
                                      .expressionAttributeValues(Map.of(":v", s("x"))))
                          .build()));
        });
    all.put(
        "a put over 400 KB",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        put(
                            t.a(),
                            Map.of("pk", s("big"), "sk", n("1"), "x", s("x".repeat(409_600)))))));
    all.put(
        "an update growing over 400 KB",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.transactItems(
                        update(t.a(), "a", "SET x = :x", Map.of(":x", s("x".repeat(409_600)))))));
    all.put(
        "puts over 4 MB in all",
        (c, t) -> {
          List<TransactWriteItem> puts = new ArrayList<>();
          for (int i = 0; i < 11; i++) {
            puts.add(
                put(
                    i == 0 ? t.b() : t.a(),
                    Map.of("pk", s("b" + i), "sk", n("1"), "x", s("x".repeat(390_000)))));
          }
          return c.transactWriteItems(w -> w.transactItems(puts));
        });
    all.put(
        "a token longer than 36 characters",
        (c, t) ->
            c.transactWriteItems(
                w ->
                    w.clientRequestToken("x".repeat(37))
                        .transactItems(put(t.a(), item("f", "1")))));
    all.put(
        "a token replays the first answer, whatever capacity is asked, without applying again",
        (c, t) -> {
          String token = t.a() + "-once";
          List<Object> outcomes = new ArrayList<>();
          outcomes.add(
              c.transactWriteItems(
                  w -> w.clientRequestToken(token).transactItems(add(t.a(), "cnt", "1"))));
          outcomes.add(
              c.transactWriteItems(
                  w ->
                      w.clientRequestToken(token)
                          .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                          .transactItems(add(t.a(), "cnt", "1"))));
          outcomes.add(
              attempt(
                  () ->
                      c.transactWriteItems(
                          w -> w.clientRequestToken(token).transactItems(add(t.a(), "cnt", "2")))));
          outcomes.add(c.getItem(g -> g.tableName(t.a()).key(key("cnt"))).item());
          return outcomes;
        });
    all.put(
        "a cancelled transaction does not hold its token",
        (c, t) -> {
          String token = t.a() + "-failed";
          Object failed =
              attempt(
                  () ->
                      c.transactWriteItems(
                          w ->
                              w.clientRequestToken(token)
                                  .transactItems(check(t.a(), "zz", "attribute_exists(pk)"))));
          Object other =
              c.transactWriteItems(
                  w -> w.clientRequestToken(token).transactItems(put(t.a(), item("p", "1"))));
          return List.of(failed, other);
        });
    all.put(
        "get: missing items, projections, capacity",
        (c, t) -> {
          c.putItem(
              p ->
                  p.tableName(t.a())
                      .item(Map.of("pk", s("big"), "sk", n("1"), "x", s("x".repeat(5000)))));
          c.putItem(p -> p.tableName(t.b()).item(item("p1", "1")));
          return List.of(
              c.transactGetItems(
                  g ->
                      g.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                          .transactItems(
                              TransactGetItem.builder()
                                  .get(
                                      x ->
                                          x.tableName(t.b())
                                              .key(key("p1"))
                                              .projectionExpression("#v")
                                              .expressionAttributeNames(Map.of("#v", "v")))
                                  .build(),
                              get(t.a(), "missing"),
                              TransactGetItem.builder()
                                  .get(
                                      x ->
                                          x.tableName(t.a())
                                              .key(key("big"))
                                              .projectionExpression("pk"))
                                  .build())),
              c.transactGetItems(
                  g ->
                      g.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                          .transactItems(get(t.a(), "missing"))));
        });
    all.put(
        "get: one item twice",
        (c, t) -> c.transactGetItems(g -> g.transactItems(get(t.a(), "a"), get(t.a(), "a"))));
    all.put("get: no items", (c, t) -> c.transactGetItems(g -> g.transactItems(List.of())));
    all.put(
        "get: an item without a get",
        (c, t) -> c.transactGetItems(g -> g.transactItems(TransactGetItem.builder().build())));
    all.put(
        "get: a table that does not exist",
        (c, t) -> c.transactGetItems(g -> g.transactItems(get("no_such_table", "a"))));
    all.put(
        "get: a partial key",
        (c, t) ->
            c.transactGetItems(
                g ->
                    g.transactItems(
                        TransactGetItem.builder()
                            .get(x -> x.tableName(t.a()).key(Map.of("pk", s("a"))))
                            .build())));
    all.put(
        "get: a key of the wrong type",
        (c, t) ->
            c.transactGetItems(
                g ->
                    g.transactItems(
                        TransactGetItem.builder()
                            .get(x -> x.tableName(t.a()).key(Map.of("pk", n("1"), "sk", n("1"))))
                            .build())));
    all.put(
        "get: an unused name",
        (c, t) ->
            c.transactGetItems(
                g ->
                    g.transactItems(
                        TransactGetItem.builder()
                            .get(
                                x ->
                                    x.tableName(t.a())
                                        .key(key("a"))
                                        .expressionAttributeNames(Map.of("#u", "u")))
                            .build())));
    all.put(
        "get: 101 items",
        (c, t) -> {
          List<TransactGetItem> many = new ArrayList<>();
          for (int i = 0; i < 101; i++) {
            many.add(get(t.a(), "k" + i));
          }
          return c.transactGetItems(g -> g.transactItems(many));
        });
    return all.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void engineAnswersAsDynamoDbLocal(String name, Scenario scenario) {
    Names names = nextNames();
    Object expected = run(REFERENCE, names, scenario);
    Object actual = run(ENGINE.client(), names, scenario);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void concurrentTransfersKeepTheTotal() throws Exception {
    DynamoDbClient client = ENGINE.client();
    Names t = nextNames();
    createTables(client, t);
    int accounts = 8;
    List<String[]> all = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      all.add(new String[] {i % 2 == 0 ? t.a() : t.b(), "acct" + i});
    }
    for (String[] a : all) {
      client.putItem(p -> p.tableName(a[0]).item(item(a[1], "100")));
    }
    int threads = 8;
    int transfers = 300;
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger cancelled = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int th = 0; th < threads; th++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < transfers; i++) {
                    String[] from = all.get(random.nextInt(accounts));
                    String[] to = all.get(random.nextInt(accounts));
                    if (from == to) {
                      continue;
                    }
                    String amount = Integer.toString(1 + random.nextInt(100));
                    try {
                      client.transactWriteItems(
                          w ->
                              w.transactItems(
                                  TransactWriteItem.builder()
                                      .update(
                                          u ->
                                              u.tableName(from[0])
                                                  .key(key(from[1]))
                                                  .updateExpression("SET v = v - :a")
                                                  .conditionExpression("v >= :a")
                                                  .expressionAttributeValues(
                                                      Map.of(":a", n(amount))))
                                      .build(),
                                  add(to[0], to[1], amount)));
                      committed.incrementAndGet();
                    } catch (TransactionCanceledException e) {
                      cancelled.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<TransactGetItem> gets = new ArrayList<>();
    for (String[] a : all) {
      gets.add(get(a[0], a[1]));
    }
    var balances =
        client.transactGetItems(g -> g.transactItems(gets)).responses().stream()
            .map(r -> Long.parseLong(r.item().get("v").n()))
            .toList();
    assertThat(balances.stream().mapToLong(Long::longValue).sum()).isEqualTo(100L * accounts);
    assertThat(balances).allMatch(b -> b >= 0);
    assertThat(committed.get()).isPositive();
    assertThat(cancelled.get()).isPositive();
  }

  @Test
  void aTokenIsRememberedForTenMinutesOfTheEnginesClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build()) {
      DynamoDbClient client = engine.client();
      Names t = nextNames();
      createTables(client, t);
      Supplier<Object> once =
          () ->
              client.transactWriteItems(
                  w -> w.clientRequestToken("token-1").transactItems(add(t.a(), "cnt", "1")));
      once.get();
      clock.advance(Duration.ofMinutes(10).minusMillis(1));
      once.get();
      assertThat(counter(client, t)).isEqualTo("1");
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(
                      w -> w.clientRequestToken("token-1").transactItems(add(t.a(), "cnt", "5"))))
          .isInstanceOf(IdempotentParameterMismatchException.class);
      clock.advance(Duration.ofMillis(1));
      once.get();
      assertThat(counter(client, t)).isEqualTo("2");
      // Once expired, the token is free for another request too.
      clock.advance(Duration.ofMinutes(10));
      client.transactWriteItems(
          w -> w.clientRequestToken("token-1").transactItems(add(t.a(), "cnt", "5")));
      assertThat(counter(client, t)).isEqualTo("7");
    }
  }

  @Test
  void tokensExpireOneByOneInTheOrderTheyWereRecorded() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build()) {
      DynamoDbClient client = engine.client();
      Names t = nextNames();
      createTables(client, t);
      for (int i = 0; i < 100; i++) {
        String token = "early-" + i;
        client.transactWriteItems(
            w -> w.clientRequestToken(token).transactItems(add(t.a(), "cnt", "1")));
      }
      clock.advance(Duration.ofMinutes(5));
      client.transactWriteItems(
          w -> w.clientRequestToken("late").transactItems(add(t.a(), "cnt", "1")));
      clock.advance(Duration.ofMinutes(5));

      // The early tokens are forgotten: each may carry another request now.
      for (int i = 0; i < 100; i++) {
        String token = "early-" + i;
        client.transactWriteItems(
            w -> w.clientRequestToken(token).transactItems(add(t.a(), "cnt", "2")));
      }
      // The late one is still remembered.
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(
                      w -> w.clientRequestToken("late").transactItems(add(t.a(), "cnt", "2"))))
          .isInstanceOf(IdempotentParameterMismatchException.class);
      assertThat(counter(client, t)).isEqualTo(String.valueOf(100 + 1 + 200));
    }
  }

  @Test
  void aTransactionCountsItemsAndBytesOnce() {
    DynamoDbClient client = ENGINE.client();
    Names t = nextNames();
    createTables(client, t);
    client.putItem(p -> p.tableName(t.a()).item(item("gone", "1")));
    client.transactWriteItems(
        w ->
            w.transactItems(
                put(t.a(), item("x", "1")),
                delete(t.a(), key("gone")),
                add(t.b(), "y", "1"),
                check(t.b(), "z", "attribute_not_exists(pk)")));
    var a = client.describeTable(d -> d.tableName(t.a())).table();
    var b = client.describeTable(d -> d.tableName(t.b())).table();
    assertThat(a.itemCount()).isEqualTo(1);
    assertThat(b.itemCount()).isEqualTo(1);
    assertThat(a.tableSizeBytes()).isEqualTo(b.tableSizeBytes());
  }

  @Test
  void aConditionCheckAndAWriteOnOneItemAreRefused() {
    // DynamoDB Local 3.3.1 refuses them too, with the same message.
    for (DynamoDbClient client : new DynamoDbClient[] {REFERENCE, ENGINE.client()}) {
      Names t = nextNames();
      createTables(client, t);
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(
                      w ->
                          w.transactItems(
                              check(t.a(), "a", "attribute_not_exists(pk)"), add(t.a(), "a", "1"))))
          .isInstanceOf(DynamoDbException.class)
          .hasMessageStartingWith(
              "Transaction request cannot include multiple operations on one item");
      assertThat(client.scan(b -> b.tableName(t.a())).items()).isEmpty();
    }
  }

  @Test
  void oneNumberSpelledTwoWaysIsOneItem() {
    // DynamoDB Local takes sk 1 and sk 1.0 for two items (docs/compatibility.md).
    DynamoDbClient client = ENGINE.client();
    Names t = nextNames();
    createTables(client, t);
    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    w ->
                        w.transactItems(
                            put(t.a(), item("a", "1")),
                            delete(t.a(), Map.of("pk", s("a"), "sk", n("1.0"))))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith(
            "Transaction request cannot include multiple operations on one item");
    assertThat(client.getItem(g -> g.tableName(t.a()).key(key("a"))).hasItem()).isFalse();
  }

  private static String counter(DynamoDbClient client, Names t) {
    return client.getItem(g -> g.tableName(t.a()).key(key("cnt"))).item().get("v").n();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Object attempt(Supplier<Object> call) {
    try {
      return call.get();
    } catch (DynamoDbException e) {
      return outcome(e);
    }
  }

  private static Object outcome(DynamoDbException e) {
    Object extra =
        e instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
            ? cancelled.cancellationReasons()
            : null;
    return Arrays.asList(
        e.getClass().getSimpleName(),
        e.awsErrorDetails().errorCode(),
        e.awsErrorDetails().errorMessage(),
        extra);
  }

  private static Object run(DynamoDbClient client, Names names, Scenario scenario) {
    createTables(client, names);
    try {
      return scenario.apply(client, names);
    } catch (DynamoDbException e) {
      return outcome(e);
    }
  }

  private static synchronized Names nextNames() {
    int n = tables++;
    return new Names("tx" + n + "a", "tx" + n + "b");
  }

  private static void createTables(DynamoDbClient client, Names names) {
    for (String name : List.of(names.a(), names.b())) {
      client.createTable(
          b ->
              b.tableName(name)
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("sk").attributeType("N"))
                  .keySchema(
                      k -> k.attributeName("pk").keyType(KeyType.HASH),
                      k -> k.attributeName("sk").keyType(KeyType.RANGE))
                  .billingMode("PAY_PER_REQUEST"));
    }
  }
}
