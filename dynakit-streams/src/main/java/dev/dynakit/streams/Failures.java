package dev.dynakit.streams;

import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.ServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * The failures the consumer handles itself, told apart whether the client is a plain SDK client
 * (SDK exceptions) or the adapter's (its {@link ServiceException} kinds).
 */
enum Failures {
  EXPIRED_ITERATOR,
  TRIMMED,
  NOT_FOUND,
  CONDITION_FAILED,
  IN_USE,
  OTHER;

  static Failures of(RuntimeException e) {
    if (e instanceof ExpiredIteratorException) {
      return EXPIRED_ITERATOR;
    }
    if (e instanceof TrimmedDataAccessException) {
      return TRIMMED;
    }
    if (e instanceof ResourceNotFoundException) {
      return NOT_FOUND;
    }
    if (e instanceof ConditionalCheckFailedException || e instanceof ConditionalCheckException) {
      return CONDITION_FAILED;
    }
    if (e instanceof ResourceInUseException) {
      return IN_USE;
    }
    if (e instanceof ServiceException) {
      switch (((ServiceException) e).kind()) {
        case EXPIRED_ITERATOR:
          return EXPIRED_ITERATOR;
        case TRIMMED_DATA_ACCESS:
          return TRIMMED;
        case RESOURCE_NOT_FOUND:
          return NOT_FOUND;
        case RESOURCE_IN_USE:
          return IN_USE;
        default:
          return OTHER;
      }
    }
    return OTHER;
  }
}
