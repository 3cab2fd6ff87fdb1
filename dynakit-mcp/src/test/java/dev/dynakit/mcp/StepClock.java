package dev.dynakit.mcp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves on by a fixed step each time it is read. */
final class StepClock extends Clock {
  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final long step;

  StepClock(long step) {
    this.step = step;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long millis() {
    return millis.getAndAdd(step);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
