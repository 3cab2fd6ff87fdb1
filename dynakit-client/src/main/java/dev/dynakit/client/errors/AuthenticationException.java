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

  public AuthenticationException(
      Kind kind, String message, ErrorContext context, boolean retryable, Throwable cause) {
    super(kind, message, context, retryable, cause);
  }

  @Override
  public Kind kind() {
    return (Kind) super.kind();
  }
}
