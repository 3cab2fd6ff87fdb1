package dev.dynakit.client.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as settings give them: ISO-8601 ({@code PT5S}), a number with a unit ({@code
 * 250ms}, {@code 5s}, {@code 2m}, {@code 1h}), or a bare number of seconds ({@code 5}, {@code 2.5},
 * as the seed's {@code timeout_s}).
 */
final class Durations {
  private static final Pattern WITH_UNIT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses a positive duration.
   *
   * @return the duration, or null if the text is not one (the caller names the setting)
   */
  static Duration parse(String text) {
    String trimmed = text.trim();
    Duration parsed;
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        parsed = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    } else {
      Matcher m = WITH_UNIT.matcher(trimmed);
      if (!m.matches()) {
        return null;
      }
      BigDecimal amount = new BigDecimal(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
      BigDecimal millis;
      switch (unit) {
        case "ms":
          millis = amount;
          break;
        case "m":
          millis = amount.multiply(BigDecimal.valueOf(60_000));
          break;
        case "h":
          millis = amount.multiply(BigDecimal.valueOf(3_600_000));
          break;
        default:
          millis = amount.multiply(BigDecimal.valueOf(1_000));
      }
      try {
        parsed = Duration.ofMillis(millis.longValueExact());
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return parsed.isNegative() || parsed.isZero() ? null : parsed;
  }
}
