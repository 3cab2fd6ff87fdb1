package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ProjectionExpressionTest {
  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "title", AttributeValue.fromS("Book"),
          "reviews",
              AttributeValue.fromM(
                  Map.of(
                      "five",
                      AttributeValue.fromL(
                          List.of(
                              AttributeValue.fromS("great"),
                              AttributeValue.fromS("fine"),
                              AttributeValue.fromS("ok"))),
                      "one",
                      AttributeValue.fromS("bad"))),
          "price", AttributeValue.fromN("10"));

  @Test
  void keepsOnlyTheNamedTopLevelAttributes() {
    var projected = ExpressionAttributes.none().projection("title, absent").project(ITEM);
    assertThat(projected).containsOnlyKeys("title");
  }

  @Test
  void nestedPathsKeepTheirNestingAndListsCloseUp() {
    var projected =
        ExpressionAttributes.none().projection("reviews.five[2], reviews.five[0]").project(ITEM);
    assertThat(projected)
        .containsExactly(
            Map.entry(
                "reviews",
                AttributeValue.fromM(
                    Map.of(
                        "five",
                        AttributeValue.fromL(
                            List.of(AttributeValue.fromS("great"), AttributeValue.fromS("ok")))))));
  }

  @Test
  void namePlaceholdersResolve() {
    var attributes = ExpressionAttributes.builder().names(Map.of("#p", "price")).build();
    var projection = attributes.projection("#p");
    attributes.checkAllUsed();
    assertThat(projection.project(ITEM)).containsOnlyKeys("price");
    assertThat(projection.topLevelAttributes()).containsExactly("price");
  }
}
