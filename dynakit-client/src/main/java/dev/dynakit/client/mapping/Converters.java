package dev.dynakit.client.mapping;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Picks the converter for a field's declared type, once, when a schema is built. Types it cannot
 * map fail here, with the field named, rather than on the first write.
 */
final class Converters {
  /** How time values are stored, from the field's annotations. */
  enum TimeStyle {
    ISO,
    EPOCH_SECONDS,
    EPOCH_MILLIS
  }

  /** What a field's annotations say about its conversion. */
  record Hints(Class<? extends AttributeConverter<?>> custom, TimeStyle time) {
    static final Hints NONE = new Hints(null, TimeStyle.ISO);
  }

  private final Map<Class<?>, Converter> building = new HashMap<>();

  /** The converter for {@code type}; {@code where} names the field in errors. */
  Converter of(Type type, Hints hints, String where) {
    if (hints.custom() != null) {
      return custom(hints.custom(), where);
    }
    if (type instanceof Class) {
      return ofClass((Class<?>) type, hints, where);
    }
    if (type instanceof ParameterizedType) {
      return ofParameterized((ParameterizedType) type, hints, where);
    }
    if (type instanceof GenericArrayType
        || type instanceof TypeVariable
        || type instanceof WildcardType) {
      throw unsupported(type, where);
    }
    throw unsupported(type, where);
  }

