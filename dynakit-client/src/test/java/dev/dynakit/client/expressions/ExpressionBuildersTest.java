package dev.dynakit.client.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What each builder renders, the placeholders it gives out, its readable form and its errors. */
class ExpressionBuildersTest {
  private static final AttributeValue ONE = AttributeValue.fromN("1");
  private static final AttributeValue OPEN = AttributeValue.fromS("OPEN");

  @Test
  void placeholdersNumberNamesOnceAndValuesEachTime() {
    Placeholders p = new Placeholders();
    assertThat(p.namesOrNull()).isNull();
    assertThat(p.valuesOrNull()).isNull();
    assertThat(p.names()).isEmpty();
    assertThat(p.name("status")).isEqualTo("#n0");
    assertThat(p.name("a.b")).isEqualTo("#n1");
    assertThat(p.name("status")).isEqualTo("#n0");
    assertThat(p.value(OPEN)).isEqualTo(":v0");
    assertThat(p.value(OPEN)).isEqualTo(":v1");
    assertThat(p.names()).containsExactly(Map.entry("#n0", "status"), Map.entry("#n1", "a.b"));
    assertThat(p.valuesOrNull()).containsExactly(Map.entry(":v0", OPEN), Map.entry(":v1", OPEN));
    assertThat(p).hasToString("Placeholders[names=2, values=2]");
    assertThatThrownBy(() -> p.names().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.name(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("An attribute name must not be empty");
  }

  @Test
  void pathsRenderEveryNameAsAPlaceholder() {
    Placeholders p = new Placeholders();
    Path path = Path.of("a.b").field("size").index(2).field("x y");
    assertThat(path.render(p)).isEqualTo("#n0.#n1[2].#n2");
    assertThat(p.names()).containsValues("a.b", "size", "x y");
    assertThat(path).hasToString("`a.b`.size[2].`x y`");
    assertThat(path.attributeName()).isEqualTo("a.b");
    assertThat(Path.parse("a.b[2][0].c"))
        .isEqualTo(Path.of("a").field("b").index(2).index(0).field("c"));
    assertThat(Path.parse("a.b[2].c").hashCode())
        .isEqualTo(Path.of("a").field("b").index(2).field("c").hashCode());
    assertThat(Path.parse("status")).isEqualTo(Path.of("status")).isNotEqualTo("status");
    assertThat(Path.of("odd`name")).hasToString("`odd``name`");
  }

  @Test
  void badPathsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> Path.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("An attribute name must not be empty");
    assertThatThrownBy(() -> Path.of("a").field(""))
        .hasMessage("An attribute name must not be empty");
    assertThatThrownBy(() -> Path.of("a").index(-1))
        .hasMessage("A list index must not be negative: -1");
    assertThatThrownBy(() -> Path.parse("a..b"))
        .hasMessage("Document path 'a..b' has an empty attribute name at position 2");
    assertThatThrownBy(() -> Path.parse(""))
        .hasMessage("Document path '' has an empty attribute name at position 0");
    assertThatThrownBy(() -> Path.parse("a[x]"))
        .hasMessage(
            "Document path 'a[x]' has a list index that is not a non-negative integer: [x]");
    assertThatThrownBy(() -> Path.parse("a[-1]"))
        .hasMessage(
            "Document path 'a[-1]' has a list index that is not a non-negative integer: [-1]");
    assertThatThrownBy(() -> Path.parse("a[1"))
        .hasMessage("Document path 'a[1' has an unclosed '[' at position 1");
    assertThatThrownBy(() -> Path.parse("a[1]b"))
        .hasMessage("Document path 'a[1]b' has an unexpected 'b' at position 4");
    assertThatThrownBy(() -> Path.parse("a]"))
        .hasMessage("Document path 'a]' has an unexpected ']' at position 1");
    assertThatThrownBy(() -> Path.parse("a[99999999999]"))
        .hasMessage("Document path 'a[99999999999]' has a list index too large: [99999999999]");
  }

  @Test
  void comparisonsAndFunctionsRender() {
    Path a = Path.of("a");
    Path b = Path.of("b");
    assertThat(render(Conditions.eq(a, ONE))).isEqualTo("#n0 = :v0");
    assertThat(render(Conditions.ne(a, ONE))).isEqualTo("#n0 <> :v0");
    assertThat(render(Conditions.lt(a, ONE))).isEqualTo("#n0 < :v0");
    assertThat(render(Conditions.le(a, ONE))).isEqualTo("#n0 <= :v0");
    assertThat(render(Conditions.gt(a, ONE))).isEqualTo("#n0 > :v0");
    assertThat(render(Conditions.ge(a, ONE))).isEqualTo("#n0 >= :v0");
    assertThat(render(Conditions.eq(a, b))).isEqualTo("#n0 = #n1");
    assertThat(render(Conditions.ne(a, b))).isEqualTo("#n0 <> #n1");
    assertThat(render(Conditions.lt(a, b))).isEqualTo("#n0 < #n1");
    assertThat(render(Conditions.le(a, b))).isEqualTo("#n0 <= #n1");
    assertThat(render(Conditions.gt(a, b))).isEqualTo("#n0 > #n1");
    assertThat(render(Conditions.ge(a, b))).isEqualTo("#n0 >= #n1");
    assertThat(render(Conditions.between(a, ONE, ONE))).isEqualTo("#n0 BETWEEN :v0 AND :v1");
    assertThat(render(Conditions.in(a, List.of(ONE, OPEN)))).isEqualTo("#n0 IN (:v0, :v1)");
    assertThat(render(Conditions.attributeExists(a))).isEqualTo("attribute_exists(#n0)");
    assertThat(render(Conditions.attributeNotExists(a))).isEqualTo("attribute_not_exists(#n0)");
    assertThat(render(Conditions.attributeType(a, "NULL"))).isEqualTo("attribute_type(#n0, :v0)");
    assertThat(render(Conditions.beginsWith(a, OPEN))).isEqualTo("begins_with(#n0, :v0)");
    assertThat(render(Conditions.contains(a, OPEN))).isEqualTo("contains(#n0, :v0)");
    assertThat(render(Conditions.size(a).eq(ONE))).isEqualTo("size(#n0) = :v0");
    assertThat(render(Conditions.size(a).ne(ONE))).isEqualTo("size(#n0) <> :v0");
    assertThat(render(Conditions.size(a).lt(ONE))).isEqualTo("size(#n0) < :v0");
    assertThat(render(Conditions.size(a).le(ONE))).isEqualTo("size(#n0) <= :v0");
    assertThat(render(Conditions.size(a).gt(ONE))).isEqualTo("size(#n0) > :v0");
    assertThat(render(Conditions.size(a).ge(ONE))).isEqualTo("size(#n0) >= :v0");
    assertThat(render(Conditions.size(a).between(ONE, ONE)))
        .isEqualTo("size(#n0) BETWEEN :v0 AND :v1");
    assertThat(Conditions.size(Path.of("x.y"))).hasToString("size(`x.y`)");
  }

  @Test
  void combinationsAreParenthesisedAsTheTreeSays() {
    Condition a = Conditions.attributeExists(Path.of("a"));
    Condition b = Conditions.attributeExists(Path.of("b"));
    Condition c = Conditions.attributeExists(Path.of("c"));
    assertThat(render(a.or(b).and(c)))
        .isEqualTo(
            "((attribute_exists(#n0)) OR (attribute_exists(#n1))) AND (attribute_exists(#n2))");
    assertThat(render(a.or(b.and(c)).not()))
        .isEqualTo(
            "NOT ((attribute_exists(#n0)) OR ((attribute_exists(#n1)) AND (attribute_exists(#n2))))");
    assertThat(render(Conditions.and(a, b, c)))
        .isEqualTo(
            "(attribute_exists(#n0)) AND (attribute_exists(#n1)) AND (attribute_exists(#n2))");
    assertThat(Conditions.or(a)).isSameAs(a);
    assertThat(Conditions.and(a)).isSameAs(a);
    assertThatThrownBy(Conditions::and).hasMessage("and needs at least one condition");
    assertThatThrownBy(Conditions::or).hasMessage("or needs at least one condition");
  }

  @Test
  void readableFormShowsNamesAndValuesInline() {
    Condition c =
        Conditions.eq(Path.of("status"), OPEN)
            .and(Conditions.in(Path.parse("a.b[1]"), List.of(ONE, AttributeValue.fromBool(true))))
            .or(
                Conditions.contains(
                    Path.of("tags"), AttributeValue.fromB(SdkBytes.fromUtf8String("hi"))));
    assertThat(c)
        .hasToString(
            "((status = \"OPEN\") AND (a.b[1] IN (1, true))) OR (contains(tags, b64\"aGk=\"))");
    AttributeValue all =
        AttributeValue.fromL(
            List.of(
                AttributeValue.fromNul(true),
                AttributeValue.fromSs(List.of("x", "q\"")),
                AttributeValue.fromNs(List.of("1", "2")),
                AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"))),
                AttributeValue.fromM(Map.of("k", AttributeValue.fromS("back\\slash")))));
    assertThat(Conditions.eq(Path.of("with space"), all))
        .hasToString(
            "`with space` = [null, <<\"x\", \"q\\\"\">>, <<1, 2>>, <<b64\"YQ==\">>, {\"k\":"
                + " \"back\\\\slash\"}]");
  }

  @Test
  void conditionArgumentsAreChecked() {
    Path a = Path.of("a");
    assertThatThrownBy(() -> Conditions.in(a, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("IN takes 1 to 100 values, not 0");
    assertThatThrownBy(() -> Conditions.in(a, Collections.nCopies(101, ONE)))
        .hasMessage("IN takes 1 to 100 values, not 101");
    assertThat(render(Conditions.in(a, Collections.nCopies(100, ONE)))).endsWith(":v99)");
    assertThatThrownBy(() -> Conditions.attributeType(a, "STRING"))
        .hasMessage(
            "Invalid type: STRING; attribute_type takes one of S, SS, N, NS, B, BS, BOOL, NULL, L,"
                + " M");
    for (String type : List.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M")) {
      assertThat(Conditions.attributeType(a, type))
          .hasToString("attribute_type(a, \"" + type + "\")");
    }
    assertThatThrownBy(() -> Conditions.beginsWith(a, ONE))
        .hasMessage("begins_with takes a string or binary prefix, not a value of type N");
    assertThatThrownBy(() -> Conditions.eq(a, (AttributeValue) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value must not be null");
    assertThatThrownBy(() -> Conditions.not(null)).hasMessage("condition must not be null");
  }

  @Test
  void whatDynamoDbRefusesIsRefusedWhenBuilt() {
    Path a = Path.of("a");
    AttributeValue yes = AttributeValue.fromBool(true);
    assertThatThrownBy(() -> Conditions.lt(a, yes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Incorrect operand type for operator or function; operator or function: <, operand"
                + " type: BOOL");
    assertThatThrownBy(() -> Conditions.size(a).ge(AttributeValue.fromNul(true)))
        .hasMessageEndingWith("operator or function: >=, operand type: NULL");
    assertThat(Conditions.eq(a, yes)).hasToString("a = true");
    assertThat(Conditions.size(a).ne(yes)).hasToString("size(a) <> true");
    assertThatThrownBy(() -> Conditions.eq(Path.parse("a.b"), Path.parse("a.b")))
        .hasMessage(
            "The first operand must be distinct from the remaining operands for this operator or"
                + " function; operator: =, first operand: a.b");
    assertThatThrownBy(() -> Conditions.between(a, AttributeValue.fromN("2"), ONE))
        .hasMessage(
            "The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                + " lower bound: 2, upper bound: 1");
    assertThatThrownBy(() -> Conditions.size(a).between(ONE, OPEN))
        .hasMessage(
            "The BETWEEN operator requires same data type for lower and upper bounds; lower"
                + " bound: 1, upper bound: \"OPEN\"");
    assertThatThrownBy(
            () ->
                KeyCondition.partition("pk", OPEN)
                    .sortBetween("sk", OPEN, AttributeValue.fromS("A")))
        .hasMessageStartingWith("The BETWEEN operator requires upper bound");
    assertThatThrownBy(() -> KeyCondition.partition("pk", OPEN).sortGt("sk", yes))
        .hasMessageEndingWith("operator or function: >, operand type: BOOL");
  }

  @Test
  void updatesRenderTheirClausesInOrder() {
    Update update =
        Update.builder()
            .remove(Path.of("draft"))
            .set(Path.of("status"), OPEN)
            .add(Path.of("count"), ONE)
            .delete(Path.of("tags"), AttributeValue.fromSs(List.of("old")))
            .set(Path.of("copy"), Path.of("status2"))
            .setIfNotExists(Path.of("created"), ONE)
            .increment(Path.of("version"), 1)
            .decrement(Path.of("stock"), new BigDecimal("2.5"))
            .appendToList(Path.of("log"), AttributeValue.fromL(List.of(OPEN)))
            .prependToList(Path.of("recent"), AttributeValue.fromL(List.of(ONE)))
            .build();
    Placeholders p = new Placeholders();
    assertThat(update.render(p))
        .isEqualTo(
            "SET #n0 = :v0, #n1 = #n2, #n3 = if_not_exists(#n3, :v1), #n4 = #n4 + :v2,"
                + " #n5 = #n5 - :v3, #n6 = list_append(if_not_exists(#n6, :v5), :v4),"
                + " #n7 = list_append(:v6, if_not_exists(#n7, :v7))"
                + " REMOVE #n8 ADD #n9 :v8 DELETE #n10 :v9");
    assertThat(p.values().get(":v3")).isEqualTo(AttributeValue.fromN("2.5"));
    assertThat(p.values().get(":v5")).isEqualTo(AttributeValue.fromL(List.of()));
    assertThat(update)
        .hasToString(
            "SET status = \"OPEN\", copy = status2, created = if_not_exists(created, 1),"
                + " version = version + 1, stock = stock - 2.5,"
                + " log = list_append(if_not_exists(log, []), [\"OPEN\"]),"
                + " recent = list_append([1], if_not_exists(recent, []))"
                + " REMOVE draft ADD count 1 DELETE tags <<\"old\">>");
  }

  @Test
  void numbersAreWrittenAsDynamoDbReadsThem() {
    assertThat(amount(7)).isEqualTo("7");
    assertThat(amount(7L)).isEqualTo("7");
    assertThat(amount(0.1)).isEqualTo("0.1");
    assertThat(amount(1.5f)).isEqualTo("1.5");
    assertThat(amount(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(amount(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThatThrownBy(() -> amount(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a number DynamoDB can hold: NaN");
    assertThatThrownBy(() -> amount(new BigDecimal("1E+200")))
        .hasMessageStartingWith("Not a number DynamoDB can hold: 1E+200 (Number overflow");
    assertThatThrownBy(() -> amount(new BigDecimal("1.234567890123456789012345678901234567890")))
        .hasMessageContaining("DynamoDB only supports precision up to 38 digits");
  }

  private static String amount(Number n) {
    Placeholders p = new Placeholders();
    Update.builder().increment(Path.of("x"), n).build().render(p);
    return p.values().get(":v0").n();
  }

  @Test
  void updatesRefuseOverlappingAndConflictingPathsWithDynamoDbsWords() {
    assertThatThrownBy(() -> Update.builder().set(Path.of("a"), ONE).remove(Path.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Two document paths overlap with each other; must remove or rewrite one of these"
                + " paths; path one: a, path two: a");
    assertThatThrownBy(() -> Update.builder().set(Path.parse("a.b"), ONE).remove(Path.of("a")))
        .hasMessageStartingWith("Two document paths overlap with each other");
    assertThatThrownBy(
            () -> Update.builder().set(Path.parse("a[1]"), ONE).remove(Path.parse("a.b")))
        .hasMessage(
            "Two document paths conflict with each other; must remove or rewrite one of these"
                + " paths; path one: a[1], path two: a.b");
    Update fine =
        Update.builder()
            .set(Path.parse("a.b"), ONE)
            .set(Path.parse("a.c"), ONE)
            .remove(Path.of("a.b"))
            .build();
    assertThat(fine).hasToString("SET a.b = 1, a.c = 1 REMOVE `a.b`");
  }

  @Test
  void updatesCheckTheirValues() {
    assertThatThrownBy(() -> Update.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("An update needs at least one action");
    assertThatThrownBy(() -> Update.builder().add(Path.of("a"), OPEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ADD takes a number or a set, not a value of type S (at a)");
    assertThatThrownBy(() -> Update.builder().delete(Path.of("a"), ONE))
        .hasMessage("DELETE takes a set, not a value of type N (at a)");
    assertThatThrownBy(() -> Update.builder().appendToList(Path.of("a"), ONE))
        .hasMessage("list_append takes a list, not a value of type N (at a)");
    assertThatThrownBy(() -> Update.builder().prependToList(Path.of("a"), OPEN))
        .hasMessage("list_append takes a list, not a value of type S (at a)");
    assertThatThrownBy(() -> Update.builder().remove(null)).hasMessage("path must not be null");
  }

  @Test
  void keyConditionsRenderEqualitiesThenTheLastSortCondition() {
    AttributeValue v = OPEN;
    assertThat(render(KeyCondition.partition("pk", v))).isEqualTo("#n0 = :v0");
    assertThat(render(KeyCondition.partition("pk", v).sortEq("sk", v)))
        .isEqualTo("#n0 = :v0 AND #n1 = :v1");
    assertThat(render(KeyCondition.partition("pk", v).sortLt("sk", v))).endsWith("#n1 < :v1");
    assertThat(render(KeyCondition.partition("pk", v).sortLe("sk", v))).endsWith("#n1 <= :v1");
    assertThat(render(KeyCondition.partition("pk", v).sortGt("sk", v))).endsWith("#n1 > :v1");
    assertThat(render(KeyCondition.partition("pk", v).sortGe("sk", v))).endsWith("#n1 >= :v1");
    assertThat(render(KeyCondition.partition("pk", v).sortBetween("sk", v, v)))
        .endsWith("#n1 BETWEEN :v1 AND :v2");
    assertThat(render(KeyCondition.partition("pk", v).sortBeginsWith("sk", v)))
        .endsWith("begins_with(#n1, :v1)");
    KeyCondition multi =
        KeyCondition.partition("tenant", v).and("region", v).sortEq("year", ONE).sortGt("day", ONE);
    assertThat(render(multi)).isEqualTo("#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 > :v3");
    assertThat(multi)
        .hasToString("tenant = \"OPEN\" AND region = \"OPEN\" AND year = 1 AND day > 1");
  }

  @Test
  void keyConditionsRefuseWhatDynamoDbRefuses() {
    KeyCondition ranged = KeyCondition.partition("pk", OPEN).sortGt("a", ONE);
    assertThatThrownBy(() -> ranged.sortEq("b", ONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Only the last sort key condition may be other than an equality; 'a' already has one");
    assertThatThrownBy(() -> ranged.and("p2", ONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Partition key equalities come before the sort key conditions; add 'p2' before them");
    assertThatThrownBy(() -> KeyCondition.partition("pk", OPEN).and("pk", ONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The key condition already has a condition on 'pk'");
    assertThatThrownBy(() -> KeyCondition.partition("pk", OPEN).sortEq("pk", ONE))
        .hasMessage("The key condition already has a condition on 'pk'");
    assertThatThrownBy(() -> KeyCondition.partition("pk", OPEN).sortBeginsWith("sk", ONE))
        .hasMessage("begins_with takes a string or binary prefix, not a value of type N");
    assertThatThrownBy(() -> KeyCondition.partition("", OPEN))
        .hasMessage("An attribute name must not be empty");
  }

  @Test
  void projectionsRenderTheirPaths() {
    Placeholders p = new Placeholders();
    assertThat(Projection.of("pk", "status", "a.b").render(p)).isEqualTo("#n0, #n1, #n2");
    assertThat(Projection.of(Path.parse("m.x[0]"), Path.of("status")).render(p))
        .isEqualTo("#n3.#n4[0], #n1");
    assertThat(Projection.of("x", "y").paths()).containsExactly(Path.of("x"), Path.of("y"));
    assertThat(Projection.of(Path.parse("a.b"), Path.of("c"))).hasToString("a.b, c");
    assertThatThrownBy(() -> Projection.of(new String[0]))
        .hasMessage("A projection needs at least one path");
    assertThatThrownBy(() -> Projection.of("a", "a"))
        .hasMessageStartingWith("Two document paths overlap with each other");
    assertThatThrownBy(() -> Projection.of(Path.parse("a.b"), Path.of("a")))
        .hasMessageStartingWith("Two document paths overlap with each other");
  }

  private static String render(Condition condition) {
    return condition.render(new Placeholders());
  }

  private static String render(KeyCondition condition) {
    return condition.render(new Placeholders());
  }
}
