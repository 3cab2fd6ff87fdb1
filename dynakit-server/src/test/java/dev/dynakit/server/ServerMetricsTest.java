package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The server's request metrics, read off a clock the test moves. */
class ServerMetricsTest {
  private final AtomicLong now = new AtomicLong();
  private final ServerMetrics metrics = new ServerMetrics(now::get);

  private void request(String target, int status, long micros) {
    long started = metrics.start();
    now.addAndGet(micros * 1_000);
    metrics.record(target, status, started);
  }

  @Test
  void eachOperationIsCountedWithItsErrorsAndLatencies() {
    for (int i = 0; i < 98; i++) {
      request("DynamoDB_20120810.GetItem", 200, 100);
    }
    request("DynamoDB_20120810.GetItem", 400, 3_000);
    request("DynamoDB_20120810.GetItem", 200, 50_000);
    request("DynamoDBStreams_20120810.GetRecords", 200, 0);

    assertThat(metrics.snapshot())
        .containsExactly(
            // 100 µs falls in [64, 128): p50 reads 128; the 99th of 100 is the 3 ms one, in
            // [2048, 4096).
            new ServerMetrics.OperationStats(
                "GetItem", 100, 1, (98 * 100 + 53_000) / 100, 128, 4096, 50_000),
            new ServerMetrics.OperationStats("Streams.GetRecords", 1, 0, 0, 0, 0, 0));
  }

  @Test
  void namesComeFromTheTargetAndOddOnesAreGrouped() {
    assertThat(ServerMetrics.name("DynamoDB_20120810.PutItem")).isEqualTo("PutItem");
    assertThat(ServerMetrics.name("DynamoDBStreams_20120810.DescribeStream"))
        .isEqualTo("Streams.DescribeStream");
    assertThat(ServerMetrics.name(null)).isEqualTo("none");
    assertThat(ServerMetrics.name("DynamoDB_20120810.<script>")).isEqualTo("other");
    assertThat(ServerMetrics.name("ListTables")).isEqualTo("ListTables");
    for (int i = 0; i < ServerMetrics.MAX_OPERATIONS + 10; i++) {
      request("DynamoDB_20120810.Op" + i, 400, 1);
    }
    assertThat(metrics.snapshot()).hasSize(ServerMetrics.MAX_OPERATIONS + 1);
    assertThat(metrics.snapshot())
        .filteredOn(s -> s.operation().equals("other"))
        .singleElement()
        .extracting(ServerMetrics.OperationStats::count)
        .isEqualTo(10L);
  }

  @Test
  void bucketsAndQuantiles() {
    assertThat(ServerMetrics.bucket(0)).isZero();
    assertThat(ServerMetrics.bucket(1)).isEqualTo(1);
    assertThat(ServerMetrics.bucket(2)).isEqualTo(2);
    assertThat(ServerMetrics.bucket(3)).isEqualTo(2);
    assertThat(ServerMetrics.bucket(Long.MAX_VALUE)).isEqualTo(39);
    assertThat(ServerMetrics.quantile(new long[40], 0, 0.5)).isZero();
    long[] counts = new long[40];
    counts[39] = 1;
    assertThat(ServerMetrics.quantile(counts, 1, 0.99)).isEqualTo(1L << 39);
  }
}
