package dev.dynakit.client.expressions;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an expression writes an attribute name and a value: as placeholders, or inline. */
interface Naming {
  /** The text standing for the attribute (or map key) {@code attributeName}. */
  String name(String attributeName);

  /** The text standing for {@code value}. */
  String value(AttributeValue value);
}
