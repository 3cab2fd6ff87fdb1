package dev.dynakit.client.credentials;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.ErrorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A credentials source that fails with an {@link AuthenticationException} naming what was tried.
 * The source itself is made when credentials are first needed, so a missing profile or token file
 * fails the first call, not the adapter's construction.
 */
final class Guarded implements AwsCredentialsProvider, SdkAutoCloseable {
  private final String source;
  private final List<String> triedBefore;
  private final String roleArn;
  private final Supplier<AwsCredentialsProvider> factory;
  private volatile AwsCredentialsProvider delegate;

  /**
   * @param source names the source, for messages
   * @param triedBefore sources tried and found missing before this one, for messages
   * @param roleArn the role this source assumes through STS, or null
   */
  Guarded(
      String source,
      List<String> triedBefore,
      String roleArn,
      Supplier<AwsCredentialsProvider> factory) {
    this.source = source;
    this.triedBefore = List.copyOf(triedBefore);
    this.roleArn = roleArn;
    this.factory = factory;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return delegate().resolveCredentials();
    } catch (AuthenticationException e) {
      throw e;
    } catch (RuntimeException e) {
      AuthenticationException nested = nested(e);
      if (nested != null) {
        throw nested;
      }
      throw translate(e);
    }
  }

  private AwsCredentialsProvider delegate() {
    AwsCredentialsProvider made = delegate;
    if (made == null) {
      synchronized (this) {
        made = delegate;
        if (made == null) {
          made = factory.get();
          delegate = made;
        }
      }
    }
    return made;
  }

  private AuthenticationException translate(RuntimeException e) {
    AwsServiceException service = service(e);
    boolean retryable = e instanceof SdkException && ((SdkException) e).retryable();
    if (roleArn != null && service != null) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return new AuthenticationException(
          AuthenticationException.Kind.ASSUME_ROLE_FAILED,
          "assuming role '"
              + roleArn
              + "' failed: STS answered "
              + code
              + ": "
              + reason(service)
              + " (tried "
              + source
              + ")",
          new ErrorContext(null, null, service.requestId(), code, service.statusCode()),
          retryable,
          e);
    }
    IOException network = network(e);
    if (roleArn != null && network != null) {
      return new AuthenticationException(
          AuthenticationException.Kind.ASSUME_ROLE_FAILED,
          "assuming role '"
              + roleArn
              + "' failed: STS could not be reached: "
              + reason(network)
              + " (tried "
              + source
              + ")",
          ErrorContext.local(null, null),
          true,
          e);
    }
    List<String> tried = new ArrayList<>(triedBefore);
    tried.add(source + " (" + reason(e) + ")");
    return new AuthenticationException(
        AuthenticationException.Kind.CREDENTIALS_NOT_FOUND,
        "no credentials: tried " + String.join(", ", tried),
        ErrorContext.local(null, null),
        retryable,
        e);
  }

  /** STS's own error message for a service error, else the exception's message. */
  private static String reason(Throwable e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException service = (AwsServiceException) e;
      if (service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null) {
        return service.awsErrorDetails().errorMessage();
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * The network failure under {@code e} (STS refused the connection, its host is unknown, it timed
   * out, TLS failed), or null; a missing file is not one.
   */
  private static IOException network(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.net.SocketException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof javax.net.ssl.SSLException) {
        return (IOException) t;
      }
    }
    return null;
  }

  private static AwsServiceException service(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException) {
        return (AwsServiceException) t;
      }
    }
    return null;
  }

  private static AuthenticationException nested(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return (AuthenticationException) t;
      }
    }
    return null;
  }

  @Override
  public void close() {
    AwsCredentialsProvider made = delegate;
    if (made instanceof AutoCloseable) {
      try {
        ((AutoCloseable) made).close();
      } catch (Exception e) {
        // Closing is best effort.
      }
    }
  }

  @Override
  public String toString() {
    return "Credentials[" + source + "]";
  }
}
