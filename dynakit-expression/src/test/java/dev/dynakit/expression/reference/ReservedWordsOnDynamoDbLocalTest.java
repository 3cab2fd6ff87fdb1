package dev.dynakit.expression.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Checks the reserved-word list in {@code reserved-words.txt} (taken from the DynamoDB Developer
 * Guide) against DynamoDB Local: each word, used bare as a {@code ProjectionExpression}, must be
 * refused as a reserved keyword, and ordinary identifiers must be accepted.
 *
 * <p>DynamoDB Local 3.3.1 departs from the documented list in two ways, both pinned here so that a
 * change in a later DynamoDB Local shows up:
 *
 * <ul>
 *   <li>the words that are also tokens of the expression grammar ({@link #GRAMMAR_KEYWORDS}) never
 *       reach the reserved-word check: the parser stops on them with a syntax error;
 *   <li>two documented words ({@link #ACCEPTED_BY_DYNAMODB_LOCAL}) are not reserved there at all.
 * </ul>
 *
 * The list file follows the documentation regardless.
 */
class ReservedWordsOnDynamoDbLocalTest {
  private static final String RESOURCE = "/dev/dynakit/expression/reserved-words.txt";

  /** Documented reserved words that DynamoDB Local's grammar reads as keywords. */
  private static final Set<String> GRAMMAR_KEYWORDS =
      Set.of("ADD", "AND", "BETWEEN", "DELETE", "IN", "NOT", "OR", "SET");

  /** Documented reserved words that DynamoDB Local 3.3.1 accepts as attribute names. */
  private static final Set<String> ACCEPTED_BY_DYNAMODB_LOCAL = Set.of("CONVERT", "SIZE");

  /**
   * Identifiers that are not reserved: ordinary attribute names, the function names of the
   * expression language, and SQL, PartiQL, CQL and HiveQL words that are absent from the list.
   */
  private static final List<String> NOT_RESERVED =
      List.of(
          "pk",
          "sk",
          "title2",
          "foo_bar",
          "id",
          "Id",
          "email",
          "username",
          "price",
          "Price",
          "color",
          "Color",
          "ProductCategory",
          "RelatedItems",
          "ProductReviews",
          "Pictures",
          "description",
          "address",
          "age",
          "score",
          "tags",
          "created_at",
          "updatedAt",
          "owner_id",
          "version",
          "enabled",
          "active",
          "deleted",
          "counter1",
          "a",
          "b",
          "x1",
          "x_",
          "item_order",
          "attribute_exists",
          "attribute_not_exists",
          "attribute_type",
          "begins_with",
          "contains",
          "list_append",
          "if_not_exists",
          "pivot",
          "unpivot",
          "qualify",
          "upsert",
          "excluded",
          "nothing",
          "bag",
          "ilike",
          "json",
          "frozen",
          "keyspace",
          "writetime",
          "timeuuid",
          "inet",
          "overwrite",
          "serde",
          "tblproperties",
          "sorted",
          "concat",
          "ceil",
          "floor",
          "abs",
          "password",
          "schemas",
          "tables",
          "top",
          "xor",
          "zerofill",
          "enum",
          "exclude",
          "ties");

  private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("rw"));

  @Test
  void theListIsTheDocumentedOneSortedAndUpperCase() throws IOException {
    List<String> words = reservedWords();
    assertThat(words).hasSize(573).doesNotHaveDuplicates().isSorted();
    assertThat(words).allMatch(w -> w.matches("[A-Z]+"), "upper-case letters only");
    assertThat(words).containsAll(GRAMMAR_KEYWORDS).containsAll(ACCEPTED_BY_DYNAMODB_LOCAL);
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedWordIsRefusedAsWrittenInLowerCase() throws IOException {
    return reservedWords().stream()
        .map(
            word -> {
              String written = word.toLowerCase(Locale.ROOT);
              return dynamicTest(written, () -> assertProjection(written, expected(word, written)));
            });
  }

  @Test
  void theRefusalEchoesTheWordAsWritten() {
    for (String written : List.of("Order", "ORDER", "oRdEr", "Name", "STATUS")) {
      assertThat(projectionError(written))
          .isEqualTo(
              "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                  + "reserved keyword: "
                  + written);
    }
  }

  @TestFactory
  Stream<DynamicTest> identifiersOutsideTheListAreAccepted() throws IOException {
    Set<String> reserved = Set.copyOf(reservedWords());
    assertThat(NOT_RESERVED)
        .doesNotHaveDuplicates()
        .noneMatch(w -> reserved.contains(w.toUpperCase(Locale.ROOT)));
    return NOT_RESERVED.stream()
        .map(
            word ->
                dynamicTest(
                    word,
                    () ->
                        assertThatCode(() -> getItem(word))
                            .as("projection %s", word)
                            .doesNotThrowAnyException()));
  }

  @Test
  void removeIsAGrammarKeywordButNotAReservedWord() throws IOException {
    assertThat(reservedWords()).doesNotContain("REMOVE");
    assertThat(projectionError("remove"))
        .isEqualTo(
            "Invalid ProjectionExpression: Syntax error; token: \"remove\", near: \"remove\"");
  }

  private static String expected(String word, String written) {
    if (GRAMMAR_KEYWORDS.contains(word)) {
      return "Invalid ProjectionExpression: Syntax error; token: \""
          + written
          + "\", near: \""
          + written
          + "\"";
    }
    if (ACCEPTED_BY_DYNAMODB_LOCAL.contains(word)) {
      return null;
    }
    return "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        + written;
  }

  private static void assertProjection(String projection, String expectedError) {
    if (expectedError == null) {
      assertThatCode(() -> getItem(projection)).doesNotThrowAnyException();
    } else {
      assertThat(projectionError(projection)).isEqualTo(expectedError);
    }
  }

  private static String projectionError(String projection) {
    try {
      getItem(projection);
    } catch (DynamoDbException e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      return e.awsErrorDetails().errorMessage();
    }
    throw new AssertionError("accepted: " + projection);
  }

  private static void getItem(String projection) {
    DynamoDbLocal.client()
        .getItem(
            b -> b.tableName(DynamoDbLocal.HASH_TABLE).key(KEY).projectionExpression(projection));
  }

  static List<String> reservedWords() throws IOException {
    List<String> words = new ArrayList<>();
    try (InputStream in = ReservedWordsOnDynamoDbLocalTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word);
        }
      }
    }
    return words;
  }
}
