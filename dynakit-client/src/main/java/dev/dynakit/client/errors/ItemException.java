package dev.dynakit.client.errors;

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

  public ItemException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
