package dev.dynakit.secretscan;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads Micrometer meters; loaded only when a test hands over a registry. */
final class Meters {
  private Meters() {}

  static void scan(Object registry, SecretScan scan) {
    if (!(registry instanceof MeterRegistry)) {
      throw new IllegalArgumentException("not a Micrometer MeterRegistry: " + registry);
    }
    for (Meter meter : ((MeterRegistry) registry).getMeters()) {
      Meter.Id id = meter.getId();
      scan.text(
          "meter",
          id.getName()
              + " "
              + id.getTags()
              + " "
              + id.getDescription()
              + " "
              + id.getBaseUnit()
              + " "
              + id.getType());
    }
  }
}
