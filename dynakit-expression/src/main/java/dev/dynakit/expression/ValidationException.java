package dev.dynakit.expression;

import java.io.Serial;

/**
 * A request that DynamoDB would refuse with {@code ValidationException}. The message is DynamoDB's
 * own, word for word, so that callers (the engine, the server) can hand it on unchanged.
 *
 * <pre>{@code
 * try {
 *   Expressions.parseCondition("a = = b", names, values);
 * } catch (ValidationException e) {
 *   e.getMessage(); // Invalid ConditionExpression: Syntax error; token: "=", near: "= ="
 * }
 * }</pre>
 */
public final class ValidationException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception with DynamoDB's message. */
  public ValidationException(String message) {
    super(message, null, false, false);
  }
}
