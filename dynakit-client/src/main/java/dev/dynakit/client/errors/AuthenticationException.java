package dev.dynakit.client.errors;

/**
 * Credentials are missing, expired or refused; the message names the source tried (seed 001's
 * AuthenticationError).
 */
public final class AuthenticationException extends DynakitException {
  private static final long serialVersionUID = 1L;

  /** The kinds of this category. */
  public enum Kind {
    CREDENTIALS_NOT_FOUND,
    TOKEN_EXPIRED,
    ACCESS_DENIED,
    ASSUME_ROLE_FAILED,
    INVALID_SIGNATURE
  }

  private final Kind kind;

  public AuthenticationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(message, context, retryable, cause);
    this.kind = java.util.Objects.requireNonNull(kind, "kind");
  }

  @Override
  public Kind kind() {
    return kind;
  }
}
