package dev.dynakit.secretscan;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;

/** Reads OpenTelemetry spans; loaded only when a test hands some over. */
final class Spans {
  private Spans() {}

  static void scan(Collection<?> spans, SecretScan scan) {
    for (Object span : spans) {
      if (!(span instanceof SpanData)) {
        throw new IllegalArgumentException("not an OpenTelemetry SpanData: " + span);
      }
      SpanData data = (SpanData) span;
      scan.text(
          "span",
          data.getName()
              + " "
              + data.getAttributes()
              + " "
              + data.getEvents()
              + " "
              + data.getStatus()
              + " "
              + data.getLinks()
              + " "
              + data.getResource().getAttributes());
    }
  }
}
