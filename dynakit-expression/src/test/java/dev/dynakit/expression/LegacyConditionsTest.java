package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The conversions of legacy parameters; their outcomes are compared with DynamoDB Local in the
 * engine's tests.
 */
class LegacyConditionsTest {
  private static final KeySchema KEYS =
      KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.N);
  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "a.b",
          AttributeValue.fromS("dotted"),
          "n",
          AttributeValue.fromN("5"),
          "tags",
          AttributeValue.fromSs(List.of("x", "y")));

  private static ExpectedAttributeValue op(String operator, AttributeValue... values) {
    return ExpectedAttributeValue.builder()
        .comparisonOperator(operator)
        .attributeValueList(values)
        .build();
  }

  private static Condition c(String operator, AttributeValue... values) {
    return Condition.builder().comparisonOperator(operator).attributeValueList(values).build();
  }

  private static boolean expect(String attribute, ExpectedAttributeValue expected) {
    return LegacyConditions.expected(Map.of(attribute, expected), null).orElseThrow().matches(ITEM);
  }

  @Test
  void namesWithSpecialCharactersNeedNoPlaceholders() {
    assertThat(expect("a.b", op("EQ", AttributeValue.fromS("dotted")))).isTrue();
    assertThat(expect("a.b", op("BEGINS_WITH", AttributeValue.fromS("dot")))).isTrue();
    assertThat(
            expect(
                "a.b", ExpectedAttributeValue.builder().value(AttributeValue.fromS("x")).build()))
        .isFalse();
  }

  @Test
  void legacyOperatorsOnMissingAttributes() {
    assertThat(expect("missing", op("NE", AttributeValue.fromN("1")))).isTrue();
    assertThat(expect("missing", op("NOT_CONTAINS", AttributeValue.fromS("x")))).isFalse();
    assertThat(expect("missing", op("NULL"))).isTrue();
    assertThat(expect("missing", op("NOT_NULL"))).isFalse();
    assertThat(expect("missing", ExpectedAttributeValue.builder().exists(false).build())).isTrue();
    assertThat(expect("tags", op("NOT_CONTAINS", AttributeValue.fromS("z")))).isTrue();
    assertThat(expect("n", op("IN", AttributeValue.fromN("4"), AttributeValue.fromN("5.0"))))
        .isTrue();
    assertThat(expect("n", op("BETWEEN", AttributeValue.fromN("5"), AttributeValue.fromN("6"))))
        .isTrue();
    assertThat(expect("n", op("LT", AttributeValue.fromN("6")))).isTrue();
    assertThat(expect("n", op("LE", AttributeValue.fromN("4")))).isFalse();
    assertThat(expect("n", op("GT", AttributeValue.fromN("4")))).isTrue();
    assertThat(expect("n", op("GE", AttributeValue.fromN("6")))).isFalse();
    assertThat(expect("tags", op("CONTAINS", AttributeValue.fromS("x")))).isTrue();
  }

  @Test
  void conditionalOperatorJoinsTheConditions() {
    Map<String, ExpectedAttributeValue> two = new LinkedHashMap<>();
    two.put("n", op("EQ", AttributeValue.fromN("6")));
    two.put("a.b", op("NOT_NULL"));
    assertThat(LegacyConditions.expected(two, "OR").orElseThrow().matches(ITEM)).isTrue();
    assertThat(LegacyConditions.expected(two, "AND").orElseThrow().matches(ITEM)).isFalse();
    assertThat(LegacyConditions.expected(Map.of(), null)).isEmpty();
    assertThatThrownBy(() -> LegacyConditions.expected(null, "OR"))
        .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
    assertThatThrownBy(() -> LegacyConditions.expected(two, "XOR"))
        .hasMessageContaining("Member must satisfy enum value set: [AND, OR]");
  }

  @Test
  void badLegacyInputIsRefusedWithDynamoDbsMessages() {
    assertThatThrownBy(() -> expect("n", op("EQ")))
        .hasMessage(
            "One or more parameter values were invalid: Invalid number of argument(s) for the EQ"
                + " ComparisonOperator");
    assertThatThrownBy(() -> expect("n", op("FOO", AttributeValue.fromN("1"))))
        .hasMessage("Comparison type does not exist in DynamoDB");
    assertThatThrownBy(
            () -> expect("n", op("BETWEEN", AttributeValue.fromN("2"), AttributeValue.fromN("1"))))
        .hasMessageContaining("lower bound is greater than the upper bound");
    assertThatThrownBy(() -> expect("n", ExpectedAttributeValue.builder().exists(true).build()))
        .hasMessageEndingWith("Value must be provided when Exists is true for Attribute: n");
  }

  @Test
  void attributeUpdatesBecomeAnUpdate() {
    Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
    updates.put("a.b", AttributeValueUpdate.builder().value(AttributeValue.fromS("v")).build());
    updates.put(
        "n", AttributeValueUpdate.builder().action("ADD").value(AttributeValue.fromN("2")).build());
    updates.put(
        "tags",
        AttributeValueUpdate.builder()
            .action("DELETE")
            .value(AttributeValue.fromSs(List.of("x")))
            .build());
    updates.put("gone", AttributeValueUpdate.builder().action("DELETE").build());
    updates.put(
        "l",
        AttributeValueUpdate.builder()
            .action("ADD")
            .value(AttributeValue.fromL(List.of(AttributeValue.fromS("e"))))
            .build());
    UpdateExpression update = LegacyConditions.attributeUpdates(updates).orElseThrow();
    Map<String, AttributeValue> after = update.apply(ITEM);
    assertThat(after)
        .containsEntry("a.b", AttributeValue.fromS("v"))
        .containsEntry("n", AttributeValue.fromN("7"))
        .containsEntry("tags", AttributeValue.fromSs(List.of("y")))
        .containsEntry("l", AttributeValue.fromL(List.of(AttributeValue.fromS("e"))));
    assertThat(update.topLevelAttributes()).contains("a.b", "n", "tags", "gone", "l");
    assertThat(LegacyConditions.attributeUpdates(Map.of())).isEmpty();
    // found by fuzzing: a value with no type reached the item (and failed sizing it); DynamoDB
    // Local refuses it, and an empty set, as it refuses them in an item
    for (String action : new String[] {"PUT", "ADD", "DELETE"}) {
      refusing(
              AttributeValueUpdate.builder().action(action).value(AttributeValue.builder().build()))
          .hasMessage(
              "Supplied AttributeValue is empty, must contain exactly one of the supported"
                  + " datatypes");
    }
    refusing(AttributeValueUpdate.builder().value(AttributeValue.fromSs(List.of())))
        .hasMessage("One or more parameter values were invalid: An string set  may not be empty");
    refusing(AttributeValueUpdate.builder().action("ADD"))
        .hasMessageEndingWith("Only DELETE action is allowed when no attribute value is specified");
    refusing(AttributeValueUpdate.builder().action("ADD").value(AttributeValue.fromS("s")))
        .hasMessageEndingWith("ADD action is not supported for the type STRING");
    refusing(AttributeValueUpdate.builder().action("DELETE").value(AttributeValue.fromS("s")))
        .hasMessageEndingWith("DELETE action with value is not supported for the type STRING");
  }

  /** What converting AttributeUpdates of one attribute, {@code n}, to an update throws. */
  private static AbstractThrowableAssert<?, ? extends Throwable> refusing(
      AttributeValueUpdate.Builder update) {
    return assertThatThrownBy(() -> LegacyConditions.attributeUpdates(Map.of("n", update.build())));
  }

  @Test
  void attributesToGetProjectTopLevelNames() {
    ProjectionExpression projection =
        LegacyConditions.attributesToGet(List.of("a.b", "missing")).orElseThrow();
    assertThat(projection.project(ITEM)).isEqualTo(Map.of("a.b", AttributeValue.fromS("dotted")));
    assertThat(projection.topLevelAttributes()).containsExactly("a.b", "missing");
    assertThat(LegacyConditions.attributesToGet(List.of())).isEmpty();
    assertThatThrownBy(() -> LegacyConditions.attributesToGet(List.of("x", "x")))
        .hasMessage("Cannot have two attributes with the same name");
  }

  @Test
  void keyConditionsAndFilters() {
    KeyConditionExpression key =
        LegacyConditions.keyConditions(
            Map.of(
                "pk",
                c("EQ", AttributeValue.fromS("u")),
                "sk",
                c("BETWEEN", AttributeValue.fromN("1"), AttributeValue.fromN("3"))),
            KEYS);
    assertThat(key.partitionKeyValue()).isEqualTo(AttributeValue.fromS("u"));
    assertThat(key.sortKeyCondition().orElseThrow().upperBound())
        .contains(AttributeValue.fromN("3"));
    assertThatThrownBy(() -> LegacyConditions.keyConditions(Map.of(), KEYS))
        .hasMessage("Conditions must be at least length 1");
    assertThatThrownBy(
            () ->
                LegacyConditions.keyConditions(
                    Map.of("pk", c("NE", AttributeValue.fromS("u"))), KEYS))
        .hasMessage("Query key condition not supported");
    assertThatThrownBy(
            () ->
                LegacyConditions.keyConditions(
                    Map.of(
                        "pk",
                        c("EQ", AttributeValue.fromS("u")),
                        "sk",
                        c("IN", AttributeValue.fromN("1"))),
                    KEYS))
        .hasMessage("Attempted conditional constraint is not an indexable operation");
    // DynamoDB Local fails internally here ("Unsupported comparison operator for query: NE").
    assertThatThrownBy(
            () ->
                LegacyConditions.keyConditions(
                    Map.of(
                        "pk",
                        c("EQ", AttributeValue.fromS("u")),
                        "sk",
                        c("NE", AttributeValue.fromN("1"))),
                    KEYS))
        .hasMessage("Attempted conditional constraint is not an indexable operation");
    assertThat(
            LegacyConditions.filter(Map.of("n", c("GE", AttributeValue.fromN("5"))), null)
                .orElseThrow()
                .matches(ITEM))
        .isTrue();
    assertThat(LegacyConditions.filter(null, null)).isEmpty();
  }

  @Test
  void mixingIsRefused() {
    LegacyConditions.refuseMixed(List.of("Expected"), List.of());
    assertThatThrownBy(
            () ->
                LegacyConditions.refuseMixed(
                    List.of("AttributeUpdates", "Expected"),
                    List.of("UpdateExpression", "ConditionExpression")))
        .hasMessage(
            "Can not use both expression and non-expression parameters in the same request:"
                + " Non-expression parameters: {AttributeUpdates, Expected} Expression parameters:"
                + " {UpdateExpression, ConditionExpression}");
  }
}
