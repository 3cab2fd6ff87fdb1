package dev.dynakit.client.credentials;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;

/** The errors of wrong credential settings, each naming the setting. */
final class Invalid {
  private Invalid() {}

  static ConfigurationException setting(String setting, String problem) {
    return new ConfigurationException(
        ConfigurationException.Kind.INVALID_CREDENTIALS,
        setting + ": " + problem,
        ErrorContext.local(null, null),
        false,
        null);
  }
}
