package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.ItemOperations.Add;
import dev.dynakit.engine.ItemOperations.Delete;
import dev.dynakit.engine.ItemOperations.DeleteIfEquals;
import dev.dynakit.engine.ItemOperations.Get;
import dev.dynakit.engine.ItemOperations.Put;
import dev.dynakit.engine.ItemOperations.PutIfAbsent;
import dev.dynakit.engine.ItemOperations.PutIfEquals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The linearizability checker on histories built by hand, whose verdict is known: it must accept
 * the linearizable ones and reject the others, or the concurrency suite could not fail.
 */
class LinearizabilityCheckerTest {
  private static final Optional<Long> ABSENT = Optional.empty();
  private final List<Linearizability.Event<String, Optional<Long>>> history = new ArrayList<>();

  private void on(
      String key,
      int thread,
      long invoked,
      long responded,
      Linearizability.Operation<Optional<Long>> op) {
    history.add(new Linearizability.Event<>(key, thread, op, invoked, responded));
  }

  private void on(
      int thread, long invoked, long responded, Linearizability.Operation<Optional<Long>> op) {
    on("k", thread, invoked, responded, op);
  }

  private Linearizability.Verdict verdict() {
    return Linearizability.check(ABSENT, history);
  }

  @Test
  void aSequentialHistoryFollowingTheModelIsLinearizable() {
    on(0, 0, 1, new Get(ABSENT));
    on(0, 2, 3, new Put(1));
    on(0, 4, 5, new Get(Optional.of(1L)));
    on(0, 6, 7, new Add(2, 3));
    on(0, 8, 9, new PutIfAbsent(5, false));
    on(0, 10, 11, new PutIfEquals(3, 4, true));
    on(0, 12, 13, new DeleteIfEquals(3, false));
    on(0, 14, 15, new Delete(Optional.of(4L)));
    on(0, 16, 17, new PutIfAbsent(6, true));
    on(0, 18, 19, new DeleteIfEquals(6, true));
    on(0, 20, 21, new Delete(ABSENT));
    assertThat(verdict()).isEqualTo(new Linearizability.Verdict(1, 11, List.of()));
  }

  @Test
  void aStaleReadAfterACompletedWriteIsRejected() {
    on(0, 0, 10, new Put(1));
    on(0, 20, 30, new Put(2));
    on(1, 40, 50, new Get(Optional.of(1L)));
    Linearizability.Verdict verdict = verdict();
    assertThat(verdict.linearizable()).isFalse();
    assertThat(verdict.anomalies())
        .singleElement()
        .asString()
        .startsWith("k: not linearizable: no order of its 3 operations")
        .contains("at most 2 could be ordered, reaching state Optional[2]")
        .contains("Last ordered:\n  thread 0 [0, 10] Put[n=1]\n  thread 0 [20, 30] Put[n=2]\n")
        .endsWith(
            "Not ordered, from the earliest invoked:\n  thread 1 [40, 50] Get[found=Optional[1]]");
  }

  @Test
  void aReadOverlappingAWriteMaySeeTheValueBeforeOrAfterIt() {
    on(0, 0, 10, new Put(1));
    on(0, 20, 100, new Put(2));
    on(1, 30, 40, new Get(Optional.of(1L)));
    on(2, 30, 40, new Get(Optional.of(2L)));
    assertThat(verdict().linearizable()).isTrue();
  }

  @Test
  void readsOfOneWriteCannotGoBackInTime() {
    // Once a read saw the new value, a later read cannot see the old one, even while the write
    // runs.
    on(0, 0, 10, new Put(1));
    on(0, 20, 100, new Put(2));
    on(1, 30, 40, new Get(Optional.of(2L)));
    on(2, 50, 60, new Get(Optional.of(1L)));
    assertThat(verdict().linearizable()).isFalse();
  }

  @Test
  void aReadCannotSeeAWriteInvokedAfterIt() {
    on(1, 0, 10, new Get(Optional.of(7L)));
    on(0, 20, 30, new Put(7));
    assertThat(verdict().linearizable()).isFalse();
  }

  @Test
  void aLostIncrementIsRejected() {
    on(0, 0, 10, new Add(1, 1));
    on(1, 0, 10, new Add(1, 1));
    assertThat(verdict().linearizable()).isFalse();
    history.set(1, new Linearizability.Event<>("k", 1, new Add(1, 2), 0, 10));
    assertThat(verdict().linearizable()).isTrue();
  }

