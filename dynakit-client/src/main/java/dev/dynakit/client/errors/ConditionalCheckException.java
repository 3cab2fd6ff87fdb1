package dev.dynakit.client.errors;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition expression was false (seed 001's ConditionalCheckError). When the request asked for
 * {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}, {@link #item()} holds the item as it was.
 */
public final class ConditionalCheckException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    CONDITION_FAILED,
    TRANSACTION_CONFLICT
  }

  private final transient Map<String, AttributeValue> item;

  public ConditionalCheckException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    this(kind, message, context, retryable, cause, null);
  }

  /**
   * An error that keeps the item DynamoDB returned with the failure ({@code null} or empty if
   * none).
   */
  public ConditionalCheckException(
      Kind kind,
      String message,
      ErrorContext context,
      boolean retryable,
      Throwable cause,
      Map<String, AttributeValue> item) {
    super(kind, message, context, retryable, cause);
    this.item = item == null || item.isEmpty() ? null : Map.copyOf(item);
  }

  /**
   * The item as it was when the condition failed, if the request asked for it with {@code
   * ReturnValuesOnConditionCheckFailure=ALL_OLD} and the item existed.
   */
  public Optional<Map<String, AttributeValue>> item() {
    return Optional.ofNullable(item);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
