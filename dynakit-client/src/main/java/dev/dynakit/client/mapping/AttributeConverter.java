package dev.dynakit.client.mapping;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts one Java type to and from a DynamoDB attribute value, for {@link Convert}. Neither
 * method is called with {@code null}: a null field is left out of the item, and a missing or NULL
 * attribute reads as {@code null}.
 *
 * <pre>{@code
 * public final class MoneyConverter implements AttributeConverter<Money> {
 *   public AttributeValue toAttribute(Money m) { return AttributeValue.fromS(m.currency() + " " + m.amount()); }
 *   public Money fromAttribute(AttributeValue v) { return Money.parse(v.s()); }
 * }
 * }</pre>
 *
 * @param <T> the Java type
 */
public interface AttributeConverter<T> {
  /** The attribute value for a Java value. */
  AttributeValue toAttribute(T value);

  /** The Java value for an attribute value. */
  T fromAttribute(AttributeValue value);
}
