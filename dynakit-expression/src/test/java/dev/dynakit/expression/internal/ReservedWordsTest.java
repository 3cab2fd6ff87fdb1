package dev.dynakit.expression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ExpressionKind;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every documented reserved word is refused as a bare attribute name. Those that are also words of
 * the grammar are syntax errors, as in DynamoDB. SIZE and CONVERT are refused although DynamoDB
 * Local 3.3.1 accepts them: the AWS documentation lists them (docs/compatibility.md).
 */
class ReservedWordsTest {
  private static final Set<String> GRAMMAR_WORDS =
      Set.of("ADD", "AND", "BETWEEN", "DELETE", "IN", "NOT", "OR", "SET");

  @Test
  void everyReservedWordIsRefusedBare() {
    assertThat(ReservedWords.all()).hasSize(573);
    for (String word : ReservedWords.all()) {
      String written = word.toLowerCase(Locale.ROOT);
      String expected =
          GRAMMAR_WORDS.contains(word)
              ? "Invalid ProjectionExpression: Syntax error; token: \""
                  + written
                  + "\", near: \""
                  + written
                  + "\""
              : "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved"
                  + " keyword: "
                  + written;
      assertThatThrownBy(() -> Parser.parseProjection(written)).hasMessage(expected);
    }
  }

  @Test
  void sizeAndConvertAreReservedAsTheAwsDocumentationSays() {
    assertThatThrownBy(() -> Parser.parseCondition(ExpressionKind.CONDITION, "Size = :v"))
        .hasMessage(
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword:"
                + " Size");
    assertThatThrownBy(() -> Parser.parseUpdate("SET convert = :v"))
        .hasMessage(
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword:"
                + " convert");
  }

  @Test
  void functionNamesAreNotAttributeNames() {
    assertThat(Parser.parseCondition(ExpressionKind.CONDITION, "size(a) > :v")).isNotNull();
    assertThat(ReservedWords.isReserved("begins_with")).isFalse();
  }
}
