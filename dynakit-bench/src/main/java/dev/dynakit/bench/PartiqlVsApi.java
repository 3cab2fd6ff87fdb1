package dev.dynakit.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * PartiQL against the operations it stands for, on the engine and on DynamoDB Local embedded, side
 * by side in one run (in-process clients, one thread):
 *
 * <ol>
 *   <li>one item by its key: {@code SELECT * FROM t WHERE pk = ? AND sk = ?} against GetItem;
 *   <li>a partition of 20 items: {@code SELECT * FROM t WHERE pk = ?} against Query;
 *   <li>an update by key: {@code UPDATE t SET n = n + 1 WHERE pk = ? AND sk = ?} against UpdateItem
 *       with {@code SET n = n + :one}.
 * </ol>
 *
 * Alternating rounds of a fixed time after a warm-up; ops/s per round and medians. The report
 * gives, for each target, PartiQL ÷ its operation (what a statement costs over the request it
 * stands for), and the engine's PartiQL ÷ DynamoDB Local's.
 *
 * <p>Run: {@code mvn -B -q -pl dynakit-bench -am package exec:exec -DskipTests
 * -Dbench.main=dev.dynakit.bench.PartiqlVsApi [-Dbench.args=--quick]}.
 */
public final class PartiqlVsApi {
  /** Timings of one run. */
  record Config(long warmupMillis, int rounds, long roundMillis) {
    static Config full() {
      return new Config(3_000, 7, 1_000);
    }

    static Config quick() {
      return new Config(300, 3, 300);
    }
  }

  private static final String TABLE = "partiql";
  private static final int PARTITION = 20;

  private PartiqlVsApi() {}

  public static void main(String[] args) {
    Config config = Arrays.asList(args).contains("--quick") ? Config.quick() : Config.full();
    System.out.println(run(config, System.err));
  }

  static String run(Config config, PrintStream progress) {
    StringBuilder out = new StringBuilder();
    out.append("# PartiQL against the operations it stands for (in-process clients)\n\n");
    out.append(SideBySide.format("Load average before: %s%n%n", SideBySide.loadAverage()));
    out.append(
        "| Workload | engine: operation ops/s | engine: PartiQL ops/s | engine: PartiQL ÷"
            + " operation | Local: operation ops/s | Local: PartiQL ops/s | Local: PartiQL ÷"
            + " operation | PartiQL: engine ÷ Local |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    try (Target.Running engine = Target.ENGINE.start();
        Target.Running local = Target.DYNAMODB_LOCAL.start()) {
      DynamoDbClient[] clients = {engine.client(), local.client()};
      for (DynamoDbClient client : clients) {
        fill(client);
      }
      row(
          out,
          progress,
          config,
          "one item by its key",
          clients,
          PartiqlVsApi::getItem,
          PartiqlVsApi::selectByKey);
      row(
          out,
          progress,
          config,
          "a partition of 20 items",
          clients,
          PartiqlVsApi::query,
          PartiqlVsApi::selectPartition);
      row(
          out,
          progress,
          config,
          "an update by key",
          clients,
          PartiqlVsApi::updateItem,
          PartiqlVsApi::updateStatement);
    }
    out.append(
        "\nRatios are medians of alternating rounds. PartiQL ÷ operation below 1: the statement costs"
            + " more than the request it stands for; engine ÷ Local above 1: the engine is faster.\n\n");
    out.append(SideBySide.format("Load average after: %s%n", SideBySide.loadAverage()));
    return out.toString();
  }

  /** One workload on one client: the n-th call. */
  interface Call {
    void call(DynamoDbClient client, long n);
  }

