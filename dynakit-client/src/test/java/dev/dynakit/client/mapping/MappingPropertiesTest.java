package dev.dynakit.client.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Random nested values survive value → item → value, in memory and through the engine. */
class MappingPropertiesTest {
  enum Colour {
    RED,
    GREEN,
    BLUE
  }

  record Part(
      String name,
      List<Part> parts,
      Map<String, BigDecimal> numbers,
      Optional<Double> weight,
      Set<Colour> colours) {}

  record Doc(
      @PartitionKey String id,
      String text,
      int count,
      Long big,
      double ratio,
      float small,
      BigDecimal amount,
      BigInteger huge,
      boolean flag,
      ByteBuffer blob,
      Set<String> tags,
      Set<Long> lots,
      Set<ByteBuffer> blobs,
      List<String> lines,
      Map<String, List<Integer>> grid,
      Instant at,
      @EpochMillis Instant stamp,
      Colour colour,
      Part part) {}

  private static DynakitEngine engine;
  private static DynamoDbClient client;

  @BeforeContainer
  static void start() {
    engine = DynakitEngine.inMemory();
    client = engine.client();
    client.createTable(
        b ->
            b.tableName("docs")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
  }

  @AfterContainer
  static void stop() {
    engine.close();
  }

  @Property(tries = 300)
  void aValueReadsBackFromItsItem(@ForAll("docs") Doc doc) {
    ItemSchema<Doc> schema = ItemSchema.of(Doc.class);

    assertSame(schema.fromItem(schema.toItem(doc)), doc);
  }

  @Property(tries = 200)
  void aValueReadsBackFromTheEngine(@ForAll("docs") Doc doc) {
    ItemSchema<Doc> schema = ItemSchema.of(Doc.class);

    client.putItem(b -> b.tableName("docs").item(schema.toItem(doc)));
    Map<String, AttributeValue> stored =
        client.getItem(b -> b.tableName("docs").key(schema.keyOf(doc))).item();

    assertSame(schema.fromItem(stored), doc);
  }

  /** Equal, numbers by value: DynamoDB keeps a number's value, not its scale (1.50 is 1.5). */
  private static void assertSame(Doc actual, Doc expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .withComparatorForType(Comparator.naturalOrder(), BigDecimal.class)
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<Doc> docs() {
    Arbitrary<String> text = text();
    Arbitrary<Set<String>> tags = text.set().ofMaxSize(4);
    Arbitrary<Set<Long>> lots = Arbitraries.longs().set().ofMaxSize(4);
    Arbitrary<Set<ByteBuffer>> blobs = blob().set().ofMaxSize(3);
    Arbitrary<List<String>> lines = text.injectNull(0.1).list().ofMaxSize(4).injectNull(0.2);
    Arbitrary<Map<String, List<Integer>>> grid =
        Arbitraries.maps(key(), Arbitraries.integers().list().ofMaxSize(3)).ofMaxSize(3);
    return Combinators.combine(
            Combinators.combine(
                    key(),
                    text.injectNull(0.2),
                    Arbitraries.integers(),
                    Arbitraries.longs().injectNull(0.2),
                    finiteDouble(),
                    finiteFloat(),
                    decimal().injectNull(0.2),
                    Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(37).negate(), BigInteger.TEN.pow(37)))
                .as(Head::new),
            Combinators.combine(
                    Arbitraries.of(true, false),
                    blob().injectNull(0.2),
                    tags,
                    lots,
                    blobs,
                    lines,
                    grid,
                    instant().injectNull(0.2))
                .as(Middle::new),
            Combinators.combine(
                    instant().map(i -> Instant.ofEpochMilli(i.toEpochMilli())),
                    Arbitraries.of(Colour.class).injectNull(0.2),
                    part(3).injectNull(0.3))
                .as(Tail::new))
        .as(
            (h, m, t) ->
                new Doc(
                    h.id, h.text, h.count, h.big, h.ratio, h.small, h.amount, h.huge, m.flag,
                    m.blob, m.tags, m.lots, m.blobs, m.lines, m.grid, m.at, t.stamp, t.colour,
                    t.part));
  }

  private record Head(
      String id,
      String text,
      int count,
      Long big,
      double ratio,
      float small,
      BigDecimal amount,
      BigInteger huge) {}

  private record Middle(
      boolean flag,
      ByteBuffer blob,
      Set<String> tags,
      Set<Long> lots,
      Set<ByteBuffer> blobs,
      List<String> lines,
      Map<String, List<Integer>> grid,
      Instant at) {}

  private record Tail(Instant stamp, Colour colour, Part part) {}

  private Arbitrary<Part> part(int depth) {
    Arbitrary<List<Part>> children =
        depth == 0
            ? Arbitraries.just(new ArrayList<>())
            : Arbitraries.lazy(() -> part(depth - 1)).list().ofMaxSize(2);
    return Combinators.combine(
            text().injectNull(0.2),
            children,
            Arbitraries.maps(key(), decimal()).ofMaxSize(3),
            finiteDouble().optional(),
            Arbitraries.of(Colour.class).set())
        .as(Part::new);
  }

  /** Text of any characters outside the surrogate range, empty included. */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMaxLength(12);
  }

  private static Arbitrary<String> key() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars("#-_. ")
        .ofMinLength(1)
        .ofMaxLength(10);
  }

  private static Arbitrary<ByteBuffer> blob() {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8).map(ByteBuffer::wrap);
  }

  /** Doubles DynamoDB can store (magnitude 1E-130 to 1E+125), never negative zero. */
  private static Arbitrary<Double> finiteDouble() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e6, 1e6),
            Arbitraries.doubles().between(-1e100, 1e100),
            Arbitraries.of(
                0.1, 0.2, 0.3, 1.0 / 3, 2.5e-90, 123456789.123456789, Double.MIN_NORMAL * 1e220))
        .filter(d -> d != 0 || Double.doubleToRawLongBits(d) == 0);
  }

  private static Arbitrary<Float> finiteFloat() {
    return Arbitraries.floats()
        .between(-1e30f, 1e30f)
        .filter(f -> f != 0 || Float.floatToRawIntBits(f) == 0);
  }

  /** Up to 38 significant digits, DynamoDB's precision. */
  private static Arbitrary<BigDecimal> decimal() {
    return Combinators.combine(
            Arbitraries.bigIntegers()
                .between(
                    BigInteger.TEN.pow(38).negate(),
                    BigInteger.TEN.pow(38).subtract(BigInteger.ONE)),
            Arbitraries.integers().between(-60, 60))
        .as(BigDecimal::new)
        .filter(b -> b.precision() <= 38);
  }

  private static Arbitrary<Instant> instant() {
    return Arbitraries.longs()
        .between(-62_000_000_000L, 250_000_000_000L)
        .flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, 999_999_999)
                    .map(n -> Instant.ofEpochSecond(s, n)));
  }
}
