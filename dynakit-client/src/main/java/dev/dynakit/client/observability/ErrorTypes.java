package dev.dynakit.client.observability;

import dev.dynakit.client.errors.AuthenticationException;
import dev.dynakit.client.errors.CircuitOpenException;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Names and sorts errors for metrics, spans and logs: the AWS error code where the service gave
 * one, otherwise the adapter's (or SDK's) exception class. Works on the SDK's exceptions and on the
 * adapter's {@link DynakitException}s alike, whichever reaches the observers.
 */
final class ErrorTypes {
  /** How an error is reported. */
  enum Category {
    /** Credentials missing, expired or refused. */
    AUTHENTICATION,
    /** The service failed, is unavailable, or could not be reached. */
    SERVICE,
    /** The request was throttled (after retries). */
    THROTTLING,
    /** A condition expression was false. */
    CONDITIONAL_CHECK,
    /** The adapter refused the call (policy, open circuit). */
    REFUSED,
    /** The caller's request was wrong, or another outcome the caller handles. */
    CLIENT
  }

  static final Set<String> THROTTLING_CODES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "Throttling",
          "RequestLimitExceeded");

  private static final Set<String> AUTHENTICATION_CODES =
      Set.of(
          "AccessDeniedException",
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "MissingAuthenticationTokenException",
          "ExpiredTokenException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch");

  private static final Set<String> SERVICE_CODES =
      Set.of("InternalServerError", "ServiceUnavailable", "ResourceNotFoundException");

  private ErrorTypes() {}

  /** The error type tag: AWS error code, else the exception's class name. */
  static String errorType(Throwable error) {
    if (error instanceof DynakitException) {
      String code = ((DynakitException) error).context().awsErrorCode();
      if (code != null) {
        return code;
      }
    }
    AwsServiceException service = awsCause(error);
    if (service != null
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return error.getClass().getSimpleName();
  }

  static Category category(Throwable error) {
    if (error instanceof DynakitException) {
      if (error instanceof AuthenticationException) {
        return Category.AUTHENTICATION;
      }
      if (error instanceof ServiceException) {
        return Category.SERVICE;
      }
      if (error instanceof ThroughputException) {
        return Category.THROTTLING;
      }
      if (error instanceof ConditionalCheckException) {
        return Category.CONDITIONAL_CHECK;
      }
      if (error instanceof PolicyViolationException || error instanceof CircuitOpenException) {
        return Category.REFUSED;
      }
      return Category.CLIENT;
    }
    String code = errorType(error);
    if (THROTTLING_CODES.contains(code)) {
      return Category.THROTTLING;
    }
    if (AUTHENTICATION_CODES.contains(code)) {
      return Category.AUTHENTICATION;
    }
    if ("ConditionalCheckFailedException".equals(code)) {
      return Category.CONDITIONAL_CHECK;
    }
    AwsServiceException service = awsCause(error);
    if (SERVICE_CODES.contains(code) || (service != null && service.statusCode() >= 500)) {
      return Category.SERVICE;
    }
    if (service == null && error instanceof SdkClientException) {
      return Category.SERVICE;
    }
    return Category.CLIENT;
  }

  /** The AWS service exception this error is or was caused by, or {@code null}. */
  static AwsServiceException awsCause(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < 8; depth++) {
      if (current instanceof AwsServiceException) {
        return (AwsServiceException) current;
      }
      current = current.getCause();
    }
    return null;
  }

  /** The error code in an {@code x-amzn-ErrorType} header value or a JSON {@code __type}. */
  static String codeFromType(String type) {
    if (type == null || type.isEmpty()) {
      return null;
    }
    String code = type;
    int hash = code.lastIndexOf('#');
    if (hash >= 0) {
      code = code.substring(hash + 1);
    }
    int colon = code.indexOf(':');
    if (colon >= 0) {
      code = code.substring(0, colon);
    }
    return code.isEmpty() ? null : code;
  }
}
