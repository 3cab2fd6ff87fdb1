package dev.dynakit.engine.internal;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.PolicyNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * DynamoDB's errors as the AWS SDK raises them: the exception type the SDK would unmarshal, with
 * DynamoDB's error code, message and HTTP status, so that code written against the SDK cannot tell
 * the engine from the service.
 */
public final class Errors {
  private static final String SERVICE = "DynamoDb";

  private Errors() {}

  /** {@code ValidationException} (400). */
  public static DynamoDbException validation(String message) {
    return (DynamoDbException)
        fill(DynamoDbException.builder(), "ValidationException", message, 400).build();
  }

  /** A required request member left out: {@code Value null at '<member>' ... must not be null}. */
  static DynamoDbException nullMember(String member) {
    return validation(
        "Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
  }

  /** {@code ResourceNotFoundException} (400), as for a table that does not exist. */
  public static ResourceNotFoundException tableNotFound() {
    return (ResourceNotFoundException)
        fill(
                ResourceNotFoundException.builder(),
                "ResourceNotFoundException",
                "Cannot do operations on a non-existent table",
                400)
            .build();
  }

  /**
   * {@code TableNotFoundException} (400), as the control plane's operations answer a table missing.
   */
  static software.amazon.awssdk.services.dynamodb.model.TableNotFoundException tableNotFound(
      String table) {
    return (software.amazon.awssdk.services.dynamodb.model.TableNotFoundException)
        fill(
                software.amazon.awssdk.services.dynamodb.model.TableNotFoundException.builder(),
                "TableNotFoundException",
                "Table not found: " + table,
                400)
            .build();
  }

  /** {@code ResourceNotFoundException} (400) with that message. */
  public static ResourceNotFoundException resourceNotFound(String message) {
    return (ResourceNotFoundException)
        fill(ResourceNotFoundException.builder(), "ResourceNotFoundException", message, 400)
            .build();
  }

  /** {@code AccessDeniedException} (400), as IAM refuses a request. */
  public static DynamoDbException accessDenied(String message) {
    return (DynamoDbException)
        fill(DynamoDbException.builder(), "AccessDeniedException", message, 400).build();
  }

  /** {@code PolicyNotFoundException} (400): no resource-based policy, or not the one expected. */
  static PolicyNotFoundException policyNotFound(String message) {
    return (PolicyNotFoundException)
        fill(PolicyNotFoundException.builder(), "PolicyNotFoundException", message, 400).build();
  }

  /** {@code LimitExceededException} (400). */
  public static LimitExceededException limitExceeded(String message) {
    return (LimitExceededException)
        fill(LimitExceededException.builder(), "LimitExceededException", message, 400).build();
  }

  /** {@code ResourceInUseException} (400). */
  public static ResourceInUseException resourceInUse(String message) {
    return (ResourceInUseException)
        fill(ResourceInUseException.builder(), "ResourceInUseException", message, 400).build();
  }

  /** {@code ExpiredIteratorException} (400): a shard iterator used after it expired. */
  public static ExpiredIteratorException expiredIterator(String message) {
    return (ExpiredIteratorException)
        fill(ExpiredIteratorException.builder(), "ExpiredIteratorException", message, 400).build();
  }

  /** {@code TrimmedDataAccessException} (400): a read of stream records no longer kept. */
  public static TrimmedDataAccessException trimmedDataAccess(String message) {
    return (TrimmedDataAccessException)
        fill(TrimmedDataAccessException.builder(), "TrimmedDataAccessException", message, 400)
            .build();
  }

  /** {@code DuplicateItemException} (400): a PartiQL INSERT of an item that exists. */
  static DuplicateItemException duplicateItem() {
    return (DuplicateItemException)
        fill(
                DuplicateItemException.builder(),
                "DuplicateItemException",
                "Duplicate primary key exists in table",
                400)
            .build();
  }

  /**
   * {@code IdempotentParameterMismatchException} (400): a client request token used again with
   * another request.
   */
  static IdempotentParameterMismatchException idempotentParameterMismatch(String message) {
    return (IdempotentParameterMismatchException)
        fill(
                IdempotentParameterMismatchException.builder(),
                "IdempotentParameterMismatchException",
                message,
                400)
            .build();
  }

  /** An error a fault injects: DynamoDB's code, message and HTTP status. */
  public static DynamoDbException injected(String code, String message, int status) {
    return (DynamoDbException) fill(DynamoDbException.builder(), code, message, status).build();
  }

  /** The answer to an operation the engine does not serve, as DynamoDB words it (400). */
  public static DynamoDbException unknownOperation() {
    return (DynamoDbException)
        fill(
                DynamoDbException.builder(),
                "UnknownOperationException",
                "An unknown operation was requested.",
                400)
            .build();
  }

  static AwsServiceException.Builder fill(
      AwsServiceException.Builder builder, String code, String message, int status) {
    return builder
        .message(message)
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName(SERVICE)
                .build());
  }
}
