package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.dynakit.expression.partiql.PartiqlParser;
import dev.dynakit.expression.partiql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Fuzz targets for the expression parsers and PartiQL's: any text is either read, bound and
 * evaluated against a small item, or refused with a {@link ValidationException} that says why;
 * never another exception, a stack overflow or a hang.
 *
 * <p>Each input is the expression's text in UTF-8. Without {@code JAZZER_FUZZ} the inputs kept
 * under {@code src/test/resources/dev/dynakit/expression/ExpressionFuzzTestInputs/} run as
 * regression tests; with it, Jazzer fuzzes one target from them (see {@code docs/reliability.md}).
 */
class ExpressionFuzzTest {

  /** How many inputs each target read and refused, printed when the class is done. */
  private static final Map<String, Long> OUTCOMES = new TreeMap<>();

  @AfterAll
  static void report() {
    if (!OUTCOMES.isEmpty()) {
      System.out.println("ExpressionFuzzTest inputs: " + OUTCOMES);
    }
  }

  private static void outcome(String target, String outcome) {
    OUTCOMES.merge(target + " " + outcome, 1L, Long::sum);
  }

  private static final Map<String, String> NAMES =
      Map.of(
          "#p", "pk",
          "#s", "sk",
          "#a", "a",
          "#l", "list",
          "#m", "map",
          "#n", "n",
          "#dot", "a.b");

  private static final Map<String, AttributeValue> VALUES =
      Map.ofEntries(
          Map.entry(":v", AttributeValue.fromN("5")),
          Map.entry(":a", AttributeValue.fromS("a")),
          Map.entry(":u", AttributeValue.fromN("-2")),
          Map.entry(":s", AttributeValue.fromS("alpha")),
          Map.entry(":p", AttributeValue.fromS("p1")),
          Map.entry(":n", AttributeValue.fromN("1")),
          Map.entry(":zero", AttributeValue.fromN("0")),
          Map.entry(":big", AttributeValue.fromN("9.9999999999999999999999999999999999999E+125")),
          Map.entry(":l", AttributeValue.fromL(List.of(AttributeValue.fromS("z")))),
          Map.entry(":m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))),
          Map.entry(":ss", AttributeValue.fromSs(List.of("x"))),
          Map.entry(":ns", AttributeValue.fromNs(List.of("2"))),
          Map.entry(":bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("b")))),
          Map.entry(":b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes"))),
          Map.entry(":t", AttributeValue.fromBool(true)),
          Map.entry(":null", AttributeValue.fromNul(true)),
          Map.entry(":type", AttributeValue.fromS("N")));

  private static final Map<String, AttributeValue> ITEM =
      Map.ofEntries(
          Map.entry("pk", AttributeValue.fromS("p1")),
          Map.entry("sk", AttributeValue.fromN("7")),
          Map.entry("a", AttributeValue.fromS("alpha")),
          Map.entry("n", AttributeValue.fromN("42")),
          Map.entry("b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes"))),
          Map.entry("bool", AttributeValue.fromBool(true)),
          Map.entry("nul", AttributeValue.fromNul(true)),
          Map.entry("ss", AttributeValue.fromSs(List.of("x", "y"))),
          Map.entry("ns", AttributeValue.fromNs(List.of("1", "2"))),
          Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("b")))),
          Map.entry(
              "list",
              AttributeValue.fromL(
                  List.of(
                      AttributeValue.fromS("x"),
                      AttributeValue.fromN("1"),
                      AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))))),
          Map.entry(
              "map",
              AttributeValue.fromM(
                  Map.of(
                      "k",
                      AttributeValue.fromS("v"),
                      "inner",
                      AttributeValue.fromM(
                          Map.of(
                              "deep",
                              AttributeValue.fromL(List.of(AttributeValue.fromN("1")))))))));

  private static final KeySchema KEYS =
      KeySchema.of("pk", ScalarAttributeType.S).withSortKey("sk", ScalarAttributeType.N);

  private static ExpressionAttributes attributes() {
    return ExpressionAttributes.builder().names(NAMES).values(VALUES).build();
  }

  private static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  /** A refusal must be DynamoDB's: a ValidationException that says what was wrong. */
  private static void refused(ValidationException e) {
    assertThat(e.getMessage()).isNotBlank();
  }

  @FuzzTest(maxDuration = "10s")
  void conditionExpression(byte[] input) {
    try {
      ConditionExpression condition = attributes().condition(text(input));
      condition.matches(ITEM);
      condition.matches(Map.of());
      assertThat(condition.topLevelAttributes()).isNotNull();
      condition.requireNonKeyAttributes(KEYS);
      outcome("conditionExpression", "read");
    } catch (ValidationException e) {
      refused(e);
      outcome("conditionExpression", "refused");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void updateExpression(byte[] input) {
    try {
      UpdateExpression update = attributes().update(text(input));
      Map<String, AttributeValue> after = update.apply(ITEM);
      assertThat(update.updatedParts(ITEM)).isNotNull();
      assertThat(update.updatedParts(after)).isNotNull();
      assertThat(update.topLevelAttributes()).isNotEmpty();
      update.apply(Map.of());
      outcome("updateExpression", "read");
    } catch (ValidationException e) {
      refused(e);
      outcome("updateExpression", "refused");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void projectionExpression(byte[] input) {
    try {
      ProjectionExpression projection = attributes().projection(text(input));
      assertThat(projection.project(ITEM)).isNotNull();
      assertThat(projection.topLevelAttributes()).isNotEmpty();
      outcome("projectionExpression", "read");
    } catch (ValidationException e) {
      refused(e);
      outcome("projectionExpression", "refused");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void keyConditionExpression(byte[] input) {
    try {
      KeyConditionExpression key = attributes().keyCondition(text(input), KEYS);
      key.matches(ITEM);
      assertThat(key.partitionKeyValue()).isNotNull();
      key.sortKeyCondition().ifPresent(condition -> condition.matches(ITEM.get("sk")));
      outcome("keyConditionExpression", "read");
    } catch (ValidationException e) {
      refused(e);
      outcome("keyConditionExpression", "refused");
    }
  }

  @FuzzTest(maxDuration = "10s")
  void partiqlStatement(byte[] input) {
    try {
      Statement statement = PartiqlParser.parse(text(input));
      assertThat(statement.table()).isNotNull();
      assertThat(statement.parameters()).isNotNegative();
      outcome("partiqlStatement", "read");
    } catch (ValidationException e) {
      refused(e);
      outcome("partiqlStatement", "refused");
    }
  }
}
