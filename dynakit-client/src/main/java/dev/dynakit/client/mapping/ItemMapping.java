package dev.dynakit.client.mapping;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A mapped type to and from a map of attributes (an item, or a nested M value). */
interface ItemMapping extends Converter {
  Map<String, AttributeValue> toItem(Object value);

  Object fromItem(Map<String, AttributeValue> item);

  /** The mapped fields; for a polymorphic type, those of its first subtype. */
  List<Property> properties();

  /** The mapped fields of {@code value}'s own type (its subtype, for a polymorphic one). */
  List<Property> properties(Object value);

  /** The field of that name; a {@link MappingException} if there is none. */
  Property property(String field);

  Class<?> type();

  /** Nested, the type is a map (M). */
  @Override
  default AttributeValue write(Object value) {
    return AttributeValue.fromM(toItem(value));
  }

  @Override
  default Object read(AttributeValue value) {
    if (value.type() != AttributeValue.Type.M) {
      throw Converters.wrongType(AttributeValue.Type.M, value);
    }
    return fromItem(value.m());
  }

  /** The field with that role in {@code value}'s own type (its subtype, for a polymorphic one). */
  Property role(Object value, Property.Role role);
}
