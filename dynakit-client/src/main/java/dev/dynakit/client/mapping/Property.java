package dev.dynakit.client.mapping;

import java.lang.invoke.MethodHandle;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One mapped field: where it is stored, how it is read from an object and converted. */
final class Property {
  enum Role {
    PLAIN,
    PARTITION_KEY,
    SORT_KEY,
    VERSION,
    TIME_TO_LIVE
  }

  final Class<?> owner;
  final String field;
  final String attribute;
  final Class<?> type;
  final Converter converter;
  final Role role;
  private final MethodHandle getter;
  final MethodHandle setter;

  Property(
      Class<?> owner,
      String field,
      String attribute,
      Class<?> type,
      Converter converter,
      Role role,
      MethodHandle getter,
      MethodHandle setter) {
    this.owner = owner;
    this.field = field;
    this.attribute = attribute;
    this.type = type;
    this.converter = converter;
    this.role = role;
    this.getter = getter;
    this.setter = setter;
  }

  Object get(Object target) {
    try {
      return getter.invokeExact(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException(where() + ": reading the field failed", e);
    }
  }

  /** The attribute value, or {@code null} when the field is null or its value is not stored. */
  AttributeValue write(Object value) {
    if (value == null || converter.omit(value)) {
      return null;
    }
    try {
      return converter.write(value);
    } catch (MappingException e) {
      throw new MappingException(where() + ": " + e.getMessage(), e);
    } catch (ClassCastException e) {
      throw new MappingException(where() + ": a value of the wrong type for " + type.getName(), e);
    }
  }

  /** The field's value for an attribute value; missing and NULL give the field's absent value. */
  Object read(AttributeValue value) {
    if (value == null || Boolean.TRUE.equals(value.nul())) {
      return converter.absent();
    }
    try {
      return converter.read(value);
    } catch (MappingException e) {
      throw new MappingException(
          "attribute '" + attribute + "' (" + where() + "): " + e.getMessage(), e);
    }
  }

  String where() {
    return owner.getSimpleName() + "." + field;
  }
}
