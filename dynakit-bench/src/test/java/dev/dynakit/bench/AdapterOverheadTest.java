package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: a tiny run reports every row with instrumentation on; no numbers are checked. */
class AdapterOverheadTest {
  @Test
  void tinyRunReportsOverheadLatencyAndThroughputRows() {
    AdapterOverhead.Config tiny = new AdapterOverhead.Config(20, 2, 20, 20, 100, 20);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    String report =
        AdapterOverhead.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(report).contains("## Overhead", "## Latency through the adapter", "## Throughput");
    assertThat(report.split("## Overhead", -1)).as("three overhead comparisons").hasSize(4);
    assertThat(report).contains("SDK asking for capacity too");
    for (String step :
        new String[] {
          "stock SDK client asking for the consumed capacity",
          "Dynakit, no metrics, no tracing",
          "Dynakit, metrics",
          "Dynakit, tracing",
          "Dynakit, metrics and tracing",
          "Dynakit, metrics and tracing, consumed capacity asked \\(the default\\)"
        }) {
      assertThat(report)
          .containsPattern(
              "\\| " + step + " \\| [0-9,]+ \\| [0-9,]+ \\| -?[0-9.]+% \\| -?[0-9.]+ \\|");
    }
    for (String workload : new String[] {"GetItem", "PutItem"}) {
      assertThat(report)
          .containsPattern("\\| " + workload + " \\| [0-9,]+ \\| [0-9,]+ \\| -?[0-9.]+% \\|");
      assertThat(report)
          .containsPattern("\\| " + workload + " \\| 100 \\| [0-9,]+ \\| ≥ 10,000 \\|");
    }
    for (String operation :
        new String[] {
          "GetItem",
          "PutItem",
          "UpdateItem",
          "Query \\(10 items\\)",
          "BatchGetItem \\(25\\)",
          "TransactWriteItems \\(5\\)"
        }) {
      assertThat(report)
          .containsPattern("\\| " + operation + " \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| < ");
    }
    assertThat(report).containsPattern("Instrumentation was on: [1-9][0-9,]* calls counted");
    assertThat(report)
        .doesNotContain("Instrumentation was on: 0 calls")
        .doesNotContain(", 0 spans");
  }

  @Test
  void theCapacityPeerGetsTheCapacityOfEachGetAndPut() {
    try (dev.dynakit.engine.DynakitEngine engine = dev.dynakit.engine.DynakitEngine.inMemory();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient peer =
            AdapterOverhead.askingForCapacity(engine)) {
      Items.createTable(peer, "peer");
      var put = peer.putItem(b -> b.tableName("peer").item(Items.item("p", Items.sort(0))));
      var got = peer.getItem(b -> b.tableName("peer").key(Items.key("p", Items.sort(0))));

      assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(1.0);
      assertThat(got.consumedCapacity().capacityUnits()).isEqualTo(0.5);
      assertThat(got.item()).isNotEmpty();
    }
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }

    assertThat(AdapterOverhead.percentile(sorted, 0.50)).isEqualTo(50);
    assertThat(AdapterOverhead.percentile(sorted, 0.99)).isEqualTo(99);
    assertThat(AdapterOverhead.percentile(new long[] {7}, 0.99)).isEqualTo(7);
  }
}
