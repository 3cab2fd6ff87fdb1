package dev.dynakit.client.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class DocumentStoreTest {
  private DynakitEngine engine;
  private Dynakit dynakit;
  private DocumentStore store;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    dynakit = Adapters.over(engine.httpClient()).build();
    store = DocumentStore.of(dynakit.sdk());
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  @Test
  void theFirstUseOfACollectionCreatesItsTableOnDemand() {
    store.save("agents", "agent-1", Map.of("name", "My Agent"));

    var table = dynakit.sdk().describeTable(b -> b.tableName("agents")).table();
    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.keySchema()).extracting(k -> k.attributeName()).containsExactly("_id");
  }

  @Test
  void aSavedDocumentReadsBackWithExactNumbersItsIdAndRevision() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("name", "My Agent");
    document.put("usage_count", 42.5);
    document.put("ratio", 0.1);
    document.put("count", 7);
    document.put("price", new BigDecimal("19.990"));
    document.put("tags", List.of("a", "b"));
    document.put("config", Map.of("deep", Map.of("on", true)));
    document.put("nothing", null);

    DocumentStore.Saved saved = store.save("agents", "agent-1", document);
    Map<String, Object> back = store.get("agents", "agent-1").orElseThrow();

    assertThat(saved).isEqualTo(new DocumentStore.Saved("agent-1", 1));
    assertThat(back)
        .containsEntry("_id", "agent-1")
        .containsEntry("_rev", 1L)
        .containsEntry("name", "My Agent")
        .containsEntry("usage_count", new BigDecimal("42.5"))
        .containsEntry("ratio", new BigDecimal("0.1"))
        .containsEntry("count", 7L)
        .containsEntry("tags", List.of("a", "b"))
        .containsEntry("config", Map.of("deep", Map.of("on", true)))
        .containsEntry("nothing", null);
    assertThat((BigDecimal) back.get("price")).isEqualByComparingTo("19.99");
  }

  @Test
  void aSaveReplacesTheDocumentAndCountsTheRevisionUp() {
    store.save("agents", "a", Map.of("name", "first", "old", 1));
    DocumentStore.Saved second = store.save("agents", "a", Map.of("name", "second"));

    assertThat(second.revision()).isEqualTo(2);
    assertThat(store.get("agents", "a").orElseThrow())
        .containsOnlyKeys("_id", "_rev", "name")
        .containsEntry("name", "second")
        .containsEntry("_rev", 2L);
  }

  @Test
  void aSaveAtAnExpectedRevisionLosesNothingToAConcurrentEditor() {
    store.save("agents", "a", Map.of("name", "v1"));
    Map<String, Object> read = store.get("agents", "a").orElseThrow();
    long revision = (Long) read.get("_rev");
    store.save("agents", "a", Map.of("name", "someone else's"), revision);

    assertThatThrownBy(() -> store.save("agents", "a", Map.of("name", "mine"), revision))
        .isInstanceOf(ConditionalCheckException.class);
    assertThatThrownBy(() -> store.save("agents", "a", Map.of("name", "new?"), 0))
        .isInstanceOf(ConditionalCheckException.class);
    assertThat(store.get("agents", "a").orElseThrow()).containsEntry("name", "someone else's");
    assertThat(store.save("agents", "b", Map.of("name", "new"), 0).revision()).isEqualTo(1);
  }

  @Test
  void concurrentSavesEachGetTheirOwnRevision() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<List<Long>>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                List<Long> revisions = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                  revisions.add(
                      store.save("agents", "shared", Map.of("writer", writer, "i", i)).revision());
                }
                return revisions;
              }));
    }
    Set<Long> revisions = new HashSet<>();
    for (var writer : writers) {
      revisions.addAll(writer.get());
    }
    pool.shutdown();

    assertThat(revisions).hasSize(80).contains(1L, 80L);
    assertThat(store.get("agents", "shared").orElseThrow()).containsEntry("_rev", 80L);
  }

  @Test
  void deleteAnswersWhetherThereWasADocument() {
    store.save("agents", "a", Map.of("name", "x"));

    assertThat(store.delete("agents", "a")).isTrue();
    assertThat(store.delete("agents", "a")).isFalse();
    assertThat(store.get("agents", "a")).isEmpty();
  }

  @Test
  void listAllPagesThroughEveryDocumentWithACursor() {
    IntStream.range(0, 25).forEach(i -> store.save("notes", "n" + i, Map.of("i", i)));

    Set<Object> ids = new HashSet<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      DocumentStore.DocumentPage page = store.listAll("notes", 10, cursor);
      page.documents().forEach(d -> ids.add(d.get("_id")));
      cursor = page.cursor();
      pages++;
    } while (cursor.isPresent());

    assertThat(ids).hasSize(25);
    assertThat(pages).isBetween(3, 4);
    assertThat(store.listAll("notes").map(d -> d.get("_id")).collect(Collectors.toSet()))
        .isEqualTo(ids);
    assertThat(store.listAll("empty")).isEmpty();
  }

  @Test
  void aPlainSdkClientWorksAndLosesARaceTheSameWay() {
    DocumentStore plain = DocumentStore.of(engine.client(), "app.");
    plain.save("docs", "a", Map.of("x", 1));

    assertThatThrownBy(() -> plain.save("docs", "a", Map.of("x", 2), 5))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(engine.client().listTables().tableNames()).contains("app.docs");
    assertThat(plain.get("docs", "a").orElseThrow()).containsEntry("x", 1L);
    assertThat(plain).hasToString("DocumentStore[tables app.*]");
  }

  @Test
  void badInputIsRefusedNamingWhatWasWrong() {
    assertThatThrownBy(() -> store.save("agents", "", Map.of())).hasMessage("document id is empty");
    assertThatThrownBy(() -> store.save("agents", "x".repeat(2049), Map.of()))
        .hasMessageContaining("longer than 2048 bytes");
    assertThatThrownBy(() -> store.save("a", "x", Map.of()))
        .hasMessageContaining("table name 'a' must be 3 to 255 characters");
    assertThatThrownBy(() -> store.save("agents", "x", Map.of("_id", "y")))
        .hasMessageContaining("'_id' differs");
    assertThatThrownBy(() -> store.save("agents", "x", Map.of("bad", new Object())))
        .hasMessageContaining("bad: unsupported value type");
    assertThatThrownBy(() -> store.save("agents", "x", Map.of(), -1))
        .hasMessageContaining("expected revision must be 0");
    assertThatThrownBy(() -> store.listAll("agents", 0, Optional.empty()))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> store.listAll("agents", 5, Optional.of("%%%")))
        .hasMessageContaining("cursor is not one this store handed out");
    assertThat(store.get("agents", "x")).isEmpty();
    assertThat(new ArrayList<>(List.of(1))).hasSize(1);
  }
}
