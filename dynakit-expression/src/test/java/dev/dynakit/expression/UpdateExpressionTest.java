package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UpdateExpressionTest {
  private static final AttributeValue ONE = AttributeValue.fromN("1");

  private static UpdateExpression update(String text, Map<String, AttributeValue> values) {
    ExpressionAttributes.Builder builder = ExpressionAttributes.builder();
    if (!values.isEmpty()) {
      builder.values(values);
    }
    return builder.build().update(text);
  }

  private static AttributeValue list(String... numbers) {
    return AttributeValue.fromL(List.of(numbers).stream().map(AttributeValue::fromN).toList());
  }

  @Test
  void operandsAreReadFromTheItemBeforeTheUpdate() {
    var item = Map.of("a", AttributeValue.fromN("1"), "b", AttributeValue.fromN("2"));
    var result = update("SET a = b, b = a", Map.of()).apply(item);
    assertThat(result).containsEntry("a", AttributeValue.fromN("2")).containsEntry("b", ONE);
  }

  @Test
  void setBeyondTheEndOfAListAppends() {
    var result =
        update("SET l[7] = :v", Map.of(":v", AttributeValue.fromN("9")))
            .apply(Map.of("l", list("1", "2")));
    assertThat(result.get("l")).isEqualTo(list("1", "2", "9"));
  }

  @Test
  void removingListElementsUsesTheIndexesOfTheItemBefore() {
    var result = update("REMOVE l[0], l[2]", Map.of()).apply(Map.of("l", list("0", "1", "2", "3")));
    assertThat(result.get("l")).isEqualTo(list("1", "3"));
  }

  @Test
  void addToAnAbsentNumberStartsFromTheValue() {
    var result = update("ADD n :one", Map.of(":one", ONE)).apply(Map.of());
    assertThat(result).containsEntry("n", ONE);
  }

  @Test
  void addUnitesSets() {
    var result =
        update("ADD s :s", Map.of(":s", AttributeValue.fromSs(List.of("b", "c"))))
            .apply(Map.of("s", AttributeValue.fromSs(List.of("a", "b"))));
    assertThat(result.get("s").ss()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void deleteThatEmptiesASetRemovesTheAttribute() {
    var result =
        update("DELETE s :s", Map.of(":s", AttributeValue.fromNs(List.of("1.0", "2"))))
            .apply(Map.of("s", AttributeValue.fromNs(List.of("1", "2"))));
    assertThat(result).doesNotContainKey("s");
  }

  @Test
  void arithmeticOnAMissingAttributeIsRefused() {
    assertThatThrownBy(() -> update("SET a = b + :one", Map.of(":one", ONE)).apply(Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessage(UpdateExpression.MISSING_ATTRIBUTE);
  }

  @Test
  void arithmeticOnAStringIsRefused() {
    assertThatThrownBy(
            () ->
                update("SET a = b + :one", Map.of(":one", ONE))
                    .apply(Map.of("b", AttributeValue.fromS("x"))))
        .hasMessage(UpdateExpression.WRONG_TYPE);
  }

  @Test
  void ifNotExistsKeepsAnExistingValue() {
    var u = update("SET a = if_not_exists(a, :one)", Map.of(":one", ONE));
    assertThat(u.apply(Map.of()).get("a")).isEqualTo(ONE);
    assertThat(u.apply(Map.of("a", AttributeValue.fromS("x"))).get("a").s()).isEqualTo("x");
  }

  @Test
  void listAppendJoinsLists() {
    var result =
        update("SET l = list_append(l, :more)", Map.of(":more", list("3")))
            .apply(Map.of("l", list("1", "2")));
    assertThat(result.get("l")).isEqualTo(list("1", "2", "3"));
  }

  @Test
  void settingUnderAMissingParentIsRefusedAndChangesNothing() {
    var before = Map.of("a", ONE);
    assertThatThrownBy(() -> update("SET m.x = :one, b = :one", Map.of(":one", ONE)).apply(before))
        .hasMessage(UpdateExpression.INVALID_PATH);
    assertThat(before).containsOnlyKeys("a");
  }

  @Test
  void nestedSetKeepsSiblings() {
    var item =
        Map.of("m", AttributeValue.fromM(Map.of("x", ONE, "y", AttributeValue.fromS("keep"))));
    var result = update("SET m.x = :two", Map.of(":two", AttributeValue.fromN("2"))).apply(item);
    assertThat(result.get("m").m())
        .containsEntry("x", AttributeValue.fromN("2"))
        .containsEntry("y", AttributeValue.fromS("keep"));
  }

  @Test
  void reportsTheTopLevelAttributesItWrites() {
    var u =
        ExpressionAttributes.builder()
            .names(Map.of("#m", "map"))
            .values(Map.of(":one", ONE))
            .build()
            .update("SET #m.x = :one REMOVE draft ADD n :one");
    assertThat(u.topLevelAttributes()).containsExactly("map", "draft", "n");
  }
}
