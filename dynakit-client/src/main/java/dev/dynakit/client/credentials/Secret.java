package dev.dynakit.client.credentials;

import java.util.Objects;

/**
 * A secret value (a secret access key, a session token): its {@link #toString()} never shows it,
 * and two secrets are equal only if they are the same object, so neither comparisons nor logs
 * reveal it. Only {@link #reveal()} hands the value out, for signing.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @throws IllegalArgumentException if the value is empty
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The value itself: for signing requests only, never for logs or messages. */
  public String reveal() {
    return value;
  }

  /** Always {@code "****"}: the value is never shown. */
  @Override
  public String toString() {
    return "****";
  }
}
