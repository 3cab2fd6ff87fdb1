package dev.dynakit.client.mapping;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Java type to and from attribute values; built once per field when a schema is built. Never
 * called with {@code null} or with a NULL attribute value: the caller handles absence.
 */
interface Converter {
  AttributeValue write(Object value);

  Object read(AttributeValue value);

  /** What a field of this type holds when its attribute is missing. */
  default Object absent() {
    return null;
  }

  /** Whether the value is left out of an item (empty sets, which DynamoDB cannot store). */
  default boolean omit(Object value) {
    return false;
  }
}
