package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExpressionAttributesTest {
  private static final AttributeValue X = AttributeValue.fromS("x");

  @Test
  void emptyMapsAreRefused() {
    assertThatThrownBy(() -> ExpressionAttributes.builder().names(Map.of()).build())
        .hasMessage("ExpressionAttributeNames must not be empty");
    assertThatThrownBy(() -> ExpressionAttributes.builder().values(Map.of()).build())
        .hasMessage("ExpressionAttributeValues must not be empty");
  }

  @Test
  void keysMustCarryTheirPrefix() {
    assertThatThrownBy(() -> ExpressionAttributes.builder().names(Map.of("a", "b")).build())
        .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
    assertThatThrownBy(() -> ExpressionAttributes.builder().values(Map.of("v", X)).build())
        .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
  }

  @Test
  void unusedEntriesAreNamedInOrder() {
    var attributes =
        ExpressionAttributes.builder()
            .names(Map.of("#b", "b", "#a", "a", "#used", "u"))
            .values(Map.of(":v", X))
            .build();
    attributes.condition("#used = :v");
    assertThatThrownBy(attributes::checkAllUsed)
        .hasMessage(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
  }

  @Test
  void usedAcrossExpressionsCountsOnce() {
    var attributes = ExpressionAttributes.builder().values(Map.of(":v", X, ":w", X)).build();
    attributes.update("SET a = :v");
    attributes.condition("b = :w");
    attributes.checkAllUsed();
    assertThat(attributes.hasValues()).isTrue();
    assertThat(attributes.hasNames()).isFalse();
  }

  @Test
  void threeHundredOperatorsAreTheMost() {
    var attributes = ExpressionAttributes.builder().values(Map.of(":v", X)).build();
    attributes.condition(String.join(" OR ", java.util.Collections.nCopies(150, "a = :v")));
    String over = String.join(" AND ", java.util.Collections.nCopies(151, "a=:v"));
    assertThatThrownBy(() -> attributes.filter(over))
        .hasMessage(
            "Invalid FilterExpression: The expression contains too many operators; operator"
                + " count: 301");
  }

  @Test
  void givenWithoutExpressionsTheyAreRefusedUnlessEmpty() {
    var values = Map.of(":v", X);
    var filter = new java.util.LinkedHashMap<String, String>();
    filter.put("FilterExpression", null);
    assertThatThrownBy(() -> ExpressionAttributes.forRequest(null, values, true, filter))
        .hasMessage(
            "ExpressionAttributeValues can only be specified when using expressions:"
                + " FilterExpression is null");
    assertThatThrownBy(
            () -> ExpressionAttributes.forRequest(Map.of("#a", "a"), null, false, filter))
        .hasMessage("ExpressionAttributeNames can only be specified when using expressions");
    assertThat(ExpressionAttributes.forRequest(Map.of(), Map.of(), false, filter).hasNames())
        .isFalse();
  }

  @Test
  void placeholdersAreAtMost255Characters() {
    String longest = "#" + "n".repeat(254);
    assertThat(ExpressionAttributes.builder().names(Map.of(longest, "a")).build().hasNames())
        .isTrue();
    assertThatThrownBy(
            () -> ExpressionAttributes.builder().names(Map.of(longest + "n", "a")).build())
        .hasMessage(
            "ExpressionAttributeNames contains invalid key: The expression attribute map contains"
                + " a key that is too long; size of key: 256");
  }

  @Test
  void attributeTypeNeedsALiteralTypeName() {
    // DynamoDB Local lists the type names in an order that changes between runs; compare as a set.
    assertThatThrownBy(() -> ExpressionAttributes.none().condition("attribute_type(a, b)"))
        .satisfies(
            e -> {
              String message = e.getMessage();
              assertThat(message)
                  .startsWith(
                      "Invalid ConditionExpression: Incorrect operand type for operator or"
                          + " function; operator or function: attribute_type, operand type: {");
              String types = message.substring(message.indexOf('{') + 1, message.length() - 1);
              assertThat(types.split(","))
                  .containsExactlyInAnyOrder(
                      "HD",
                      "DECIMALSET",
                      "INTSET",
                      "INT",
                      "FS",
                      "BOOL",
                      "N",
                      "DOUBLESET",
                      "BS",
                      "FLOAT",
                      "HDS",
                      "DICT",
                      "DOUBLE",
                      "B",
                      "SS",
                      "NS",
                      "L",
                      "M",
                      "NULL",
                      "DECIMAL",
                      "S");
            });
  }

  @Test
  void undefinedPlaceholdersAreNamed() {
    assertThatThrownBy(() -> ExpressionAttributes.none().condition("#q = :v"))
        .hasMessage(
            "Invalid ConditionExpression: An expression attribute name used in the document path"
                + " is not defined; attribute name: #q");
    assertThatThrownBy(() -> ExpressionAttributes.none().filter("a = :v"))
        .hasMessage(
            "Invalid FilterExpression: An expression attribute value used in expression is not"
                + " defined; attribute value: :v");
  }
}
