package dev.dynakit.engine.storage;

import static dev.dynakit.engine.storage.MemoryStoragePropertiesTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.storage.Storage.Entry;
import dev.dynakit.engine.storage.Storage.Mutation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStorageTest {
  @TempDir Path dir;

  private DurableStorage open() {
    return DurableStorage.open(dir, true, Duration.ofSeconds(1));
  }

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  @Test
  void ordersKeysAsUnsignedBytesWithinEachKeyspace() {
    try (DurableStorage storage = open()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      storage.keyspace("u");
      storage.write(
          List.of(
              Mutation.put("t", bytes(0x80), bytes(1)),
              Mutation.put("t", bytes(0x7f), bytes(2)),
              Mutation.put("t", bytes(0x7f, 0), bytes(3)),
              Mutation.put("t", bytes(), bytes(4)),
              Mutation.put("t", bytes(0xff), bytes(5)),
              Mutation.put("u", bytes(), bytes(6)),
              Mutation.put("u", bytes(0), bytes(7))));
      assertThat(render(keyspace.scan(null, null, false).toList()))
          .containsExactly("0x=0x04", "0x7f=0x02", "0x7f00=0x03", "0x80=0x01", "0xff=0x05");
      assertThat(render(keyspace.scan(null, null, true).toList()))
          .containsExactly("0xff=0x05", "0x80=0x01", "0x7f00=0x03", "0x7f=0x02", "0x=0x04");
      assertThat(render(keyspace.scan(bytes(0x7f, 0), bytes(0xff), true).toList()))
          .containsExactly("0x80=0x01", "0x7f00=0x03");
      assertThat(render(keyspace.scan(bytes(0x7f, 0), bytes(0xff), false).toList()))
          .containsExactly("0x7f00=0x03", "0x80=0x01");
      assertThat(render(keyspace.scan(bytes(0x80), null, true).toList()))
          .containsExactly("0xff=0x05", "0x80=0x01");
      assertThat(keyspace.scan(bytes(0x80), bytes(0x80), false)).isEmpty();
      assertThat(keyspace.scan(bytes(0xff), bytes(0x01), true)).isEmpty();
      assertThat(keyspace.size()).isEqualTo(5);
      assertThat(keyspace.name()).isEqualTo("t");
      assertThat(keyspace.toString()).isEqualTo("Keyspace[t]");
      assertThat(keyspace.get(bytes(0x7f, 0)))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes(3)));
      assertThat(keyspace.get(bytes(0x7f, 1))).isEmpty();
      assertThat(storage.keyspace("u").scan(null, null, true).map(Entry::value))
          .containsExactly(bytes(7), bytes(6));
    }
  }

  @Test
  void aBatchWithABadMutationWritesNothing() {
    try (DurableStorage storage = open()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      assertThatThrownBy(
              () ->
                  storage.write(
                      List.of(
                          Mutation.put("t", bytes(1), bytes(1)),
                          Mutation.put("missing", bytes(1), bytes(1)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No keyspace missing");
      assertThatThrownBy(
              () ->
                  storage.write(
                      List.of(
                          Mutation.put("t", bytes(1), bytes(1)),
                          new Mutation("t", bytes(2), null, Mutation.Kind.PUT))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("A put needs a value");
      assertThatThrownBy(
              () ->
                  storage.write(
                      List.of(new Mutation("t", bytes(2), bytes(1, 2), Mutation.Kind.ADD))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("An addition needs an 8-byte amount");
      assertThatThrownBy(() -> storage.write(List.of(new Mutation("t", null, bytes(1)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("A mutation needs a keyspace and a key");
      assertThatThrownBy(
              () ->
                  storage.write(
                      List.of(Mutation.dropKeyspace("t"), Mutation.put("t", bytes(1), bytes(1)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No keyspace t");
      assertThat(keyspace.size()).isZero();
      assertThat(storage.keyspaces()).containsExactly("t");
      storage.write(List.of());
    }
  }

  @Test
  void countersAddUpAcrossThreadsAndReopening() throws Exception {
    try (DurableStorage storage = open()) {
      storage.write(List.of(Mutation.createKeyspace("c"), Mutation.add("c", bytes(1), 5)));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 100; i++) {
                      storage.write(
                          List.of(Mutation.add("c", bytes(1), 3), Mutation.add("c", bytes(2), -2)));
                    }
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(Storage.count(storage.keyspace("c").get(bytes(1)).orElseThrow())).isEqualTo(1205);
    }
    try (DurableStorage storage = open()) {
      assertThat(Storage.count(storage.keyspace("c").get(bytes(1)).orElseThrow())).isEqualTo(1205);
      assertThat(Storage.count(storage.keyspace("c").get(bytes(2)).orElseThrow())).isEqualTo(-800);
    }
    assertThatThrownBy(() -> Storage.count(bytes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A counter has 8 bytes, not 1");
  }

  @Test
  void keyspacesAreCreatedAndDroppedInBatchesAndStaySo() {
    try (DurableStorage storage = open()) {
      storage.write(
          List.of(
              Mutation.createKeyspace("a"),
              Mutation.put("a", bytes(1), bytes(1)),
              Mutation.createKeyspace("b"),
              Mutation.put("b", bytes(1), bytes(2)),
              Mutation.createKeyspace("a")));
      Storage.Keyspace a = storage.keyspace("a");
      storage.write(List.of(Mutation.dropKeyspace("a"), Mutation.dropKeyspace("nothing")));
      assertThat(storage.hasKeyspace("a")).isFalse();
      assertThatThrownBy(() -> a.get(bytes(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The keyspace a was dropped");
      assertThat(storage.keyspace("a").size()).isZero();
      storage.dropKeyspace("b");
      storage.keyspace("c");
    }
    try (DurableStorage storage = open()) {
      assertThat(storage.keyspaces()).containsExactlyInAnyOrder("a", "c");
      assertThat(storage.keyspace("a").scan(null, null, false)).isEmpty();
      assertThat(storage.hasKeyspace("b")).isFalse();
      assertThat(storage.keyspace("b").size()).isZero();
    }
  }

  @Test
  void aClosedStoreFailsClearlyAndClosesItsScans() {
    DurableStorage storage = open();
    Storage.Keyspace keyspace = storage.keyspace("t");
    storage.write(
        List.of(Mutation.put("t", bytes(1), bytes(1)), Mutation.put("t", bytes(2), bytes(2))));
    Stream<Entry> open = keyspace.scan(null, null, false);
    Iterator<Entry> entries = open.iterator();
    assertThat(entries.next().key()).isEqualTo(bytes(1));
    try (Stream<Entry> closed = keyspace.scan(null, null, true)) {
      assertThat(storage.openScans()).isEqualTo(2);
    }
    assertThat(storage.openScans()).isEqualTo(1);
    storage.close();
    assertThat(storage.openScans()).isZero();
    storage.close();
    assertThat(entries.hasNext()).isFalse();
    open.close();
    assertThatThrownBy(() -> keyspace.get(bytes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The storage is closed");
    assertThatThrownBy(() -> keyspace.scan(null, null, false))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> storage.write(List.of(Mutation.put("t", bytes(1), bytes(1)))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> storage.keyspace("t")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(storage::keyspaces).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void relaxedStoresSyncTheirLogOnTheIntervalAndAtClose() {
    DurableStorage storage = DurableStorage.open(dir, false, Duration.ofHours(1));
    assertThat(storage.synced()).isFalse();
    assertThat(storage.toString()).isEqualTo("DurableStorage[" + dir + ", relaxed]");
    storage.write(List.of(Mutation.createKeyspace("t"), Mutation.put("t", bytes(1), bytes(1))));
    storage.syncLog();
    assertThat(storage.logSyncs()).isEqualTo(1);
    storage.close();
    assertThat(storage.logSyncs()).isEqualTo(2);
    storage.syncLog();
    assertThat(storage.logSyncs()).isEqualTo(2);
    try (DurableStorage again = open()) {
      assertThat(again.synced()).isTrue();
      assertThat(again.keyspace("t").get(bytes(1))).isPresent();
    }
    assertThatThrownBy(() -> DurableStorage.open(dir, false, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("syncInterval must be positive: PT0S");
  }

  /**
   * Random batches against this store and the memory store, with reopening now and then: both hold
   * the same, in every keyspace and every range, forwards and backwards.
   */
  @Test
  void agreesWithTheMemoryStoreAcrossReopening() {
    long seed = Long.getLong("dynakit.seed", new Random().nextLong());
    Random random = new Random(seed);
    String[] names = {"k1", "k2", "k3"};
    MemoryStorage model = new MemoryStorage();
    DurableStorage storage = open();
    try {
      for (int round = 0; round < 400; round++) {
        List<Mutation> batch = new ArrayList<>();
        int size = 1 + random.nextInt(5);
        for (int i = 0; i < size; i++) {
          String name = names[random.nextInt(names.length)];
          int kind = random.nextInt(20);
          if (kind == 0) {
            batch.add(Mutation.dropKeyspace(name));
          } else if (kind < 3 || !model.hasKeyspace(name)) {
            batch.add(Mutation.createKeyspace(name));
          } else if (kind < 11) {
            batch.add(Mutation.put(name, key(random), bytes(random.nextInt(256))));
          } else if (kind < 15) {
            batch.add(Mutation.delete(name, key(random)));
          } else {
            batch.add(
                Mutation.add(name, bytes(0xff, 0xff, random.nextInt(2)), random.nextInt(9) - 4));
          }
        }
        boolean modelAccepted = applies(model, batch);
        assertThat(applies(storage, batch)).as("seed %d", seed).isEqualTo(modelAccepted);
        if (random.nextInt(50) == 0) {
          storage.close();
          storage = open();
        }
        same(model, storage, random, seed);
      }
    } finally {
      storage.close();
    }
  }

  private static byte[] key(Random random) {
    byte[] key = new byte[random.nextInt(3)];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) new int[] {0x00, 0x01, 0x7f, 0x80, 0xff}[random.nextInt(5)];
    }
    return key;
  }

  private static boolean applies(Storage storage, List<Mutation> batch) {
    try {
      storage.write(batch);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void same(Storage model, Storage storage, Random random, long seed) {
    assertThat(storage.keyspaces()).as("seed %d", seed).isEqualTo(model.keyspaces());
    for (String name : model.keyspaces()) {
      Storage.Keyspace expected = model.keyspace(name);
      Storage.Keyspace actual = storage.keyspace(name);
      byte[] from = random.nextBoolean() ? null : key(random);
      byte[] to = random.nextBoolean() ? null : key(random);
      boolean descending = random.nextBoolean();
      try (Stream<Entry> want = expected.scan(from, to, descending);
          Stream<Entry> got = actual.scan(from, to, descending)) {
        assertThat(render(got.toList())).as("seed %d", seed).isEqualTo(render(want.toList()));
      }
      assertThat(actual.size()).as("seed %d", seed).isEqualTo(expected.size());
    }
  }
}
