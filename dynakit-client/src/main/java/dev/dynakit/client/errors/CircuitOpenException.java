package dev.dynakit.client.errors;

/** The circuit breaker is open: the call failed at once without being sent. */
public final class CircuitOpenException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    OPEN
  }

  public CircuitOpenException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
