package dev.dynakit.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.storage.Storage.Entry;
import dev.dynakit.engine.storage.Storage.Mutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * {@link MemoryStorage} behaves as a reference model of one {@link TreeMap} per keyspace, over
 * random chains of creates, drops, puts, deletes, batches, gets and scans.
 */
class MemoryStoragePropertiesTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  /** The store under test and the model it must agree with. */
  static final class State {
    final MemoryStorage storage = new MemoryStorage();
    final Map<String, TreeMap<byte[], byte[]>> model = new TreeMap<>();

    @Override
    public String toString() {
      return "State" + model.keySet();
    }
  }

  @Property(tries = 300)
  void agreesWithTheModel(@ForAll("chains") ActionChain<State> chain) {
    chain.withInvariant("same contents", MemoryStoragePropertiesTest::sameContents).run();
  }

  @Provide
  Arbitrary<ActionChain<State>> chains() {
    return ActionChain.startWith(State::new)
        .withAction(1, new Create())
        .withAction(1, new Drop())
        .withAction(4, new Write())
        .withAction(2, new Get())
        .withAction(3, new Scan())
        .withMaxTransformations(60);
  }

  private static void sameContents(State state) {
    assertThat(state.storage.keyspaces()).isEqualTo(state.model.keySet());
    for (Map.Entry<String, TreeMap<byte[], byte[]>> keyspace : state.model.entrySet()) {
      Storage.Keyspace actual = state.storage.keyspace(keyspace.getKey());
      assertThat(actual.size()).isEqualTo(keyspace.getValue().size());
      assertThat(render(actual.scan(null, null, false).toList()))
          .isEqualTo(render(keyspace.getValue()));
    }
  }

  static Arbitrary<byte[]> keys() {
    return Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff)
        .array(byte[].class)
        .ofMaxSize(3);
  }

  static Arbitrary<byte[]> values() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
  }

  static Arbitrary<String> names() {
    return Arbitraries.of(NAMES);
  }

  /** Creates a keyspace (or gets the existing one). */
  static final class Create implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return names()
          .map(
              name ->
                  Transformer.mutate(
                      "create " + name,
                      state -> {
                        assertThat(state.storage.keyspace(name).name()).isEqualTo(name);
                        state.model.computeIfAbsent(
                            name, n -> new TreeMap<>(MemoryStorage.KEY_ORDER));
                        assertThat(state.storage.hasKeyspace(name)).isTrue();
                      }));
    }
  }

  /** Drops a keyspace, whether or not it exists. */
  static final class Drop implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      return names()
          .map(
              name ->
                  Transformer.mutate(
                      "drop " + name,
                      state -> {
                        state.storage.dropKeyspace(name);
                        state.model.remove(name);
                        assertThat(state.storage.hasKeyspace(name)).isFalse();
                      }));
    }
  }

  /** Writes a batch of puts and deletes: all of it, or, naming a missing keyspace, none. */
  static final class Write implements Action.Independent<State> {
    @Override
    public Arbitrary<Transformer<State>> transformer() {
      Arbitrary<Mutation> mutations =
          Combinators.combine(names(), keys(), values().injectNull(0.3)).as(Mutation::new);
      return mutations
          .list()
          .ofMinSize(1)
          .ofMaxSize(6)
          .map(
              batch ->
                  Transformer.mutate(
                      "write " + describe(batch),
                      state -> {
                        boolean valid =
                            batch.stream().allMatch(m -> state.model.containsKey(m.keyspace()));
                        if (!valid) {
                          assertThatThrownBy(() -> state.storage.write(batch))
                              .isInstanceOf(IllegalArgumentException.class)
                              .hasMessageStartingWith("No keyspace");
                          return;
                        }
                        state.storage.write(batch);
                        for (Mutation m : batch) {
                          if (m.value() == null) {
                            state.model.get(m.keyspace()).remove(m.key());
                          } else {
                            state.model.get(m.keyspace()).put(m.key().clone(), m.value().clone());
                          }
                        }
                      }));
    }
  }

  /** Reads one key of an existing keyspace. */
  static final class Get implements Action.Dependent<State> {
    @Override
    public boolean precondition(State state) {
      return !state.model.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<State>> transformer(State state) {
      return Combinators.combine(Arbitraries.of(List.copyOf(state.model.keySet())), keys())
          .as(
              (name, key) ->
                  Transformer.mutate(
                      "get " + name + " " + HexFormat.of().formatHex(key),
                      s -> {
                        byte[] expected = s.model.get(name).get(key);
                        assertThat(s.storage.keyspace(name).get(key).orElse(null))
                            .isEqualTo(expected);
                      }));
    }
  }

  /** Scans an existing keyspace between random bounds, either way. */
  static final class Scan implements Action.Dependent<State> {
    @Override
    public boolean precondition(State state) {
      return !state.model.isEmpty();
    }

    @Override
    public Arbitrary<Transformer<State>> transformer(State state) {
      return Combinators.combine(
              Arbitraries.of(List.copyOf(state.model.keySet())),
              keys().injectNull(0.3),
              keys().injectNull(0.3),
              Arbitraries.of(true, false))
          .as(
              (name, from, to, descending) ->
                  Transformer.mutate(
                      String.format(
                          "scan %s [%s, %s) %s",
                          name, hex(from), hex(to), descending ? "descending" : "ascending"),
                      s -> {
                        NavigableMap<byte[], byte[]> expected =
                            view(s.model.get(name), from, to, descending);
                        List<Entry> actual =
                            s.storage.keyspace(name).scan(from, to, descending).toList();
                        assertThat(render(actual)).isEqualTo(render(expected));
                      }));
    }
  }

  /** The model's answer, written independently of the store's code. */
  static NavigableMap<byte[], byte[]> view(
      TreeMap<byte[], byte[]> model, byte[] from, byte[] to, boolean descending) {
    TreeMap<byte[], byte[]> result = new TreeMap<>(MemoryStorage.KEY_ORDER);
    for (Map.Entry<byte[], byte[]> entry : model.entrySet()) {
      byte[] key = entry.getKey();
      if ((from == null || Arrays.compareUnsigned(key, from) >= 0)
          && (to == null || Arrays.compareUnsigned(key, to) < 0)) {
        result.put(key, entry.getValue());
      }
    }
    return descending ? result.descendingMap() : result;
  }

  static List<String> render(List<Entry> entries) {
    List<String> text = new ArrayList<>();
    for (Entry entry : entries) {
      text.add(hex(entry.key()) + "=" + hex(entry.value()));
    }
    return text;
  }

  static List<String> render(Map<byte[], byte[]> entries) {
    List<String> text = new ArrayList<>();
    entries.forEach((key, value) -> text.add(hex(key) + "=" + hex(value)));
    return text;
  }

  static String hex(byte[] bytes) {
    return bytes == null ? "null" : "0x" + HexFormat.of().formatHex(bytes);
  }

  private static String describe(List<Mutation> batch) {
    List<String> text = new ArrayList<>();
    for (Mutation m : batch) {
      text.add(
          m.keyspace()
              + ":"
              + hex(m.key())
              + (m.value() == null ? " delete" : " put " + hex(m.value())));
    }
    return text.toString();
  }
}
