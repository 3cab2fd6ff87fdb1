package dev.dynakit.engine.storage;

import static dev.dynakit.engine.storage.MemoryStoragePropertiesTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.storage.Storage.Entry;
import dev.dynakit.engine.storage.Storage.Mutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MemoryStorageTest {

  private static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  @Test
  void ordersKeysAsUnsignedBytes() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      storage.write(
          List.of(
              Mutation.put("t", bytes(0x80), bytes(1)),
              Mutation.put("t", bytes(0x7f), bytes(2)),
              Mutation.put("t", bytes(0x7f, 0), bytes(3)),
              Mutation.put("t", bytes(), bytes(4)),
              Mutation.put("t", bytes(0xff), bytes(5))));
      assertThat(render(keyspace.scan(null, null, false).toList()))
          .containsExactly("0x=0x04", "0x7f=0x02", "0x7f00=0x03", "0x80=0x01", "0xff=0x05");
      assertThat(render(keyspace.scan(bytes(0x7f, 0), bytes(0xff), true).toList()))
          .containsExactly("0x80=0x01", "0x7f00=0x03");
      assertThat(keyspace.scan(bytes(0x80), bytes(0x80), false)).isEmpty();
      assertThat(keyspace.scan(bytes(0xff), bytes(0x01), true)).isEmpty();
      assertThat(keyspace.size()).isEqualTo(5);
      assertThat(keyspace.name()).isEqualTo("t");
      assertThat(keyspace.toString()).contains("t");
    }
  }

  @Test
  void aBatchNamingAMissingKeyspaceWritesNothing() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      List<Mutation> batch =
          List.of(
              Mutation.put("t", bytes(1), bytes(1)), Mutation.put("missing", bytes(1), bytes(1)));
      assertThatThrownBy(() -> storage.write(batch))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No keyspace missing");
      assertThat(keyspace.size()).isZero();
      assertThat(storage.hasKeyspace("missing")).isFalse();

      List<Mutation> withNullKey = new ArrayList<>();
      withNullKey.add(Mutation.put("t", bytes(1), bytes(1)));
      withNullKey.add(new Mutation("t", null, bytes(1)));
      assertThatThrownBy(() -> storage.write(withNullKey))
          .isInstanceOf(IllegalArgumentException.class);
      List<Mutation> withNull = new ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> storage.write(withNull))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(keyspace.get(bytes(1))).isEmpty();
    }
  }

  @Test
  void copiesKeysAndValuesInAndOut() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      byte[] key = bytes(1);
      byte[] value = bytes(2);
      storage.write(List.of(Mutation.put("t", key, value)));
      key[0] = 9;
      value[0] = 9;
      byte[] read = keyspace.get(bytes(1)).orElseThrow();
      assertThat(read).containsExactly(2);
      read[0] = 7;
      Entry entry = keyspace.scan(null, null, false).findFirst().orElseThrow();
      assertThat(entry.value()).containsExactly(2);
      entry.key()[0] = 7;
      assertThat(keyspace.get(bytes(1))).isPresent();
    }
  }

  @Test
  void deletesAndOverwritesKeepTheSize() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      storage.write(List.of(Mutation.put("t", bytes(1), bytes(1))));
      storage.write(List.of(Mutation.put("t", bytes(1), bytes(2))));
      storage.write(List.of(Mutation.delete("t", bytes(2))));
      assertThat(keyspace.size()).isEqualTo(1);
      storage.write(List.of(Mutation.delete("t", bytes(1)), Mutation.delete("t", bytes(1))));
      assertThat(keyspace.size()).isZero();
    }
  }

  @Test
  void aDroppedKeyspaceFailsClearlyAndComesBackEmpty() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace old = storage.keyspace("t");
      storage.write(List.of(Mutation.put("t", bytes(1), bytes(1))));
      storage.dropKeyspace("t");
      storage.dropKeyspace("t");
      assertThat(storage.keyspaces()).isEmpty();
      assertThatThrownBy(() -> old.get(bytes(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("The keyspace t was dropped");
      assertThatThrownBy(old::size).isInstanceOf(IllegalStateException.class);
      Storage.Keyspace fresh = storage.keyspace("t");
      assertThat(fresh.size()).isZero();
      assertThat(fresh.get(bytes(1))).isEmpty();
    }
  }

  @Test
  void aClosedStoreFailsClearly() {
    MemoryStorage storage = new MemoryStorage();
    Storage.Keyspace keyspace = storage.keyspace("t");
    storage.write(
        List.of(Mutation.put("t", bytes(1), bytes(1)), Mutation.put("t", bytes(2), bytes(2))));
    Iterator<Entry> running = keyspace.scan(null, null, false).iterator();
    storage.close();
    storage.close();
    String closed = "The storage is closed";
    assertThatThrownBy(() -> storage.keyspace("t")).hasMessage(closed);
    assertThatThrownBy(() -> storage.hasKeyspace("t")).hasMessage(closed);
    assertThatThrownBy(() -> storage.dropKeyspace("t")).hasMessage(closed);
    assertThatThrownBy(storage::keyspaces).hasMessage(closed);
    assertThatThrownBy(() -> storage.write(List.of())).hasMessage(closed);
    assertThatThrownBy(() -> keyspace.get(bytes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(() -> keyspace.scan(null, null, false)).hasMessage(closed);
    // Whatever a running scan still sees, taking an entry fails.
    assertThatThrownBy(running::hasNext).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void scansAreLazy() {
    try (MemoryStorage storage = new MemoryStorage()) {
      Storage.Keyspace keyspace = storage.keyspace("t");
      List<Mutation> batch = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        batch.add(Mutation.put("t", bytes(i >> 8, i), bytes(i)));
      }
      storage.write(batch);
      Stream<Entry> scan = keyspace.scan(null, null, false);
      // Written after the scan began and ahead of it: a lazy scan sees it.
      storage.write(List.of(Mutation.put("t", bytes(0xff), bytes(0))));
      assertThat(scan.reduce((a, b) -> b).orElseThrow().key()).containsExactly(0xff);
      assertThat(keyspace.scan(null, bytes(3), true).limit(2).map(Entry::key))
          .containsExactly(bytes(2, 0xff), bytes(2, 0xfe));
    }
  }

  /**
   * Threads write disjoint keys, alone and in batches spanning two keyspaces, while others scan;
   * the final contents equal a model built from the same operations, and every scan is sorted.
   */
  @Test
  void concurrentWritersOfDisjointKeysEndInTheModelsState() throws Exception {
    int writers = 8;
    int readers = 2;
    int operations = 2000;
    MemoryStorage storage = new MemoryStorage();
    Map<String, TreeMap<byte[], byte[]>> model = new TreeMap<>();
    for (String name : List.of("a", "b")) {
      storage.keyspace(name);
      model.put(name, new TreeMap<>(MemoryStorage.KEY_ORDER));
    }
    List<List<List<Mutation>>> plans = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Random random = new Random(w);
      List<List<Mutation>> plan = new ArrayList<>();
      for (int i = 0; i < operations; i++) {
        int size = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1;
        List<Mutation> batch = new ArrayList<>();
        for (int j = 0; j < size; j++) {
          String name = random.nextBoolean() ? "a" : "b";
          // The writer's number leads the key, so writers never share a key.
          byte[] key = bytes(w, random.nextInt(64));
          batch.add(
              random.nextInt(3) == 0
                  ? Mutation.delete(name, key)
                  : Mutation.put(name, key, bytes(random.nextInt(256), i)));
        }
        plan.add(batch);
        for (Mutation m : batch) {
          if (m.value() == null) {
            model.get(m.keyspace()).remove(m.key());
          } else {
            model.get(m.keyspace()).put(m.key(), m.value());
          }
        }
      }
      plans.add(plan);
    }

    ExecutorService executor = Executors.newFixedThreadPool(writers + readers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch writersDone = new CountDownLatch(writers);
      List<Future<?>> results = new ArrayList<>();
      for (List<List<Mutation>> plan : plans) {
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  try {
                    for (List<Mutation> batch : plan) {
                      storage.write(batch);
                    }
                  } finally {
                    writersDone.countDown();
                  }
                  return null;
                }));
      }
      for (int r = 0; r < readers; r++) {
        boolean descending = r % 2 == 1;
        results.add(
            executor.submit(
                () -> {
                  start.await();
                  do {
                    for (String name : List.of("a", "b")) {
                      List<Entry> seen =
                          storage.keyspace(name).scan(null, null, descending).toList();
                      for (int i = 1; i < seen.size(); i++) {
                        int order =
                            Arrays.compareUnsigned(seen.get(i - 1).key(), seen.get(i).key());
                        assertThat(descending ? -order : order).isNegative();
                      }
                    }
                  } while (writersDone.getCount() > 0);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
    }

    for (String name : List.of("a", "b")) {
      Storage.Keyspace keyspace = storage.keyspace(name);
      assertThat(render(keyspace.scan(null, null, false).toList()))
          .isEqualTo(MemoryStoragePropertiesTest.render(model.get(name)));
      assertThat(keyspace.size()).isEqualTo(model.get(name).size());
    }
    storage.close();
  }
}
