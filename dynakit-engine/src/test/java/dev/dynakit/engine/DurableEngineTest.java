package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.storage.DurableStorage;
import dev.dynakit.engine.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** A durable engine: what it holds after it is closed and opened again, and whom it refuses. */
class DurableEngineTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456789Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private DynakitEngine open() {
    return DynakitEngine.builder().dataDir(dir).clock(CLOCK).region("eu-west-1").build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  /** Creates a table with a local and a global index, tags, streams, SSE and protection. */
  private static void createOrders(DynamoDbClient ddb) {
    ddb.createTable(
        b ->
            b.tableName("orders")
                .attributeDefinitions(
                    a -> a.attributeName("customer").attributeType("S"),
                    a -> a.attributeName("order").attributeType("N"),
                    a -> a.attributeName("status").attributeType("S"),
                    a -> a.attributeName("placed").attributeType("S"))
                .keySchema(
                    k -> k.attributeName("customer").keyType("HASH"),
                    k -> k.attributeName("order").keyType("RANGE"))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("byPlaced")
                            .keySchema(
                                k -> k.attributeName("customer").keyType("HASH"),
                                k -> k.attributeName("placed").keyType("RANGE"))
                            .projection(p -> p.projectionType("KEYS_ONLY")))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byStatus")
                            .keySchema(
                                k -> k.attributeName("status").keyType("HASH"),
                                k -> k.attributeName("order").keyType("RANGE"))
                            .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("total")))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE"))
                .sseSpecification(s -> s.enabled(true))
                .tableClass("STANDARD_INFREQUENT_ACCESS")
                .deletionProtectionEnabled(true)
                .tags(t -> t.key("team").value("billing"), t -> t.key("env").value("test")));
  }

  private static void writeOrders(DynamoDbClient ddb) {
    for (int i = 1; i <= 20; i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("customer", s("c" + (i % 3)));
      item.put("order", n(Integer.toString(i)));
      item.put("placed", s("2026-11-" + (10 + i)));
      if (i % 2 == 0) {
        item.put("status", s(i % 4 == 0 ? "open" : "shipped"));
      }
      item.put("total", n(i + ".5"));
      item.put("note", s("x".repeat(i)));
      ddb.putItem(b -> b.tableName("orders").item(item));
    }
    ddb.updateItem(
        b ->
            b.tableName("orders")
                .key(Map.of("customer", s("c1"), "order", n("1")))
                .updateExpression("SET #s = :s, #t = #t + :t")
                .expressionAttributeNames(Map.of("#s", "status", "#t", "total"))
                .expressionAttributeValues(Map.of(":s", s("open"), ":t", n("100"))));
    ddb.deleteItem(b -> b.tableName("orders").key(Map.of("customer", s("c2"), "order", n("2"))));
    ddb.transactWriteItems(
        b ->
            b.transactItems(
                t ->
                    t.put(
                        p ->
                            p.tableName("orders")
                                .item(
                                    Map.of(
                                        "customer", s("c9"),
                                        "order", n("90"),
                                        "placed", s("2026-12-01"),
                                        "status", s("open")))),
                t ->
                    t.delete(
                        d ->
                            d.tableName("orders")
                                .key(Map.of("customer", s("c0"), "order", n("3")))),
                t ->
                    t.update(
                        u ->
                            u.tableName("orders")
                                .key(Map.of("customer", s("c1"), "order", n("4")))
                                .updateExpression("REMOVE note"))));
    ddb.tagResource(
        b ->
            b.resourceArn("arn:aws:dynamodb:eu-west-1:000000000000:table/orders")
                .tags(t -> t.key("owner").value("ops")));
    ddb.untagResource(
        b -> b.resourceArn("arn:aws:dynamodb:eu-west-1:000000000000:table/orders").tagKeys("env"));
    ddb.createTable(
        b ->
            b.tableName("plain")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("B"))
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L)));
    ddb.putItem(
        b ->
            b.tableName("plain")
                .item(
                    Map.of(
                        "id",
                        AttributeValue.fromB(
                            software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {0, 1})),
                        "set",
                        AttributeValue.fromNs(List.of("1", "2.5")))));
  }

  /** Everything a client can see of the engine's tables, as comparable values. */
  private static Map<String, Object> observe(DynamoDbClient ddb) {
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("tables", ddb.listTables().tableNames());
    for (String table : ddb.listTables().tableNames()) {
      seen.put(
          table + " description", Targets.canonical(ddb.describeTable(b -> b.tableName(table))));
      seen.put(
          table + " tags",
          ddb.listTagsOfResource(
                  b -> b.resourceArn("arn:aws:dynamodb:eu-west-1:000000000000:table/" + table))
              .tags());
      seen.put(table + " scan", ddb.scan(b -> b.tableName(table)).items());
    }
    seen.put(
        "query by status",
        ddb.query(
                b ->
                    b.tableName("orders")
                        .indexName("byStatus")
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("open")))
                        .scanIndexForward(false))
            .items());
    seen.put(
        "query by placed",
        ddb.query(
                b ->
                    b.tableName("orders")
                        .indexName("byPlaced")
                        .keyConditionExpression("customer = :c AND placed > :p")
                        .expressionAttributeValues(Map.of(":c", s("c1"), ":p", s("2026-11-12"))))
            .items());
    seen.put(
        "scan of the global index",
        ddb.scan(b -> b.tableName("orders").indexName("byStatus").select(Select.COUNT)).count());
    seen.put(
        "collection metrics",
        ddb.putItem(
                b ->
                    b.tableName("orders")
                        .item(Map.of("customer", s("c1"), "order", n("1000")))
                        .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE))
            .itemCollectionMetrics());
    ddb.deleteItem(b -> b.tableName("orders").key(Map.of("customer", s("c1"), "order", n("1000"))));
    return seen;
  }

  @Test
  void aReopenedEngineHoldsExactlyWhatItHeld() {
    Map<String, Object> before;
    try (DynakitEngine engine = open()) {
      assertThat(engine.dataDir()).contains(dir.toAbsolutePath().normalize());
      createOrders(engine.client());
      writeOrders(engine.client());
      before = observe(engine.client());
    }
    try (DynakitEngine engine = open()) {
      assertThat(observe(engine.client())).isEqualTo(before);
      assertThat(engine.client().describeTable(b -> b.tableName("orders")).table().itemCount())
          .isEqualTo(19);
    }
    try (DynakitEngine engine = open()) {
      assertThat(observe(engine.client())).isEqualTo(before);
      DynamoDbClient ddb = engine.client();
      ddb.query(
          b ->
              b.tableName("orders")
                  .keyConditionExpression("customer = :c")
                  .expressionAttributeValues(Map.of(":c", s("c1")))
                  .limit(1));
      ddb.scanPaginator(b -> b.tableName("orders").limit(3)).items().forEach(item -> {});
      ddb.scan(b -> b.tableName("orders").segment(1).totalSegments(3));
      ddb.batchGetItem(
          b ->
              b.requestItems(
                  Map.of(
                      "orders",
                      software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                          .keys(Map.of("customer", s("c1"), "order", n("4")))
                          .build())));
      ddb.transactGetItems(
          b ->
              b.transactItems(
                  t ->
                      t.get(
                          g ->
                              g.tableName("orders")
                                  .key(Map.of("customer", s("c1"), "order", n("4"))))));
      // Every read path closed the iterators it opened.
      assertThat(((DurableStorage) engine.storage()).openScans()).isZero();
    }
  }

  @Test
  void theSameWritesGiveWhatAnEngineInMemoryGives() {
    Map<String, Object> inMemory;
    try (DynakitEngine engine = DynakitEngine.builder().clock(CLOCK).region("eu-west-1").build()) {
      createOrders(engine.client());
      writeOrders(engine.client());
      inMemory = withoutIds(observe(engine.client()));
    }
    try (DynakitEngine engine = open()) {
      createOrders(engine.client());
      writeOrders(engine.client());
    }
    try (DynakitEngine engine = open()) {
      assertThat(withoutIds(observe(engine.client()))).isEqualTo(inMemory);
    }
  }

  /** Table ids are random: the descriptions compare without them. */
  private static Map<String, Object> withoutIds(Map<String, Object> seen) {
    Map<String, Object> copy = new LinkedHashMap<>(seen);
    copy.replaceAll(
        (key, value) -> {
          if (value instanceof Map<?, ?> described && key.endsWith("description")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> response = new LinkedHashMap<>((Map<String, Object>) described);
            @SuppressWarnings("unchecked")
            Map<String, Object> table =
                new LinkedHashMap<>((Map<String, Object>) response.get("Table"));
            table.remove("TableId");
            response.put("Table", table);
            return response;
          }
          return value;
        });
    return copy;
  }

  @Test
  void globalIndexesCreatedAndDeletedByUpdateTableStayThatWay() {
    try (DynakitEngine engine = open()) {
      createOrders(engine.client());
      writeOrders(engine.client());
      engine
          .client()
          .updateTable(
              b ->
                  b.tableName("orders")
                      .attributeDefinitions(a -> a.attributeName("placed").attributeType("S"))
                      .globalSecondaryIndexUpdates(
                          u ->
                              u.create(
                                  c ->
                                      c.indexName("byDay")
                                          .keySchema(k -> k.attributeName("placed").keyType("HASH"))
                                          .projection(p -> p.projectionType("ALL")))));
    }
    Object description;
    try (DynakitEngine engine = open()) {
      DynamoDbClient ddb = engine.client();
      var day =
          ddb.describeTable(b -> b.tableName("orders")).table().globalSecondaryIndexes().stream()
              .filter(index -> index.indexName().equals("byDay"))
              .findFirst()
              .orElseThrow();
      assertThat(day.itemCount()).isEqualTo(19);
      assertThat(
              ddb.query(
                      b ->
                          b.tableName("orders")
                              .indexName("byDay")
                              .keyConditionExpression("placed = :p")
                              .expressionAttributeValues(Map.of(":p", s("2026-11-15"))))
                  .items())
          .singleElement()
          .satisfies(item -> assertThat(item).containsEntry("order", n("5")));
      ddb.updateTable(
          b ->
              b.tableName("orders")
                  .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byStatus"))));
      description = Targets.canonical(ddb.describeTable(b -> b.tableName("orders")));
    }
    try (DynakitEngine engine = open()) {
      DynamoDbClient ddb = engine.client();
      assertThat(Targets.canonical(ddb.describeTable(b -> b.tableName("orders"))))
          .isEqualTo(description);
      assertThat(ddb.describeTable(b -> b.tableName("orders")).table().globalSecondaryIndexes())
          .extracting(index -> index.indexName())
          .containsExactly("byDay");
      assertThatThrownBy(
              () ->
                  ddb.query(
                      b ->
                          b.tableName("orders")
                              .indexName("byStatus")
                              .keyConditionExpression("#s = :s")
                              .expressionAttributeNames(Map.of("#s", "status"))
                              .expressionAttributeValues(Map.of(":s", s("open")))))
          .hasMessageContaining("byStatus");
    }
  }

  @Test
  void aDeletedTableLeavesNothingBehind() {
    try (DynakitEngine engine = open()) {
      createOrders(engine.client());
      writeOrders(engine.client());
      engine.client().updateTable(b -> b.tableName("orders").deletionProtectionEnabled(false));
      engine.client().deleteTable(b -> b.tableName("orders"));
    }
    try (DynakitEngine engine = open()) {
      DynamoDbClient ddb = engine.client();
      assertThat(ddb.listTables().tableNames()).containsExactly("plain");
      assertThatThrownBy(() -> ddb.describeTable(b -> b.tableName("orders")))
          .isInstanceOf(ResourceNotFoundException.class);
      createOrders(ddb);
      assertThat(ddb.scan(b -> b.tableName("orders")).count()).isZero();
      assertThat(ddb.describeTable(b -> b.tableName("orders")).table().itemCount()).isZero();
      assertThat(
              ddb.listTagsOfResource(
                      b -> b.resourceArn("arn:aws:dynamodb:eu-west-1:000000000000:table/orders"))
                  .tags())
          .extracting(tag -> tag.key())
          .containsExactlyInAnyOrder("team", "env");
    }
    try (DurableStorage storage = DurableStorage.open(dir, true, Duration.ofSeconds(1))) {
      List<String> orders = new ArrayList<>();
      for (String keyspace : storage.keyspaces()) {
        if (!keyspace.startsWith("catalog/")) {
          orders.add(keyspace.replaceAll("[0-9a-f-]{36}", "ID"));
        }
      }
      // The plain table's items and counters, the new orders table's keyspaces, and the orders
      // stream (a deleted table's stream is kept for 24 hours; on this engine's fixed clock the
      // new table's stream has the same label, and so the same ARN).
      assertThat(orders)
          .containsExactlyInAnyOrder(
              "table/ID",
              "counters/ID",
              "table/ID",
              "index/ID/byPlaced",
              "index/ID/byStatus",
              "counters/ID",
              "collections/ID",
              "stream/arn:aws:dynamodb:eu-west-1:000000000000:table/orders/stream/"
                  + "2026-11-24T10:15:30.123");
    }
  }

  @Test
  void relaxedDurabilityKeepsWritesAcrossACleanClose() {
    Function<Path, DynakitEngine> relaxed =
        path ->
            DynakitEngine.builder()
                .dataDir(path)
                .region("eu-west-1")
                .durability(Durability.RELAXED)
                .syncInterval(Duration.ofMillis(50))
                .build();
    try (DynakitEngine engine = relaxed.apply(dir)) {
      createOrders(engine.client());
      writeOrders(engine.client());
    }
    try (DynakitEngine engine = relaxed.apply(dir)) {
      assertThat(engine.client().scan(b -> b.tableName("orders")).count()).isEqualTo(19);
    }
  }

  @Test
  void aSecondEngineOnTheSameDirectoryIsRefusedWithTheOwnersPid() {
    try (DynakitEngine engine = open()) {
      assertThatThrownBy(this::open)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(dir.toAbsolutePath().normalize().toString())
          .hasMessageContaining("in use by this process (pid " + ProcessHandle.current().pid());
      assertThat(engine.client().listTables().tableNames()).isEmpty();
    }
    try (DynakitEngine engine = open()) {
      assertThat(engine.client().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void aDirectoryWrittenByANewerFormatIsRefused() throws Exception {
    try (DynakitEngine engine = open()) {
      createOrders(engine.client());
    }
    Files.writeString(dir.resolve("dynakit.json"), "{\"format\":2,\"store\":\"rocksdb\"}\n");
    assertThatThrownBy(this::open)
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "The data directory "
                + dir.toAbsolutePath().normalize()
                + " was written by a newer dynakit (format 2 in dynakit.json; this version reads"
                + " format 1 and older); open it with that version");
    Files.writeString(dir.resolve("dynakit.json"), "{\"store\":\"rocksdb\"}\n");
    assertThatThrownBy(this::open)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is damaged: dynakit.json names no format version");
    Files.writeString(dir.resolve("dynakit.json"), "{\"format\":1,\"store\":\"rocksdb\"}\n");
    try (DynakitEngine engine = open()) {
      assertThat(engine.client().listTables().tableNames()).containsExactly("orders");
    }
  }

  @Test
  void aDirectoryOfOtherFilesIsRefusedAndLeftAlone() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "mine");
    assertThatThrownBy(this::open)
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "The directory "
                + dir.toAbsolutePath().normalize()
                + " is not a dynakit data directory (it holds notes.txt and no dynakit.json);"
                + " refusing to use it. Name an empty or new directory.");
    try (var entries = Files.list(dir)) {
      assertThat(entries).containsExactly(notes);
    }
    assertThat(Files.readString(notes)).isEqualTo("mine");
  }

  @Test
  void aFileIsNotADataDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> DynakitEngine.builder().dataDir(file).build())
        .isInstanceOf(StorageException.class)
        .hasMessage("The data directory " + file + " is a file, not a directory");
  }

  @Test
  void aDamagedStoreIsRefusedNotOverwritten() throws Exception {
    try (DynakitEngine engine = open()) {
      createOrders(engine.client());
    }
    Path current = dir.resolve("rocksdb").resolve("CURRENT");
    Files.delete(current);
    assertThatThrownBy(this::open)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining("refusing to overwrite it");
    assertThat(Files.exists(current)).isFalse();
    try (var entries = Files.list(dir.resolve("rocksdb"))) {
      assertThat(entries).isNotEmpty();
    }
  }

  @Test
  void aMissingDirectoryIsCreatedWithItsParents() {
    Path nested = dir.resolve("a").resolve("b");
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(nested).build()) {
      createOrders(engine.client());
    }
    assertThat(nested.resolve("dynakit.json"))
        .content(StandardCharsets.UTF_8)
        .isEqualTo("{\"format\":1,\"store\":\"rocksdb\"}\n");
    assertThat(nested.resolve("dynakit.lock")).exists();
  }

  @Test
  void settingsAreCheckedWhenGiven() {
    assertThatThrownBy(() -> DynakitEngine.builder().syncInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("syncInterval must be positive, not PT0S");
    assertThatThrownBy(() -> DynakitEngine.builder().dataDir(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataDir");
    assertThatThrownBy(() -> DynakitEngine.builder().durability(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("durability");
    try (DynakitEngine engine = DynakitEngine.inMemory()) {
      assertThat(engine.dataDir()).isEmpty();
    }
  }
}
