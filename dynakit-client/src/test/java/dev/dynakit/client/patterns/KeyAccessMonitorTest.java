package dev.dynakit.client.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.MutableClock;
import dev.dynakit.engine.DynakitEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class KeyAccessMonitorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private KeyAccessMonitor monitor() {
    return KeyAccessMonitor.builder()
        .partitionKey("orders", "pk")
        .clock(clock)
        .window(Duration.ofMinutes(1))
        .threshold(0.5)
        .minRequests(20)
        .sequentialRun(10)
        .meterRegistry(registry)
        .build();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("x"));
  }

  private double hotCount() {
    return registry.counter("dynakit_hot_partitions_total", "table", "orders").count();
  }

  @Test
  void aKeyTakingMostOfATablesRequestsIsReportedOncePerWindow() {
    KeyAccessMonitor monitor = monitor();
    for (int i = 0; i < 30; i++) {
      monitor.record("orders", key("hot"), false);
      monitor.record("orders", key("cold-" + i), false);
      monitor.record("orders", key("hot"), false);
    }

    List<KeyAccessMonitor.HotPartition> hot = monitor.hotPartitions();
    assertThat(hot).hasSize(1);
    assertThat(hot.get(0).key()).isEqualTo(AttributeValue.fromS("hot"));
    assertThat(hot.get(0).share()).isBetween(0.6, 0.7);
    assertThat(hot.get(0).fingerprint())
        .isEqualTo(KeyAccessMonitor.fingerprint(AttributeValue.fromS("hot")));
    assertThat(hotCount()).isEqualTo(1);
    assertThat(registry.getMeters().toString()).doesNotContain("hot\"").doesNotContain("cold-");
  }

  @Test
  void theLogLinesNameKeysByFingerprintNeverByValue() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(KeyAccessMonitor.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    try {
      KeyAccessMonitor monitor = monitor();
      for (int i = 0; i < 40; i++) {
        monitor.record("orders", key("ada@example.com"), true);
      }
      for (int i = 0; i < 12; i++) {
        monitor.record("orders", Map.of("pk", AttributeValue.fromS("user-" + (100 + i))), true);
      }
    } finally {
      logger.detachAppender(captured);
    }

    List<String> lines =
        captured.list.stream()
            .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
            .collect(java.util.stream.Collectors.toList());
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("Hot partition on table orders: key ")
                    && l.contains(
                        KeyAccessMonitor.fingerprint(AttributeValue.fromS("ada@example.com"))))
        .anyMatch(l -> l.startsWith("Partition keys on table orders increase in sequence"))
        .noneMatch(l -> l.contains("ada@example.com") || l.contains("user-1"));
  }

  @Test
  void theWindowSlidesSoOldTrafficStopsCounting() {
    KeyAccessMonitor monitor = monitor();
    for (int i = 0; i < 40; i++) {
      monitor.record("orders", key("hot"), false);
    }
    assertThat(monitor.hotPartitions()).hasSize(1);

    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 40; i++) {
      monitor.record("orders", key("spread-" + i), false);
    }

    assertThat(monitor.hotPartitions()).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < 40; i++) {
      monitor.record("orders", key("hot"), false);
    }
    assertThat(hotCount()).isEqualTo(2);
  }

  @Test
  void evenTrafficIsNeverHotAndTooFewRequestsSayNothing() {
    KeyAccessMonitor monitor = monitor();
    for (int i = 0; i < 10; i++) {
      monitor.record("orders", key("only"), false);
    }
    assertThat(monitor.hotPartitions()).isEmpty();
    for (int i = 0; i < 100; i++) {
      monitor.record("orders", key("k" + (i % 10)), false);
    }
    assertThat(monitor.hotPartitions()).isEmpty();
    monitor.record("other", key("x"), true);
    monitor.record("orders", Map.of("sk", AttributeValue.fromS("no pk")), true);
    assertThat(hotCount()).isZero();
  }

  @Test
  void increasingPartitionKeysAreReportedOncePerTable() {
    KeyAccessMonitor monitor = monitor();
    for (int i = 0; i < 9; i++) {
      monitor.record(
          "orders", Map.of("pk", AttributeValue.fromN(Integer.toString(1000 + i))), true);
    }
    assertThat(monitor.sequentialKeyTables()).isEmpty();
    monitor.record("orders", Map.of("pk", AttributeValue.fromN("1009")), true);
    for (int i = 0; i < 30; i++) {
      monitor.record(
          "orders", Map.of("pk", AttributeValue.fromN(Integer.toString(2000 + i))), true);
    }

    assertThat(monitor.sequentialKeyTables()).containsExactly("orders");
    assertThat(registry.counter("dynakit_sequential_keys_total", "table", "orders").count())
        .isEqualTo(1);
  }

  @Test
  void randomKeysAndReadsAreNotSequential() {
    KeyAccessMonitor monitor = monitor();
    for (int i = 0; i < 40; i++) {
      monitor.record("orders", key(String.format("2026-11-25T00:00:%02d", i)), false);
      monitor.record(
          "orders", key(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString()), true);
    }
    assertThat(monitor.sequentialKeyTables()).isEmpty();
  }

  @Test
  void asAnInterceptorItCountsEveryKeyedRequestOfTheAdapter() {
    KeyAccessMonitor monitor = monitor();
    try (DynakitEngine engine = DynakitEngine.inMemory();
        Dynakit dynakit = Adapters.over(engine.httpClient()).addInterceptor(monitor).build()) {
      Adapters.createTable(dynakit.sdk(), "orders", true);
      for (int i = 0; i < 5; i++) {
        Map<String, AttributeValue> item = key("hot");
        dynakit.sdk().putItem(b -> b.tableName("orders").item(item));
        dynakit.sdk().getItem(b -> b.tableName("orders").key(item));
        dynakit.sdk().updateItem(b -> b.tableName("orders").key(item));
        dynakit
            .sdk()
            .batchGetItem(
                b ->
                    b.requestItems(
                        Map.of(
                            "orders",
                            software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                                .builder()
                                .keys(item)
                                .build())));
        dynakit
            .sdk()
            .batchWriteItem(
                b ->
                    b.requestItems(
                        Map.of(
                            "orders",
                            List.of(
                                WriteRequest.builder()
                                    .putRequest(p -> p.item(key("hot")))
                                    .build()))));
        dynakit
            .sdk()
            .transactWriteItems(
                b -> b.transactItems(t -> t.put(p -> p.tableName("orders").item(key("other")))));
        dynakit.sdk().deleteItem(b -> b.tableName("orders").key(key("gone")));
      }
    }

    assertThat(monitor.hotPartitions())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.requests()).isEqualTo(25);
              assertThat(h.tableRequests()).isEqualTo(35);
            });
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> KeyAccessMonitor.builder().build())
        .hasMessageContaining("at least one table");
    assertThatThrownBy(() -> KeyAccessMonitor.builder().threshold(0))
        .hasMessageContaining("above 0");
    assertThatThrownBy(() -> KeyAccessMonitor.builder().window(Duration.ZERO))
        .hasMessageContaining("one second");
    assertThatThrownBy(() -> KeyAccessMonitor.builder().minRequests(0))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> KeyAccessMonitor.builder().sequentialRun(2))
        .hasMessageContaining("at least 3");
    assertThat(monitor().toString()).contains("orders").contains("PT1M");
  }
}
