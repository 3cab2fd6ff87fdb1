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
