package dev.dynakit.client.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** What the mapping refuses, and the less common shapes it takes. */
class MappingEdgesTest {
  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  // ---- numbers ----

  record Numbers(@PartitionKey String id, long whole, BigInteger big, float f) {}

  @Test
  void numbersInExponentFormReadAsWholeValuesWhenTheyAre() {
    ItemSchema<Numbers> schema = ItemSchema.of(Numbers.class);

    Numbers read = schema.fromItem(Map.of("id", s("a"), "whole", n("1.5E+2"), "big", n("2E+30")));

    assertThat(read.whole()).isEqualTo(150);
    assertThat(read.big()).isEqualTo(BigInteger.TEN.pow(30).multiply(BigInteger.TWO));
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("a"), "big", n("1.5"))))
        .hasMessageContaining("not a whole BigInteger");
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("a"), "whole", n("1E+30"))))
        .hasMessageContaining("not a whole long");
    assertThatThrownBy(() -> schema.toItem(new Numbers("a", 1, null, Float.NaN)))
        .hasMessageContaining("Numbers.f: NaN and infinity");
  }

  // ---- time and text ----

  record Times(
      @PartitionKey String id,
      LocalTime time,
      LocalDateTime local,
      OffsetDateTime offset,
      ZonedDateTime zoned,
      @EpochSeconds Instant seconds,
      @EpochMillis Duration millis,
      UUID uuid,
      char letter) {}

  @Test
  void timesRoundTripInTheirChosenForm() {
    ItemSchema<Times> schema = ItemSchema.of(Times.class);
    Times times =
        new Times(
            "t",
            LocalTime.of(9, 30),
            LocalDateTime.of(2026, 11, 25, 9, 30),
            OffsetDateTime.parse("2026-11-25T09:30:00+01:00"),
            ZonedDateTime.parse("2026-11-25T09:30:00+01:00[Europe/Paris]"),
            Instant.ofEpochSecond(1_800_000_000L),
            Duration.ofMillis(1500),
            new UUID(3, 4),
            'x');

    Map<String, AttributeValue> item = schema.toItem(times);

    assertThat(schema.fromItem(item)).isEqualTo(times);
    assertThat(item.get("seconds")).isEqualTo(n("1800000000"));
    assertThat(item.get("millis")).isEqualTo(n("1500"));
  }

  @Test
  void textThatDoesNotParseFailsNamingWhatWasExpected() {
    ItemSchema<Times> schema = ItemSchema.of(Times.class);

    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("t"), "uuid", s("nope"))))
        .hasMessageContaining("'uuid'")
        .hasMessageContaining("not a UUID");
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("t"), "time", s("25:99"))))
        .hasMessageContaining("not an ISO-8601 time");
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("t"), "letter", s("xy"))))
        .hasMessageContaining("not one character");
  }

  // ---- containers ----

  record Containers(
      @PartitionKey String id,
      ArrayList<String> arrayList,
      LinkedList<Integer> linked,
      TreeMap<String, Long> tree,
      Set<List<String>> setOfLists,
      Map<String, Set<String>> mapOfSets) {}

  @Test
  void concreteCollectionsKeepTheirClassAndSetsOfOtherThingsAreLists() {
    ItemSchema<Containers> schema = ItemSchema.of(Containers.class);
    Containers value =
        new Containers(
            "c",
            new ArrayList<>(List.of("a")),
            new LinkedList<>(List.of(1, 2)),
            new TreeMap<>(Map.of("b", 2L, "a", 1L)),
            Set.of(List.of("x", "y")),
            Map.of("empty", Set.of(), "full", Set.of("z")));

    Map<String, AttributeValue> item = schema.toItem(value);
    Containers back = schema.fromItem(item);

    assertThat(item.get("setOfLists").l()).hasSize(1);
    assertThat(item.get("mapOfSets").m().get("empty").nul()).isTrue();
    assertThat(back.linked()).isInstanceOf(LinkedList.class).containsExactly(1, 2);
    assertThat(back.tree()).isInstanceOf(TreeMap.class).containsOnlyKeys("a", "b");
    assertThat(back.mapOfSets().get("empty")).isEmpty();
    assertThat(back.setOfLists()).containsExactly(List.of("x", "y"));
  }

  @Test
  void containersOfTheWrongTypeAndSetsWithNullAreRefused() {
    ItemSchema<Containers> schema = ItemSchema.of(Containers.class);

    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("c"), "linked", s("x"))))
        .hasMessageContaining("expected L but the attribute is S");
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("c"), "tree", s("x"))))
        .hasMessageContaining("expected M");
    assertThatThrownBy(
            () ->
                schema.fromItem(
                    Map.of("id", s("c"), "mapOfSets", AttributeValue.fromM(Map.of("a", n("1"))))))
        .hasMessageContaining("expected SS but the attribute is N");
    java.util.Set<String> withNull = new java.util.HashSet<>();
    withNull.add(null);
    assertThatThrownBy(
            () -> schema.toItem(new Containers("c", null, null, null, null, Map.of("a", withNull))))
        .hasMessageContaining("cannot hold null");
  }

  // ---- what cannot be mapped ----

  record Wild(@PartitionKey String id, List<?> anything) {}

  record Array(@PartitionKey String id, int[] numbers) {}

  interface Plain {}

  record HoldsInterface(@PartitionKey String id, Plain plain) {}

  record JavaClass(@PartitionKey String id, Thread thread) {}

  record SetOfMaps(@PartitionKey String id, Map<UUID, String> byId) {}

  record Both(@PartitionKey @SortKey String id) {}

  record Epochs(@PartitionKey String id, @EpochSeconds @EpochMillis Instant at) {}

  record IgnoredComponent(@PartitionKey String id, @Ignore String secret) {}

  abstract static class Abstract {}

  record HoldsAbstract(@PartitionKey String id, Abstract thing) {}

  public static final class NoDefaultConstructor {
    public NoDefaultConstructor(String id) {}
  }

  public static final class GetterOnly {
    public String getName() {
      return "x";
    }
  }

  public static final class NeedsArgument implements AttributeConverter<String> {
    public NeedsArgument(int x) {}

    @Override
    public AttributeValue toAttribute(String value) {
      return s(value);
    }

    @Override
    public String fromAttribute(AttributeValue value) {
      return value.s();
    }
  }

  public static final class Failing implements AttributeConverter<String> {
    public Failing() {
      throw new IllegalStateException("broken");
    }

    @Override
    public AttributeValue toAttribute(String value) {
      return s(value);
    }

    @Override
    public String fromAttribute(AttributeValue value) {
      return value.s();
    }
  }

  record BadConverter(@PartitionKey String id, @Convert(NeedsArgument.class) String v) {}

  record FailingConverter(@PartitionKey String id, @Convert(Failing.class) String v) {}

  @Test
  void unmappableShapesFailNamingTheField() {
    assertThatThrownBy(() -> ItemSchema.of(Wild.class)).hasMessageContaining("Wild.anything[]");
    assertThatThrownBy(() -> ItemSchema.of(Array.class))
        .hasMessageContaining("Array.numbers: cannot map int[]");
    assertThatThrownBy(() -> ItemSchema.of(HoldsInterface.class))
        .hasMessageContaining("HoldsInterface.plain: cannot map");
    assertThatThrownBy(() -> ItemSchema.of(JavaClass.class))
        .hasMessageContaining("java.lang.Thread");
    assertThatThrownBy(() -> ItemSchema.of(SetOfMaps.class))
        .hasMessageContaining("map keys must be String or an enum");
    assertThatThrownBy(() -> ItemSchema.of(Both.class))
        .hasMessageContaining("at most one of @PartitionKey");
    assertThatThrownBy(() -> ItemSchema.of(Epochs.class))
        .hasMessageContaining("@EpochSeconds and @EpochMillis together");
    assertThatThrownBy(() -> ItemSchema.of(IgnoredComponent.class))
        .hasMessageContaining("cannot be @Ignore'd");
    assertThatThrownBy(() -> ItemSchema.of(HoldsAbstract.class))
        .hasMessageContaining("is abstract; mark it @Discriminator");
    assertThatThrownBy(() -> ItemSchema.of(NoDefaultConstructor.class))
        .hasMessageContaining("neither a record nor a bean");
    assertThatThrownBy(() -> ItemSchema.of(GetterOnly.class))
        .hasMessageContaining("GetterOnly.name: has a getter but no setter");
    assertThatThrownBy(() -> ItemSchema.of(BadConverter.class))
        .hasMessageContaining("needs a no-argument constructor");
    assertThatThrownBy(() -> ItemSchema.of(FailingConverter.class))
        .hasMessageContaining("failed to start");
  }

  record Checked(@PartitionKey String id, int size) {
    Checked {
      if (size < 0) {
        throw new IllegalArgumentException("size below zero");
      }
    }
  }

  @Test
  void aConstructorThatRefusesTheStoredValuesFailsNamingTheType() {
    assertThatThrownBy(
            () -> ItemSchema.of(Checked.class).fromItem(Map.of("id", s("a"), "size", n("-1"))))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("creating a Checked from an item failed")
        .hasMessageContaining("size below zero");
  }

  // ---- polymorphism ----

  @Discriminator("")
  sealed interface NoAttribute permits NoAttributeA {}

  record NoAttributeA(@PartitionKey String id) implements NoAttribute {}

  @Discriminator
  interface Open {}

  @Discriminator(subtypes = String.class)
  interface NotASubtype {}

  @Discriminator("kind")
  sealed interface Clash permits ClashA {}

  record ClashA(@PartitionKey String id, String kind) implements Clash {}

  @Discriminator
  sealed interface Twins permits TwinA, TwinB {}

  @TypeName("same")
  record TwinA(@PartitionKey String id) implements Twins {}

  @TypeName("same")
  record TwinB(@PartitionKey String id) implements Twins {}

  @Discriminator
  sealed interface Sorted permits WithSort, WithoutSort {}

  record WithSort(@PartitionKey String id, @SortKey String sk) implements Sorted {}

  record WithoutSort(@PartitionKey String id) implements Sorted {}

  @Test
  void polymorphicTypesThatCannotWorkFailAtBuild() {
    assertThatThrownBy(() -> ItemSchema.of(NoAttribute.class))
        .hasMessageContaining("names no attribute");
    assertThatThrownBy(() -> ItemSchema.of(Open.class)).hasMessageContaining("needs a sealed type");
    assertThatThrownBy(() -> ItemSchema.of(NotASubtype.class))
        .hasMessageContaining("is not a subtype of it");
    assertThatThrownBy(() -> ItemSchema.of(Clash.class))
        .hasMessageContaining("is the discriminator of Clash");
    assertThatThrownBy(() -> ItemSchema.of(Twins.class))
        .hasMessageContaining("two subtypes are named 'same'");
    assertThatThrownBy(() -> ItemSchema.of(Sorted.class))
        .hasMessageContaining("store their sort key in different attributes (sk vs none)");
  }

  @Discriminator
  sealed interface Animal permits Cat, Dog {}

  record Cat(String name, int lives) implements Animal {}

  record Dog(String name, String breed) implements Animal {}

  record Home(@PartitionKey String id, List<Animal> pets, Animal favourite) {}

  @Test
  void polymorphicValuesNestInsideItems() {
    ItemSchema<Home> schema = ItemSchema.of(Home.class);
    Home home =
        new Home(
            "h", List.of(new Cat("Tom", 9), new Dog("Rex", "collie")), new Dog("Rex", "collie"));

    Map<String, AttributeValue> item = schema.toItem(home);

    assertThat(schema.fromItem(item)).isEqualTo(home);
    assertThat(item.get("favourite").m().get("type")).isEqualTo(s("Dog"));
    assertThatThrownBy(() -> schema.fromItem(Map.of("id", s("h"), "favourite", s("x"))))
        .hasMessageContaining("expected M");
    ItemSchema<Animal> animals = ItemSchema.of(Animal.class);
    assertThat(animals.attributeName("breed")).isEqualTo("breed");
    assertThatThrownBy(() -> animals.attributeName("wings"))
        .hasMessageContaining("no subtype of Animal has a mapped field 'wings'");
    assertThatThrownBy(() -> animals.partitionKeyAttribute())
        .hasMessageContaining("has no @PartitionKey");
  }

  // ---- keys and schema queries ----

  record DatedKey(@PartitionKey LocalDate day, @SortKey byte[] hash, @TimeToLive long expires) {}

  public static final class Opaque {}

  public static final class OpaqueConverter implements AttributeConverter<Opaque> {
    @Override
    public AttributeValue toAttribute(Opaque value) {
      return AttributeValue.fromM(Map.of());
    }

    @Override
    public Opaque fromAttribute(AttributeValue value) {
      return new Opaque();
    }
  }

  record OpaqueKey(@PartitionKey @Convert(OpaqueConverter.class) Opaque id, Set<String> tags) {}

  @Test
  void keysOfOtherScalarTypesAndWhatIsNotAKey() {
    ItemSchema<DatedKey> dated = ItemSchema.of(DatedKey.class);
    assertThat(dated.partitionKeyType()).isEqualTo(ScalarAttributeType.S);
    assertThat(dated.sortKeyType()).contains(ScalarAttributeType.B);
    assertThat(dated.expiry(Map.of("expires", n("5")))).contains(Instant.ofEpochSecond(5));
    assertThat(dated.expiry(Map.of())).isEmpty();
    assertThat(dated.versionAttribute()).isEmpty();
    assertThatThrownBy(() -> dated.version(Map.of())).hasMessageContaining("has no @Version field");
    assertThatThrownBy(() -> dated.typeName(DatedKey.class))
        .hasMessageContaining("is not a @Discriminator type");

    ItemSchema<OpaqueKey> opaque = ItemSchema.of(OpaqueKey.class);
    assertThatThrownBy(opaque::partitionKeyType)
        .hasMessageContaining("cannot tell the key's DynamoDB type");
    assertThatThrownBy(() -> opaque.key(new Opaque()))
        .hasMessageContaining("a key attribute must be a string, number or binary");
    assertThatThrownBy(() -> opaque.sortKeyValue("x")).hasMessageContaining("has no @SortKey");
    assertThatThrownBy(() -> opaque.key("a", "b"))
        .hasMessageContaining("has no @SortKey: give the partition key only");
    assertThat(opaque.attributeType("tags")).isEmpty();
    assertThat(opaque.attributeType("nothing")).isEmpty();
    assertThat(opaque.attributeValue("tags", null).nul()).isTrue();
    assertThatThrownBy(() -> opaque.attributeValue("tags", Set.of()))
        .hasMessageContaining("not stored");
    assertThat(opaque.attributeValueFor("x", new byte[] {1}).b().asByteArray()).containsExactly(1);
    assertThat(opaque.attributeValueFor("x", 1.5)).isEqualTo(n("1.5"));
    assertThat(opaque.attributeValueFor("x", s("y"))).isEqualTo(s("y"));
    assertThat(opaque).hasToString("ItemSchema[" + OpaqueKey.class.getName() + "]");
  }

  @Test
  void keysOfEveryNumberTypeAreNumbers() {
    record Keys(
        @PartitionKey BigDecimal a,
        @SortKey short b,
        byte c,
        double d,
        float e,
        BigInteger f,
        int g,
        UUID h,
        Instant i) {}
    ItemSchema<Keys> schema = ItemSchema.of(Keys.class);

    assertThat(schema.partitionKeyType()).isEqualTo(ScalarAttributeType.N);
    assertThat(schema.sortKeyType()).contains(ScalarAttributeType.N);
    for (String field : new String[] {"c", "d", "e", "f", "g"}) {
      assertThat(schema.attributeType(field)).as(field).contains(ScalarAttributeType.N);
    }
    assertThat(schema.attributeType("h")).contains(ScalarAttributeType.S);
    assertThat(schema.attributeType("i")).contains(ScalarAttributeType.S);
  }
}
