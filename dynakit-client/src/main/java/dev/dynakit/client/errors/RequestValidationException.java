package dev.dynakit.client.errors;

/** DynamoDB or the adapter refused the request as malformed (seed 001's ValidationError). */
public final class RequestValidationException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    INVALID_KEY,
    INVALID_EXPRESSION,
    MISSING_REQUIRED_KEY,
    TYPE_MISMATCH,
    INVALID_ARGUMENT,
    LIMIT_EXCEEDED
  }

  private final Kind kind;

  public RequestValidationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
