package dev.dynakit.cli;

import java.util.Locale;

/** A key attribute written {@code NAME:TYPE} on the command line, such as {@code Artist:S}. */
record KeyAttribute(String name, String type) {

  /**
   * Reads {@code NAME:TYPE}; the type is {@code S}, {@code N} or {@code B} (any case).
   *
   * @throws UsageException naming {@code option} when the text is not of that form
   */
  static KeyAttribute parse(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new UsageException(
          option + " '" + text + "': expected NAME:TYPE with TYPE S, N or B, such as Artist:S");
    }
    String type = text.substring(colon + 1).toUpperCase(Locale.ROOT);
    if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
      throw new UsageException(
          option
              + " '"
              + text
              + "': key type must be S (string), N (number) or B (binary), not '"
              + text.substring(colon + 1)
              + "'");
    }
    return new KeyAttribute(text.substring(0, colon), type);
  }
}
