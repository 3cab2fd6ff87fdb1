package dev.dynakit.client.patterns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Time-to-live arithmetic: DynamoDB's TTL reads whole epoch seconds, and deletes expired items only
 * eventually (typically within days), so reads should hide them (typed tables do, for a {@link
 * dev.dynakit.client.mapping.TimeToLive} field).
 *
 * <pre>{@code
 * record Session(@PartitionKey String id, @TimeToLive Instant expires) {}
 * sessions.put(new Session(id, Expiry.after(Duration.ofHours(12), clock)));
 * }</pre>
 */
public final class Expiry {
  private Expiry() {}

  /** The instant {@code ttl} from now, rounded up to a whole second (never earlier than asked). */
  public static Instant after(Duration ttl, Clock clock) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("a time to live cannot be negative, was " + ttl);
    }
    Instant at = clock.instant().plus(ttl);
    Instant whole = at.truncatedTo(ChronoUnit.SECONDS);
    return whole.equals(at) ? whole : whole.plusSeconds(1);
  }

  /** The epoch seconds DynamoDB's TTL compares with its clock. */
  public static long epochSeconds(Instant expiry) {
    return expiry.getEpochSecond();
  }

  /** Whether an item expiring at {@code expiry} has expired by {@code clock}'s now. */
  public static boolean expired(Instant expiry, Clock clock) {
    return !expiry.isAfter(clock.instant());
  }
}
