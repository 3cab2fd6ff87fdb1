package dev.dynakit.client.errors;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;

/**
 * A transaction did not commit (seed 001's TransactionError). A canceled transaction keeps
 * DynamoDB's reasons, one per item of the request, in {@link #cancellationReasons()}.
 */
public final class TransactionException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    TRANSACTION_CANCELED,
    TRANSACTION_CONFLICT,
    IDEMPOTENT_PARAMETER_MISMATCH,
    TRANSACTION_IN_PROGRESS
  }

  private final transient List<CancellationReason> cancellationReasons;

  public TransactionException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    this(kind, message, context, retryable, cause, List.of());
  }

  /** An error that keeps the cancellation reasons DynamoDB gave, in the order of the request. */
  public TransactionException(
      Kind kind,
      String message,
      ErrorContext context,
      boolean retryable,
      Throwable cause,
      List<CancellationReason> cancellationReasons) {
    super(kind, message, context, retryable, cause);
    this.cancellationReasons =
        cancellationReasons == null ? List.of() : List.copyOf(cancellationReasons);
  }

  /**
   * Why each item of a canceled transaction failed, in request order (code {@code None} for the
   * items that did not cause the cancellation); empty for the other kinds.
   */
  public List<CancellationReason> cancellationReasons() {
    return cancellationReasons;
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
