package dev.dynakit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One measured request shape: the operations it needs, how its table is prepared, and one request.
 * A workload whose operations a target does not serve is skipped, with a note, not failed.
 *
 * @param name the report's name for it
 * @param definition what one measured operation is, for the report
 * @param operations the DynamoDB operations it calls while measured
 * @param setup fills a fresh table before measuring
 * @param request one request; {@code thread} is the worker's number, {@code seq} its count so far
 */
record Workload(
    String name, String definition, List<String> operations, Setup setup, Request request) {

  /** Fills a fresh table. */
  @FunctionalInterface
  interface Setup {
    void fill(DynamoDbClient client, String table);
  }

  /** Makes one request and checks its answer. */
  @FunctionalInterface
  interface Request {
    void run(DynamoDbClient client, String table, int thread, long seq);
  }

  /** Items the read and update workloads choose from. */
  static final int KEYS = 1_000;

  /** Partitions the Query workload chooses from, each of {@link #QUERY_ITEMS} items. */
  static final int PARTITIONS = 100;

  static final int QUERY_ITEMS = 10;
  static final int BATCH = 25;
  static final int TRANSACTION = 4;

  /** The workloads, in report order. */
  static List<Workload> all() {
    return List.of(
        new Workload(
            "GetItem",
            "GetItem of one of " + KEYS + " stored items, chosen at random",
            List.of("GetItem"),
            Workload::fillKeys,
            (client, table, thread, seq) -> {
              GetItemResponse r =
                  client.getItem(
                      b -> b.tableName(table).key(Items.key(randomKey(), Items.sort(0))));
              check(r.hasItem() && !r.item().isEmpty(), "GetItem found no item");
            }),
        new Workload(
            "PutItem",
            "PutItem of a ~200-byte item, key one of 10,000 at random (new or overwrite)",
            List.of("PutItem"),
            (client, table) -> {},
            (client, table, thread, seq) -> {
              String pk = Items.partition("p", ThreadLocalRandom.current().nextInt(10_000));
              client.putItem(b -> b.tableName(table).item(Items.item(pk, Items.sort(0))));
            }),
        new Workload(
            "UpdateItem",
            "UpdateItem `SET a = :v ADD n :one` of one of " + KEYS + " stored items at random",
            List.of("UpdateItem"),
            Workload::fillKeys,
            (client, table, thread, seq) ->
                client.updateItem(
                    b ->
                        b.tableName(table)
                            .key(Items.key(randomKey(), Items.sort(0)))
                            .updateExpression("SET a = :v ADD n :one")
                            .expressionAttributeValues(
                                Map.of(
                                    ":v",
                                    AttributeValue.fromS("updated!"),
                                    ":one",
                                    AttributeValue.fromN("1"))))),
        new Workload(
            "Query",
            "Query `pk = :p` answering all "
                + QUERY_ITEMS
                + " items of one of "
                + PARTITIONS
                + " partitions at random",
            List.of("Query"),
            (client, table) -> {
              for (int i = 0; i < PARTITIONS; i++) {
                for (int j = 0; j < QUERY_ITEMS; j++) {
                  put(client, table, Items.partition("q", i), Items.sort(j));
                }
              }
            },
            (client, table, thread, seq) -> {
              String pk = Items.partition("q", ThreadLocalRandom.current().nextInt(PARTITIONS));
              QueryResponse r =
                  client.query(
                      b ->
                          b.tableName(table)
                              .keyConditionExpression("pk = :p")
                              .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))));
              check(r.count() == QUERY_ITEMS, "Query answered " + r.count() + " items");
            }),
        new Workload(
            "BatchWriteItem",
            "BatchWriteItem of "
                + BATCH
                + " PutRequests (~200-byte items, one partition, overwriting after 400 batches per"
                + " thread); ops/s counts requests",
            List.of("BatchWriteItem"),
            (client, table) -> {},
            (client, table, thread, seq) -> {
              String pk = Items.partition("b" + thread + "-", seq % 400);
              List<WriteRequest> writes = new ArrayList<>(BATCH);
              for (int j = 0; j < BATCH; j++) {
                Map<String, AttributeValue> item = Items.item(pk, Items.sort(j));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
              }
              BatchWriteItemResponse r =
                  client.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
              check(
                  !r.hasUnprocessedItems() || r.unprocessedItems().isEmpty(),
                  "BatchWriteItem left items unprocessed");
            }),
        new Workload(
            "TransactWriteItems",
            "TransactWriteItems of "
                + TRANSACTION
                + " Puts (~200-byte items, one partition per thread and transaction); ops/s counts"
                + " transactions",
            List.of("TransactWriteItems"),
            (client, table) -> {},
            (client, table, thread, seq) -> {
              String pk = Items.partition("t" + thread + "-", seq % 1_000);
              List<TransactWriteItem> puts = new ArrayList<>(TRANSACTION);
              for (int j = 0; j < TRANSACTION; j++) {
                Map<String, AttributeValue> item = Items.item(pk, Items.sort(j));
                puts.add(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
              }
              client.transactWriteItems(b -> b.transactItems(puts));
            }));
  }

  private static String randomKey() {
    return Items.partition("p", ThreadLocalRandom.current().nextInt(KEYS));
  }

  private static void fillKeys(DynamoDbClient client, String table) {
    for (int i = 0; i < KEYS; i++) {
      put(client, table, Items.partition("p", i), Items.sort(0));
    }
  }

  private static void put(DynamoDbClient client, String table, String pk, String sk) {
    client.putItem(b -> b.tableName(table).item(Items.item(pk, sk)));
  }

  private static void check(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }
}
