package dev.dynakit.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 *   <li>{@code write <dir> <sync|relaxed> <seed> <threads> <first version>}: writes to two tables
 *       with streams and secondary indexes until killed, printing a line before each write and one
 *       once the engine acknowledged it (see {@link #write} and {@link CrashTest}).
 * </ul>
 */
public final class ChildEngine {
  static final String TABLE = "crash";
  static final String SORTED = "crashSorted";
  static final int KEYS = 40;
  private static final software.amazon.awssdk.services.dynamodb.model.StreamSpecification STREAM =
      software.amazon.awssdk.services.dynamodb.model.StreamSpecification.builder()
          .streamEnabled(true)
          .streamViewType("NEW_AND_OLD_IMAGES")
          .build();
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

  /** The tables and the accounts, unless an earlier run made them. */
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
                  .streamSpecification(STREAM)
                  .billingMode("PAY_PER_REQUEST"));
      ddb.createTable(
          b ->
              b.tableName(SORTED)
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType("S"),
                      a -> a.attributeName("sk").attributeType("S"),
                      a -> a.attributeName("l").attributeType("N"),
                      a -> a.attributeName("h").attributeType("S"))
                  .keySchema(
                      k -> k.attributeName("pk").keyType("HASH"),
                      k -> k.attributeName("sk").keyType("RANGE"))
                  .localSecondaryIndexes(
                      l ->
                          l.indexName("byL")
                              .keySchema(
                                  k -> k.attributeName("pk").keyType("HASH"),
                                  k -> k.attributeName("l").keyType("RANGE"))
                              .projection(p -> p.projectionType("ALL")))
                  .globalSecondaryIndexes(
                      g ->
                          g.indexName("byH")
                              .keySchema(
                                  k -> k.attributeName("h").keyType("HASH"),
                                  k -> k.attributeName("sk").keyType("RANGE"))
                              .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("v")))
                  .streamSpecification(STREAM)
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
   * Writes until the process dies, each write of a new, larger version: puts, updates and deletes
   * of the writer's own keys in both tables (adding, moving and removing their index entries),
   * transactions of four new items across both tables with a put and an update of own keys, and
   * transfers between accounts. Each write of an own key is announced ({@code begin <key> <version>
   * <put|delete>}) before it is made and acknowledged ({@code ack <key> <version>}) once the engine
   * answered; a transaction's group likewise ({@code txbegin}, {@code txcommit}); a transfer that
   * committed prints {@code moved}.
   */
  private static void write(
      DynamoDbClient ddb, PrintStream out, Random random, int writer, AtomicLong versions) {
    while (true) {
      int choice = random.nextInt(100);
      long version = versions.incrementAndGet();
      String v = Long.toString(version);
      String id = "w" + writer + "-" + random.nextInt(KEYS);
      String sk = "s" + random.nextInt(KEYS);
      String pk = "w" + writer;
      if (choice < 20) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("v", AttributeValue.fromN(v));
        if (random.nextBoolean()) {
          item.put("g", AttributeValue.fromS("g" + random.nextInt(5)));
        }
        out.println("begin " + TABLE + ":" + id + " " + v + " put");
        ddb.putItem(b -> b.tableName(TABLE).item(item));
        out.println("ack " + TABLE + ":" + id + " " + v);
      } else if (choice < 32) {
        boolean move = random.nextBoolean();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":v", AttributeValue.fromN(v));
        if (move) {
          values.put(":g", AttributeValue.fromS("g" + random.nextInt(5)));
        }
        out.println("begin " + TABLE + ":" + id + " " + v + " put");
        ddb.updateItem(
            b ->
                b.tableName(TABLE)
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression(move ? "SET v = :v, g = :g" : "SET v = :v REMOVE g")
                    .expressionAttributeValues(values));
        out.println("ack " + TABLE + ":" + id + " " + v);
      } else if (choice < 40) {
        out.println("begin " + TABLE + ":" + id + " " + v + " delete");
        ddb.deleteItem(b -> b.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(id))));
        out.println("ack " + TABLE + ":" + id + " " + v);
      } else if (choice < 55) {
        Map<String, AttributeValue> item = sorted(pk, sk, version, random);
        out.println("begin " + SORTED + ":" + pk + "/" + sk + " " + v + " put");
        ddb.putItem(b -> b.tableName(SORTED).item(item));
        out.println("ack " + SORTED + ":" + pk + "/" + sk + " " + v);
      } else if (choice < 67) {
        out.println("begin " + SORTED + ":" + pk + "/" + sk + " " + v + " put");
        ddb.updateItem(b -> update(b.tableName(SORTED), pk, sk, version, random));
        out.println("ack " + SORTED + ":" + pk + "/" + sk + " " + v);
      } else if (choice < 73) {
        out.println("begin " + SORTED + ":" + pk + "/" + sk + " " + v + " delete");
        ddb.deleteItem(
            b ->
                b.tableName(SORTED)
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))));
        out.println("ack " + SORTED + ":" + pk + "/" + sk + " " + v);
      } else if (choice < 88) {
        String group = "tx" + writer + "-" + version;
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Map<String, AttributeValue> item =
              Map.of(
                  "id", AttributeValue.fromS(group + "-" + i),
                  "tx", AttributeValue.fromS(group),
                  "g", AttributeValue.fromS("tx"));
          items.add(TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build());
          Map<String, AttributeValue> sortedItem = new HashMap<>(sorted(group, "t" + i, 0, random));
          sortedItem.put("tx", AttributeValue.fromS(group));
          items.add(
              TransactWriteItem.builder().put(p -> p.tableName(SORTED).item(sortedItem)).build());
        }
        Map<String, AttributeValue> own =
            Map.of(
                "id", AttributeValue.fromS(id),
                "v", AttributeValue.fromN(v),
                "g", AttributeValue.fromS("g" + random.nextInt(5)));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(own)).build());
        items.add(
            TransactWriteItem.builder()
                .update(u -> update(u.tableName(SORTED), pk, sk, version, random))
                .build());
        out.println("txbegin " + group);
        out.println("begin " + TABLE + ":" + id + " " + v + " put");
        out.println("begin " + SORTED + ":" + pk + "/" + sk + " " + v + " put");
        ddb.transactWriteItems(b -> b.transactItems(items));
        out.println("ack " + TABLE + ":" + id + " " + v);
        out.println("ack " + SORTED + ":" + pk + "/" + sk + " " + v);
        out.println("txcommit " + group);
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
          out.println("moved");
        } catch (TransactionCanceledException e) {
          // Another writer's transfer touched the same account: nothing was written.
        }
      }
    }
  }

  /** An item of the sorted table, with its local index key and global index key or not. */
  private static Map<String, AttributeValue> sorted(
      String pk, String sk, long version, Random random) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromS(sk));
    item.put("v", AttributeValue.fromN(Long.toString(version)));
    item.put("pad", AttributeValue.fromS("x".repeat(random.nextInt(64))));
    if (random.nextInt(4) > 0) {
      item.put("l", AttributeValue.fromN(Integer.toString(random.nextInt(100))));
    }
    if (random.nextInt(4) > 0) {
      item.put("h", AttributeValue.fromS("h" + random.nextInt(5)));
    }
    return item;
  }

  /** An update of an item of the sorted table that moves or removes its index entries. */
  private static software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.Builder update(
      software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.Builder update,
      String pk,
      String sk,
      long version,
      Random random) {
    Map<String, AttributeValue> values = new HashMap<>();
    String expression = updateExpression(version, random, values);
    return update
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
        .updateExpression(expression)
        .expressionAttributeValues(values);
  }

  /** The same update, in a transaction. */
  private static software.amazon.awssdk.services.dynamodb.model.Update.Builder update(
      software.amazon.awssdk.services.dynamodb.model.Update.Builder update,
      String pk,
      String sk,
      long version,
      Random random) {
    Map<String, AttributeValue> values = new HashMap<>();
    String expression = updateExpression(version, random, values);
    return update
        .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
        .updateExpression(expression)
        .expressionAttributeValues(values);
  }

  /** Sets the version, and sets (moves) or removes each index key at random. */
  private static String updateExpression(
      long version, Random random, Map<String, AttributeValue> values) {
    values.put(":v", AttributeValue.fromN(Long.toString(version)));
    List<String> set = new ArrayList<>(List.of("v = :v"));
    List<String> remove = new ArrayList<>();
    if (random.nextBoolean()) {
      set.add("l = :l");
      values.put(":l", AttributeValue.fromN(Integer.toString(random.nextInt(100))));
    } else {
      remove.add("l");
    }
    if (random.nextBoolean()) {
      set.add("h = :h");
      values.put(":h", AttributeValue.fromS("h" + random.nextInt(5)));
    } else {
      remove.add("h");
    }
    return "SET "
        + String.join(", ", set)
        + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
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
