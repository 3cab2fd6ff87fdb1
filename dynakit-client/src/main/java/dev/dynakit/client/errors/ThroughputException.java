package dev.dynakit.client.errors;

/** DynamoDB throttled the request (seed 001's ThroughputError). */
public final class ThroughputException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    PROVISIONED_THROUGHPUT_EXCEEDED,
    REQUEST_LIMIT_EXCEEDED,
    THROTTLING
  }

  public ThroughputException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
