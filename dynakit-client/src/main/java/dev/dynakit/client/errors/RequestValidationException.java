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

  public RequestValidationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
