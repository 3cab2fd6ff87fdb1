package dev.dynakit.client.errors;

/** A condition expression was false (seed 001's ConditionalCheckError). */
public final class ConditionalCheckException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    CONDITION_FAILED,
    TRANSACTION_CONFLICT
  }

  private final Kind kind;

  public ConditionalCheckException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
