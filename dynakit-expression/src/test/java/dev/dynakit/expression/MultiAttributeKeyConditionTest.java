package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.KeyConditionExpression.SortKeyOperator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Key conditions on a multi-attribute key (a global index of up to four partition and four sort key
 * attributes), with the messages DynamoDB Local 3.3.1 gives, in its order; the engine's {@code
 * MultiAttributeKeysTest} compares the same with DynamoDB Local itself.
 */
class MultiAttributeKeyConditionTest {
  private static final KeySchema KEYS =
      KeySchema.of("a", ScalarAttributeType.S)
          .withPartitionKey("b", ScalarAttributeType.N)
          .withSortKey("x", ScalarAttributeType.S)
          .withSortKey("y", ScalarAttributeType.S)
          .withSortKey("z", ScalarAttributeType.S);

  private static KeyConditionExpression bind(String text) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":s", AttributeValue.fromS("v"));
    values.put(":n", AttributeValue.fromN("1"));
    values.keySet().removeIf(name -> !text.contains(name));
    return ExpressionAttributes.builder().values(values).build().keyCondition(text, KEYS);
  }

  @Test
  void describesItsAttributesInOrder() {
    assertThat(KEYS.multiAttribute()).isTrue();
    assertThat(KEYS.attributes())
        .extracting(KeySchema.Attribute::name)
        .containsExactly("a", "b", "x", "y", "z");
    assertThat(KEYS.attribute("y")).isPresent();
    assertThat(KEYS.attribute("q")).isEmpty();
    assertThatThrownBy(KEYS::partitionKey).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(KEYS::sortKey).isInstanceOf(IllegalStateException.class);
    assertThat(KeySchema.of("pk", ScalarAttributeType.S).multiAttribute()).isFalse();
    assertThatThrownBy(() -> new KeySchema(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void splitsEqualitiesFromTheLastCondition() {
    KeyConditionExpression key = bind("b = :n AND x = :s AND a = :s AND y > :s");
    assertThat(key.partitionKeyValues()).containsOnlyKeys("a", "b");
    assertThat(key.partitionKeyValues().keySet()).containsExactly("a", "b");
    assertThat(key.sortKeyEqualities()).extracting(c -> c.attributeName()).containsExactly("x");
    assertThat(key.sortKeyCondition().orElseThrow().operator()).isEqualTo(SortKeyOperator.GT);
    assertThatThrownBy(key::partitionKeyValue).isInstanceOf(IllegalStateException.class);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("a", AttributeValue.fromS("v"));
    item.put("b", AttributeValue.fromN("1.0"));
    item.put("x", AttributeValue.fromS("v"));
    item.put("y", AttributeValue.fromS("w"));
    assertThat(key.matches(item)).isTrue();
    item.put("y", AttributeValue.fromS("u"));
    assertThat(key.matches(item)).isFalse();
    item.remove("b");
    assertThat(key.matches(item)).isFalse();
  }

  @Test
  void aConditionOnThePartitionKeyAloneReadsItAll() {
    KeyConditionExpression key = bind("a = :s AND b = :n");
    assertThat(key.sortKeyConditions()).isEmpty();
    assertThat(key.sortKeyCondition()).isEmpty();
    assertThat(key.sortKeyEqualities()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a = :s AND b = :n AND x = :s AND y = :s AND z = :s AND q = :s"
            + "|Query key condition not supported",
        "a = :s|HASH key attributes b must have equality conditions specified in the query",
        "x = :s|HASH key attributes a, b must have equality conditions specified in the query",
        "a > :s AND b = :n|HASH key attributes a must have equality conditions specified in the"
            + " query",
        "a > :s AND x = :s|HASH key attributes b must have equality conditions specified in the"
            + " query",
        "a = :n AND b = :n AND z = :s|One or more parameter values were invalid: Condition"
            + " parameter type does not match schema type",
        "a = :s AND b = :n AND z = :s|RANGE key attributes x, y must have equality conditions"
            + " specified in the query because a condition is present on key attribute z",
        "a = :s AND b = :n AND x > :s AND y = :s|RANGE key attributes x must have equality"
            + " conditions specified in the query because a condition is present on key attribute"
            + " y",
        "a = :s AND b = :n AND x > :s AND z = :s|RANGE key attributes y must have equality"
            + " conditions specified in the query because a condition is present on key attribute"
            + " z",
        "a = :s AND b = :n AND x > :s AND y > :s AND z = :s|RANGE key attributes x, y must have"
            + " equality conditions specified in the query because a condition is present on key"
            + " attribute z",
        "a = :s AND b = :n AND x > :s AND y = :n|RANGE key attributes x must have equality"
            + " conditions specified in the query because a condition is present on key attribute"
            + " y",
        "a = :s AND b = :n AND x = :n AND q = :s|One or more parameter values were invalid:"
            + " Condition parameter type does not match schema type",
        "a = :s AND b = :n AND q = :s|Query condition missed key schema element",
        "a = :s AND a = :s AND b = :n|KeyConditionExpressions must only contain one condition per"
            + " key",
      })
  void refusesAsDynamoDbDoes(String condition, String message) {
    assertThatThrownBy(() -> bind(condition)).hasMessage(message);
  }
}
