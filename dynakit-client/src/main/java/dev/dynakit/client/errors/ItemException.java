package dev.dynakit.client.errors;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Something about one item: too large, its collection too large, or not there (seed 001's
 * ItemError).
 */
public final class ItemException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    ITEM_NOT_FOUND,
    ITEM_TOO_LARGE,
    ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED
  }

  private final transient Map<String, AttributeValue> key;

  public ItemException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    this(kind, message, context, retryable, cause, null);
  }

  /** An error about the item with {@code key}, kept here and not in the message. */
  public ItemException(
      Kind kind,
      String message,
      ErrorContext context,
      boolean retryable,
      Throwable cause,
      Map<String, AttributeValue> key) {
    super(kind, message, context, retryable, cause);
    this.key = key == null ? null : Map.copyOf(key);
  }

  /** The key of the item, where the adapter found the problem itself before sending. */
  public Optional<Map<String, AttributeValue>> key() {
    return Optional.ofNullable(key);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
