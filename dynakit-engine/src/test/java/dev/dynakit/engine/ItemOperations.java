package dev.dynakit.engine;

import java.util.Optional;

/**
 * The sequential model of single-item operations on an item with a number attribute {@code n}: the
 * state is the item's {@code n}, or empty when there is no item. Each record is one request with
 * the answer it got, as a {@link Linearizability.Operation}.
 */
final class ItemOperations {
  private ItemOperations() {}

  private static final Optional<Optional<Long>> IMPOSSIBLE = Optional.empty();

  private static Optional<Optional<Long>> then(Long n) {
    return Optional.of(Optional.ofNullable(n));
  }

  /** PutItem of {@code n}. */
  record Put(long n) implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      return then(n);
    }
  }

  /** GetItem with ConsistentRead, which found {@code found} (empty: no item). */
  record Get(Optional<Long> found) implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      return state.equals(found) ? Optional.of(state) : IMPOSSIBLE;
    }
  }

  /** UpdateItem {@code ADD n :delta} with ReturnValues UPDATED_NEW, which answered {@code now}. */
  record Add(long delta, long now) implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      return state.orElse(0L) + delta == now ? then(now) : IMPOSSIBLE;
    }
  }

  /** PutItem of {@code n} on condition {@code attribute_not_exists}; {@code applied} or failed. */
  record PutIfAbsent(long n, boolean applied) implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      if (state.isEmpty() != applied) {
        return IMPOSSIBLE;
      }
      return applied ? then(n) : Optional.of(state);
    }
  }

  /** PutItem of {@code n} on condition {@code n = :expected}; {@code applied} or failed. */
  record PutIfEquals(long expected, long n, boolean applied)
      implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      if (state.equals(Optional.of(expected)) != applied) {
        return IMPOSSIBLE;
      }
      return applied ? then(n) : Optional.of(state);
    }
  }

  /** DeleteItem on condition {@code n = :expected}; {@code applied} or failed. */
  record DeleteIfEquals(long expected, boolean applied)
      implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      if (state.equals(Optional.of(expected)) != applied) {
        return IMPOSSIBLE;
      }
      return applied ? then(null) : Optional.of(state);
    }
  }

  /** DeleteItem with ReturnValues ALL_OLD, which answered {@code old} (empty: there was none). */
  record Delete(Optional<Long> old) implements Linearizability.Operation<Optional<Long>> {
    @Override
    public Optional<Optional<Long>> apply(Optional<Long> state) {
      return state.equals(old) ? then(null) : IMPOSSIBLE;
    }
  }
}
