package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.KeyConditionExpression.SortKeyOperator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class KeyConditionExpressionTest {
  private static final KeySchema KEYS =
      KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.N);

  private static KeyConditionExpression bind(String text, Map<String, AttributeValue> values) {
    return ExpressionAttributes.builder().values(values).build().keyCondition(text, KEYS);
  }

  @Test
  void splitsThePartitionValueFromTheSortCondition() {
    var key =
        bind(
            "pk = :p AND sk BETWEEN :lo AND :hi",
            Map.of(
                ":p", AttributeValue.fromS("user"),
                ":lo", AttributeValue.fromN("2"),
                ":hi", AttributeValue.fromN("10")));
    assertThat(key.partitionKeyValue()).isEqualTo(AttributeValue.fromS("user"));
    assertThat(key.sortKeyCondition().orElseThrow().operator()).isEqualTo(SortKeyOperator.BETWEEN);
    assertThat(
            key.matches(
                Map.of("pk", AttributeValue.fromS("user"), "sk", AttributeValue.fromN("9"))))
        .isTrue();
    assertThat(
            key.matches(
                Map.of("pk", AttributeValue.fromS("user"), "sk", AttributeValue.fromN("11"))))
        .isFalse();
    assertThat(
            key.matches(
                Map.of("pk", AttributeValue.fromS("other"), "sk", AttributeValue.fromN("9"))))
        .isFalse();
  }

  @Test
  void thePartitionKeyOnlyTakesEquality() {
    assertThatThrownBy(() -> bind("pk < :p", Map.of(":p", AttributeValue.fromS("a"))))
        .hasMessage("Query key condition not supported");
  }

  @Test
  void orIsNotAKeyCondition() {
    assertThatThrownBy(
            () ->
                bind(
                    "pk = :p OR sk = :s",
                    Map.of(":p", AttributeValue.fromS("a"), ":s", AttributeValue.fromN("1"))))
        .hasMessage("Invalid operator used in KeyConditionExpression: OR");
  }

  @Test
  void aConditionWithoutThePartitionKeyIsRefused() {
    assertThatThrownBy(() -> bind("sk = :s", Map.of(":s", AttributeValue.fromN("1"))))
        .hasMessage("Query condition missed key schema element");
  }

  @Test
  void oneConditionPerKey() {
    assertThatThrownBy(
            () ->
                bind(
                    "pk = :p AND sk > :s AND sk < :s",
                    Map.of(":p", AttributeValue.fromS("a"), ":s", AttributeValue.fromN("1"))))
        .hasMessage("KeyConditionExpressions must only contain one condition per key");
  }
}
