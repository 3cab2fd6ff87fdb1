package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * ExecuteStatement on the engine, in-process and over HTTP, and on DynamoDB Local: a corpus of
 * statements ({@code partiql/statements.txt}) run in order against the same tables, with the same
 * items and the same errors, word for word, but for the differences docs/compatibility.md lists,
 * which are asserted as such.
 */
class PartiqlTest {
  private static final AmazonDynamoDBLocal LOCAL = DynamoDBEmbedded.create(true);
  private static final DynakitEngine ENGINE = DynakitEngine.inMemory();
  private static final DynakitEngine HTTP_ENGINE = DynakitEngine.inMemory();

  @AfterAll
  static void stop() {
    LOCAL.shutdownNow();
    ENGINE.close();
    HTTP_ENGINE.close();
  }

  static void createTables(DynamoDbClient ddb) {
    ddb.createTable(
        b ->
            b.tableName("tbl")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType(ScalarAttributeType.S),
                    d -> d.attributeName("sk").attributeType(ScalarAttributeType.N),
                    d -> d.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("idx")
                            .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
  }

  /** The request a corpus line stands for. */
  static ExecuteStatementRequest request(String line) {
    String[] parts = line.split(" ;; ");
    String statement = parts[0].trim();
    ExecuteStatementRequest.Builder request = ExecuteStatementRequest.builder();
    if (statement.endsWith("LIMIT2")) {
      statement = statement.substring(0, statement.length() - "LIMIT2".length()).trim();
      request.limit(2);
    }
    List<AttributeValue> parameters = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("N:")) {
        parameters.add(AttributeValue.fromN(parameter.substring(2)));
      } else if (parameter.startsWith("L:")) {
        parameters.add(AttributeValue.fromL(List.of(AttributeValue.fromS(parameter.substring(2)))));
      } else {
        parameters.add(AttributeValue.fromS(parameter));
      }
    }
    if (!parameters.isEmpty()) {
      request.parameters(parameters);
    }
    return request.statement(statement).build();
  }

  /** The items a statement answers (and whether it has a next page), or its error. */
  static Object outcome(DynamoDbClient ddb, ExecuteStatementRequest request) {
    try {
      ExecuteStatementResponse response = ddb.executeStatement(request);
      return List.of(response.items(), response.nextToken() != null);
    } catch (DynamoDbException e) {
      return List.of(
          e.getClass().getSimpleName(),
          e.awsErrorDetails().errorCode(),
          e.awsErrorDetails().errorMessage());
    } catch (RuntimeException e) {
      // DynamoDB Local fails on some statements with an exception of its own
      return List.of("failed", e.getClass().getSimpleName());
    }
  }

  static List<String> corpus() throws IOException {
    try (InputStream in = PartiqlTest.class.getResourceAsStream("/partiql/statements.txt")) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
      return lines;
    }
  }

  /** Every statement's outcome, in order, on a fresh set of tables. */
  static Map<String, Object> run(DynamoDbClient ddb, List<String> corpus) {
    createTables(ddb);
    Map<String, Object> outcomes = new LinkedHashMap<>();
    for (String line : corpus) {
      outcomes.put(line, outcome(ddb, request(line)));
    }
    return outcomes;
  }

  /**
   * The differences docs/compatibility.md lists, by statement: the engine's outcome, which DynamoDB
   * Local's is not.
   */
  private static Map<String, Object> differences() {
    Map<String, Object> differences = new LinkedHashMap<>();
    // DynamoDB Local fails with an IndexOutOfBoundsException on a comparison of two attributes
    differences.put("SELECT * FROM tbl WHERE n < sk", List.of(List.of(), false));
    // DynamoDB Local's in-process client codes the error DuplicateItem
    differences.put(
        "INSERT INTO tbl VALUE {'pk': 'a', 'sk': 1}",
        List.of(
            "DuplicateItemException",
            "DuplicateItemException",
            "Duplicate primary key exists in table"));
    // the paths in the order the statement names them
    differences.put("SELECT m.k, m FROM tbl WHERE pk = 'a' AND sk = 1", overlap("[m, k]", "[m]"));
    differences.put(
        "SELECT l[0], l FROM tbl WHERE pk = 'a' AND sk = 1", overlap("[l, [0]]", "[l]"));
    // DynamoDB Local returns nothing for a list element set past the list's end
    differences.put(
        "UPDATE tbl SET l[5] = 9 WHERE pk = 'a' AND sk = 1 RETURNING MODIFIED NEW *",
        List.of(
            List.of(Map.of("l", AttributeValue.fromL(List.of(n("1"), n("2"), n("3"), n("9"))))),
            false));
    return differences;
  }

  private static List<String> overlap(String one, String two) {
    return List.of(
        "DynamoDbException",
        "ValidationException",
        "Two document paths overlap with each other; must remove or rewrite one of these paths;"
            + " path one: "
            + one
            + ", path two: "
            + two);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  @Test
  void everyStatementOfTheCorpusIsAnsweredAsDynamoDbLocalAnswersIt() throws IOException {
    List<String> corpus = corpus();
    Map<String, Object> reference = run(LOCAL.dynamoDbClient(), corpus);
    Map<String, Object> engine = run(ENGINE.client(), corpus);
    Map<String, Object> http = run(Targets.overHttp(HTTP_ENGINE), corpus);
    assertThat(http).isEqualTo(engine);
    Map<String, Object> differences = differences();
    assertThat(corpus).containsAll(differences.keySet());
    List<String> unexplained = new ArrayList<>();
    for (String line : corpus) {
      Object expected = reference.get(line);
      Object actual = engine.get(line);
      if (differences.containsKey(line)) {
        assertThat(actual).as(line).isEqualTo(differences.get(line));
        assertThat(expected).as(line).isNotEqualTo(actual);
        continue;
      }
      if (expected.equals(actual)) {
        continue;
      }
      unexplained.add(line + "\n  Local:  " + expected + "\n  engine: " + actual);
    }
    assertThat(unexplained).isEmpty();
  }
}
