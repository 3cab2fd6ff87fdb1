package dev.dynakit.client.expressions;

/**
 * A condition for a {@code ConditionExpression}, a {@code FilterExpression} or a transaction's
 * condition check, built with {@link Conditions}. Conditions are immutable and combine with {@link
 * #and}, {@link #or} and {@link #not}; rendering parenthesises every combined part, so the
 * expression means what the tree says whatever DynamoDB's precedence.
 *
 * <p>{@code toString()} shows the expression with names and values inline, for logs and errors.
 */
public sealed interface Condition permits Node {

  /** The expression, with every name and value replaced by a placeholder of {@code p}. */
  String render(Placeholders p);

  /** This condition and {@code other}. */
  default Condition and(Condition other) {
    return Conditions.and(this, other);
  }

  /** This condition or {@code other}. */
  default Condition or(Condition other) {
    return Conditions.or(this, other);
  }

  /** The negation of this condition. */
  default Condition not() {
    return Conditions.not(this);
  }
}