  @Test
  void twoWinnersOfOneConditionalCreateAreRejected() {
    on(0, 0, 10, new PutIfAbsent(1, true));
    on(1, 5, 15, new PutIfAbsent(2, true));
    assertThat(verdict().linearizable()).isFalse();
  }

  @Test
  void aConditionalDeleteFailingOnTheValueItDeletesIsRejected() {
    on(0, 0, 10, new Put(3));
    on(1, 20, 30, new DeleteIfEquals(3, false));
    assertThat(verdict().linearizable()).isFalse();
  }

  @Test
  void aDeleteReturnsTheItemItRemovedOnce() {
    on(0, 0, 10, new Put(3));
    on(1, 20, 30, new Delete(Optional.of(3L)));
    on(2, 20, 30, new Delete(Optional.of(3L)));
    assertThat(verdict().linearizable()).isFalse();
  }

  @Test
  void keysAreCheckedSeparatelyAndTheBadOneIsNamed() {
    on("a", 0, 0, 10, new Put(1));
    on("b", 0, 0, 10, new Put(2));
    on("a", 1, 20, 30, new Get(Optional.of(1L)));
    on("b", 1, 20, 30, new Get(Optional.of(1L)));
    Linearizability.Verdict verdict = verdict();
    assertThat(verdict.keys()).isEqualTo(2);
    assertThat(verdict.operations()).isEqualTo(4);
    assertThat(verdict.anomalies()).singleElement().asString().startsWith("b: not linearizable");
  }

  @Test
  void anAnswerBeforeItsInvocationIsRefused() {
    assertThatThrownBy(() -> on(0, 10, 9, new Put(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "An operation cannot be answered before it is invoked: Put[n=1] invoked at 10,"
                + " answered at 9");
  }

  @Test
  void longConcurrentHistoriesWithLinearizationPointsAreAcceptedAndABadAnswerRejected() {
    long seed = Long.getLong("dynakit.seed", new Random().nextLong());
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      history.clear();
      simulate(random, 5, 300);
      assertThat(verdict().linearizable()).as("round %d, seed %d", round, seed).isTrue();
      int reads = 0;
      for (int i = 0; i < history.size(); i++) {
        Linearizability.Event<String, Optional<Long>> e = history.get(i);
        if (e.operation() instanceof Get && ++reads == 50) {
          // a value no request ever wrote
          history.set(
              i,
              new Linearizability.Event<>(
                  e.key(), e.thread(), new Get(Optional.of(-1L)), e.invoked(), e.responded()));
        }
      }
      assertThat(verdict().linearizable()).as("round %d, seed %d", round, seed).isFalse();
    }
  }

  /**
   * A history that is linearizable by construction: each operation takes effect at a random instant
   * within its interval, and its answer is the model's at that instant.
   */
  private void simulate(Random random, int threads, int perThread) {
    record Planned(int thread, int kind, long argument, long invoked, long at, long responded) {}
    List<Planned> planned = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      long clock = random.nextInt(5);
      for (int i = 0; i < perThread; i++) {
        long invoked = clock + random.nextInt(5);
        long at = invoked + random.nextInt(20);
        long responded = at + random.nextInt(20);
        planned.add(
            new Planned(thread, random.nextInt(7), random.nextInt(4), invoked, at, responded));
        clock = responded;
      }
    }
    planned.sort(Comparator.comparingLong(Planned::at));
    Optional<Long> state = ABSENT;
    long next = 100;
    for (Planned p : planned) {
      Linearizability.Operation<Optional<Long>> op =
          switch (p.kind()) {
            case 0 -> new Put(next++);
            case 1 -> new Get(state);
            case 2 -> new Add(p.argument() + 1, state.orElse(0L) + p.argument() + 1);
            case 3 -> new PutIfAbsent(next++, state.isEmpty());
            case 4 -> new PutIfEquals(state.orElse(-2L), next++, state.isPresent());
            case 5 ->
                new DeleteIfEquals(state.orElse(-2L), random.nextBoolean() && state.isPresent());
            default -> new Delete(state);
          };
      if (op instanceof DeleteIfEquals d && !d.applied()) {
        op = new DeleteIfEquals(state.orElse(0L) + 1, false);
      }
      state = op.apply(state).orElseThrow();
      on("k", p.thread(), p.invoked(), p.responded(), op);
    }
  }
}
