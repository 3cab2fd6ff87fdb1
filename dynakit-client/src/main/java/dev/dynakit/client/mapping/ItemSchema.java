package dev.dynakit.client.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * How a Java type is stored as a DynamoDB item: built once per type (and cached), then every
 * conversion runs on prepared method handles, without reflection.
 *
 * <p>Records and beans map field by field; nested records, beans, lists, maps, sets, enums, numbers
 * (exact: a {@code double} is stored as its shortest decimal, a {@code BigDecimal} as itself),
 * binaries, and {@code java.time} values map as described in {@code docs/client/mapping.md}. A type
 * that cannot be mapped fails here, naming the field.
 *
 * <pre>{@code
 * record Order(@PartitionKey String customer, @SortKey String id, BigDecimal total, @Version long version) {}
 *
 * ItemSchema<Order> schema = ItemSchema.of(Order.class);
 * Map<String, AttributeValue> item = schema.toItem(order);
 * Order back = schema.fromItem(item);
 * }</pre>
 *
 * @param <T> the mapped type
 */
public final class ItemSchema<T> {
  private static final ClassValue<ItemSchema<?>> CACHE =
      new ClassValue<>() {
        @Override
        protected ItemSchema<?> computeValue(Class<?> type) {
          return new ItemSchema<>(type);
        }
      };

  private final Class<T> type;
  private final ItemMapping mapping;
  private final Property partitionKey;
  private final Property sortKey;
  private final Property version;
  private final Property timeToLive;
  private final boolean everyVersioned;

  private ItemSchema(Class<T> type) {
    this.type = type;
    Converters converters = new Converters();
    Converter converter = converters.nested(type, type.getSimpleName());
    this.mapping = (ItemMapping) converter;
    List<List<Property>> variants =
        mapping instanceof PolymorphicMapping
            ? ((PolymorphicMapping) mapping).variants()
            : List.of(mapping.properties());
    Map<Property.Role, Property> roles = new HashMap<>();
    Map<Property.Role, Integer> counts = new HashMap<>();
    for (List<Property> variant : variants) {
      for (Property property : variant) {
        roles.putIfAbsent(property.role, property);
        counts.merge(property.role, 1, Integer::sum);
      }
    }
    this.partitionKey = roles.get(Property.Role.PARTITION_KEY);
    this.sortKey = roles.get(Property.Role.SORT_KEY);
    this.version = roles.get(Property.Role.VERSION);
    this.everyVersioned = counts.getOrDefault(Property.Role.VERSION, 0) == variants.size();
    this.timeToLive = roles.get(Property.Role.TIME_TO_LIVE);
    if (sortKey != null && partitionKey == null) {
      throw new MappingException(type.getSimpleName() + " has a @SortKey but no @PartitionKey");
    }
  }

