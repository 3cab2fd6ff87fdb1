package dev.dynakit.client.errors;

/** The circuit breaker is open: the call failed at once without being sent. */
public final class CircuitOpenException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    OPEN
  }

  private final Kind kind;

  public CircuitOpenException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
