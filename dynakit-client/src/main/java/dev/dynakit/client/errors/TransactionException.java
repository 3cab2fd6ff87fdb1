package dev.dynakit.client.errors;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
  private final transient List<Failure> failures;

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
    this(kind, message, context, retryable, cause, cancellationReasons, List.of());
  }

  /**
   * An error that also names, for each action that caused the cancellation, the action itself (as
   * the transaction helper knows it).
   */
  public TransactionException(
      Kind kind,
      String message,
      ErrorContext context,
      boolean retryable,
      Throwable cause,
      List<CancellationReason> cancellationReasons,
      List<Failure> failures) {
    super(kind, message, context, retryable, cause);
    this.cancellationReasons =
        cancellationReasons == null ? List.of() : List.copyOf(cancellationReasons);
    this.failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /**
   * The actions that caused the cancellation, in request order, where the transaction helper sent
   * the transaction; empty otherwise (the reasons are still in {@link #cancellationReasons()}).
   */
  public List<Failure> failures() {
    return failures;
  }

  /**
   * Why each item of a canceled transaction failed, in request order (code {@code None} for the
   * items that did not cause the cancellation); empty for the other kinds.
   */
  public List<CancellationReason> cancellationReasons() {
    return cancellationReasons;
  }

  /**
   * One action of a canceled transaction that caused the cancellation.
   *
   * @param index the action's position in the request, from 0
   * @param action {@code Put}, {@code Update}, {@code Delete} or {@code ConditionCheck}
   * @param table the table it named
   * @param key the key of its item ({@code null} for a put into a table whose key is unknown)
   * @param code DynamoDB's cancellation reason code, such as {@code ConditionalCheckFailed}
   * @param message DynamoDB's message for it ({@code null} if none)
   * @param item the item as it was, if the action asked for it with {@code
   *     ReturnValuesOnConditionCheckFailure} ({@code null} otherwise)
   */
  public record Failure(
      int index,
      String action,
      String table,
      Map<String, AttributeValue> key,
      String code,
      String message,
      Map<String, AttributeValue> item) {

    /** The failure without key and item values, as messages show it. */
    @Override
    public String toString() {
      return "["
          + index
          + "] "
          + action
          + " on '"
          + table
          + "': "
          + code
          + (message == null ? "" : " (" + message + ")");
    }
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
