package dev.dynakit.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A durable engine in a process of its own, for tests that need a second process: started by {@link
 * ChildProcess} with the test class path.
 *
 * <ul>
 *   <li>{@code hold <dir>}: opens the directory, prints {@code open}, and keeps it until its
 *       standard input ends.
 *   <li>{@code write <dir> <sync|relaxed> <seed> <threads>}: writes until killed, printing a line
 *       for each write once the engine acknowledged it (see {@link CrashTest} for the lines).
 * </ul>
 */
public final class ChildEngine {
  static final String TABLE = "crash";
  static final int ACCOUNTS = 8;
  static final long BALANCE = 1000;

  private ChildEngine() {}

  public static void main(String[] args) throws Exception {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[1]);
    if (args[0].equals("hold")) {
      try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
        engine.client().listTables();
        out.println("open");
        while (System.in.read() >= 0) {
          // Holds the directory until the parent closes the pipe.
        }
      }
      return;
    }
    Durability durability = args[2].equals("sync") ? Durability.SYNC : Durability.RELAXED;
    long seed = Long.parseLong(args[3]);
    int threads = Integer.parseInt(args[4]);
    long firstVersion = Long.parseLong(args[5]);
    DynakitEngine engine = DynakitEngine.builder().dataDir(dir).durability(durability).build();
    DynamoDbClient ddb = engine.client();
    prepare(ddb);
    out.println("ready");
    AtomicLong versions = new AtomicLong(firstVersion);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int writer = t;
      Thread thread =
          new Thread(() -> write(ddb, out, new Random(seed * 31 + writer), writer, versions));
      writers.add(thread);
      thread.start();
    }
    for (Thread thread : writers) {
      thread.join();
    }
  }

  /** The table and its accounts, unless an earlier run made them. */
  private static void prepare(DynamoDbClient ddb) {
    try {
      ddb.createTable(
          b ->
              b.tableName(TABLE)
                  .attributeDefinitions(
                      a -> a.attributeName("id").attributeType("S"),
                      a -> a.attributeName("g").attributeType("S"))
                  .keySchema(k -> k.attributeName("id").keyType("HASH"))
                  .globalSecondaryIndexes(
                      g ->
                          g.indexName("byG")
                              .keySchema(k -> k.attributeName("g").keyType("HASH"))
                              .projection(p -> p.projectionType("KEYS_ONLY")))
                  .billingMode("PAY_PER_REQUEST"));
      List<TransactWriteItem> accounts = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        Map<String, AttributeValue> account =
            Map.of(
                "id",
                AttributeValue.fromS("account" + i),
                "balance",
                AttributeValue.fromN(Long.toString(BALANCE)));
        accounts.add(
            TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(account)).build());
      }
      ddb.transactWriteItems(b -> b.transactItems(accounts));
    } catch (ResourceInUseException e) {
      // Made by an earlier run in this directory.
    }
  }

  /**
   * Writes until the process dies: puts and updates of the writer's own keys (each a new, larger
   * version), four-item transactions of new keys, and transfers between accounts.
   */
  private static void write(
      DynamoDbClient ddb, PrintStream out, Random random, int writer, AtomicLong versions) {
    while (true) {
      int choice = random.nextInt(10);
      long version = versions.incrementAndGet();
      if (choice < 4) {
        String id = "w" + writer + "-" + random.nextInt(50);
        ddb.putItem(
            b ->
                b.tableName(TABLE)
                    .item(
                        Map.of(
                            "id", AttributeValue.fromS(id),
                            "v", AttributeValue.fromN(Long.toString(version)),
                            "g", AttributeValue.fromS("g" + (version % 5)))));
        out.println("put " + id + " " + version);
      } else if (choice < 6) {
        String id = "w" + writer + "-" + random.nextInt(50);
        ddb.updateItem(
            b ->
                b.tableName(TABLE)
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression("SET v = :v REMOVE g")
                    .expressionAttributeValues(
                        Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
        out.println("put " + id + " " + version);
      } else if (choice < 8) {
        String group = "tx" + writer + "-" + version;
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Map<String, AttributeValue> item =
              Map.of(
                  "id", AttributeValue.fromS(group + "-" + i),
                  "tx", AttributeValue.fromS(group),
                  "g", AttributeValue.fromS("tx"));
          items.add(TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build());
        }
        out.println("begin " + group);
        ddb.transactWriteItems(b -> b.transactItems(items));
        out.println("commit " + group);
      } else {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        String amount = Integer.toString(1 + random.nextInt(20));
        try {
          ddb.transactWriteItems(
              b ->
                  b.transactItems(
                      t -> t.update(u -> move(u, from, "-", amount)),
                      t -> t.update(u -> move(u, to, "+", amount))));
        } catch (TransactionCanceledException e) {
          // Another writer's transfer touched the same account: nothing was written.
        }
      }
    }
  }

  private static void move(
      software.amazon.awssdk.services.dynamodb.model.Update.Builder update,
      int account,
      String sign,
      String amount) {
    update
        .tableName(TABLE)
        .key(Map.of("id", AttributeValue.fromS("account" + account)))
        .updateExpression("SET #b = #b " + sign + " :a")
        .expressionAttributeNames(Map.of("#b", "balance"))
        .expressionAttributeValues(Map.of(":a", AttributeValue.fromN(amount)));
  }
}
