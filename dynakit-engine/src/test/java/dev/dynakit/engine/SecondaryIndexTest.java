package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Secondary indexes on the engine (in-process and over HTTP) and on Amazon DynamoDB Local, in
 * lockstep: every write, through every write operation, then every read of every index, compared
 * response by response — items and their order, pages and their keys, consumed capacity by index,
 * the counts DescribeTable gives, and errors.
 */
class SecondaryIndexTest {
  private static final String TABLE = "indexed";
  private static final String HASH_ONLY = "indexed-by-hash";
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynamoDbClient REFERENCE = LOCAL.dynamoDbClient();
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();
  private static final DynamoDbClient HTTP = Targets.overHttp(HTTP_ENGINE);
  private static final List<DynamoDbClient> ENGINES = List.of(ENGINE.client(), HTTP);

  @BeforeAll
  static void createTables() {
    Consumer<CreateTableRequest.Builder> indexed =
        b ->
            b.tableName(TABLE)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType("S"),
                    a -> a.attributeName("sk").attributeType("S"),
                    a -> a.attributeName("g").attributeType("S"),
                    a -> a.attributeName("gs").attributeType("N"),
                    a -> a.attributeName("l").attributeType("N"),
                    a -> a.attributeName("bin").attributeType("B"))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byG")
                            .keySchema(
                                k -> k.attributeName("g").keyType(KeyType.HASH),
                                k -> k.attributeName("gs").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("x")),
                    g ->
                        g.indexName("gOnly")
                            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType("KEYS_ONLY")),
                    g ->
                        g.indexName("byBinary")
                            .keySchema(
                                k -> k.attributeName("bin").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType("ALL")))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("byL")
                            .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("l").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType("KEYS_ONLY")),
                    l ->
                        l.indexName("byGInPartition")
                            .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("g").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType("ALL")))
                .billingMode("PAY_PER_REQUEST");
    Consumer<CreateTableRequest.Builder> hashOnly =
        b ->
            b.tableName(HASH_ONLY)
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType("N"),
                    a -> a.attributeName("g").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byG")
                            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType("ALL")))
                .billingMode("PAY_PER_REQUEST");
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE.client(), HTTP)) {
      client.createTable(indexed);
      client.createTable(hashOnly);
    }
  }

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  @Test
  void indexesFollowEveryWriteAndAnswerEveryRead() {
    SoftAssertions soft = new SoftAssertions();
    Random random = new Random(20261124);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (String pk : List.of("b", "a", "c", "d", "e", "f", "g")) {
      for (int s = 0; s < 6; s++) {
        items.add(item(random, pk, "s" + ((s * 7) % 6)));
      }
    }
    for (Map<String, AttributeValue> item : items) {
      step(
          soft,
          "put " + item.get("pk").s() + "/" + item.get("sk").s(),
          c ->
              c.putItem(
                  b ->
                      b.tableName(TABLE)
                          .item(item)
                          .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
    }
    for (int id = 0; id < 12; id++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("id", AttributeValue.fromN(Integer.toString(id * 3 - 7)));
      item.put("g", AttributeValue.fromS(id % 3 == 0 ? "one" : "two"));
      step(soft, "put id " + id, c -> c.putItem(b -> b.tableName(HASH_ONLY).item(item)));
    }
    writes(soft, random);
    reads(soft);
    step(soft, "counts", c -> counts(c, TABLE));
    indexSizes(soft);
    step(soft, "counts of the hash-only table", c -> counts(c, HASH_ONLY));
    soft.assertAll();
  }

  /**
   * A table with local secondary indexes returns ItemCollectionMetrics as the API reference says;
   * DynamoDB Local returns none (docs/compatibility.md). The same writes go to both.
   */
  @Test
  void writesToATableWithLocalIndexesReturnItemCollectionMetrics() {
    Map<String, AttributeValue> item = new LinkedHashMap<>(key("metrics", "m1"));
    item.put("l", AttributeValue.fromN("1"));
    Map<String, AttributeValue> other = new LinkedHashMap<>(key("metrics", "m2"));
    Map<String, AttributeValue> unindexed = Map.of("id", AttributeValue.fromN("1000"));
    List<Function<DynamoDbClient, Object>> writes =
        List.of(
            c ->
                c.putItem(b -> b.tableName(TABLE).item(item).returnItemCollectionMetrics("SIZE"))
                    .itemCollectionMetrics(),
            c ->
                c.updateItem(
                        b ->
                            b.tableName(TABLE)
                                .key(key("metrics", "m1"))
                                .updateExpression("SET z = :z")
                                .expressionAttributeValues(Map.of(":z", AttributeValue.fromS("z")))
                                .returnItemCollectionMetrics("SIZE"))
                    .itemCollectionMetrics(),
            c ->
                c.batchWriteItem(
                        b ->
                            b.requestItems(
                                    Map.of(
                                        TABLE,
                                        List.of(
                                            WriteRequest.builder()
                                                .putRequest(p -> p.item(other))
                                                .build())))
                                .returnItemCollectionMetrics("SIZE"))
                    .itemCollectionMetrics()
                    .get(TABLE),
            c ->
                c.transactWriteItems(
                        b ->
                            b.transactItems(
                                    t ->
                                        t.delete(d -> d.tableName(TABLE).key(key("metrics", "m2"))))
                                .returnItemCollectionMetrics("SIZE"))
                    .itemCollectionMetrics()
                    .get(TABLE),
            c ->
                c.deleteItem(
                        b ->
                            b.tableName(TABLE)
                                .key(key("metrics", "m1"))
                                .returnItemCollectionMetrics("SIZE"))
                    .itemCollectionMetrics());
    var expected =
        software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics.builder()
            .itemCollectionKey(Map.of("pk", AttributeValue.fromS("metrics")))
            .sizeEstimateRangeGB(0.0, 1.0)
            .build();
    for (Function<DynamoDbClient, Object> write : writes) {
      Object local = write.apply(REFERENCE);
      assertThat(local == null || (local instanceof List<?> l && l.isEmpty())).isTrue();
      for (DynamoDbClient engine : ENGINES) {
        Object metrics = write.apply(engine);
        assertThat(metrics instanceof List<?> list ? list : List.of(metrics))
            .containsExactly(expected);
      }
    }
    for (DynamoDbClient client : List.of(REFERENCE, ENGINE.client(), HTTP)) {
      assertThat(
              client
                  .putItem(
                      b ->
                          b.tableName(HASH_ONLY)
                              .item(unindexed)
                              .returnItemCollectionMetrics("SIZE"))
                  .itemCollectionMetrics())
          .isNull();
      client.deleteItem(b -> b.tableName(HASH_ONLY).key(unindexed));
    }
  }

  private static Map<String, AttributeValue> item(Random random, String pk, String sk) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("pk", AttributeValue.fromS(pk));
    item.put("sk", AttributeValue.fromS(sk));
    if (random.nextInt(5) > 0) {
      item.put("g", AttributeValue.fromS(List.of("red", "green", "blue").get(random.nextInt(3))));
    }
    if (random.nextInt(4) > 0) {
      item.put("gs", AttributeValue.fromN(Integer.toString(random.nextInt(5) - 2)));
    }
    if (random.nextInt(3) > 0) {
      item.put("l", AttributeValue.fromN(random.nextInt(4) + "." + random.nextInt(10)));
    }
    if (random.nextInt(3) == 0) {
      item.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));
    }
    item.put("x", AttributeValue.fromS("x".repeat(random.nextInt(3) == 0 ? 1500 : 10)));
    item.put("y", AttributeValue.fromS("y".repeat(random.nextInt(3) == 0 ? 5000 : 10)));
    return item;
  }

  private static void writes(SoftAssertions soft, Random random) {
    Map<String, AttributeValue> key = key("a", "s1");
    for (String update :
        List.of(
            "SET g = :red",
            "SET gs = :one",
            "SET x = :big",
            "SET y = :big",
            "SET l = :one",
            "REMOVE g",
            "REMOVE gs, l",
            "SET g = :red, gs = :one, l = :one",
            "SET bin = :bin")) {
      step(
          soft,
          "update " + update,
          c ->
              c.updateItem(
                  b ->
                      b.tableName(TABLE)
                          .key(key)
                          .updateExpression(update)
                          .expressionAttributeValues(
                              filterUsed(
                                  update,
                                  Map.of(
                                      ":red", AttributeValue.fromS("red"),
                                      ":one", AttributeValue.fromN("1"),
                                      ":big", AttributeValue.fromS("z".repeat(2000)),
                                      ":bin",
                                          AttributeValue.fromB(
                                              SdkBytes.fromByteArray(new byte[] {9})))))
                          .returnValues("ALL_NEW")
                          .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
    }
    step(
        soft,
        "update to a wrong index key type",
        c ->
            c.updateItem(
                b ->
                    b.tableName(TABLE)
                        .key(key)
                        .updateExpression("SET gs = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("one")))));
    step(
        soft,
        "a failed condition comes before a wrong index key type",
        c ->
            c.updateItem(
                b ->
                    b.tableName(TABLE)
                        .key(key)
                        .conditionExpression("attribute_not_exists(pk)")
                        .updateExpression("SET gs = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("one")))));
    Map<String, AttributeValue> wrong = new LinkedHashMap<>(key);
    wrong.put("g", AttributeValue.fromN("1"));
    step(soft, "put a wrong index key type", c -> c.putItem(b -> b.tableName(TABLE).item(wrong)));
    Map<String, AttributeValue> empty = new LinkedHashMap<>(key);
    empty.put("g", AttributeValue.fromS(""));
    step(soft, "put an empty index key", c -> c.putItem(b -> b.tableName(TABLE).item(empty)));
    Map<String, AttributeValue> emptyBinary = new LinkedHashMap<>(key);
    emptyBinary.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
    step(
        soft,
        "put an empty binary index key",
        c -> c.putItem(b -> b.tableName(TABLE).item(emptyBinary)));
    step(
        soft,
        "delete with capacity",
        c ->
            c.deleteItem(
                b ->
                    b.tableName(TABLE)
                        .key(key("b", "s2"))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Map<String, AttributeValue> item = item(random, "h", "t" + i);
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
    }
    batch.add(WriteRequest.builder().deleteRequest(d -> d.key(key("c", "s3"))).build());
    step(
        soft,
        "batch write",
        c ->
            c.batchWriteItem(
                b ->
                    b.requestItems(Map.of(TABLE, batch))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
    Map<String, AttributeValue> moved = item(random, "d", "s0");
    moved.put("g", AttributeValue.fromS("blue"));
    step(
        soft,
        "transaction",
        c ->
            c.transactWriteItems(
                b ->
                    b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                        .transactItems(
                            t -> t.put(p -> p.tableName(TABLE).item(moved)),
                            t ->
                                t.update(
                                    u ->
                                        u.tableName(TABLE)
                                            .key(key("e", "s1"))
                                            .updateExpression("SET g = :g REMOVE l")
                                            .expressionAttributeValues(
                                                Map.of(":g", AttributeValue.fromS("green")))),
                            t -> t.delete(d -> d.tableName(TABLE).key(key("e", "s2"))),
                            t ->
                                t.conditionCheck(
                                    k ->
                                        k.tableName(TABLE)
                                            .key(key("e", "s3"))
                                            .conditionExpression("attribute_exists(pk)")))));
    step(
        soft,
        "transaction putting a wrong index key type",
        c ->
            c.transactWriteItems(
                b ->
                    b.transactItems(
                        t -> t.put(p -> p.tableName(TABLE).item(wrong)),
                        t -> t.delete(d -> d.tableName(TABLE).key(key("f", "s1"))))));
    step(
        soft,
        "transaction updating to a wrong index key type",
        c ->
            c.transactWriteItems(
                b ->
                    b.transactItems(
                        t -> t.delete(d -> d.tableName(TABLE).key(key("f", "s1"))),
                        t ->
                            t.update(
                                u ->
                                    u.tableName(TABLE)
                                        .key(key("f", "s2"))
                                        .updateExpression("SET gs = :g")
                                        .expressionAttributeValues(
                                            Map.of(":g", AttributeValue.fromS("green")))))));
  }

  private static void reads(SoftAssertions soft) {
    Map<String, AttributeValue> red = Map.of(":g", AttributeValue.fromS("red"));
    Map<String, Consumer<QueryRequest.Builder>> queries = new LinkedHashMap<>();
    queries.put("gsi", b -> b.indexName("byG").keyConditionExpression("g = :g"));
    queries.put(
        "gsi backwards",
        b -> b.indexName("byG").keyConditionExpression("g = :g").scanIndexForward(false));
    queries.put(
        "gsi range",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g AND gs BETWEEN :lo AND :hi")
                .expressionAttributeValues(
                    Map.of(
                        ":g", AttributeValue.fromS("red"),
                        ":lo", AttributeValue.fromN("-1"),
                        ":hi", AttributeValue.fromN("1"))));
    queries.put("gsi keys only", b -> b.indexName("gOnly").keyConditionExpression("g = :g"));
    queries.put(
        "gsi filter",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .filterExpression("size(x) > :n")
                .expressionAttributeValues(
                    Map.of(":g", AttributeValue.fromS("red"), ":n", AttributeValue.fromN("100"))));
    queries.put(
        "gsi filter on the table key",
        b -> b.indexName("byG").keyConditionExpression("g = :g").filterExpression("pk <> :g"));
    queries.put(
        "gsi filter on its key",
        b -> b.indexName("byG").keyConditionExpression("g = :g").filterExpression("gs = :g"));
    queries.put(
        "gsi filter on what it does not project",
        b -> b.indexName("byG").keyConditionExpression("g = :g").filterExpression("y = :g"));
    queries.put(
        "gsi projection",
        b -> b.indexName("byG").keyConditionExpression("g = :g").projectionExpression("pk, x"));
    queries.put(
        "gsi projection of what it does not project",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .projectionExpression("z, y.q, x, w[0]"));
    queries.put(
        "gsi all attributes",
        b -> b.indexName("byG").keyConditionExpression("g = :g").select(Select.ALL_ATTRIBUTES));
    queries.put(
        "gsi all projected",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .select(Select.ALL_PROJECTED_ATTRIBUTES));
    queries.put(
        "gsi count", b -> b.indexName("byG").keyConditionExpression("g = :g").select(Select.COUNT));
    queries.put(
        "gsi consistent",
        b -> b.indexName("byG").keyConditionExpression("g = :g").consistentRead(true));
    queries.put("unknown index", b -> b.indexName("nope").keyConditionExpression("g = :g"));
    queries.put("gsi by the table key", b -> b.indexName("byG").keyConditionExpression("pk = :g"));
    queries.put(
        "table all projected",
        b -> b.keyConditionExpression("pk = :g").select(Select.ALL_PROJECTED_ATTRIBUTES));
    queries.put(
        "gsi start key",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .exclusiveStartKey(
                    Map.of(
                        "pk", AttributeValue.fromS("zz"),
                        "sk", AttributeValue.fromS("s1"),
                        "g", AttributeValue.fromS("red"),
                        "gs", AttributeValue.fromN("0"))));
    queries.put(
        "gsi start key of the table",
        b -> b.indexName("byG").keyConditionExpression("g = :g").exclusiveStartKey(key("a", "s1")));
    queries.put(
        "gsi start key of a wrong type",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .exclusiveStartKey(
                    Map.of(
                        "pk", AttributeValue.fromS("a"),
                        "sk", AttributeValue.fromS("s1"),
                        "g", AttributeValue.fromS("red"),
                        "gs", AttributeValue.fromS("0"))));
    queries.put(
        "gsi start key in another partition",
        b ->
            b.indexName("byG")
                .keyConditionExpression("g = :g")
                .exclusiveStartKey(
                    Map.of(
                        "pk", AttributeValue.fromS("a"),
                        "sk", AttributeValue.fromS("s1"),
                        "g", AttributeValue.fromS("blue"),
                        "gs", AttributeValue.fromN("0"))));
    Map<String, AttributeValue> partitionA = Map.of(":p", AttributeValue.fromS("a"));
    queries.put(
        "lsi",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(partitionA));
    queries.put(
        "lsi range",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p AND l > :l")
                .expressionAttributeValues(
                    Map.of(":p", AttributeValue.fromS("a"), ":l", AttributeValue.fromN("1.5"))));
    queries.put(
        "lsi all attributes",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .select(Select.ALL_ATTRIBUTES)
                .expressionAttributeValues(partitionA));
    queries.put(
        "lsi projection beyond the index",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .projectionExpression("y, l")
                .expressionAttributeValues(partitionA));
    queries.put(
        "lsi consistent",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .consistentRead(true)
                .expressionAttributeValues(partitionA));
    queries.put(
        "lsi filter on the table's sort key",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .filterExpression("sk > :s")
                .expressionAttributeValues(
                    Map.of(":p", AttributeValue.fromS("a"), ":s", AttributeValue.fromS("s2"))));
    queries.put(
        "lsi filter on its key",
        b ->
            b.indexName("byL")
                .keyConditionExpression("pk = :p")
                .filterExpression("l > :p")
                .expressionAttributeValues(partitionA));
    queries.put(
        "lsi of all",
        b ->
            b.indexName("byGInPartition")
                .keyConditionExpression("pk = :p AND begins_with(g, :g)")
                .expressionAttributeValues(
                    Map.of(":p", AttributeValue.fromS("d"), ":g", AttributeValue.fromS("g"))));
    for (var query : queries.entrySet()) {
      for (ReturnConsumedCapacity capacity :
          List.of(ReturnConsumedCapacity.INDEXES, ReturnConsumedCapacity.TOTAL)) {
        Consumer<QueryRequest.Builder> request =
            query
                .getValue()
                .andThen(
                    b -> {
                      QueryRequest built = b.build();
                      b.tableName(TABLE).returnConsumedCapacity(capacity);
                      if (!built.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(red);
                      }
                    });
        step(soft, "query " + query.getKey() + " " + capacity, c -> c.query(request));
      }
      for (Integer limit : List.of(1, 3)) {
        Consumer<QueryRequest.Builder> request =
            query
                .getValue()
                .andThen(
                    b -> {
                      QueryRequest built = b.build();
                      b.tableName(TABLE).limit(limit);
                      if (!built.hasExpressionAttributeValues()) {
                        b.expressionAttributeValues(red);
                      }
                    });
        step(soft, "pages of " + query.getKey() + " by " + limit, c -> queryPages(c, request));
      }
    }
    step(
        soft,
        "hash-only table's index",
        c ->
            c.query(
                b ->
                    b.tableName(HASH_ONLY)
                        .indexName("byG")
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("two")))));
    Map<String, Consumer<ScanRequest.Builder>> scans = new LinkedHashMap<>();
    for (String index : List.of("byG", "gOnly", "byBinary", "byL", "byGInPartition")) {
      scans.put(index, b -> b.indexName(index));
      scans.put(index + " all attributes", b -> b.indexName(index).select(Select.ALL_ATTRIBUTES));
      scans.put(index + " consistent", b -> b.indexName(index).consistentRead(true));
      for (int segment = 0; segment < 3; segment++) {
        int s = segment;
        scans.put(index + " segment " + s, b -> b.indexName(index).segment(s).totalSegments(3));
      }
    }
    scans.put(
        "gsi filter on its key",
        b ->
            b.indexName("byG")
                .filterExpression("gs = :z")
                .expressionAttributeValues(Map.of(":z", AttributeValue.fromN("0"))));
    scans.put(
        "gsi start key of the table", b -> b.indexName("byG").exclusiveStartKey(key("a", "s1")));
    scans.put("table all projected", b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES));
    for (var scan : scans.entrySet()) {
      Consumer<ScanRequest.Builder> request =
          scan.getValue()
              .andThen(
                  b -> b.tableName(TABLE).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
      // A Scan of a local index orders equal index keys otherwise (docs/compatibility.md): the
      // table's sort key, which tells them apart, is left out of the order compared.
      Function<Object, Object> compared =
          scan.getKey().startsWith("byL")
              ? o -> tiesUnordered(o, "l")
              : scan.getKey().startsWith("byGInPartition") ? o -> tiesUnordered(o, "g") : o -> o;
      step(soft, "scan " + scan.getKey(), c -> compared.apply(Targets.canonical(c.scan(request))));
      Consumer<ScanRequest.Builder> paged =
          scan.getValue().andThen(b -> b.tableName(TABLE).limit(4));
      step(soft, "scan pages of " + scan.getKey(), c -> compared.apply(scanPages(c, paged)));
    }
    step(
        soft,
        "hash-only table's index scanned",
        c -> c.scan(b -> b.tableName(HASH_ONLY).indexName("byG")));
  }

  /**
   * A canonical Scan response (or list of pages) with each page's items as the sequence of their
   * (partition key, index sort key) pairs and, apart, the sorted set of the items (of all pages);
   * and the table's sort key left out of LastEvaluatedKey.
   */
  private static Object tiesUnordered(Object canonical, String indexSortKey) {
    if (canonical instanceof List<?> pages) {
      List<Object> sequence = new ArrayList<>();
      List<Object> all = new ArrayList<>();
      for (Object page : pages) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> unordered = (Map<Object, Object>) tiesUnordered(page, indexSortKey);
        all.addAll((List<?>) unordered.remove("ItemSet"));
        sequence.add(unordered);
      }
      all.sort(java.util.Comparator.comparing(String::valueOf));
      return List.of(sequence, all);
    }
    Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) canonical);
    if (copy.get("Items") instanceof List<?> items) {
      copy.put(
          "Items",
          items.stream()
              .map(
                  item ->
                      List.of(((Map<?, ?>) item).get("pk"), ((Map<?, ?>) item).get(indexSortKey)))
              .toList());
      copy.put(
          "ItemSet",
          items.stream()
              .map(item -> new java.util.TreeMap<Object, Object>((Map<?, ?>) item).toString())
              .sorted()
              .toList());
    }
    if (copy.get("LastEvaluatedKey") instanceof Map<?, ?> key) {
      Map<Object, Object> withoutSortKey = new LinkedHashMap<>(key);
      withoutSortKey.remove("sk");
      copy.put("LastEvaluatedKey", withoutSortKey);
    }
    return copy;
  }

  /**
   * What DescribeTable counts: items and bytes of the table, items of each index, and bytes of the
   * indexes whose size DynamoDB Local gets right (see {@link #indexSizes}).
   */
  private static List<Object> counts(DynamoDbClient client, String table) {
    var description = client.describeTable(b -> b.tableName(table)).table();
    List<Object> counts = new ArrayList<>();
    counts.add(List.of(description.itemCount(), description.tableSizeBytes()));
    description
        .globalSecondaryIndexes()
        .forEach(
            i ->
                counts.add(
                    List.of(
                        i.indexName(),
                        i.itemCount(),
                        i.keySchema().size() == 2 ? "see indexSizes" : i.indexSizeBytes())));
    description
        .localSecondaryIndexes()
        .forEach(i -> counts.add(List.of(i.indexName(), i.itemCount(), i.indexSizeBytes())));
    return counts;
  }

  /**
   * IndexSizeBytes of a global index with a sort key: the size of the items in the index, where
   * DynamoDB Local also counts items that have the index's sort key attribute but are not in the
   * index (docs/compatibility.md).
   */
  private static void indexSizes(SoftAssertions soft) {
    Map<String, List<String>> keys =
        Map.of("byG", List.of("g", "gs"), "byBinary", List.of("bin", "sk"));
    for (var index : keys.entrySet()) {
      List<String> key = index.getValue();
      soft.assertThat(indexSize(ENGINE.client(), index.getKey()))
          .as("IndexSizeBytes of " + index.getKey())
          .isEqualTo(sizeOfItemsWith(ENGINE.client(), key))
          .isNotEqualTo(sizeOfItemsWith(ENGINE.client(), key.subList(1, 2)));
      soft.assertThat(indexSize(REFERENCE, index.getKey()))
          .as("IndexSizeBytes of " + index.getKey() + " on DynamoDB Local")
          .isGreaterThan(sizeOfItemsWith(REFERENCE, key));
    }
  }

  private static long indexSize(DynamoDbClient client, String index) {
    return client.describeTable(b -> b.tableName(TABLE)).table().globalSecondaryIndexes().stream()
        .filter(i -> i.indexName().equals(index))
        .findFirst()
        .orElseThrow()
        .indexSizeBytes();
  }

  private static long sizeOfItemsWith(DynamoDbClient client, List<String> attributes) {
    return client.scanPaginator(b -> b.tableName(TABLE)).items().stream()
        .filter(item -> item.keySet().containsAll(attributes))
        .mapToLong(dev.dynakit.expression.value.ItemSize::of)
        .sum();
  }

  private static Map<String, AttributeValue> filterUsed(
      String expression, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> used = new LinkedHashMap<>();
    values.forEach(
        (name, value) -> {
          if (expression.contains(name)) {
            used.put(name, value);
          }
        });
    return used.isEmpty() ? null : used;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
  }

  private static List<Object> queryPages(
      DynamoDbClient client, Consumer<QueryRequest.Builder> request) {
    return pages(
        start -> client.query(request.andThen(b -> b.exclusiveStartKey(start))),
        QueryResponse::lastEvaluatedKey);
  }

  private static List<Object> scanPages(
      DynamoDbClient client, Consumer<ScanRequest.Builder> request) {
    return pages(
        start -> client.scan(request.andThen(b -> b.exclusiveStartKey(start))),
        ScanResponse::lastEvaluatedKey);
  }

  /** Every page from the first to the last, each as its canonical response. */
  private static <R> List<Object> pages(
      Function<Map<String, AttributeValue>, R> page,
      Function<R, Map<String, AttributeValue>> lastEvaluatedKey) {
    List<Object> pages = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      R response = page.apply(start);
      pages.add(Targets.canonical(response));
      Map<String, AttributeValue> last = lastEvaluatedKey.apply(response);
      start = last.isEmpty() ? null : last;
    } while (start != null && pages.size() < 100);
    return pages;
  }

  /** Runs one step on every target and records whether the engines answered as the reference. */
  private static void step(
      SoftAssertions soft, String name, Function<DynamoDbClient, Object> call) {
    Object expected = outcome(REFERENCE, call);
    for (DynamoDbClient engine : ENGINES) {
      soft.assertThat(outcome(engine, call)).as(name).isEqualTo(expected);
    }
  }

  private static Object outcome(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
    try {
      return Targets.canonical(call.apply(client));
    } catch (TransactionCanceledException e) {
      return List.of(
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage(),
          Targets.canonical(e.cancellationReasons()));
    } catch (DynamoDbException e) {
      return List.of(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    }
  }
}
