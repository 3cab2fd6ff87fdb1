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

  private final Kind kind;

  public ItemException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