  /**
   * The schema of {@code type}, built on first use and cached.
   *
   * @throws MappingException if the type cannot be mapped; the message names the field
   */
  @SuppressWarnings("unchecked")
  public static <T> ItemSchema<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return (ItemSchema<T>) CACHE.get(type);
  }

  /** The mapped type. */
  public Class<T> type() {
    return type;
  }

  /** The item for a value, a new mutable map; null fields and empty sets are left out. */
  public Map<String, AttributeValue> toItem(T value) {
    Objects.requireNonNull(value, "value");
    return mapping.toItem(value);
  }

  /**
   * The value for an item; attributes the type does not map are ignored, missing ones read as
   * {@code null} (primitives: zero or false; sets: empty; {@code Optional}: empty).
   */
  public T fromItem(Map<String, AttributeValue> item) {
    Objects.requireNonNull(item, "item");
    return type.cast(mapping.fromItem(item));
  }

  /** The partition key's attribute name. */
  public String partitionKeyAttribute() {
    return keyed().attribute;
  }

  /** The sort key's attribute name, if the type has one. */
  public Optional<String> sortKeyAttribute() {
    return Optional.ofNullable(sortKey).map(p -> p.attribute);
  }

  /**
   * The {@link Version} attribute's name, if the type has one; for a polymorphic type, only if
   * every subtype has one (see {@link #versionAttribute(Object)} for one value's).
   */
  public Optional<String> versionAttribute() {
    return everyVersioned ? Optional.ofNullable(version).map(p -> p.attribute) : Optional.empty();
  }

  /** The {@link Version} attribute's name if {@code value}'s type (or subtype) has one. */
  public Optional<String> versionAttribute(T value) {
    return Optional.ofNullable(mapping.role(value, Property.Role.VERSION)).map(p -> p.attribute);
  }

  /** The {@link TimeToLive} attribute's name, if the type has one. */
  public Optional<String> timeToLiveAttribute() {
    return Optional.ofNullable(timeToLive).map(p -> p.attribute);
  }

  /** The discriminator attribute of a {@link Discriminator} type. */
  public Optional<String> discriminatorAttribute() {
    return mapping instanceof PolymorphicMapping
        ? Optional.of(((PolymorphicMapping) mapping).attribute())
        : Optional.empty();
  }

  /** The stored type name of a subtype of a {@link Discriminator} type. */
  public String typeName(Class<? extends T> subtype) {
    if (!(mapping instanceof PolymorphicMapping)) {
      throw new MappingException(type.getSimpleName() + " is not a @Discriminator type");
    }
    return ((PolymorphicMapping) mapping).nameOf(subtype);
  }

  /** The key (partition and sort key attributes) of a value. */
  public Map<String, AttributeValue> keyOf(T value) {
    Objects.requireNonNull(value, "value");
    keyed();
    Property partition = mapping.role(value, Property.Role.PARTITION_KEY);
    Map<String, AttributeValue> key = new HashMap<>(4);
    key.put(partition.attribute, keyValue(partition, partition.get(value)));
    if (sortKey != null) {
      Property sort = mapping.role(value, Property.Role.SORT_KEY);
      key.put(sort.attribute, keyValue(sort, sort.get(value)));
    }
    return key;
  }

  /** The key of an item with only a partition key. */
  public Map<String, AttributeValue> key(Object partitionValue) {
    if (sortKey != null) {
      throw new MappingException(
          type.getSimpleName() + " has a sort key (" + sortKey.field + "): give both key values");
    }
    Property partition = keyed();
    return Map.of(partition.attribute, keyValue(partition, partitionValue));
  }

  /** The key of an item with a partition and a sort key. */
  public Map<String, AttributeValue> key(Object partitionValue, Object sortValue) {
    Property partition = keyed();
    if (sortKey == null) {
      throw new MappingException(
          type.getSimpleName() + " has no @SortKey: give the partition key only");
    }
    return Map.of(
        partition.attribute,
        keyValue(partition, partitionValue),
        sortKey.attribute,
        keyValue(sortKey, sortValue));
  }

  /** The partition key's attribute value for a Java value of the key field's type. */
  public AttributeValue partitionKeyValue(Object value) {
    return keyValue(keyed(), value);
  }

  /** The sort key's attribute value for a Java value of the key field's type. */
  public AttributeValue sortKeyValue(Object value) {
    if (sortKey == null) {
      throw new MappingException(type.getSimpleName() + " has no @SortKey");
    }
    return keyValue(sortKey, value);
  }

  /** The DynamoDB type of the partition key, for CreateTable. */
  public ScalarAttributeType partitionKeyType() {
    return scalarType(keyed());
  }

  /** The DynamoDB type of the sort key, for CreateTable. */
  public Optional<ScalarAttributeType> sortKeyType() {
    return Optional.ofNullable(sortKey).map(ItemSchema::scalarType);
  }

  /**
   * The DynamoDB scalar type of an attribute some field stores as a string, number or binary (for
   * key definitions); empty for attributes no field maps, or maps otherwise.
   */
  public Optional<ScalarAttributeType> attributeType(String attribute) {
    for (Property property : mapping.properties()) {
      if (property.attribute.equals(attribute)) {
        try {
          return Optional.of(scalarType(property));
        } catch (MappingException notScalar) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The attribute a field is stored under, for expressions on mapped fields. */
  public String attributeName(String field) {
    return mapping.property(field).attribute;
  }

  /** A field's value as an attribute value, converted as the field is. */
  public AttributeValue attributeValue(String field, Object value) {
    Property property = mapping.property(field);
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    AttributeValue attribute = property.write(value);
    if (attribute == null) {
      throw new MappingException(property.where() + ": this value is not stored (an empty set)");
    }
    return attribute;
  }

  /**
   * A value for the attribute of that name: converted as the field stored under it is, or, for an
   * attribute no field maps (an overloaded index key, say), taken as a string, number, binary or
   * attribute value as given.
   */
  public AttributeValue attributeValueFor(String attribute, Object value) {
    for (Property property : mapping.properties()) {
      if (property.attribute.equals(attribute)) {
        return attributeValue(property.field, value);
      }
    }
    return raw(attribute, value);
  }

  private static AttributeValue raw(String attribute, Object value) {
    if (value instanceof AttributeValue) {
      return (AttributeValue) value;
    }
    if (value instanceof String) {
      return AttributeValue.fromS((String) value);
    }
    if (value instanceof Number) {
      return AttributeValue.fromN(
          value instanceof Float
              ? Numbers.decimal((Float) value)
              : value instanceof Double ? Numbers.decimal((Double) value) : value.toString());
    }
    if (value instanceof byte[]) {
      return AttributeValue.fromB(
          software.amazon.awssdk.core.SdkBytes.fromByteArray((byte[]) value));
    }
    throw new MappingException(
        "attribute '"
            + attribute
            + "' is mapped by no field; give a String, a Number, a byte[] or"
            + " an AttributeValue");
  }

  /**
   * The attribute names {@code value}'s type maps (for a polymorphic type, its subtype's; the
   * discriminator is not among them).
   */
  public List<String> attributesOf(T value) {
    List<String> attributes = new ArrayList<>();
    for (Property property : mapping.properties(value)) {
      attributes.add(property.attribute);
    }
    return attributes;
  }

  /** The mapped field names, in the order they are stored. */
  public List<String> fields() {
    List<String> fields = new ArrayList<>();
    for (Property property : mapping.properties()) {
      fields.add(property.field);
    }
    return fields;
  }

  /** The version {@code value} holds, 0 when it holds none. */
  public long versionOf(T value) {
    Property property = mapping.role(Objects.requireNonNull(value, "value"), Property.Role.VERSION);
    if (property == null) {
      throw new MappingException(value.getClass().getSimpleName() + " has no @Version field");
    }
    Object version = property.get(value);
    return version == null ? 0 : ((Number) version).longValue();
  }

  /** The version stored in an item, 0 when it has none. */
  public long version(Map<String, AttributeValue> item) {
    if (version == null) {
      throw new MappingException(type.getSimpleName() + " has no @Version field");
    }
    AttributeValue value = item.get(version.attribute);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  /** The item's expiry time, if the type has a {@link TimeToLive} field and the item sets it. */
  public Optional<Instant> expiry(Map<String, AttributeValue> item) {
    if (timeToLive == null) {
      return Optional.empty();
    }
    AttributeValue value = item.get(timeToLive.attribute);
    if (value == null || value.n() == null) {
      return Optional.empty();
    }
    return Optional.of(
        Instant.ofEpochSecond(Numbers.whole(value.n(), Long.MIN_VALUE, Long.MAX_VALUE, "long")));
  }

  private Property keyed() {
    if (partitionKey == null) {
      throw new MappingException(type.getSimpleName() + " has no @PartitionKey field");
    }
    return partitionKey;
  }

  private static AttributeValue keyValue(Property property, Object value) {
    if (value == null) {
      throw new MappingException(property.where() + ": a key attribute cannot be null");
    }
    AttributeValue attribute = property.write(value);
    if (attribute == null
        || attribute.s() == null && attribute.n() == null && attribute.b() == null) {
      throw new MappingException(
          property.where() + ": a key attribute must be a string, number or binary");
    }
    return attribute;
  }

  private static ScalarAttributeType scalarType(Property property) {
    Object sample = sample(property.type);
    AttributeValue written = sample == null ? null : property.converter.write(sample);
    if (written != null && written.s() != null) {
      return ScalarAttributeType.S;
    }
    if (written != null && written.n() != null) {
      return ScalarAttributeType.N;
    }
    if (written != null && written.b() != null) {
      return ScalarAttributeType.B;
    }
    throw new MappingException(
        property.where() + ": cannot tell the key's DynamoDB type from " + property.type.getName());
  }

  private static Object sample(Class<?> type) {
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants.length == 0 ? null : constants[0];
    }
    if (type == String.class) {
      return "";
    }
    if (type == byte[].class) {
      return new byte[0];
    }
    if (type == Instant.class) {
      return Instant.EPOCH;
    }
    if (type == UUID.class) {
      return new UUID(0, 0);
    }
    if (type == BigDecimal.class) {
      return BigDecimal.ZERO;
    }
    if (type == BigInteger.class) {
      return BigInteger.ZERO;
    }
    if (type == long.class || type == Long.class) {
      return 0L;
    }
    if (type == int.class || type == Integer.class) {
      return 0;
    }
    if (type == short.class || type == Short.class) {
      return (short) 0;
    }
    if (type == byte.class || type == Byte.class) {
      return (byte) 0;
    }
    if (type == double.class || type == Double.class) {
      return 0d;
    }
    if (type == float.class || type == Float.class) {
      return 0f;
    }
    if (type == LocalDate.class) {
      return LocalDate.EPOCH;
    }
    return null;
  }

  @Override
  public String toString() {
    return "ItemSchema[" + type.getName() + "]";
  }
}
