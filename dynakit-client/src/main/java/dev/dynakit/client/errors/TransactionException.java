package dev.dynakit.client.errors;

/** A transaction did not commit (seed 001's TransactionError). */
public final class TransactionException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    TRANSACTION_CANCELED,
    TRANSACTION_CONFLICT,
    IDEMPOTENT_PARAMETER_MISMATCH,
    TRANSACTION_IN_PROGRESS
  }

  private final Kind kind;

  public TransactionException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
