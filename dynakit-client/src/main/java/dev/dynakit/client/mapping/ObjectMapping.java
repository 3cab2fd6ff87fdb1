package dev.dynakit.client.mapping;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A record or a bean (public getters and setters, a no-argument constructor) to and from a map of
 * attributes. Built once; reading and writing then use method handles only.
 */
final class ObjectMapping implements ItemMapping {
  private final Class<?> type;
  private Property[] properties;
  private Map<String, Property> byField;
  private MethodHandle constructor;
  private boolean record;

  ObjectMapping(Class<?> type) {
    this.type = type;
  }

  void build(Converters converters, String where) {
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new MappingException(
          where
              + ": "
              + type.getName()
              + " is abstract; mark it @Discriminator to map its subtypes");
    }
    List<Property> found = new ArrayList<>();
    record = type.isRecord();
    if (record) {
      recordProperties(converters, found);
    } else {
      beanProperties(converters, found);
    }
    Set<String> attributes = new HashSet<>();
    Map<Property.Role, Property> roles = new HashMap<>();
    byField = new LinkedHashMap<>();
    for (Property property : found) {
      if (property.attribute.isEmpty()) {
        throw new MappingException(property.where() + ": the attribute name is empty");
      }
      if (!attributes.add(property.attribute)) {
        throw new MappingException(
            property.where()
                + ": attribute '"
                + property.attribute
                + "' is mapped twice in "
                + type.getSimpleName());
      }
      if (property.role != Property.Role.PLAIN) {
        Property before = roles.put(property.role, property);
        if (before != null) {
          throw new MappingException(
              type.getSimpleName()
                  + " has two "
                  + roleName(property.role)
                  + " fields: "
                  + before.field
                  + " and "
                  + property.field);
        }
      }
      byField.put(property.field, property);
    }
    properties = found.toArray(new Property[0]);
  }

  private static String roleName(Property.Role role) {
    switch (role) {
      case PARTITION_KEY:
        return "@PartitionKey";
      case SORT_KEY:
        return "@SortKey";
      case VERSION:
        return "@Version";
      default:
        return "@TimeToLive";
    }
  }

  private void recordProperties(Converters converters, List<Property> found) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      if (component.isAnnotationPresent(Ignore.class)) {
        throw new MappingException(
            type.getSimpleName()
                + "."
                + component.getName()
                + ": a record component cannot be"
                + " @Ignore'd (the record's constructor needs it)");
      }
      found.add(
          property(
              converters,
              component.getName(),
              component.getGenericType(),
              component.getType(),
              component,
              handle(component.getAccessor()),
              null));
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      constructor =
          unreflect(canonical)
              .asSpreader(Object[].class, components.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (NoSuchMethodException e) {
      throw new MappingException(type.getName() + " has no canonical constructor", e);
    }
  }

  private void beanProperties(Converters converters, List<Property> found) {
    try {
      Constructor<?> noArguments = type.getDeclaredConstructor();
      constructor = unreflect(noArguments).asType(MethodType.methodType(Object.class));
    } catch (NoSuchMethodException e) {
      throw new MappingException(
          type.getName() + " is neither a record nor a bean with a no-argument constructor");
    }
    for (Method getter : type.getMethods()) {
      String field = propertyName(getter);
      if (field == null) {
        continue;
      }
      Field declared = declaredField(field);
      if (getter.isAnnotationPresent(Ignore.class)
          || declared != null && declared.isAnnotationPresent(Ignore.class)) {
        continue;
      }
      Method setter;
      try {
        setter =
            type.getMethod(
                "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1),
                getter.getReturnType());
      } catch (NoSuchMethodException e) {
        throw new MappingException(
            type.getSimpleName()
                + "."
                + field
                + ": has a getter but no setter (add the setter, or"
                + " mark the getter @Ignore)");
      }
      AnnotatedElement annotations = new Merged(annotated(getter, declared));
      MethodHandle set =
          handle(setter).asType(MethodType.methodType(void.class, Object.class, Object.class));
      found.add(
          property(
              converters,
              field,
              getter.getGenericReturnType(),
              getter.getReturnType(),
              annotations,
              handle(getter),
              set));
    }
    found.sort((a, b) -> a.field.compareTo(b.field));
  }

  /** The getter, the methods it overrides and the field: where a property's annotations may be. */
  private List<AnnotatedElement> annotated(Method getter, Field declared) {
    List<AnnotatedElement> elements = new ArrayList<>();
    elements.add(getter);
    if (declared != null) {
      elements.add(declared);
    }
    List<Class<?>> supertypes = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      supertypes.add(c);
      supertypes.addAll(List.of(c.getInterfaces()));
    }
    for (Class<?> supertype : supertypes) {
      try {
        Method overridden = supertype.getDeclaredMethod(getter.getName());
        if (!overridden.equals(getter)) {
          elements.add(overridden);
        }
      } catch (NoSuchMethodException e) {
        // not declared there
      }
    }
    return elements;
  }

  private static String propertyName(Method method) {
    if (Modifier.isStatic(method.getModifiers())
        || method.getParameterCount() != 0
        || method.getDeclaringClass() == Object.class) {
      return null;
    }
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
      return Character.toLowerCase(name.charAt(3)) + name.substring(4);
    }
    if (name.startsWith("is")
        && name.length() > 2
        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
      return Character.toLowerCase(name.charAt(2)) + name.substring(3);
    }
    return null;
  }

  private Field declaredField(String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // not declared here; look in the superclass
      }
    }
    return null;
  }

  private Property property(
      Converters converters,
      String field,
      Type genericType,
      Class<?> rawType,
      AnnotatedElement annotations,
      MethodHandle getter,
      MethodHandle setter) {
    String where = type.getSimpleName() + "." + field;
    Attribute renamed = annotations.getAnnotation(Attribute.class);
    String attribute = renamed == null ? field : renamed.value();
    Property.Role role = role(annotations, where);
    Converter converter;
    if (role == Property.Role.TIME_TO_LIVE) {
      converter = timeToLive(rawType, where);
    } else {
      if (role == Property.Role.VERSION
          && rawType != long.class
          && rawType != Long.class
          && rawType != int.class
          && rawType != Integer.class) {
        throw new MappingException(where + ": @Version needs a long, Long, int or Integer");
      }
      converter = converters.of(genericType, hints(annotations, where), where);
    }
    MethodHandle get = getter.asType(MethodType.methodType(Object.class, Object.class));
    return new Property(type, field, attribute, rawType, converter, role, get, setter);
  }

  private static Property.Role role(AnnotatedElement annotations, String where) {
    Property.Role role = Property.Role.PLAIN;
    int count = 0;
    if (annotations.isAnnotationPresent(PartitionKey.class)) {
      role = Property.Role.PARTITION_KEY;
      count++;
    }
    if (annotations.isAnnotationPresent(SortKey.class)) {
      role = Property.Role.SORT_KEY;
      count++;
    }
    if (annotations.isAnnotationPresent(Version.class)) {
      role = Property.Role.VERSION;
      count++;
    }
    if (annotations.isAnnotationPresent(TimeToLive.class)) {
      role = Property.Role.TIME_TO_LIVE;
      count++;
    }
    if (count > 1) {
      throw new MappingException(
          where + ": at most one of @PartitionKey, @SortKey, @Version and @TimeToLive");
    }
    return role;
  }

  private static Converters.Hints hints(AnnotatedElement annotations, String where) {
    Convert convert = annotations.getAnnotation(Convert.class);
    boolean seconds = annotations.isAnnotationPresent(EpochSeconds.class);
    boolean millis = annotations.isAnnotationPresent(EpochMillis.class);
    if (seconds && millis) {
      throw new MappingException(where + ": @EpochSeconds and @EpochMillis together");
    }
    Converters.TimeStyle time =
        seconds
            ? Converters.TimeStyle.EPOCH_SECONDS
            : millis ? Converters.TimeStyle.EPOCH_MILLIS : Converters.TimeStyle.ISO;
    return convert == null && time == Converters.TimeStyle.ISO
        ? Converters.Hints.NONE
        : new Converters.Hints(convert == null ? null : convert.value(), time);
  }

  private static Converter timeToLive(Class<?> rawType, String where) {
    if (rawType == Instant.class) {
      return new Converters()
          .of(Instant.class, new Converters.Hints(null, Converters.TimeStyle.EPOCH_SECONDS), where);
    }
    if (rawType == long.class || rawType == Long.class) {
      return new Converters().of(rawType, Converters.Hints.NONE, where);
    }
    throw new MappingException(where + ": @TimeToLive needs an Instant or a long of epoch seconds");
  }

  private static MethodHandle handle(Method method) {
    return unreflect(method);
  }

  private static MethodHandle unreflect(AccessibleObject member) {
    try {
      member.setAccessible(true);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      return member instanceof Method
          ? lookup.unreflect((Method) member)
          : lookup.unreflectConstructor((Constructor<?>) member);
    } catch (IllegalAccessException | InaccessibleObjectException | SecurityException e) {
      throw new MappingException(
          member + " is not accessible (open its package to dev.dynakit.client)", e);
    }
  }

  // ---- ItemMapping ------------------------------------------------------------------------

  @Override
  public Map<String, AttributeValue> toItem(Object value) {
    Map<String, AttributeValue> item = new HashMap<>((int) (properties.length / 0.75f) + 2);
    for (Property property : properties) {
      AttributeValue attribute = property.write(property.get(value));
      if (attribute != null) {
        item.put(property.attribute, attribute);
      }
    }
    return item;
  }

  @Override
  public Object fromItem(Map<String, AttributeValue> item) {
    try {
      if (record) {
        Object[] arguments = new Object[properties.length];
        for (int i = 0; i < properties.length; i++) {
          Property property = properties[i];
          arguments[i] = property.read(item.get(property.attribute));
        }
        return constructor.invokeExact(arguments);
      }
      Object bean = constructor.invokeExact();
      for (Property property : properties) {
        Object value = property.read(item.get(property.attribute));
        if (value != null) {
          property.setter.invokeExact(bean, value);
        }
      }
      return bean;
    } catch (MappingException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException(
          "creating a " + type.getSimpleName() + " from an item failed: " + e, e);
    }
  }

  @Override
  public List<Property> properties() {
    return List.of(properties);
  }

  @Override
  public List<Property> properties(Object value) {
    return properties();
  }

  @Override
  public Property property(String field) {
    Property property = byField.get(field);
    if (property == null) {
      throw new MappingException(type.getSimpleName() + " has no mapped field '" + field + "'");
    }
    return property;
  }

  @Override
  public Property role(Object value, Property.Role role) {
    for (Property property : properties) {
      if (property.role == role) {
        return property;
      }
    }
    return null;
  }

  @Override
  public Class<?> type() {
    return type;
  }

  /** A bean property's annotations: its getter's, then those of what it overrides and its field. */
  private static final class Merged implements AnnotatedElement {
    private final List<AnnotatedElement> elements;

    Merged(List<AnnotatedElement> elements) {
      this.elements = elements;
    }

    @Override
    public <A extends Annotation> A getAnnotation(Class<A> annotationClass) {
      for (AnnotatedElement element : elements) {
        A found = element.getAnnotation(annotationClass);
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    @Override
    public Annotation[] getAnnotations() {
      List<Annotation> all = new ArrayList<>();
      for (AnnotatedElement element : elements) {
        all.addAll(List.of(element.getAnnotations()));
      }
      return all.toArray(new Annotation[0]);
    }

    @Override
    public Annotation[] getDeclaredAnnotations() {
      return getAnnotations();
    }
  }
}
