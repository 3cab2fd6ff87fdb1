package dev.dynakit.client.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class MappingTest {
  enum Status {
    OPEN,
    SHIPPED
  }

  record Address(String street, String city) {}

  record Order(
      @PartitionKey String customer,
      @SortKey @Attribute("sk") String id,
      BigDecimal total,
      double weight,
      Status status,
      List<Address> addresses,
      Set<String> tags,
      Set<Long> lots,
      Map<String, Integer> counts,
      Instant placed,
      @EpochMillis Instant paid,
      LocalDate due,
      Duration window,
      Optional<String> note,
      byte[] signature,
      @Version long version,
      @TimeToLive Instant expires) {}

  private static Order order() {
    return new Order(
        "c#1",
        "ORDER#1",
        new BigDecimal("19.99"),
        0.1,
        Status.OPEN,
        List.of(new Address("1 Main St", "Springfield")),
        new LinkedHashSet<>(List.of("gift", "rush")),
        new LinkedHashSet<>(List.of(7L, 9L)),
        Map.of("apples", 3),
        Instant.parse("2026-11-25T10:15:30.123Z"),
        Instant.ofEpochMilli(1_790_000_000_123L),
        LocalDate.of(2026, 12, 1),
        Duration.ofHours(2),
        Optional.of("leave at door"),
        new byte[] {1, 2, 3},
        4,
        Instant.ofEpochSecond(1_800_000_000L));
  }

  @Test
  void writesEachTypeAsDynamoDbStoresIt() {
    Map<String, AttributeValue> item = ItemSchema.of(Order.class).toItem(order());

    assertThat(item.get("customer")).isEqualTo(AttributeValue.fromS("c#1"));
    assertThat(item.get("sk")).isEqualTo(AttributeValue.fromS("ORDER#1"));
    assertThat(item).doesNotContainKey("id");
    assertThat(item.get("total")).isEqualTo(AttributeValue.fromN("19.99"));
    assertThat(item.get("weight")).isEqualTo(AttributeValue.fromN("0.1"));
    assertThat(item.get("status")).isEqualTo(AttributeValue.fromS("OPEN"));
    assertThat(item.get("addresses").l().get(0).m())
        .containsEntry("street", AttributeValue.fromS("1 Main St"))
        .containsEntry("city", AttributeValue.fromS("Springfield"));
    assertThat(item.get("tags").ss()).containsExactly("gift", "rush");
    assertThat(item.get("lots").ns()).containsExactly("7", "9");
    assertThat(item.get("counts").m()).containsEntry("apples", AttributeValue.fromN("3"));
    assertThat(item.get("placed")).isEqualTo(AttributeValue.fromS("2026-11-25T10:15:30.123Z"));
    assertThat(item.get("paid")).isEqualTo(AttributeValue.fromN("1790000000123"));
    assertThat(item.get("due")).isEqualTo(AttributeValue.fromS("2026-12-01"));
    assertThat(item.get("window")).isEqualTo(AttributeValue.fromS("PT2H"));
    assertThat(item.get("note")).isEqualTo(AttributeValue.fromS("leave at door"));
    assertThat(item.get("signature").b().asByteArray()).containsExactly(1, 2, 3);
    assertThat(item.get("version")).isEqualTo(AttributeValue.fromN("4"));
    assertThat(item.get("expires")).isEqualTo(AttributeValue.fromN("1800000000"));
  }

  @Test
  void readsBackWhatItWrote() {
    ItemSchema<Order> schema = ItemSchema.of(Order.class);
    Order original = order();

    Order back = schema.fromItem(schema.toItem(original));

    assertThat(back).usingRecursiveComparison().isEqualTo(original);
  }

  @Test
  void doublesAndFloatsAreStoredAsTheirShortestDecimal() {
    assertThat(Numbers.decimal(0.1)).isEqualTo("0.1");
    assertThat(Numbers.decimal(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Numbers.decimal(3.0)).isEqualTo("3");
    assertThat(Numbers.decimal(-0.0)).isEqualTo("0");
    assertThat(Numbers.decimal(1e21)).isEqualTo("1E+21");
    assertThat(Numbers.decimal(1.5e-7)).isEqualTo("1.5E-7");
    assertThat(Numbers.decimal(0.1f)).isEqualTo("0.1");
    assertThatThrownBy(() -> Numbers.decimal(Double.NaN))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("NaN");
  }

  record Measured(@PartitionKey String id, double value) {}

  @Test
  void aNonFiniteDoubleFailsNamingTheField() {
    assertThatThrownBy(
            () -> ItemSchema.of(Measured.class).toItem(new Measured("a", Double.POSITIVE_INFINITY)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("Measured.value");
  }

  record Sparse(
      @PartitionKey String id,
      String missing,
      int count,
      boolean flag,
      Set<String> tags,
      Optional<String> maybe,
      List<String> list) {}

  @Test
  void nullsAndEmptySetsAreLeftOutAndReadBackAsTheirAbsentValues() {
    ItemSchema<Sparse> schema = ItemSchema.of(Sparse.class);
    Map<String, AttributeValue> item =
        schema.toItem(new Sparse("a", null, 0, false, Set.of(), Optional.empty(), List.of()));

    assertThat(item).containsOnlyKeys("id", "count", "flag", "list");

    Sparse back = schema.fromItem(Map.of("id", AttributeValue.fromS("a")));
    assertThat(back.missing()).isNull();
    assertThat(back.count()).isZero();
    assertThat(back.flag()).isFalse();
    assertThat(back.tags()).isEmpty();
    assertThat(back.maybe()).isEmpty();
    assertThat(back.list()).isNull();
  }

  @Test
  void anAttributeOfTheWrongTypeFailsNamingAttributeAndField() {
    ItemSchema<Sparse> schema = ItemSchema.of(Sparse.class);

    assertThatThrownBy(
            () ->
                schema.fromItem(
                    Map.of("id", AttributeValue.fromS("a"), "count", AttributeValue.fromS("x"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("'count'")
        .hasMessageContaining("Sparse.count")
        .hasMessageContaining("expected N");
    assertThatThrownBy(
            () ->
                schema.fromItem(
                    Map.of("id", AttributeValue.fromS("a"), "count", AttributeValue.fromN("1.5"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("not a whole int");
    assertThatThrownBy(
            () ->
                schema.fromItem(
                    Map.of(
                        "id",
                        AttributeValue.fromS("a"),
                        "count",
                        AttributeValue.fromN("3000000000"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("range of int");
  }

  /** A bean: getters, setters and a no-argument constructor; annotations on fields or getters. */
  public static final class Customer {
    @PartitionKey private String id;
    private String name;
    private List<String> emails = new ArrayList<>();
    private String secretToken;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    @Attribute("full_name")
    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public List<String> getEmails() {
      return emails;
    }

    public void setEmails(List<String> emails) {
      this.emails = emails;
    }

    @Ignore
    public String getSecretToken() {
      return secretToken;
    }

    public void setSecretToken(String secretToken) {
      this.secretToken = secretToken;
    }

    @Ignore
    public String getDisplay() {
      return name + " <" + id + ">";
    }
  }

  @Test
  void beansMapThroughTheirGettersAndSetters() {
    Customer customer = new Customer();
    customer.setId("c#1");
    customer.setName("Ada");
    customer.setEmails(List.of("ada@example.com"));
    customer.setSecretToken("s3cr3t");
    ItemSchema<Customer> schema = ItemSchema.of(Customer.class);

    Map<String, AttributeValue> item = schema.toItem(customer);
    Customer back = schema.fromItem(item);

    assertThat(item).containsOnlyKeys("id", "full_name", "emails");
    assertThat(schema.partitionKeyAttribute()).isEqualTo("id");
    assertThat(schema.attributeName("name")).isEqualTo("full_name");
    assertThat(back.getName()).isEqualTo("Ada");
    assertThat(back.getEmails()).containsExactly("ada@example.com");
    assertThat(back.getSecretToken()).isNull();
  }

  /** A tree: a type that holds itself. */
  record Node(String label, List<Node> children) {}

  record Tree(@PartitionKey String id, Node root) {}

  @Test
  void recursiveTypesMap() {
    ItemSchema<Tree> schema = ItemSchema.of(Tree.class);
    Tree tree =
        new Tree(
            "t",
            new Node(
                "a",
                List.of(
                    new Node("b", List.of()), new Node("c", List.of(new Node("d", List.of()))))));

    assertThat(schema.fromItem(schema.toItem(tree))).isEqualTo(tree);
  }

  @Discriminator("kind")
  sealed interface Shape permits Circle, Square, Polygon {}

  @TypeName("circle")
  record Circle(@PartitionKey String id, double radius) implements Shape {}

  record Square(@PartitionKey String id, double side) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle {}

  record Triangle(@PartitionKey String id, List<Double> sides) implements Polygon {}

  @Test
  void polymorphicTypesStoreAndReadTheirSubtypeByName() {
    ItemSchema<Shape> schema = ItemSchema.of(Shape.class);

    Map<String, AttributeValue> circle = schema.toItem(new Circle("1", 2.5));
    Map<String, AttributeValue> triangle = schema.toItem(new Triangle("3", List.of(3.0, 4.0, 5.0)));

    assertThat(circle.get("kind")).isEqualTo(AttributeValue.fromS("circle"));
    assertThat(triangle.get("kind")).isEqualTo(AttributeValue.fromS("Triangle"));
    assertThat(schema.fromItem(circle)).isEqualTo(new Circle("1", 2.5));
    assertThat(schema.fromItem(schema.toItem(new Square("2", 1)))).isEqualTo(new Square("2", 1));
    assertThat(schema.fromItem(triangle)).isEqualTo(new Triangle("3", List.of(3.0, 4.0, 5.0)));
    assertThat(schema.discriminatorAttribute()).contains("kind");
    assertThat(schema.typeName(Square.class)).isEqualTo("Square");
    assertThat(schema.partitionKeyAttribute()).isEqualTo("id");
  }

  @Test
  void anUnknownSubtypeNameFailsListingTheKnownOnes() {
    ItemSchema<Shape> schema = ItemSchema.of(Shape.class);

    assertThatThrownBy(
            () ->
                schema.fromItem(
                    Map.of(
                        "id", AttributeValue.fromS("1"), "kind", AttributeValue.fromS("hexagon"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("'kind'")
        .hasMessageContaining("[circle, Square, Triangle]");
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", AttributeValue.fromS("1"))))
        .hasMessageContaining("no string attribute 'kind'");
  }

  @Discriminator(subtypes = {Cat.class, Dog.class})
  abstract static class Pet {
    @PartitionKey
    public abstract String getName();
  }

  public static final class Cat extends Pet {
    private String name;
    private int lives;

    @Override
    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getLives() {
      return lives;
    }

    public void setLives(int lives) {
      this.lives = lives;
    }
  }

  public static final class Dog extends Pet {
    private String name;

    @Override
    @PartitionKey
    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  @Test
  void listedSubtypesOfAnAbstractClassMap() {
    ItemSchema<Pet> schema = ItemSchema.of(Pet.class);
    Cat cat = new Cat();
    cat.setName("Tom");
    cat.setLives(9);

    Pet back = schema.fromItem(schema.toItem(cat));

    assertThat(back).isInstanceOf(Cat.class);
    assertThat(((Cat) back).getLives()).isEqualTo(9);
    assertThat(schema.toItem(cat).get("type")).isEqualTo(AttributeValue.fromS("Cat"));
  }

  @Discriminator
  sealed interface Mixed permits KeyedA, KeyedB {}

  record KeyedA(@PartitionKey String pk, @Version long version) implements Mixed {}

  record KeyedB(@PartitionKey @Attribute("id") String pk) implements Mixed {}

  @Discriminator
  sealed interface Partly permits Versioned, Unversioned {}

  record Versioned(@PartitionKey String pk, @Version long version, @TimeToLive Instant ends)
      implements Partly {}

  record Unversioned(@PartitionKey String pk, String note) implements Partly {}

  @Test
  void subtypesShareTheirKeyAttributesButNeedNotAllBeVersioned() {
    assertThatThrownBy(() -> ItemSchema.of(Mixed.class))
        .hasMessageContaining(
            "Mixed: subtypes KeyedA and KeyedB store their partition key in"
                + " different attributes (pk vs id)");

    ItemSchema<Partly> schema = ItemSchema.of(Partly.class);
    assertThat(schema.versionAttribute()).isEmpty();
    assertThat(schema.versionAttribute(new Versioned("a", 1, null))).contains("version");
    assertThat(schema.versionAttribute(new Unversioned("b", "x"))).isEmpty();
    assertThat(schema.timeToLiveAttribute()).contains("ends");
    assertThat(schema.attributesOf(new Unversioned("b", "x"))).containsExactly("pk", "note");
  }

  public static final class Money {
    final String currency;
    final long cents;

    Money(String currency, long cents) {
      this.currency = currency;
      this.cents = cents;
    }
  }

  public static final class MoneyConverter implements AttributeConverter<Money> {
    @Override
    public AttributeValue toAttribute(Money value) {
      return AttributeValue.fromS(value.currency + " " + value.cents);
    }

    @Override
    public Money fromAttribute(AttributeValue value) {
      String[] parts = value.s().split(" ");
      return new Money(parts[0], Long.parseLong(parts[1]));
    }
  }

  record Invoice(@PartitionKey String id, @Convert(MoneyConverter.class) Money amount) {}

  @Test
  void customConvertersConvertTheirField() {
    ItemSchema<Invoice> schema = ItemSchema.of(Invoice.class);

    Map<String, AttributeValue> item = schema.toItem(new Invoice("i", new Money("EUR", 1250)));
    Invoice back = schema.fromItem(item);

    assertThat(item.get("amount")).isEqualTo(AttributeValue.fromS("EUR 1250"));
    assertThat(back.amount().cents).isEqualTo(1250);
  }

  record Unmappable(@PartitionKey String id, Object anything) {}

  record RawList(@PartitionKey String id, @SuppressWarnings("rawtypes") List things) {}

  record TwoKeys(@PartitionKey String a, @PartitionKey String b) {}

  record BadVersion(@PartitionKey String id, @Version String version) {}

  record BadTtl(@PartitionKey String id, @TimeToLive LocalDate expires) {}

  record BadEpoch(@PartitionKey String id, @EpochSeconds LocalDate day) {}

  record IntKeys(@PartitionKey String id, Map<Integer, String> byNumber) {}

  record Duplicate(@PartitionKey String id, @Attribute("id") String other) {}

  record SortOnly(@SortKey String sk) {}

  @Test
  void unmappableTypesFailWhenTheSchemaIsBuiltNamingTheField() {
    assertThatThrownBy(() -> ItemSchema.of(Unmappable.class))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("Unmappable.anything")
        .hasMessageContaining("java.lang.Object")
        .hasMessageContaining("@Convert");
    assertThatThrownBy(() -> ItemSchema.of(RawList.class))
        .hasMessageContaining("RawList.things")
        .hasMessageContaining("raw type");
    assertThatThrownBy(() -> ItemSchema.of(TwoKeys.class))
        .hasMessageContaining("two @PartitionKey fields: a and b");
    assertThatThrownBy(() -> ItemSchema.of(BadVersion.class))
        .hasMessageContaining("BadVersion.version: @Version needs a long");
    assertThatThrownBy(() -> ItemSchema.of(BadTtl.class))
        .hasMessageContaining("BadTtl.expires: @TimeToLive needs an Instant");
    assertThatThrownBy(() -> ItemSchema.of(BadEpoch.class))
        .hasMessageContaining(
            "BadEpoch.day: @EpochSeconds and @EpochMillis apply to Instant and Duration");
    assertThatThrownBy(() -> ItemSchema.of(IntKeys.class))
        .hasMessageContaining("IntKeys.byNumber: map keys must be String or an enum");
    assertThatThrownBy(() -> ItemSchema.of(Duplicate.class))
        .hasMessageContaining("attribute 'id' is mapped twice");
    assertThatThrownBy(() -> ItemSchema.of(SortOnly.class))
        .hasMessageContaining("has a @SortKey but no @PartitionKey");
  }

  record Everything(
      @PartitionKey UUID id,
      @SortKey long number,
      short s,
      byte b,
      char c,
      float f,
      BigInteger big,
      ByteBuffer buffer,
      SdkBytes bytes,
      SortedSet<String> sorted,
      Set<ByteBuffer> binaries,
      Set<Status> statuses,
      Map<Status, List<Optional<String>>> nested,
      AttributeValue raw,
      @EpochSeconds Duration ttl) {}

  @Test
  void lessCommonTypesRoundTrip() {
    ItemSchema<Everything> schema = ItemSchema.of(Everything.class);
    Map<Status, List<Optional<String>>> nested = new HashMap<>();
    nested.put(Status.SHIPPED, List.of(Optional.of("x"), Optional.empty()));
    Everything value =
        new Everything(
            new UUID(1, 2),
            -5,
            (short) 7,
            (byte) -1,
            'z',
            1.25f,
            new BigInteger("123456789012345678901234567890"),
            ByteBuffer.wrap(new byte[] {9}),
            SdkBytes.fromUtf8String("hi"),
            new TreeSet<>(Set.of("b", "a")),
            Set.of(ByteBuffer.wrap(new byte[] {1})),
            Set.of(Status.OPEN),
            nested,
            AttributeValue.fromBool(true),
            Duration.ofSeconds(90));

    Map<String, AttributeValue> item = schema.toItem(value);
    Everything back = schema.fromItem(item);

    assertThat(back).isEqualTo(value);
    assertThat(item.get("binaries").bs()).hasSize(1);
    assertThat(item.get("statuses").ss()).containsExactly("OPEN");
    assertThat(item.get("ttl")).isEqualTo(AttributeValue.fromN("90"));
    assertThat(item.get("nested").m().get("SHIPPED").l().get(1).nul()).isTrue();
    assertThat(schema.partitionKeyType()).isEqualTo(ScalarAttributeType.S);
    assertThat(schema.sortKeyType()).contains(ScalarAttributeType.N);
  }

  @Test
  void keysAndFieldValuesConvertAsTheirFieldsDo() {
    ItemSchema<Order> schema = ItemSchema.of(Order.class);

    assertThat(schema.key("c#1", "ORDER#1"))
        .containsEntry("customer", AttributeValue.fromS("c#1"))
        .containsEntry("sk", AttributeValue.fromS("ORDER#1"));
    assertThat(schema.keyOf(order())).containsOnlyKeys("customer", "sk");
    assertThat(schema.attributeValue("paid", Instant.ofEpochMilli(5)))
        .isEqualTo(AttributeValue.fromN("5"));
    assertThat(schema.attributeValueFor("sk", "x")).isEqualTo(AttributeValue.fromS("x"));
    assertThat(schema.attributeValueFor("gsi1pk", 12)).isEqualTo(AttributeValue.fromN("12"));
    assertThat(schema.attributeValueFor("gsi1pk", 0.1f)).isEqualTo(AttributeValue.fromN("0.1"));
    assertThat(schema.versionAttribute()).contains("version");
    assertThat(schema.versionOf(order())).isEqualTo(4);
    assertThat(schema.timeToLiveAttribute()).contains("expires");
    assertThat(schema.expiry(schema.toItem(order())))
        .contains(Instant.ofEpochSecond(1_800_000_000L));
    assertThatThrownBy(() -> schema.key("c#1"))
        .hasMessageContaining("has a sort key (id): give both key values");
    assertThatThrownBy(() -> schema.key(null, "x"))
        .hasMessageContaining("Order.customer: a key attribute cannot be null");
    assertThatThrownBy(() -> schema.key(5, "x"))
        .hasMessageContaining("Order.customer: a value of the wrong type");
    assertThatThrownBy(() -> schema.attributeName("nope"))
        .hasMessageContaining("Order has no mapped field 'nope'");
    assertThatThrownBy(() -> schema.attributeValueFor("other", new Object()))
        .hasMessageContaining("attribute 'other' is mapped by no field");
  }
}
