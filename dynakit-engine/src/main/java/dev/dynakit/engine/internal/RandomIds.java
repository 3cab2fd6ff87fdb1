package dev.dynakit.engine.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers (table ids, request ids) in {@link UUID}'s version 4 form, drawn from {@link
 * ThreadLocalRandom}. They need to be unique, not unguessable: {@link UUID#randomUUID()} would
 * start a {@code SecureRandom} (tens of milliseconds the first time) and take its lock each call.
 */
public final class RandomIds {
  private RandomIds() {}

  /** A new random version 4 UUID, as text. */
  public static String uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
