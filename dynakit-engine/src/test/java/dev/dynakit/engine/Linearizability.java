package dev.dynakit.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a recorded concurrent history is linearizable: whether every operation can be
 * given one instant between its invocation and its response such that, taken in that order, the
 * operations are a sequential run of the model giving the answers that were observed.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoization: operations are linearized one at a
 * time, in an order that respects real time; a pair (set of operations linearized, state reached)
 * already explored is not explored again; a dead end backtracks to the last choice. Linearizability
 * is compositional (P-compositionality), so a history over several items is checked item by item,
 * each a much smaller search.
 *
 * <pre>{@code
 * List<Linearizability.Event<String, Optional<Long>>> history = ...; // recorded by real threads
 * Linearizability.Verdict verdict =
 *     Linearizability.check(Optional.empty(), history); // per key, from an absent item
 * assertThat(verdict.anomalies()).isEmpty();
 * }</pre>
 */
final class Linearizability {
  private Linearizability() {}

  /**
   * An operation with its observed answer, as a step of the sequential model: the state after it,
   * or empty when the answer could not have been observed from {@code state}.
   */
  interface Operation<S> {
    Optional<S> apply(S state);
  }

  /**
   * One operation on one key, invoked and answered at these {@link System#nanoTime()} readings. The
   * invocation is read before the request is sent, and the response after the answer came back, so
   * the operation took effect somewhere in between.
   */
  record Event<K, S>(K key, int thread, Operation<S> operation, long invoked, long responded) {
    Event {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operation, "operation");
      if (responded < invoked) {
        throw new IllegalArgumentException(
            "An operation cannot be answered before it is invoked: "
                + operation
                + " invoked at "
                + invoked
                + ", answered at "
                + responded);
      }
    }
  }

  /** What the check found: keys and operations checked, and each key that is not linearizable. */
  record Verdict(int keys, int operations, List<String> anomalies) {
    boolean linearizable() {
      return anomalies.isEmpty();
    }
  }

  /** Checks each key's history separately, every key starting from {@code initial}. */
  static <K, S> Verdict check(S initial, List<Event<K, S>> history) {
    Map<K, List<Event<K, S>>> byKey = new LinkedHashMap<>();
    for (Event<K, S> event : history) {
      byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
    }
    List<String> anomalies = new ArrayList<>();
    byKey.forEach(
        (key, events) -> checkOne(initial, events).ifPresent(a -> anomalies.add(key + ": " + a)));
    return new Verdict(byKey.size(), history.size(), List.copyOf(anomalies));
  }

  /** A call or a return in the history, in a doubly linked list that operations are lifted from. */
  private static final class Entry<S> {
    final int id;
    final Operation<S> operation;
    final long at;
    Entry<S> match; // a call's return; null for a return
    Entry<S> previous;
    Entry<S> next;

    Entry(int id, Operation<S> operation, long at) {
      this.id = id;
      this.operation = operation;
      this.at = at;
    }

    boolean isCall() {
      return match != null;
    }
  }

  private record Explored<S>(BitSet linearized, S state) {}

  private record Choice<S>(Entry<S> call, S state) {}

  /** Empty when the one key's history is linearizable, else why not. */
  private static <K, S> Optional<String> checkOne(S initial, List<Event<K, S>> events) {
    List<Entry<S>> entries = new ArrayList<>();
    for (int id = 0; id < events.size(); id++) {
      Event<K, S> event = events.get(id);
      Entry<S> call = new Entry<>(id, event.operation(), event.invoked());
      Entry<S> response = new Entry<>(id, event.operation(), event.responded());
      call.match = response;
      entries.add(call);
      entries.add(response);
    }
    // Time order; at one instant calls come before returns, so such operations count as
    // overlapping (the order that accepts more histories, never fewer).
    entries.sort(
        Comparator.<Entry<S>>comparingLong(e -> e.at).thenComparing(e -> e.isCall() ? 0 : 1));
    Entry<S> head = new Entry<>(-1, null, Long.MIN_VALUE);
    Entry<S> last = head;
    for (Entry<S> entry : entries) {
      last.next = entry;
      entry.previous = last;
      last = entry;
    }
    S state = initial;
    BitSet linearized = new BitSet(events.size());
    Set<Explored<S>> explored = new HashSet<>();
    Deque<Choice<S>> choices = new ArrayDeque<>();
    BitSet deepest = new BitSet();
    S deepestState = initial;
    Entry<S> entry = head.next;
    while (head.next != null) {
      if (entry.isCall()) {
        Optional<S> after = entry.operation.apply(state);
        boolean lifted = false;
        if (after.isPresent()) {
          BitSet with = (BitSet) linearized.clone();
          with.set(entry.id);
          if (explored.add(new Explored<>(with, after.get()))) {
            choices.push(new Choice<>(entry, state));
            state = after.get();
            linearized.set(entry.id);
            lift(entry);
            if (choices.size() > deepest.cardinality()) {
              deepest = (BitSet) linearized.clone();
              deepestState = state;
            }
            entry = head.next;
            lifted = true;
          }
        }
        if (!lifted) {
          entry = entry.next;
        }
      } else {
        // A return whose call could not be linearized before it: undo the last choice.
        if (choices.isEmpty()) {
          return Optional.of(
              "not linearizable: no order of its "
                  + events.size()
                  + " operations explains the answers; at most "
                  + deepest.cardinality()
                  + " could be ordered, reaching state "
                  + deepestState
                  + ". "
                  + describe(events, deepest));
        }
        Choice<S> choice = choices.pop();
        state = choice.state();
        linearized.clear(choice.call().id);
        unlift(choice.call());
        entry = choice.call().next;
      }
    }
    return Optional.empty();
  }

  private static <S> void lift(Entry<S> call) {
    call.previous.next = call.next;
    call.next.previous = call.previous;
    Entry<S> response = call.match;
    response.previous.next = response.next;
    if (response.next != null) {
      response.next.previous = response.previous;
    }
  }

  private static <S> void unlift(Entry<S> call) {
    Entry<S> response = call.match;
    response.previous.next = response;
    if (response.next != null) {
      response.next.previous = response;
    }
    call.previous.next = call;
    call.next.previous = call;
  }

  private static final int DESCRIBED = 20;

  /**
   * The operations that could not be ordered, from the earliest invoked (the first of them is where
   * the history goes wrong), after the last few that could, with their threads and times.
   */
  private static <K, S> String describe(List<Event<K, S>> events, BitSet ordered) {
    long start = events.stream().mapToLong(Event::invoked).min().orElse(0);
    Function<Integer, String> line =
        id -> {
          Event<K, S> e = events.get(id);
          return "thread "
              + e.thread()
              + " ["
              + (e.invoked() - start)
              + ", "
              + (e.responded() - start)
              + "] "
              + e.operation();
        };
    Comparator<Integer> byInvocation = Comparator.comparingLong(id -> events.get(id).invoked());
    List<Integer> before =
        ordered.stream().boxed().sorted(byInvocation.reversed()).limit(5).toList();
    List<String> orderedLines = new ArrayList<>(before.stream().map(line).toList());
    Collections.reverse(orderedLines);
    List<String> stuck =
        java.util.stream.IntStream.range(0, events.size())
            .filter(id -> !ordered.get(id))
            .boxed()
            .sorted(byInvocation)
            .limit(DESCRIBED)
            .map(line)
            .toList();
    return "Last ordered:\n  "
        + String.join("\n  ", orderedLines)
        + "\nNot ordered, from the earliest invoked:\n  "
        + String.join("\n  ", stuck);
  }
}
