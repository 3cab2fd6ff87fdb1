package dev.dynakit.client.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class TableCopyTest {
  private static final int ITEMS = 1_000;

  private DynakitEngine from;
  private DynakitEngine to;
  @TempDir Path directory;

  @BeforeEach
  void start() {
    from = DynakitEngine.inMemory();
    to = DynakitEngine.inMemory();
    DynamoDbClient source = from.client();
    source.createTable(
        b ->
            b.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                    a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("byStatus")
                            .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    for (int batch = 0; batch < ITEMS / 25; batch++) {
      List<WriteRequest> writes = new java.util.ArrayList<>();
      for (int i = batch * 25; i < (batch + 1) * 25; i++) {
        Map<String, AttributeValue> item =
            Map.of(
                "pk", AttributeValue.fromS("customer-" + (i % 37)),
                "sk", AttributeValue.fromN(Integer.toString(i)),
                "status", AttributeValue.fromS(i % 3 == 0 ? "OPEN" : "SHIPPED"),
                "lines", AttributeValue.fromL(List.of(AttributeValue.fromS("line " + i))));
        writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      source.batchWriteItem(b -> b.requestItems(Map.of("orders", writes)));
    }
  }

  @AfterEach
  void stop() {
    from.close();
    to.close();
  }

  private static Set<Map<String, AttributeValue>> all(DynamoDbClient client) {
    return client.scanPaginator(b -> b.tableName("orders")).items().stream()
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void copiesEveryItemAndTheTableItself() {
    List<TableCopy.Progress> progress = new CopyOnWriteArrayList<>();

    TableCopy.Result result =
        TableCopy.builder(from.client(), to.client(), "orders")
            .segments(4)
            .pageSize(100)
            .progress(progress::add)
            .build()
            .run();

    assertThat(result.items()).isEqualTo(ITEMS);
    assertThat(result.itemsThisRun()).isEqualTo(ITEMS);
    assertThat(result.resumed()).isFalse();
    assertThat(all(to.client())).isEqualTo(all(from.client()));
    var table = to.client().describeTable(b -> b.tableName("orders")).table();
    assertThat(table.globalSecondaryIndexes())
        .extracting(g -> g.indexName())
        .containsExactly("byStatus");
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(progress.get(progress.size() - 1)).isEqualTo(new TableCopy.Progress(ITEMS, 4, 4));
    assertThat(progress).extracting(TableCopy.Progress::items).isSorted();
  }

  @Test
  void aStoppedCopyResumesFromItsCheckpointWithoutLosingOrDuplicating() throws Exception {
    FaultInjectingHttpClient network = FaultInjectingHttpClient.around(to.httpClient());
    AtomicInteger writes = new AtomicInteger();
    network.always(
        (requestId, delegate) -> {
          if (writes.incrementAndGet() <= 12) {
            return delegate.send();
          }
          return FaultInjectingHttpClient.Fault.error(400, "AccessDeniedException", "no more")
              .answer(requestId, delegate);
        });
    Path checkpoint = directory.resolve("orders.copy.json");
    try (Dynakit target = Adapters.over(network).build()) {
      assertThatThrownBy(
              () ->
                  TableCopy.builder(from.client(), target.sdk(), "orders")
                      .segments(3)
                      .pageSize(50)
                      .checkpoint(checkpoint)
                      .build()
                      .run())
          .isInstanceOf(TableCopy.CopyException.class)
          .hasMessageContaining("copying orders stopped after")
          .hasMessageContaining("run again with the same checkpoint to resume");
    }
    long copiedBefore = to.client().scan(b -> b.tableName("orders")).count();
    assertThat(Files.readString(checkpoint)).contains("\"segments\":3");

    TableCopy.Result resumed =
        TableCopy.builder(from.client(), to.client(), "orders")
            .segments(3)
            .pageSize(50)
            .createTarget(false)
            .checkpoint(checkpoint)
            .build()
            .run();

    assertThat(copiedBefore).isPositive().isLessThan(ITEMS);
    assertThat(resumed.resumed()).isTrue();
    assertThat(resumed.items()).isEqualTo(ITEMS);
    assertThat(resumed.itemsThisRun()).isLessThan(ITEMS);
    assertThat(all(to.client())).isEqualTo(all(from.client()));

    TableCopy.Result again =
        TableCopy.builder(from.client(), to.client(), "orders")
            .segments(3)
            .checkpoint(checkpoint)
            .build()
            .run();
    assertThat(again.itemsThisRun()).isZero();
  }

  @Test
  void aCheckpointOfAnotherCopyIsRefused() {
    Path checkpoint = directory.resolve("c.json");
    TableCopy.builder(from.client(), to.client(), "orders")
        .segments(2)
        .checkpoint(checkpoint)
        .build()
        .run();

    assertThatThrownBy(
            () ->
                TableCopy.builder(from.client(), to.client(), "orders")
                    .segments(5)
                    .checkpoint(checkpoint)
                    .build()
                    .run())
        .isInstanceOf(TableCopy.CopyException.class)
        .hasMessageContaining("is of another copy (source orders, target orders, 2 segments)");
  }

  @Test
  void copiesIntoATableOfAnotherName() {
    TableCopy.Result result =
        TableCopy.builder(from.client(), to.client(), "orders")
            .targetTable("orders-copy")
            .segments(6)
            .threads(2)
            .build()
            .run();

    assertThat(result.items()).isEqualTo(ITEMS);
    assertThat(to.client().scan(b -> b.tableName("orders-copy")).count()).isEqualTo(ITEMS);
  }

  @Test
  void badSettingsAreRefused() {
    var builder = TableCopy.builder(from.client(), to.client(), "orders");
    assertThatThrownBy(() -> builder.segments(0)).hasMessageContaining("segments must be 1 to");
    assertThatThrownBy(() -> builder.pageSize(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> builder.threads(0)).hasMessageContaining("threads must be 1 to 256");
    assertThatThrownBy(() -> TableCopy.builder(from.client(), to.client(), "x"))
        .hasMessageContaining("3 to 255");
  }
}
