package dev.dynakit.engine.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How a table's stream is named: its label, the time the stream was enabled as an ISO-8601 local
 * date-time in UTC with milliseconds ({@code 2026-01-02T03:04:05.000}), and its ARN, the table's
 * ARN followed by {@code /stream/} and the label.
 */
public final class StreamArns {
  private static final DateTimeFormatter LABEL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private StreamArns() {}

  /** The label of a stream enabled at that instant. */
  public static String label(Instant enabled) {
    return LABEL.format(enabled);
  }

  /** The instant a stream of that label was enabled. */
  static Instant enabled(String label) {
    return java.time.LocalDateTime.parse(label).toInstant(ZoneOffset.UTC);
  }

  /** The ARN of the table's stream of that label. */
  public static String arn(String tableArn, String label) {
    return tableArn + "/stream/" + label;
  }
}
