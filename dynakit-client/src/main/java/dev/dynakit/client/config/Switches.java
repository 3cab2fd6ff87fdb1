package dev.dynakit.client.config;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one way the adapter reads an on/off environment variable: {@code true}, {@code yes}, {@code
 * on} and {@code 1} mean on; {@code false}, {@code no}, {@code off} and {@code 0} mean off (any
 * case, surrounding blanks ignored); unset or blank means not given; anything else is a {@link
 * ConfigurationException} naming the variable and the value.
 */
public final class Switches {
  private Switches() {}

  /** The switch {@code variable} of {@code environment}, or empty where it is unset or blank. */
  public static Optional<Boolean> read(Map<String, String> environment, String variable) {
    return parse(variable, environment.get(variable));
  }

  /** {@code value} of the switch {@code variable}, or empty where it is null or blank. */
  public static Optional<Boolean> parse(String variable, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return Optional.of(Boolean.TRUE);
      case "false":
      case "no":
      case "off":
      case "0":
        return Optional.of(Boolean.FALSE);
      default:
        throw new ConfigurationException(
            ConfigurationException.Kind.INVALID_SETTING,
            variable
                + " must be true or false (or yes/no, on/off, 1/0), was '"
                + value.strip()
                + "'",
            ErrorContext.local(null, null),
            false,
            null);
    }
  }
}
