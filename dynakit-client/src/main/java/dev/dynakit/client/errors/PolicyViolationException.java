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

  private final Kind kind;

  public PolicyViolationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
