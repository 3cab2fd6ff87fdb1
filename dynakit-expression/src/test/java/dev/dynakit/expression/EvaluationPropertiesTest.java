package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.ast.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The evaluator agrees with a plain reference interpreter on random items and conditions. */
class EvaluationPropertiesTest {
  private static final Map<String, String> NAMES = Map.of("#n0", "a", "#n1", "b", "#n2", "x.y");

  @Property(tries = 2000)
  void conditionsAgreeWithTheReferenceInterpreter(
      @ForAll("conditions") Condition tree,
      @ForAll("items") Map<String, AttributeValue> item,
      @ForAll("placeholderValues") Map<String, AttributeValue> values) {
    agree(tree, item, values);
  }

  @Property(tries = 200_000)
  @Tag("slow")
  void conditionsAgreeWithTheReferenceInterpreterAtLength(
      @ForAll("conditions") Condition tree,
      @ForAll("items") Map<String, AttributeValue> item,
      @ForAll("placeholderValues") Map<String, AttributeValue> values) {
    agree(tree, item, values);
  }

  private static void agree(
      Condition tree, Map<String, AttributeValue> item, Map<String, AttributeValue> values) {
    ConditionExpression bound;
    try {
      bound =
          ExpressionAttributes.builder()
              .names(NAMES)
              .values(values)
              .build()
              .condition(tree.toString());
    } catch (ValidationException refused) {
      Assume.that(false);
      return;
    }
    boolean expected = new ReferenceInterpreter(NAMES, values).test(tree, item);
    assertThat(bound.matches(item)).as("%s on %s with %s", tree, item, values).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Condition> conditions() {
    return ExpressionTrees.conditions();
  }

  @Provide
  Arbitrary<Map<String, AttributeValue>> items() {
    return Combinators.combine(
            attributeValues().injectNull(0.3),
            attributeValues().injectNull(0.3),
            attributeValues().injectNull(0.3))
        .as(
            (a, b, c) -> {
              Map<String, AttributeValue> item = new LinkedHashMap<>();
              put(item, "a", a);
              put(item, "b", b);
              put(item, "c", c);
              return item;
            });
  }

  @Provide
  Arbitrary<Map<String, AttributeValue>> placeholderValues() {
    return attributeValues()
        .list()
        .ofSize(ExpressionTrees.VALUE_PLACEHOLDERS.size())
        .map(
            list -> {
              Map<String, AttributeValue> values = new LinkedHashMap<>();
              for (int i = 0; i < list.size(); i++) {
                values.put(ExpressionTrees.VALUE_PLACEHOLDERS.get(i), list.get(i));
              }
              return values;
            });
  }

  private static void put(Map<String, AttributeValue> item, String name, AttributeValue value) {
    if (value != null) {
      item.put(name, value);
    }
  }

  static Arbitrary<AttributeValue> attributeValues() {
    return Arbitraries.lazyOf(
        EvaluationPropertiesTest::scalars,
        EvaluationPropertiesTest::scalars,
        EvaluationPropertiesTest::scalars,
        () ->
            Arbitraries.of("", "a", "b")
                .set()
                .ofMinSize(1)
                .map(s -> AttributeValue.fromSs(List.copyOf(s))),
        () ->
            Arbitraries.of("1", "2", "10")
                .set()
                .ofMinSize(1)
                .map(s -> AttributeValue.fromNs(List.copyOf(s))),
        () -> scalars().list().ofMaxSize(3).map(AttributeValue::fromL),
        () ->
            Combinators.combine(scalars(), scalars().injectNull(0.5))
                .as(
                    (x, y) -> {
                      Map<String, AttributeValue> m = new LinkedHashMap<>();
                      m.put("x", x);
                      if (y != null) {
                        m.put("y", y);
                      }
                      return AttributeValue.fromM(m);
                    }),
        () -> attributeValues().list().ofMaxSize(2).map(AttributeValue::fromL));
  }

  private static Arbitrary<AttributeValue> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "a", "ab", "b", "é", "z", "S", "N", "L").map(AttributeValue::fromS),
        Arbitraries.of("0", "1", "-1", "1.0", "1.5", "2", "10", "9", "-0.5", "1E+2")
            .map(AttributeValue::fromN),
        Arbitraries.of(new byte[0], new byte[] {1}, new byte[] {1, 2}, new byte[] {(byte) 0xff})
            .map(b -> AttributeValue.fromB(SdkBytes.fromByteArray(b))),
        Arbitraries.of(true, false).map(AttributeValue::fromBool),
        Arbitraries.just(AttributeValue.fromNul(true)));
  }
}