  private Converter ofClass(Class<?> type, Hints hints, String where) {
    Converter scalar = scalar(type, hints.time(), where);
    if (scalar != null) {
      return scalar;
    }
    if (type.isEnum()) {
      return enumeration(type);
    }
    if (Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type)
        || Optional.class == type) {
      throw new MappingException(
          where
              + ": "
              + type.getSimpleName()
              + " needs its type arguments (a raw type cannot be"
              + " mapped)");
    }
    if (type.isArray()
        || type.isPrimitive()
        || type.isInterface() && type.getAnnotation(Discriminator.class) == null
        || type.getName().startsWith("java.")) {
      throw unsupported(type, where);
    }
    return nested(type, where);
  }

  /** A nested record, bean or polymorphic type, stored as a map (M). */
  Converter nested(Class<?> type, String where) {
    Converter known = building.get(type);
    if (known != null) {
      return known;
    }
    if (type.getAnnotation(Discriminator.class) != null) {
      PolymorphicMapping mapping = new PolymorphicMapping(type);
      building.put(type, mapping);
      mapping.build(this, where);
      return mapping;
    }
    ObjectMapping mapping = new ObjectMapping(type);
    building.put(type, mapping);
    mapping.build(this, where);
    return mapping;
  }

  private Converter ofParameterized(ParameterizedType type, Hints hints, String where) {
    Class<?> raw = (Class<?>) type.getRawType();
    Type[] args = type.getActualTypeArguments();
    if (raw == Optional.class) {
      return optional(of(args[0], hints, where + "<>"));
    }
    if (Set.class.isAssignableFrom(raw)) {
      return set(raw, args[0], hints, where);
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return list(collectionFactory(raw, where), of(args[0], hints, where + "[]"));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return map(raw, args[0], of(args[1], hints, where + "{}"), where);
    }
    throw unsupported(type, where);
  }

  private static MappingException unsupported(Type type, String where) {
    return new MappingException(
        where
            + ": cannot map "
            + type.getTypeName()
            + " (no built-in conversion; use @Convert with an AttributeConverter, or @Ignore)");
  }

  // ---- scalars ----------------------------------------------------------------------------

  private static Converter scalar(Class<?> type, TimeStyle time, String where) {
    if (time != TimeStyle.ISO && type != Instant.class && type != Duration.class) {
      throw new MappingException(
          where + ": @EpochSeconds and @EpochMillis apply to Instant and Duration only");
    }
    if (type == String.class) {
      return simple(
          v -> AttributeValue.fromS((String) v), AttributeValue::s, AttributeValue.Type.S);
    }
    if (type == boolean.class || type == Boolean.class) {
      return withAbsent(
          simple(
              v -> AttributeValue.fromBool((Boolean) v),
              AttributeValue::bool,
              AttributeValue.Type.BOOL),
          type == boolean.class ? Boolean.FALSE : null);
    }
    if (type == int.class || type == Integer.class) {
      return whole(type, Integer.MIN_VALUE, Integer.MAX_VALUE, "int", l -> (int) (long) l, 0);
    }
    if (type == long.class || type == Long.class) {
      return whole(type, Long.MIN_VALUE, Long.MAX_VALUE, "long", l -> l, 0L);
    }
    if (type == short.class || type == Short.class) {
      return whole(
          type, Short.MIN_VALUE, Short.MAX_VALUE, "short", l -> (short) (long) l, (short) 0);
    }
    if (type == byte.class || type == Byte.class) {
      return whole(type, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte", l -> (byte) (long) l, (byte) 0);
    }
    if (type == double.class || type == Double.class) {
      return withAbsent(
          number(v -> Numbers.decimal((Double) v), Double::parseDouble),
          type == double.class ? 0d : null);
    }
    if (type == float.class || type == Float.class) {
      return withAbsent(
          number(v -> Numbers.decimal((Float) v), Float::parseFloat),
          type == float.class ? 0f : null);
    }
    if (type == char.class || type == Character.class) {
      return withAbsent(character(), type == char.class ? '\0' : null);
    }
    if (type == BigDecimal.class) {
      return number(v -> ((BigDecimal) v).toString(), BigDecimal::new);
    }
    if (type == BigInteger.class) {
      return number(Object::toString, Numbers::bigInteger);
    }
    if (type == byte[].class) {
      return simple(
          v -> AttributeValue.fromB(SdkBytes.fromByteArray((byte[]) v)),
          a -> a.b().asByteArray(),
          AttributeValue.Type.B);
    }
    if (type == ByteBuffer.class) {
      return simple(
          v -> AttributeValue.fromB(SdkBytes.fromByteBuffer((ByteBuffer) v)),
          a -> ByteBuffer.wrap(a.b().asByteArray()),
          AttributeValue.Type.B);
    }
    if (type == SdkBytes.class) {
      return simple(
          v -> AttributeValue.fromB((SdkBytes) v), AttributeValue::b, AttributeValue.Type.B);
    }
    if (type == AttributeValue.class) {
      return new Converter() {
        @Override
        public AttributeValue write(Object value) {
          return (AttributeValue) value;
        }

        @Override
        public Object read(AttributeValue value) {
          return value;
        }
      };
    }
    if (type == UUID.class) {
      return text(UUID::fromString, "a UUID");
    }
    if (type == Instant.class) {
      return instant(time);
    }
    if (type == Duration.class) {
      return duration(time);
    }
    if (type == LocalDate.class) {
      return text(LocalDate::parse, "an ISO-8601 date");
    }
    if (type == LocalDateTime.class) {
      return text(LocalDateTime::parse, "an ISO-8601 date-time");
    }
    if (type == LocalTime.class) {
      return text(LocalTime::parse, "an ISO-8601 time");
    }
    if (type == OffsetDateTime.class) {
      return text(OffsetDateTime::parse, "an ISO-8601 date-time with offset");
    }
    if (type == ZonedDateTime.class) {
      return text(ZonedDateTime::parse, "an ISO-8601 date-time with zone");
    }
    return null;
  }

  private static Converter simple(
      Function<Object, AttributeValue> write,
      Function<AttributeValue, Object> read,
      AttributeValue.Type expected) {
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        return write.apply(value);
      }

      @Override
      public Object read(AttributeValue value) {
        if (value.type() != expected) {
          throw wrongType(expected, value);
        }
        return read.apply(value);
      }
    };
  }

  static MappingException wrongType(AttributeValue.Type expected, AttributeValue value) {
    return new MappingException("expected " + expected + " but the attribute is " + value.type());
  }

  private static Converter withAbsent(Converter converter, Object absent) {
    if (absent == null) {
      return converter;
    }
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        return converter.write(value);
      }

      @Override
      public Object read(AttributeValue value) {
        return converter.read(value);
      }

      @Override
      public Object absent() {
        return absent;
      }
    };
  }

  private static Converter number(Function<Object, String> write, Function<String, Object> read) {
    return simple(
        v -> AttributeValue.fromN(write.apply(v)), a -> read.apply(a.n()), AttributeValue.Type.N);
  }

  private static Converter whole(
      Class<?> type, long min, long max, String name, Function<Long, Object> narrow, Object zero) {
    return withAbsent(
        number(v -> v.toString(), t -> narrow.apply(Numbers.whole(t, min, max, name))),
        type.isPrimitive() ? zero : null);
  }

  private static Converter character() {
    return simple(
        v -> AttributeValue.fromS(v.toString()),
        a -> {
          if (a.s().length() != 1) {
            throw new MappingException("a string that is not one character");
          }
          return a.s().charAt(0);
        },
        AttributeValue.Type.S);
  }

  private static Converter text(Function<String, Object> parse, String what) {
    return simple(
        v -> AttributeValue.fromS(v.toString()),
        a -> {
          try {
            return parse.apply(a.s());
          } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new MappingException("a string that is not " + what);
          }
        },
        AttributeValue.Type.S);
  }

  private static Converter instant(TimeStyle time) {
    switch (time) {
      case EPOCH_SECONDS:
        return number(
            v -> Long.toString(((Instant) v).getEpochSecond()),
            t -> Instant.ofEpochSecond(Numbers.whole(t, Long.MIN_VALUE, Long.MAX_VALUE, "long")));
      case EPOCH_MILLIS:
        return number(
            v -> Long.toString(((Instant) v).toEpochMilli()),
            t -> Instant.ofEpochMilli(Numbers.whole(t, Long.MIN_VALUE, Long.MAX_VALUE, "long")));
      default:
        return text(Instant::parse, "an ISO-8601 instant");
    }
  }

  private static Converter duration(TimeStyle time) {
    switch (time) {
      case EPOCH_SECONDS:
        return number(
            v -> Long.toString(((Duration) v).getSeconds()),
            t -> Duration.ofSeconds(Numbers.whole(t, Long.MIN_VALUE, Long.MAX_VALUE, "long")));
      case EPOCH_MILLIS:
        return number(
            v -> Long.toString(((Duration) v).toMillis()),
            t -> Duration.ofMillis(Numbers.whole(t, Long.MIN_VALUE, Long.MAX_VALUE, "long")));
      default:
        return text(Duration::parse, "an ISO-8601 duration");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Converter enumeration(Class<?> type) {
    Class<? extends Enum> enumType = (Class<? extends Enum>) type;
    return simple(
        v -> AttributeValue.fromS(((Enum<?>) v).name()),
        a -> {
          try {
            return Enum.valueOf(enumType, a.s());
          } catch (IllegalArgumentException e) {
            throw new MappingException(
                "a string that is none of "
                    + type.getSimpleName()
                    + "'s constants "
                    + Arrays.toString(enumType.getEnumConstants()));
          }
        },
        AttributeValue.Type.S);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Converter custom(Class<? extends AttributeConverter<?>> type, String where) {
    AttributeConverter converter;
    try {
      Constructor<? extends AttributeConverter<?>> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      converter = constructor.newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new MappingException(
          where + ": converter " + type.getName() + " needs a no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new MappingException(
          where + ": converter " + type.getName() + " failed to start", e.getCause());
    }
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        return converter.toAttribute(value);
      }

      @Override
      public Object read(AttributeValue value) {
        return converter.fromAttribute(value);
      }
    };
  }

  // ---- containers -------------------------------------------------------------------------

  private static Converter optional(Converter element) {
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        Optional<?> optional = (Optional<?>) value;
        return optional.isPresent() ? element.write(optional.get()) : AttributeValue.fromNul(true);
      }

      @Override
      public Object read(AttributeValue value) {
        return Optional.ofNullable(element.read(value));
      }

      @Override
      public Object absent() {
        return Optional.empty();
      }

      @Override
      public boolean omit(Object value) {
        return ((Optional<?>) value).isEmpty();
      }
    };
  }

  private static Supplier<Collection<Object>> collectionFactory(Class<?> raw, String where) {
    if (raw.isAssignableFrom(ArrayList.class)) {
      return ArrayList::new;
    }
    if (raw.isAssignableFrom(LinkedHashSet.class)) {
      return LinkedHashSet::new;
    }
    if (raw.isAssignableFrom(TreeSet.class)) {
      return TreeSet::new;
    }
    return instantiable(raw, where);
  }

  @SuppressWarnings("unchecked")
  private static <C> Supplier<C> instantiable(Class<?> raw, String where) {
    if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
      throw new MappingException(where + ": no implementation known for " + raw.getName());
    }
    try {
      Constructor<?> constructor = raw.getConstructor();
      return () -> {
        try {
          return (C) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
          throw new MappingException("cannot create a " + raw.getName(), e);
        }
      };
    } catch (NoSuchMethodException e) {
      throw new MappingException(
          where + ": " + raw.getName() + " has no public no-argument constructor");
    }
  }

  private static Converter list(Supplier<Collection<Object>> factory, Converter element) {
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        Collection<?> collection = (Collection<?>) value;
        List<AttributeValue> values = new ArrayList<>(collection.size());
        for (Object each : collection) {
          values.add(
              each == null || element.omit(each)
                  ? AttributeValue.fromNul(true)
                  : element.write(each));
        }
        return AttributeValue.fromL(values);
      }

      @Override
      public Object read(AttributeValue value) {
        if (value.type() != AttributeValue.Type.L) {
          throw wrongType(AttributeValue.Type.L, value);
        }
        Collection<Object> result = factory.get();
        for (AttributeValue each : value.l()) {
          result.add(Boolean.TRUE.equals(each.nul()) ? element.absent() : element.read(each));
        }
        return result;
      }
    };
  }

  /** Sets of strings, numbers and binaries are DynamoDB sets; other sets are lists. */
  private Converter set(Class<?> raw, Type elementType, Hints hints, String where) {
    Supplier<Collection<Object>> factory = setFactory(raw, where);
    Converter element = of(elementType, hints, where + "[]");
    Class<?> elementClass = elementType instanceof Class ? (Class<?>) elementType : Object.class;
    AttributeValue.Type setType = setType(elementClass, hints);
    if (setType == null) {
      return list(factory, element);
    }
    return new SetConverter(factory, element, setType);
  }

  private static AttributeValue.Type setType(Class<?> element, Hints hints) {
    if (hints.custom() != null) {
      return null;
    }
    if (element == String.class || element.isEnum() || element == UUID.class) {
      return AttributeValue.Type.SS;
    }
    if (Number.class.isAssignableFrom(element)) {
      return AttributeValue.Type.NS;
    }
    if (element == byte[].class || element == ByteBuffer.class || element == SdkBytes.class) {
      return AttributeValue.Type.BS;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Supplier<Collection<Object>> setFactory(Class<?> raw, String where) {
    if (raw == Set.class || raw == LinkedHashSet.class || raw == Collection.class) {
      return LinkedHashSet::new;
    }
    if (raw == SortedSet.class || raw == NavigableSet.class || raw == TreeSet.class) {
      return TreeSet::new;
    }
    return (Supplier<Collection<Object>>) (Supplier<?>) instantiable(raw, where);
  }

  private static final class SetConverter implements Converter {
    private final Supplier<Collection<Object>> factory;
    private final Converter element;
    private final AttributeValue.Type type;

    SetConverter(
        Supplier<Collection<Object>> factory, Converter element, AttributeValue.Type type) {
      this.factory = factory;
      this.element = element;
      this.type = type;
    }

    @Override
    public AttributeValue write(Object value) {
      Collection<?> set = (Collection<?>) value;
      switch (type) {
        case SS:
          List<String> strings = new ArrayList<>(set.size());
          for (Object each : set) {
            strings.add(element.write(nonNull(each)).s());
          }
          return AttributeValue.fromSs(strings);
        case NS:
          List<String> numbers = new ArrayList<>(set.size());
          for (Object each : set) {
            numbers.add(element.write(nonNull(each)).n());
          }
          return AttributeValue.fromNs(numbers);
        default:
          List<SdkBytes> binaries = new ArrayList<>(set.size());
          for (Object each : set) {
            binaries.add(element.write(nonNull(each)).b());
          }
          return AttributeValue.fromBs(binaries);
      }
    }

    private static Object nonNull(Object element) {
      if (element == null) {
        throw new MappingException("a set with a null element (DynamoDB sets cannot hold null)");
      }
      return element;
    }

    @Override
    public Object read(AttributeValue value) {
      Collection<Object> result = factory.get();
      if (value.type() == AttributeValue.Type.L) {
        return result;
      }
      if (value.type() != type) {
        throw wrongType(type, value);
      }
      switch (type) {
        case SS:
          for (String each : value.ss()) {
            result.add(element.read(AttributeValue.fromS(each)));
          }
          break;
        case NS:
          for (String each : value.ns()) {
            result.add(element.read(AttributeValue.fromN(each)));
          }
          break;
        default:
          for (SdkBytes each : value.bs()) {
            result.add(element.read(AttributeValue.fromB(each)));
          }
      }
      return result;
    }

    /** A set field whose attribute is missing reads as an empty set, never {@code null}. */
    @Override
    public Object absent() {
      return factory.get();
    }

    /** DynamoDB has no empty set: an empty set is left out of the item. */
    @Override
    public boolean omit(Object value) {
      return ((Collection<?>) value).isEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Converter map(Class<?> raw, Type keyType, Converter element, String where) {
    Function<String, Object> key;
    Function<Object, String> keyText;
    if (keyType == String.class) {
      key = s -> s;
      keyText = k -> (String) k;
    } else if (keyType instanceof Class && ((Class<?>) keyType).isEnum()) {
      Class<? extends Enum> enumType = (Class<? extends Enum>) keyType;
      key = s -> Enum.valueOf(enumType, s);
      keyText = k -> ((Enum<?>) k).name();
    } else {
      throw new MappingException(
          where + ": map keys must be String or an enum, not " + keyType.getTypeName());
    }
    Supplier<Map<Object, Object>> factory;
    if (raw == Map.class || raw == LinkedHashMap.class) {
      factory = LinkedHashMap::new;
    } else if (raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class) {
      factory = TreeMap::new;
    } else {
      factory = instantiable(raw, where);
    }
    return new Converter() {
      @Override
      public AttributeValue write(Object value) {
        Map<?, ?> map = (Map<?, ?>) value;
        Map<String, AttributeValue> values = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object each = entry.getValue();
          values.put(
              keyText.apply(entry.getKey()),
              each == null || element.omit(each)
                  ? AttributeValue.fromNul(true)
                  : element.write(each));
        }
        return AttributeValue.fromM(values);
      }

      @Override
      public Object read(AttributeValue value) {
        if (value.type() != AttributeValue.Type.M) {
          throw wrongType(AttributeValue.Type.M, value);
        }
        Map<Object, Object> result = factory.get();
        for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
          AttributeValue each = entry.getValue();
          result.put(
              key.apply(entry.getKey()),
              Boolean.TRUE.equals(each.nul()) ? element.absent() : element.read(each));
        }
        return result;
      }
    };
  }
}
