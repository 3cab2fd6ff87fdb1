package dev.dynakit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.storage.MemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * A write that renews an item while an expiry pass is about to delete it: the pass waits for the
 * item's lock, as DeleteItem would, then finds the value it found expired gone and keeps the item.
 */
class ExpiryRaceTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void anItemRenewedWhileThePassWaitsForItsLockIsKept() throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    MemoryStorage storage = new MemoryStorage();
    ItemLocks locks = new ItemLocks();
    Tables tables = new Tables(clock, "us-east-1", storage, locks);
    Items items =
        new Items(tables, storage, locks, new Streams(clock, "us-east-1", tables, storage));
    Expiry expiry = new Expiry(clock, tables, items, storage);
    tables.createTable(
        CreateTableRequest.builder()
            .tableName("sessions")
            .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
            .keySchema(k -> k.attributeName("pk").keyType("HASH"))
            .billingMode("PAY_PER_REQUEST")
            .build());
    new TimeToLive(tables, () -> {})
        .updateTimeToLive(
            UpdateTimeToLiveRequest.builder()
                .tableName("sessions")
                .timeToLiveSpecification(s -> s.attributeName("e").enabled(true))
                .build());
    Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));
    put(items, NOW.getEpochSecond() - 1);
    Table table = tables.require("sessions");
    ReentrantLock lock = locks.of("sessions", Items.key(table.keys(), key));

    lock.lock();
    CompletableFuture<Integer> pass;
    try {
      pass = CompletableFuture.supplyAsync(expiry::expire);
      while (!lock.hasQueuedThreads()) {
        Thread.onSpinWait();
      }
      put(items, NOW.getEpochSecond() + 60);
    } finally {
      lock.unlock();
    }
    assertThat(pass.get()).isZero();
    assertThat(
            items
                .getItem(GetItemRequest.builder().tableName("sessions").key(key).build())
                .item()
                .get("e")
                .n())
        .isEqualTo(Long.toString(NOW.getEpochSecond() + 60));

    put(items, NOW.getEpochSecond() - 1);
    assertThat(expiry.expire()).as("expired again, and deleted").isOne();
    storage.close();
  }

  private static void put(Items items, long expires) {
    items.putItem(
        PutItemRequest.builder()
            .tableName("sessions")
            .item(
                Map.of(
                    "pk",
                    AttributeValue.fromS("a"),
                    "e",
                    AttributeValue.fromN(Long.toString(expires))))
            .build());
  }
}
