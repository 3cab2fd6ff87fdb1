package dev.dynakit.expression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ExpressionKind;
import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Update;
import org.junit.jupiter.api.Test;

/** DynamoDB's limits on expression text, each at its boundary, with DynamoDB's messages. */
class ParserLimitsTest {

  private static String padded(String expression, int length) {
    return expression + " ".repeat(length - expression.length());
  }

  @Test
  void aConditionOf4096CharactersIsTheLongestAccepted() {
    assertThatCode(() -> Parser.parseCondition(ExpressionKind.CONDITION, padded("a = :v", 4096)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> Parser.parseCondition(ExpressionKind.CONDITION, padded("a = :v", 4097)))
        .hasMessage(
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size;"
                + " expression size: 4097");
  }

  @Test
  void lengthIsCheckedBeforeSyntax() {
    assertThatThrownBy(
            () -> Parser.parseCondition(ExpressionKind.KEY_CONDITION, padded("= = :v", 4098)))
        .hasMessage(
            "Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed"
                + " size; expression size: 4098");
  }

  @Test
  void updatesAndProjectionsDoNotStateTheirSize() {
    assertThatThrownBy(() -> Parser.parseUpdate(padded("SET a = :v", 4098)))
        .hasMessage(
            "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
    assertThatThrownBy(() -> Parser.parseProjection(padded("a", 4097)))
        .hasMessage(
            "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;");
  }

  @Test
  void listIndexesStayWithinIntegerRange() {
    assertThatCode(() -> Parser.parseCondition(ExpressionKind.CONDITION, "a[2147483647] = :v"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Parser.parseCondition(ExpressionKind.CONDITION, "a[2147483648] = :v"))
        .hasMessage(
            "Invalid ConditionExpression: List index is not within the allowable range; index:"
                + " [2147483648]");
  }

  @Test
  void parenthesesAroundParenthesesAreRedundant() {
    assertThat(Parser.parseCondition(ExpressionKind.CONDITION, "(a = :v) AND (b = :v)"))
        .isNotNull();
    assertThat(Parser.parseCondition(ExpressionKind.CONDITION, "(a) = :v")).isNotNull();
    assertThat(Parser.parseUpdate("SET a = if_not_exists((b), :v)")).isNotNull();
    for (String redundant :
        new String[] {"((a = :v))", "NOT ((a = :v))", "status = :v AND ((a = :v))"}) {
      assertThatThrownBy(() -> Parser.parseCondition(ExpressionKind.CONDITION, redundant))
          .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
    }
    assertThatThrownBy(() -> Parser.parseUpdate("SET a = ((:v))"))
        .hasMessage("Invalid UpdateExpression: The expression has redundant parentheses;");
  }

  /**
   * 4,096 characters nest parentheses deeper than a thread's usual stack holds; they get DynamoDB's
   * answer (as the reference cases check on DynamoDB Local), not a StackOverflowError.
   */
  @Test
  void parenthesesAsDeepAsTheLengthAllowsGetDynamoDbsAnswer() {
    String redundant = "Invalid ConditionExpression: The expression has redundant parentheses;";
    assertThatThrownBy(
            () ->
                Parser.parseCondition(
                    ExpressionKind.CONDITION, "(".repeat(2000) + "a = :v" + ")".repeat(2000)))
        .hasMessage(redundant);
    assertThatThrownBy(
            () ->
                Parser.parseCondition(
                    ExpressionKind.CONDITION, "(".repeat(2000) + "a" + ")".repeat(2000) + "=:v"))
        .hasMessage(redundant);
    assertThatThrownBy(() -> Parser.parseCondition(ExpressionKind.FILTER, "(".repeat(4096)))
        .hasMessage("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    assertThatThrownBy(() -> Parser.parseUpdate("SET a = " + "(".repeat(4000)))
        .hasMessage("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    assertThatThrownBy(
            () -> Parser.parseCondition(ExpressionKind.CONDITION, "size(".repeat(800) + "a"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  }

  /**
   * Each parenthesis is read two ways (a grouping of conditions or of values, a value or an
   * arithmetic); nested in function calls, the ways once doubled with each level, and 20 levels
   * took a second, 150 for ever. Both parse now, the first to its end.
   */
  @Test
  void nestedGroupingsAndFunctionCallsParseOnceEach() {
    Update update =
        Parser.parseUpdate("SET a = " + "(if_not_exists(a, ".repeat(150) + ":v" + "))".repeat(150));
    assertThat(update.actions()).hasSize(1);
    Condition condition =
        Parser.parseCondition(
            ExpressionKind.CONDITION,
            "(attribute_exists(a) AND ".repeat(150) + "size(a) = :v" + ")".repeat(150));
    assertThat(condition).isInstanceOf(Condition.And.class);
    // as found by fuzzing: unclosed parentheses with function calls among them
    String unclosed =
        "SET a = "
            + "(".repeat(90)
            + "RPI"
            + "(".repeat(90)
            + "t"
            + "(".repeat(120)
            + "u"
            + "(".repeat(290);
    assertThatThrownBy(() -> Parser.parseUpdate(unclosed))
        .hasMessage("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
  }
}
