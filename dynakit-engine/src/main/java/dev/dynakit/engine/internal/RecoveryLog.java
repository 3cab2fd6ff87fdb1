package dev.dynakit.engine.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table's point-in-time recovery: from the time it was enabled, the item each write replaced and
 * when, kept for the recovery period. The table at an earlier instant is the table now with, for
 * each key written since, the item the first write after that instant replaced.
 */
final class RecoveryLog {
  /** What a key held, when nothing. */
  static final Object ABSENT = new Object();

  private record Entry(Instant at, ByteBuffer key, Object old) {}

  private final Clock clock;
  private final Instant enabledAt;
  private volatile int days;
  // Appended under the item's lock: one key's entries are in the order of its writes.
  private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();

  RecoveryLog(Clock clock, int days) {
    this.clock = clock;
    this.enabledAt = clock.instant();
    this.days = days;
  }

  int days() {
    return days;
  }

  void days(int days) {
    this.days = days;
  }

  /**
   * Told by the table, under the item's lock, before a write of {@code key} replaces {@code old}.
   */
  void beforeWrite(byte[] key, Map<String, AttributeValue> old) {
    Instant now = clock.instant();
    entries.add(new Entry(now, ByteBuffer.wrap(key.clone()), old == null ? ABSENT : old));
    Instant oldest = earliest(now);
    for (Entry first = entries.peekFirst();
        first != null && first.at().isBefore(oldest);
        first = entries.peekFirst()) {
      entries.pollFirst();
    }
  }

  /** The earliest instant the table can be restored to, at {@code now}. */
  Instant earliest(Instant now) {
    Instant window = now.minus(Duration.ofDays(days));
    return window.isAfter(enabledAt) ? window : enabledAt;
  }

  /**
   * A key written in a period: what it held at the period's start (an item or {@link #ABSENT}), and
   * when it was last written in it.
   */
  record Written(Object before, Instant last, Object seen) {}

  /** Each key written after {@code from} and at or before {@code to}. */
  Map<ByteBuffer, Written> written(Instant from, Instant to) {
    Map<ByteBuffer, Written> written = new HashMap<>();
    for (Entry entry : entries) {
      if (entry.at().isAfter(from) && !entry.at().isAfter(to)) {
        Written first = written.get(entry.key());
        Object seen = entry.old() != ABSENT ? entry.old() : first == null ? ABSENT : first.seen();
        written.put(
            entry.key(),
            new Written(first == null ? entry.old() : first.before(), entry.at(), seen));
      }
    }
    return written;
  }

  /** For each key written after {@code instant}, what it held then: an item, or {@link #ABSENT}. */
  Map<ByteBuffer, Object> at(Instant instant) {
    Map<ByteBuffer, Object> then = new HashMap<>();
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.at().isAfter(instant)) {
        then.putIfAbsent(entry.key(), entry.old());
      }
    }
    return then;
  }
}
