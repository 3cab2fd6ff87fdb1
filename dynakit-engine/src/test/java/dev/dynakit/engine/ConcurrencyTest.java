package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One engine, many threads: single-item operations are linearizable, so concurrent read-modify-
 * write requests on the same items lose nothing.
 */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 500;

  private static DynamoDbClient counters(DynakitEngine engine) {
    DynamoDbClient client = engine.client();
    client.createTable(
        b ->
            b.tableName("counters")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .billingMode("PAY_PER_REQUEST"));
    return client;
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  @Test
  void concurrentIncrementsAreNeverLost() throws Exception {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient client = counters(engine);
      runTogether(
          thread -> {
            for (int i = 0; i < ROUNDS; i++) {
              String id = "c" + (i % 3);
              client.updateItem(
                  b ->
                      b.tableName("counters")
                          .key(key(id))
                          .updateExpression("ADD n :one")
                          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            }
          });
      long total = 0;
      for (int c = 0; c < 3; c++) {
        String id = "c" + c;
        total +=
            Long.parseLong(
                client.getItem(b -> b.tableName("counters").key(key(id))).item().get("n").n());
      }
      assertThat(total).isEqualTo((long) THREADS * ROUNDS);
    }
  }

  @Test
  void conditionalWritesLetExactlyOneWinnerThrough() throws Exception {
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      DynamoDbClient client = counters(engine);
      List<Integer> winners = java.util.Collections.synchronizedList(new ArrayList<>());
      runTogether(
          thread -> {
            for (int i = 0; i < ROUNDS / 10; i++) {
              String id = "lock" + i;
              try {
                client.putItem(
                    b ->
                        b.tableName("counters")
                            .item(
                                Map.of(
                                    "id",
                                    AttributeValue.fromS(id),
                                    "owner",
                                    AttributeValue.fromN("" + thread)))
                            .conditionExpression("attribute_not_exists(id)"));
                winners.add(i);
              } catch (ConditionalCheckFailedException lost) {
                // another thread holds this lock
              }
            }
          });
      assertThat(winners).hasSize(ROUNDS / 10).doesNotHaveDuplicates();
      assertThat(engine.client().describeTable(b -> b.tableName("counters")).table().itemCount())
          .isEqualTo(ROUNDS / 10);
    }
  }

  private interface Work {
    void run(int thread) throws Exception;
  }

  private static void runTogether(Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                work.run(thread);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }
}
