package dev.dynakit.expression.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.expression.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * Each statement of {@code partiql/statements.txt} is read by the parser exactly when DynamoDB
 * Local reads it: refused with DynamoDB's message when Local says it is not well formed, parsed
 * otherwise (Local may then refuse it for other reasons, which are the executor's).
 */
class WellFormedOnDynamoDbLocalTest {
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient reference;

  @BeforeAll
  static void start() {
    local = DynamoDBEmbedded.create(true);
    reference = local.dynamoDbClient();
    reference.createTable(
        b ->
            b.tableName("tbl")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                    d -> d.attributeName("pk").attributeType("S"),
                    d -> d.attributeName("sk").attributeType("N"),
                    d -> d.attributeName("g").attributeType("S"))
                .keySchema(
                    k -> k.attributeName("pk").keyType("HASH"),
                    k -> k.attributeName("sk").keyType("RANGE"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("idx")
                            .keySchema(k -> k.attributeName("g").keyType("HASH"))
                            .projection(p -> p.projectionType("ALL"))));
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  static Stream<String> statements() throws IOException {
    try (InputStream in =
        WellFormedOnDynamoDbLocalTest.class.getResourceAsStream("/partiql/statements.txt")) {
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines.stream();
    }
  }

  private static boolean wellFormedOnLocal(String statement) {
    String refusal = localRefusal(statement);
    return refusal == null || !refusal.startsWith(PartiqlParser.NOT_WELL_FORMED);
  }

  /** DynamoDB Local's refusal of the statement, or null if it runs it. */
  private static String localRefusal(String statement) {
    try {
      reference.executeStatement(b -> b.statement(statement));
      return null;
    } catch (DynamoDbException e) {
      return e.awsErrorDetails().errorMessage();
    }
  }

  @ParameterizedTest
  @MethodSource("statements")
  void parsedExactlyWhenDynamoDbLocalReadsIt(String statement) {
    if (wellFormedOnLocal(statement)) {
      try {
        assertThat(PartiqlParser.parse(statement).table()).isNotBlank();
      } catch (ValidationException e) {
        // read, but refused for what it asks, in DynamoDB Local's words
        assertThat(e).hasMessage(localRefusal(statement));
      }
    } else {
      assertThatThrownBy(() -> PartiqlParser.parse(statement))
          .isInstanceOf(ValidationException.class)
          .hasMessage(PartiqlParser.NOT_WELL_FORMED + statement);
    }
  }

  @org.junit.jupiter.api.Test
  void theCorpusHoldsBothKinds() throws IOException {
    List<String> all = statements().collect(Collectors.toList());
    long wellFormed = all.stream().filter(WellFormedOnDynamoDbLocalTest::wellFormedOnLocal).count();
    assertThat(wellFormed).isBetween(20L, all.size() - 20L);
  }
}
