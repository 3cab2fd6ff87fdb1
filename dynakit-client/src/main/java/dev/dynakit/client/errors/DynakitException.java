package dev.dynakit.client.errors;

import java.util.Objects;

/**
 * Every error the adapter raises: one sealed hierarchy, one subclass per category of the error
 * taxonomy, each naming its kind, where it happened ({@link #context()}) and whether trying again
 * may succeed ({@link #retryable()}). Messages never contain credentials or item values.
 */
public abstract sealed class DynakitException extends RuntimeException
    permits ConfigurationException,
        AuthenticationException,
        RequestValidationException,
        ConditionalCheckException,
        ThroughputException,
        ItemException,
        TransactionException,
        ServiceException,
        PolicyViolationException,
        CircuitOpenException {
  private static final long serialVersionUID = 1L;

  private final Enum<?> kind;
  private final transient ErrorContext context;
  private final boolean retryable;

  DynakitException(
      Enum<?> kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.context = Objects.requireNonNull(context, "context");
    this.retryable = retryable;
  }

  /** Operation, table, AWS request id and error code. */
  public ErrorContext context() {
    return context;
  }

  /** Whether the same call may succeed if tried again (after the adapter's own retries). */
  public boolean retryable() {
    return retryable;
  }

  /** The kind within the category, as the taxonomy names it; each category narrows the type. */
  public Enum<?> kind() {
    return kind;
  }
}
