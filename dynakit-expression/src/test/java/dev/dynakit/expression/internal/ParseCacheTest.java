package dev.dynakit.expression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ExpressionKind;
import dev.dynakit.expression.ValidationException;
import org.junit.jupiter.api.Test;

class ParseCacheTest {

  @Test
  void theSameTextGivesTheSameTree() {
    var first = ParseCache.condition(ExpressionKind.CONDITION, "cache_a = :v AND cache_b > :w");
    var second = ParseCache.condition(ExpressionKind.CONDITION, "cache_a = :v AND cache_b > :w");
    assertThat(second).isSameAs(first);
    assertThat(ParseCache.update("SET cache_c = :v"))
        .isSameAs(ParseCache.update("SET cache_c = :v"));
    assertThat(ParseCache.projection("cache_d, cache_e"))
        .isSameAs(ParseCache.projection("cache_d, cache_e"));
  }

  @Test
  void kindsAreCachedApart() {
    assertThatThrownBy(() -> ParseCache.condition(ExpressionKind.FILTER, "cache_x = = :v"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("Invalid FilterExpression: ");
    assertThatThrownBy(() -> ParseCache.condition(ExpressionKind.CONDITION, "cache_x = = :v"))
        .hasMessageStartingWith("Invalid ConditionExpression: ");
  }

  @Test
  void failuresAreNotKept() {
    long before = ParseCache.size();
    for (int i = 0; i < 50; i++) {
      String text = "cache_bad" + i + " = =";
      assertThatThrownBy(() -> ParseCache.update(text)).isInstanceOf(ValidationException.class);
    }
    assertThat(ParseCache.size()).isLessThanOrEqualTo(before);
  }
}
