package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.ast.Condition;
import dev.dynakit.expression.ast.Projection;
import dev.dynakit.expression.ast.Update;
import dev.dynakit.expression.internal.Parser;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Properties of the parsers: printing round-trips, and bad text only ever meets a clear error. */
class ParserPropertiesTest {

  @Property
  void printingAConditionParsesBackToTheSameTree(@ForAll("conditions") Condition tree) {
    assertThat(Parser.parseCondition(ExpressionKind.CONDITION, tree.toString())).isEqualTo(tree);
  }

  @Property
  void printingAnUpdateParsesBackToTheSameTree(@ForAll("updates") Update tree) {
    assertThat(Parser.parseUpdate(tree.toString())).isEqualTo(tree);
  }

  @Property
  void printingAProjectionParsesBackToTheSameTree(@ForAll("projections") Projection tree) {
    assertThat(Parser.parseProjection(tree.toString())).isEqualTo(tree);
  }

  @Property(tries = 3000)
  void randomTextFailsOnlyWithValidationException(@ForAll("expressionText") String text) {
    bindEverywhere(text);
  }

  @Property(tries = 300_000)
  @Tag("slow")
  void randomTextFailsOnlyWithValidationExceptionAtLength(@ForAll("expressionText") String text) {
    bindEverywhere(text);
  }

  /** Binds the text as every kind of expression; any exception but ValidationException escapes. */
  private static void bindEverywhere(String text) {
    for (ExpressionKind kind : ExpressionKind.values()) {
      try {
        ExpressionAttributes attributes =
            ExpressionAttributes.builder()
                .names(Map.of("#n0", "a", "#n1", "b.c"))
                .values(
                    Map.of(
                        ":v0", AttributeValue.fromN("1"),
                        ":v1", AttributeValue.fromS("x"),
                        ":v2", AttributeValue.fromL(java.util.List.of())))
                .build();
        Object bound =
            switch (kind) {
              case CONDITION -> attributes.condition(text);
              case FILTER -> attributes.filter(text);
              case KEY_CONDITION ->
                  attributes.keyCondition(
                      text,
                      KeySchema.of(
                              "a",
                              software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.N)
                          .withSortKey(
                              "b",
                              software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType
                                  .S));
              case UPDATE -> attributes.update(text);
              case PROJECTION -> attributes.projection(text);
            };
        assertThat(bound).isNotNull();
      } catch (ValidationException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Provide
  Arbitrary<Condition> conditions() {
    return ExpressionTrees.conditions();
  }

  @Provide
  Arbitrary<Update> updates() {
    return ExpressionTrees.updates();
  }

  @Provide
  Arbitrary<Projection> projections() {
    return ExpressionTrees.projections();
  }

  /** Text made of expression fragments and stray characters, so that it often nearly parses. */
  @Provide
  Arbitrary<String> expressionText() {
    Arbitrary<String> fragment =
        Arbitraries.of(
            "a",
            "b",
            "#n0",
            "#n1",
            "#zz",
            ":v0",
            ":v1",
            ":v2",
            ":zz",
            "(",
            ")",
            "[",
            "]",
            "[0]",
            "[99999999999]",
            ".",
            ",",
            "=",
            "<>",
            "<",
            "<=",
            ">",
            ">=",
            "+",
            "-",
            " AND ",
            " OR ",
            "NOT ",
            " BETWEEN ",
            " IN ",
            "SET ",
            " REMOVE ",
            " ADD ",
            " DELETE ",
            "size",
            "attribute_exists",
            "attribute_type",
            "begins_with",
            "contains",
            "if_not_exists",
            "list_append",
            "foo",
            "status",
            "1",
            "@",
            "\"",
            "é",
            "\uD83D\uDE00",
            " ",
            "\t",
            "");
    return fragment.list().ofMaxSize(14).map(parts -> String.join("", parts));
  }
}
