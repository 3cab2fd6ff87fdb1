package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Plain JSON and DynamoDB JSON map to attribute values and back without losing anything. */
class ValuesPropertiesTest {
  private static final ObjectMapper EXACT =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Property(tries = 300)
  void plainToAttributeValueAndBackIsIdentity(@ForAll("values") Object value) {
    assertThat(Values.toPlain(Values.fromPlain(value, "v"))).isEqualTo(value);
  }

  @Property(tries = 300)
  void typedToAttributeValueAndBackIsIdentity(@ForAll("values") Object value) {
    AttributeValue attribute = Values.fromPlain(value, "v");
    assertThat(Values.fromTyped(Values.toTyped(attribute), "v")).isEqualTo(attribute);
  }

  @Property(tries = 300)
  void jsonTextSurvivesTheRoundTripExactly(@ForAll("values") Object value) throws Exception {
    String json = EXACT.writeValueAsString(Collections.singletonMap("v", value));
    Object parsed = EXACT.readValue(json, Map.class).get("v");
    Object back = Values.toPlain(Values.fromPlain(parsed, "v"));
    assertThat(EXACT.writeValueAsString(Collections.singletonMap("v", back))).isEqualTo(json);
  }

  @Provide
  Arbitrary<Object> values() {
    return value(3);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.longs(),
                Arbitraries.bigIntegers()
                    .between(
                        BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.TEN.pow(38).subtract(BigInteger.ONE)),
                Arbitraries.bigDecimals()
                    .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                    .ofScale(6),
                Arbitraries.of(true, false),
                Arbitraries.strings()
                    .alpha()
                    .ofMinLength(1)
                    .ofMaxLength(5)
                    .list()
                    .ofMaxSize(3)
                    .uniqueElements()
                    .map(strings -> Map.of("$ss", strings)),
                Arbitraries.longs()
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)
                    .uniqueElements()
                    .map(numbers -> Map.of("$ns", List.copyOf(numbers))),
                Arbitraries.bytes()
                    .array(byte[].class)
                    .ofMaxSize(8)
                    .map(bytes -> Map.of("$b", Base64.getEncoder().encodeToString(bytes))),
                Arbitraries.bytes()
                    .array(byte[].class)
                    .ofMinSize(1)
                    .ofMaxSize(4)
                    .list()
                    .ofMaxSize(2)
                    .map(
                        list ->
                            Map.of(
                                "$bs",
                                list.stream()
                                    .map(b -> Base64.getEncoder().encodeToString(b))
                                    .toList())))
            .injectNull(0.05);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> nested = value(depth - 1);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf),
        net.jqwik.api.Tuple.of(1, nested.list().ofMaxSize(3).map(list -> (Object) list)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), nested)
                .ofMaxSize(3)
                .map(map -> (Object) map)));
  }
}
