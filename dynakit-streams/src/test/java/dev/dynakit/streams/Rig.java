package dev.dynakit.streams;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * An engine on a clock the test moves, and an adapter over it: what the streams tests run on. The
 * sleeper moves the clock instead of waiting.
 */
final class Rig implements AutoCloseable {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final DynakitEngine engine = DynakitEngine.builder().clock(clock).build();
  final List<Duration> slept = new ArrayList<>();
  final Dynakit dynakit;

  Rig() {
    this(Policy.builder().allowWrite(true).build());
  }

  Rig(Policy policy) {
    dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .endpoint("http://localhost:8000")
            .credentials(Credentials.anonymous())
            .httpClient(engine.httpClient())
            .clock(clock)
            .policy(policy)
            .build();
  }

  DynamoDbClient db() {
    return engine.client();
  }

  /** Sleeps by moving the clock, and notes how long. */
  void sleep(Duration duration) {
    slept.add(duration);
    clock.advance(duration);
  }

  Subscriptions subscriptions() {
    return new Subscriptions(
        dynakit.sdk(), dynakit.streams(), clock, this::sleep, Duration.ofMillis(200));
  }

  /** A table keyed by {@code id} (a string) with a stream of new and old images. */
  void table(String name) {
    db().createTable(
            b ->
                b.tableName(name)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .streamSpecification(
                        s ->
                            s.streamEnabled(true)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
  }

  void put(String table, String id, int value) {
    db().putItem(
            b ->
                b.tableName(table)
                    .item(
                        Map.of(
                            "id",
                            AttributeValue.fromS(id),
                            "v",
                            AttributeValue.fromN("" + value))));
  }

  void delete(String table, String id) {
    db().deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
  }

  void disableStream(String table) {
    db().updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
  }

  @Override
  public void close() {
    dynakit.close();
    engine.close();
  }

  /** The ids and event names of {@code events}, as {@code INSERT a}. */
  static List<String> changes(List<StreamEvent> events) {
    return events.stream().map(e -> e.eventName() + " " + e.keys().get("id").s()).toList();
  }
}
