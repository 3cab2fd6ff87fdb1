package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.engine.DynakitEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;

class BatchImportTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Dynakit dynakit =
      Dynakit.builder()
          .endpoint("http://localhost")
          .httpClient(engine.httpClient())
          .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
          .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
          .build();
  private final List<Duration> pauses = new ArrayList<>();
  private final StringWriter err = new StringWriter();
  private final Progress progress =
      new Progress.Lines(
          new PrintWriter(err), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "import");

  @AfterEach
  void close() {
    dynakit.close();
    engine.close();
  }

  /**
   * Writes all but the last {@code withheld} entries of each of the first {@code times} requests,
   * and answers those as DynamoDB answers unprocessed items.
   */
  @SuppressWarnings("unchecked")
  private UnaryOperator<Map<String, Object>> throttled(int withheld, int times) {
    int[] calls = {0};
    return args -> {
      if (calls[0]++ >= times) {
        return dynakit.call("batch_write", args);
      }
      Map<String, Object> requests = (Map<String, Object>) args.get("requests");
      List<Object> entries = (List<Object>) requests.get("things");
      int keep = Math.max(0, entries.size() - withheld);
      Map<String, Object> sent = new LinkedHashMap<>(args);
      sent.put("requests", Map.of("things", entries.subList(0, keep)));
      if (keep > 0) {
        dynakit.call("batch_write", sent);
      }
      return Map.of("unprocessed_items", Map.of("things", entries.subList(keep, entries.size())));
    };
  }

  private BatchImport importer(UnaryOperator<Map<String, Object>> batchWrite) {
    dynakit
        .sdk()
        .createTable(
            b ->
                b.tableName("things")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(
                        AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType("N")
                            .build())
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    return new BatchImport("things", List.of("id"), false, batchWrite, pauses::add, progress);
  }

  @Test
  void unprocessedItemsAreWrittenAgainAfterGrowingPauses() {
    BatchImport batches = importer(throttled(3, 3));
    for (int i = 0; i < 30; i++) {
      batches.add(Map.of("id", i));
    }
    batches.flush();
    assertThat(engine.client().scan(b -> b.tableName("things")).count()).isEqualTo(30);
    assertThat(batches.items()).isEqualTo(30);
    assertThat(batches.unprocessed()).isEqualTo(9);
    assertThat(batches.requests()).isEqualTo(5);
    assertThat(pauses)
        .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    progress.close();
    assertThat(err.toString()).isEqualTo("import: 30 items, 30000 items/s, 0.0 s\n");
  }

  @Test
  void aBatchStillUnprocessedAfterTenAttemptsFails() {
    BatchImport batches = importer(throttled(25, Integer.MAX_VALUE));
    for (int i = 0; i < 24; i++) {
      batches.add(Map.of("id", i));
    }
    assertThatThrownBy(batches::flush)
        .isInstanceOf(ThroughputException.class)
        .hasMessage(
            "BatchWriteItem on table 'things': 24 items were still unprocessed after 10 attempts"
                + " (0 written)")
        .satisfies(
            e ->
                assertThat(Failure.of(e, "dynakit import").exitCode())
                    .isEqualTo(ExitCode.THROTTLED));
    assertThat(pauses).hasSize(10).last().isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void plainProgressLinesComeAtIntervalsOfTheClock() {
    Instant[] now = {Instant.EPOCH};
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    StringWriter lines = new StringWriter();
    Progress.Lines plain = new Progress.Lines(new PrintWriter(lines), clock, "export T");
    plain.step(100);
    now[0] = Instant.EPOCH.plusSeconds(4);
    plain.step(100);
    assertThat(lines.toString()).isEmpty();
    now[0] = Instant.EPOCH.plusSeconds(5);
    plain.step(300);
    assertThat(lines.toString()).isEqualTo("export T: 500 items, 100 items/s, 5.0 s\n");
    now[0] = Instant.EPOCH.plusSeconds(8);
    plain.step(100);
    plain.close();
    assertThat(lines.toString().lines())
        .containsExactly(
            "export T: 500 items, 100 items/s, 5.0 s", "export T: 600 items, 75 items/s, 8.0 s");
  }
}
