package dev.dynakit.client.errors;

/**
 * The adapter's policy refused the call before anything was sent: the message names verb, table and
 * rule.
 */
public final class PolicyViolationException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    WRITE_NOT_ALLOWED,
    TABLE_NOT_ALLOWED,
    PROFILE_FORBIDS_ADAPTER
  }

  public PolicyViolationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
