package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.ConcurrentRuns.Budget;
import dev.dynakit.engine.ConcurrentRuns.Target;
import dev.dynakit.engine.ItemOperations.Add;
import dev.dynakit.engine.ItemOperations.Delete;
import dev.dynakit.engine.ItemOperations.DeleteIfEquals;
import dev.dynakit.engine.ItemOperations.Get;
import dev.dynakit.engine.ItemOperations.Put;
import dev.dynakit.engine.ItemOperations.PutIfAbsent;
import dev.dynakit.engine.ItemOperations.PutIfEquals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Real threads send single-item requests (PutItem, consistent GetItem, UpdateItem ADD, conditional
 * PutItem and DeleteItem, DeleteItem returning the old item; and, on one item, BatchWriteItem,
 * TransactWriteItems, TransactGetItems and a PartiQL INSERT) on a few items; every request's
 * invocation and answer is recorded, and each item's history must be linearizable.
 */
class SingleItemHistoriesTest {
  private static final int THREADS = 6;
  private static final int KEYS = 3;
  private static final int OPERATIONS_PER_THREAD = 100;
  private static final int SHORT_RUN_HISTORIES = 4;

  @RegisterExtension
  static final DeadlockWatchdog WATCHDOG = DeadlockWatchdog.within(ConcurrentRuns.WATCHDOG_BOUND);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Target.class)
  void singleItemHistoriesAreLinearizable(Target target) throws Exception {
    // Over HTTP each request costs the SDK's whole pipeline: one history is enough for a short run.
    run(target, Budget.operations(target == Target.OVER_HTTP ? 1 : SHORT_RUN_HISTORIES));
  }

  @Tag("slow")
  @ParameterizedTest
  @EnumSource(Target.class)
  void singleItemHistoriesStayLinearizableForMinutes(Target target) throws Exception {
    run(target, Budget.seconds(ConcurrentRuns.LONG_RUN_SECONDS));
  }

  private void run(Target target, Budget budget) throws Exception {
    String run = "SingleItemHistories " + target;
    ConcurrentRuns.announce(run);
    try (DynakitEngine engine = target.open(dir)) {
      DynamoDbClient client = target.client(engine);
      client.createTable(
          b ->
              b.tableName("items")
                  .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .billingMode("PAY_PER_REQUEST"));
      AtomicLong unique = new AtomicLong();
      long histories = 0;
      long operations = 0;
      for (; budget.more(histories); histories++) {
        // Each history starts from absent items of its own.
        String prefix = "h" + histories + "-";
        List<Linearizability.Event<String, Optional<Long>>> history =
            Collections.synchronizedList(new ArrayList<>());
        long round = histories;
        ConcurrentRuns.together(
            THREADS,
            thread ->
                record(
                    client,
                    prefix,
                    thread,
                    ConcurrentRuns.random(round * THREADS + thread),
                    unique,
                    history));
        Linearizability.Verdict verdict = Linearizability.check(Optional.empty(), history);
        assertThat(verdict.anomalies())
            .as("%s, history %d, seed %d", run, histories, ConcurrentRuns.SEED)
            .isEmpty();
        assertThat(verdict.keys()).isEqualTo(KEYS);
        operations += verdict.operations();
      }
      System.out.printf(
          "%s: %d histories of %d threads on %d items checked, %d operations, anomalies 0%n",
          run, histories, THREADS, KEYS, operations);
    }
  }

  /** One thread's requests, each recorded with the answer it got. */
  private static void record(
      DynamoDbClient client,
      String prefix,
      int thread,
      Random random,
      AtomicLong unique,
      List<Linearizability.Event<String, Optional<Long>>> history) {
    Map<String, Long> lastSeen = new HashMap<>();
    for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
      String key = prefix + random.nextInt(KEYS);
      long expected = lastSeen.getOrDefault(key, 0L);
      long n = unique.incrementAndGet();
      int kind = random.nextInt(11);
      long invoked = System.nanoTime();
      Linearizability.Operation<Optional<Long>> operation =
          switch (kind) {
            case 0 -> put(client, key, n);
            case 1 -> get(client, key);
            case 2 -> add(client, key, 1 + random.nextInt(3));
            case 3 -> putIfAbsent(client, key, n);
            case 4 -> putIfEquals(client, key, expected, n);
            case 5 -> deleteIfEquals(client, key, expected);
            case 6 -> delete(client, key);
            case 7 -> batchPut(client, key, n);
            case 8 -> transactPutIfAbsent(client, key, n);
            case 9 -> transactGet(client, key);
            default -> insert(client, key, n);
          };
      long responded = System.nanoTime();
      history.add(new Linearizability.Event<>(key, thread, operation, invoked, responded));
      seen(operation).ifPresent(value -> lastSeen.put(key, value));
    }
  }

  /** A value the operation saw or wrote, for the next conditional request to expect. */
  private static Optional<Long> seen(Linearizability.Operation<Optional<Long>> operation) {
    if (operation instanceof Get get) {
      return get.found();
    }
    if (operation instanceof Add add) {
      return Optional.of(add.now());
    }
    if (operation instanceof Put put) {
      return Optional.of(put.n());
    }
    return Optional.empty();
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  private static Map<String, AttributeValue> item(String id, long n) {
    return Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN(Long.toString(n)));
  }

  private static Optional<Long> n(Map<String, AttributeValue> item) {
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(Long.parseLong(item.get("n").n()));
  }

  private static Put put(DynamoDbClient client, String id, long n) {
    client.putItem(b -> b.tableName("items").item(item(id, n)));
    return new Put(n);
  }

  private static Get get(DynamoDbClient client, String id) {
    return new Get(
        n(client.getItem(b -> b.tableName("items").key(key(id)).consistentRead(true)).item()));
  }

  private static Add add(DynamoDbClient client, String id, long delta) {
    Map<String, AttributeValue> updated =
        client
            .updateItem(
                b ->
                    b.tableName("items")
                        .key(key(id))
                        .updateExpression("ADD n :delta")
                        .expressionAttributeValues(
                            Map.of(":delta", AttributeValue.fromN(Long.toString(delta))))
                        .returnValues(ReturnValue.UPDATED_NEW))
            .attributes();
    return new Add(delta, Long.parseLong(updated.get("n").n()));
  }

  private static PutIfAbsent putIfAbsent(DynamoDbClient client, String id, long n) {
    try {
      client.putItem(
          b ->
              b.tableName("items")
                  .item(item(id, n))
                  .conditionExpression("attribute_not_exists(id)"));
      return new PutIfAbsent(n, true);
    } catch (ConditionalCheckFailedException e) {
      return new PutIfAbsent(n, false);
    }
  }

  private static PutIfEquals putIfEquals(DynamoDbClient client, String id, long expected, long n) {
    try {
      client.putItem(
          b ->
              b.tableName("items")
                  .item(item(id, n))
                  .conditionExpression("n = :expected")
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
      return new PutIfEquals(expected, n, true);
    } catch (ConditionalCheckFailedException e) {
      return new PutIfEquals(expected, n, false);
    }
  }

  private static DeleteIfEquals deleteIfEquals(DynamoDbClient client, String id, long expected) {
    try {
      client.deleteItem(
          b ->
              b.tableName("items")
                  .key(key(id))
                  .conditionExpression("n = :expected")
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
      return new DeleteIfEquals(expected, true);
    } catch (ConditionalCheckFailedException e) {
      return new DeleteIfEquals(expected, false);
    }
  }

  private static Put batchPut(DynamoDbClient client, String id, long n) {
    Map<String, List<WriteRequest>> unprocessed =
        client
            .batchWriteItem(
                b ->
                    b.requestItems(
                        Map.of(
                            "items",
                            List.of(
                                WriteRequest.builder()
                                    .putRequest(p -> p.item(item(id, n)))
                                    .build()))))
            .unprocessedItems();
    assertThat(unprocessed).isEmpty();
    return new Put(n);
  }

  private static PutIfAbsent transactPutIfAbsent(DynamoDbClient client, String id, long n) {
    try {
      client.transactWriteItems(
          b ->
              b.transactItems(
                  TransactWriteItem.builder()
                      .put(
                          p ->
                              p.tableName("items")
                                  .item(item(id, n))
                                  .conditionExpression("attribute_not_exists(id)"))
                      .build()));
      return new PutIfAbsent(n, true);
    } catch (TransactionCanceledException e) {
      assertThat(e.cancellationReasons())
          .singleElement()
          .extracting(CancellationReason::code)
          .isEqualTo("ConditionalCheckFailed");
      return new PutIfAbsent(n, false);
    }
  }

  private static Get transactGet(DynamoDbClient client, String id) {
    return new Get(
        n(
            client
                .transactGetItems(
                    b ->
                        b.transactItems(
                            TransactGetItem.builder()
                                .get(g -> g.tableName("items").key(key(id)))
                                .build()))
                .responses()
                .get(0)
                .item()));
  }

  private static PutIfAbsent insert(DynamoDbClient client, String id, long n) {
    try {
      client.executeStatement(
          b ->
              b.statement("INSERT INTO items VALUE {'id': ?, 'n': ?}")
                  .parameters(AttributeValue.fromS(id), AttributeValue.fromN(Long.toString(n))));
      return new PutIfAbsent(n, true);
    } catch (DuplicateItemException e) {
      return new PutIfAbsent(n, false);
    }
  }

  private static Delete delete(DynamoDbClient client, String id) {
    return new Delete(
        n(
            client
                .deleteItem(
                    b -> b.tableName("items").key(key(id)).returnValues(ReturnValue.ALL_OLD))
                .attributes()));
  }
}
