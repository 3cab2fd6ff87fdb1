package dev.dynakit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.storage.MemoryStorage;
import dev.dynakit.engine.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * Which passes read a table: one after a write to it or a change of its time to live, or once the
 * earliest time to live it held has passed; none while nothing can have expired.
 */
class ExpiryPassesTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final long SECONDS = NOW.getEpochSecond();

  /** A clock the test moves. */
  private static final class Moving extends Clock {
    private Instant now = NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Memory storage that counts the scans of item keyspaces. */
  private static final class Counting implements Storage {
    private final MemoryStorage storage = new MemoryStorage();
    int scans;

    @Override
    public Keyspace keyspace(String name) {
      Keyspace keyspace = storage.keyspace(name);
      if (!name.startsWith("table/")) {
        return keyspace;
      }
      return new Keyspace() {
        @Override
        public String name() {
          return keyspace.name();
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
          return keyspace.get(key);
        }

        @Override
        public Stream<Entry> scan(byte[] from, byte[] to, boolean descending) {
          scans++;
          return keyspace.scan(from, to, descending);
        }

        @Override
        public long size() {
          return keyspace.size();
        }
      };
    }

    @Override
    public boolean hasKeyspace(String name) {
      return storage.hasKeyspace(name);
    }

    @Override
    public void dropKeyspace(String name) {
      storage.dropKeyspace(name);
    }

    @Override
    public Set<String> keyspaces() {
      return storage.keyspaces();
    }

    @Override
    public void write(List<Mutation> batch) {
      storage.write(batch);
    }

    @Override
    public void close() {
      storage.close();
    }
  }

  private final Moving clock = new Moving();
  private final Counting storage = new Counting();
  private final ItemLocks locks = new ItemLocks();
  private final Tables tables = new Tables(clock, "us-east-1", storage, locks);
  private final Items items =
      new Items(tables, storage, locks, new Streams(clock, "us-east-1", tables, storage));
  private final Expiry expiry = new Expiry(clock, tables, items, storage);
  private final TimeToLive timeToLive = new TimeToLive(tables, () -> {});

  private void create(String table) {
    tables.createTable(
        CreateTableRequest.builder()
            .tableName(table)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
            .keySchema(k -> k.attributeName("pk").keyType("HASH"))
            .billingMode("PAY_PER_REQUEST")
            .build());
  }

  private void timeToLive(String table, String attribute, boolean enabled) {
    timeToLive.updateTimeToLive(
        UpdateTimeToLiveRequest.builder()
            .tableName(table)
            .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(enabled))
            .build());
  }

  private void put(String table, String pk, String attribute, long expires) {
    items.putItem(
        PutItemRequest.builder()
            .tableName(table)
            .item(
                Map.of(
                    "pk",
                    AttributeValue.fromS(pk),
                    attribute,
                    AttributeValue.fromN(Long.toString(expires))))
            .build());
  }

  /** Runs a pass; answers how many items it deleted and how many tables it read. */
  private List<Integer> pass() {
    int before = storage.scans;
    int deleted = expiry.expire();
    return List.of(deleted, storage.scans - before);
  }

  @Test
  void aTableIsReadAgainOnlyWhenSomethingInItMayHaveExpired() {
    create("sessions");
    create("plain");
    timeToLive("sessions", "e", true);
    put("sessions", "a", "e", SECONDS + 100);
    put("plain", "a", "e", SECONDS - 100);

    assertThat(pass()).as("first pass: the table with time to live").containsExactly(0, 1);
    assertThat(pass()).as("nothing written, nothing due").containsExactly(0, 0);
    clock.now = NOW.plusSeconds(100);
    assertThat(pass()).as("due at the second after").containsExactly(0, 0);

    put("sessions", "b", "e", SECONDS + 150);
    assertThat(pass()).as("written since").containsExactly(0, 1);
    clock.now = NOW.plusSeconds(151);
    assertThat(pass()).as("both due").containsExactly(2, 1);
    assertThat(pass()).as("its own deletions were writes").containsExactly(0, 1);
    assertThat(pass()).as("empty now").containsExactly(0, 0);

    put("sessions", "c", "f", SECONDS);
    assertThat(pass()).containsExactly(0, 1);
    timeToLive("sessions", "e", false);
    timeToLive("sessions", "f", true);
    assertThat(pass()).as("another attribute").containsExactly(1, 1);

    clock.now = NOW.minus(Duration.ofDays(1));
    put("sessions", "d", "f", SECONDS - 2 * 86_400);
    assertThat(pass()).containsExactly(1, 1);
    assertThat(pass()).containsExactly(0, 1);
    assertThat(pass()).containsExactly(0, 0);
    clock.now = NOW.minus(Duration.ofDays(3));
    assertThat(pass()).as("the clock went back").containsExactly(0, 1);

    tables.deleteTable(DeleteTableRequest.builder().tableName("sessions").build());
    assertThat(pass()).as("no table with time to live").containsExactly(0, 0);
    storage.close();
  }
}
