package dev.dynakit.client.errors;

/**
 * The service failed, is unavailable, or the resource is missing or busy (seed 001's ServiceError).
 */
public final class ServiceException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    INTERNAL_SERVER_ERROR,
    SERVICE_UNAVAILABLE,
    RESOURCE_NOT_FOUND,
    RESOURCE_IN_USE,
    LIMIT_EXCEEDED,
    TIMEOUT,
    NETWORK,
    /** A stream's shard iterator is older than 15 minutes; ask for a new one. */
    EXPIRED_ITERATOR,
    /** A stream's records at the position asked for are past the 24-hour retention. */
    TRIMMED_DATA_ACCESS,
    UNKNOWN
  }

  public ServiceException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