  private static void fill(DynamoDbClient client) {
    client.createTable(
        b ->
            b.tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType("S"),
                    d -> d.attributeName("sk").attributeType("N"))
                .keySchema(
                    k -> k.attributeName("pk").keyType("HASH"),
                    k -> k.attributeName("sk").keyType("RANGE")));
    for (int p = 0; p < 10; p++) {
      for (int s = 0; s < PARTITION; s++) {
        Map<String, AttributeValue> item =
            Map.of(
                "pk", AttributeValue.fromS("p" + p),
                "sk", AttributeValue.fromN(Integer.toString(s)),
                "n", AttributeValue.fromN("0"),
                "body", AttributeValue.fromS("x".repeat(200)));
        client.putItem(b -> b.tableName(TABLE).item(item));
      }
    }
  }

  private static AttributeValue pk(long n) {
    return AttributeValue.fromS("p" + n % 10);
  }

  private static AttributeValue sk(long n) {
    return AttributeValue.fromN(Long.toString(n % PARTITION));
  }

  private static void getItem(DynamoDbClient client, long n) {
    SideBySide.check(
        client.getItem(b -> b.tableName(TABLE).key(Map.of("pk", pk(n), "sk", sk(n)))).hasItem());
  }

  private static void selectByKey(DynamoDbClient client, long n) {
    SideBySide.check(
        client
                .executeStatement(
                    b ->
                        b.statement("SELECT * FROM " + TABLE + " WHERE pk = ? AND sk = ?")
                            .parameters(pk(n), sk(n)))
                .items()
                .size()
            == 1);
  }

  private static void query(DynamoDbClient client, long n) {
    SideBySide.check(
        client
                .query(
                    b ->
                        b.tableName(TABLE)
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", pk(n))))
                .count()
            == PARTITION);
  }

  private static void selectPartition(DynamoDbClient client, long n) {
    SideBySide.check(
        client
                .executeStatement(
                    b -> b.statement("SELECT * FROM " + TABLE + " WHERE pk = ?").parameters(pk(n)))
                .items()
                .size()
            == PARTITION);
  }

  private static void updateItem(DynamoDbClient client, long n) {
    client.updateItem(
        b ->
            b.tableName(TABLE)
                .key(Map.of("pk", pk(n), "sk", sk(n)))
                .updateExpression("SET n = n + :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
  }

  private static void updateStatement(DynamoDbClient client, long n) {
    client.executeStatement(
        b ->
            b.statement("UPDATE " + TABLE + " SET n = n + 1 WHERE pk = ? AND sk = ?")
                .parameters(pk(n), sk(n)));
  }

  private static void row(
      StringBuilder out,
      PrintStream progress,
      Config config,
      String workload,
      DynamoDbClient[] clients,
      Call operation,
      Call statement) {
    progress.println("warming up: " + workload);
    List<LongConsumer> contenders =
        List.of(
            n -> operation.call(clients[0], n),
            n -> statement.call(clients[0], n),
            n -> operation.call(clients[1], n),
            n -> statement.call(clients[1], n));
    for (LongConsumer contender : contenders) {
      SideBySide.callsPerSecond(contender, config.warmupMillis());
    }
    double[][] rounds = new double[contenders.size()][config.rounds()];
    for (int r = 0; r < config.rounds(); r++) {
      for (int c = 0; c < contenders.size(); c++) {
        rounds[c][r] = SideBySide.callsPerSecond(contenders.get(c), config.roundMillis());
      }
    }
    double engineOperation = SideBySide.median(rounds[0]);
    double engineStatement = SideBySide.median(rounds[1]);
    double localOperation = SideBySide.median(rounds[2]);
    double localStatement = SideBySide.median(rounds[3]);
    progress.println(
        SideBySide.format(
            "%s: engine %,.0f / %,.0f, Local %,.0f / %,.0f ops/s",
            workload, engineOperation, engineStatement, localOperation, localStatement));
    out.append(
        SideBySide.format(
            "| %s | %,.0f | %,.0f | %.2f× | %,.0f | %,.0f | %.2f× | %.1f× |%n",
            workload,
            engineOperation,
            engineStatement,
            engineStatement / engineOperation,
            localOperation,
            localStatement,
            localStatement / localOperation,
            engineStatement / localStatement));
  }
}
