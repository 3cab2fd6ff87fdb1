package dev.dynakit.expression.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ExpressionKind;
import dev.dynakit.expression.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Syntax errors name the offending token and the text from the token before it to the token after
 * it, as DynamoDB does. The full table of messages, each checked against DynamoDB Local, is in the
 * reference cases; these pin the rule itself.
 */
class ParserSyntaxErrorTest {

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          a = = :v           | =      | = = :v
          a =                | <EOF>  | =
          a = :v :w          | :w     | :v :w
          a = :v AND         | <EOF>  | AND
          (a = :v            | <EOF>  | :v
          a = :v)            | )      | :v)
          a @ :v             | @      | a @ :v
          a$b = :v           | $      | a$b
          1a = :v            | 1      | 1a
          a.1 = :v           | 1      | .1 =
          a[x] = :v          | x      | [x]
          a[-1] = :v         | -      | [-1
          a[1.5] = :v        | .      | 1.5
          '   '              | <EOF>  | '   '
          a BETWEEN :v       | <EOF>  | :v
          a IN ()            | )      | ()
          a.b.c = :v = :v    | =      | :v = :v
          _a = :v            | _      | _a
          a = :v AND _b = :v | _      | AND _b
          SET = :v           | SET    | SET =
          a[00001] = :v      | 0      | 000
          '= = :v'           | =      | '= ='
          """)
  void conditionSyntaxErrors(String expression, String token, String near) {
    assertThatThrownBy(() -> Parser.parseCondition(ExpressionKind.CONDITION, expression))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "Invalid ConditionExpression: Syntax error; token: \""
                + token
                + "\", near: \""
                + near
                + "\"");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SET a = b + c + d | +     | c + d
          ADD a b           | b     | a b
          SET               | <EOF> | SET
          FOO a = :v        | FOO   | FOO a
          SET a = :v, remove = :v | remove | , remove =
          SET a = (b + :v) + :v   | +      | ') + :v'
          SET a = :v + (:v - :v)  | -      | :v - :v
          SET a = (:v + :v) + (:v + :v) + :v | + | ') + ('
          """)
  void updateSyntaxErrors(String expression, String token, String near) {
    assertThatThrownBy(() -> Parser.parseUpdate(expression))
        .hasMessage(
            "Invalid UpdateExpression: Syntax error; token: \""
                + token
                + "\", near: \""
                + near
                + "\"");
  }
}
