package dev.dynakit.client.errors;

/**
 * A setting is wrong or missing: found when the adapter is built, or a table name that cannot exist
 * (seed 001's ConfigurationError).
 */
public final class ConfigurationException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    INVALID_SETTING,
    INVALID_TABLE,
    INVALID_REGION,
    INVALID_ENDPOINT,
    INVALID_CREDENTIALS
  }

  public ConfigurationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
