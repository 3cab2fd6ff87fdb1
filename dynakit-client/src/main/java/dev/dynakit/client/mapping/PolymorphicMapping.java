package dev.dynakit.client.mapping;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@link Discriminator} type: every item carries its subtype's name in one attribute, and reading
 * picks the subtype by it. The subtypes must agree on the attribute names of their keys, version
 * and time to live, so that one table and its indexes serve them all.
 */
final class PolymorphicMapping implements ItemMapping {
  private final Class<?> type;
  private String attribute;
  private final Map<Class<?>, Subtype> byClass = new LinkedHashMap<>();
  private final Map<String, Subtype> byName = new LinkedHashMap<>();

  private record Subtype(String name, ObjectMapping mapping) {}

  PolymorphicMapping(Class<?> type) {
    this.type = type;
  }

  void build(Converters converters, String where) {
    Discriminator discriminator = type.getAnnotation(Discriminator.class);
    attribute = discriminator.value();
    if (attribute.isEmpty()) {
      throw new MappingException(type.getSimpleName() + ": @Discriminator names no attribute");
    }
    List<Class<?>> subtypes = new ArrayList<>();
    collect(type, discriminator, subtypes);
    if (subtypes.isEmpty()) {
      throw new MappingException(
          type.getSimpleName()
              + ": @Discriminator needs a sealed type with concrete subtypes, or subtypes = {...}");
    }
    for (Class<?> subtype : subtypes) {
      if (!type.isAssignableFrom(subtype)) {
        throw new MappingException(
            type.getSimpleName() + ": " + subtype.getName() + " is not a subtype of it");
      }
      TypeName named = subtype.getAnnotation(TypeName.class);
      String name = named == null ? subtype.getSimpleName() : named.value();
      ObjectMapping mapping = (ObjectMapping) converters.nested(subtype, where);
      for (Property property : mapping.properties()) {
        if (property.attribute.equals(attribute)) {
          throw new MappingException(
              property.where()
                  + ": attribute '"
                  + attribute
                  + "' is the discriminator of "
                  + type.getSimpleName());
        }
      }
      Subtype entry = new Subtype(name, mapping);
      if (byName.put(name, entry) != null) {
        throw new MappingException(
            type.getSimpleName() + ": two subtypes are named '" + name + "' (use @TypeName)");
      }
      byClass.put(subtype, entry);
    }
    agree();
  }

  private static void collect(Class<?> type, Discriminator discriminator, List<Class<?>> into) {
    Class<?>[] listed =
        discriminator != null && discriminator.subtypes().length > 0
            ? discriminator.subtypes()
            : type.isSealed() ? type.getPermittedSubclasses() : new Class<?>[0];
    for (Class<?> subtype : listed) {
      if (subtype.isInterface() || Modifier.isAbstract(subtype.getModifiers())) {
        collect(subtype, null, into);
      } else if (!into.contains(subtype)) {
        into.add(subtype);
      }
    }
  }

  /**
   * The subtypes' keys must be the same attributes; a version or a time to live, where subtypes
   * have one, must be one attribute too (DynamoDB's TTL reads one attribute per table).
   */
  private void agree() {
    Map<Property.Role, Property> seen = new LinkedHashMap<>();
    Subtype first = byName.values().iterator().next();
    for (Subtype subtype : byName.values()) {
      Map<Property.Role, String> keys = new LinkedHashMap<>();
      for (Property property : subtype.mapping().properties()) {
        if (property.role == Property.Role.PLAIN) {
          continue;
        }
        if (property.role == Property.Role.PARTITION_KEY
            || property.role == Property.Role.SORT_KEY) {
          keys.put(property.role, property.attribute);
        }
        Property before = seen.putIfAbsent(property.role, property);
        if (before != null && !before.attribute.equals(property.attribute)) {
          throw disagree(
              before.owner, property.owner, before.role, before.attribute, property.attribute);
        }
      }
      for (Property.Role role :
          new Property.Role[] {Property.Role.PARTITION_KEY, Property.Role.SORT_KEY}) {
        Property expected = seen.get(role);
        String own = keys.get(role);
        if (expected != null && !expected.attribute.equals(own)
            || expected == null && own != null) {
          throw disagree(
              first.mapping().type(),
              subtype.mapping().type(),
              role,
              expected == null ? "none" : expected.attribute,
              own == null ? "none" : own);
        }
      }
    }
  }

  private MappingException disagree(
      Class<?> one, Class<?> other, Property.Role role, String attribute, String otherAttribute) {
    return new MappingException(
        type.getSimpleName()
            + ": subtypes "
            + one.getSimpleName()
            + " and "
            + other.getSimpleName()
            + " store their "
            + role.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " in different attributes ("
            + attribute
            + " vs "
            + otherAttribute
            + ")");
  }

  /** Every subtype's fields. */
  List<List<Property>> variants() {
    List<List<Property>> variants = new ArrayList<>();
    for (Subtype subtype : byName.values()) {
      variants.add(subtype.mapping().properties());
    }
    return variants;
  }

  String attribute() {
    return attribute;
  }

  private Subtype subtypeOf(Object value) {
    for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
      Subtype subtype = byClass.get(c);
      if (subtype != null) {
        return subtype;
      }
    }
    throw new MappingException(
        value.getClass().getName()
            + " is not one of "
            + type.getSimpleName()
            + "'s subtypes "
            + byName.keySet());
  }

  @Override
  public Map<String, AttributeValue> toItem(Object value) {
    Subtype subtype = subtypeOf(value);
    Map<String, AttributeValue> item = subtype.mapping().toItem(value);
    item.put(attribute, AttributeValue.fromS(subtype.name()));
    return item;
  }

  @Override
  public Object fromItem(Map<String, AttributeValue> item) {
    AttributeValue name = item.get(attribute);
    if (name == null || name.s() == null) {
      throw new MappingException(
          "the item has no string attribute '"
              + attribute
              + "' naming its "
              + type.getSimpleName()
              + " subtype");
    }
    Subtype subtype = byName.get(name.s());
    if (subtype == null) {
      throw new MappingException(
          "attribute '"
              + attribute
              + "' names no subtype of "
              + type.getSimpleName()
              + " (known: "
              + byName.keySet()
              + ")");
    }
    return subtype.mapping().fromItem(item);
  }

  /** The subtype's stored name. */
  String nameOf(Class<?> subtype) {
    Subtype entry = byClass.get(subtype);
    if (entry == null) {
      throw new MappingException(
          subtype.getName()
              + " is not one of "
              + type.getSimpleName()
              + "'s subtypes "
              + byName.keySet());
    }
    return entry.name();
  }

  @Override
  public List<Property> properties() {
    return byName.values().iterator().next().mapping().properties();
  }

  @Override
  public List<Property> properties(Object value) {
    return subtypeOf(value).mapping().properties();
  }

  @Override
  public Property property(String field) {
    MappingException missing = null;
    for (Subtype subtype : byName.values()) {
      try {
        return subtype.mapping().property(field);
      } catch (MappingException e) {
        missing = e;
      }
    }
    throw new MappingException(
        "no subtype of " + type.getSimpleName() + " has a mapped field '" + field + "'", missing);
  }

  @Override
  public Property role(Object value, Property.Role role) {
    return subtypeOf(value).mapping().role(value, role);
  }

  @Override
  public Class<?> type() {
    return type;
  }
}
