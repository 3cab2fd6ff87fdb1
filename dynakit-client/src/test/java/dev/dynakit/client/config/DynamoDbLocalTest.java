package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.credentials.Secret;
import dev.dynakit.client.testing.DynamoDbLocalServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/**
 * The adapter's own HTTP client (URL connection, with its connect timeout), SigV4 signing with
 * static keys, and the table prefix's ListTables paging, against Amazon DynamoDB Local over HTTP:
 * how ListTables orders names and starts after ExclusiveStartTableName is DynamoDB's behaviour.
 */
class DynamoDbLocalTest {
  private static DynamoDbLocalServer server;
  private static String endpoint;

  @BeforeAll
  static void start() throws Exception {
    server = DynamoDbLocalServer.start();
    endpoint = server.endpoint();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Dynakit adapter(String prefix) {
    return Dynakit.builder()
        .environment(
            Map.of(
                "DYNAKIT_ENDPOINT",
                endpoint,
                "DYNAKIT_TABLE_PREFIX",
                prefix,
                "DYNAKIT_CONNECT_TIMEOUT",
                "2s",
                "DYNAKIT_ALLOW_WRITE",
                "true"))
        .credentials(Credentials.staticKeys("AKIDLOCAL", Secret.of("SECRET-MARKER-local")))
        .build();
  }

  private static void create(DynamoDbClient sdk, String table) {
    sdk.createTable(
        b ->
            b.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @Test
  void prefixedEnvironmentsShareOneEndpointAndListOnlyTheirTables() throws IOException {
    try (Dynakit dev = adapter("dev_");
        Dynakit test = adapter("test_");
        Dynakit other = adapter("aaa")) {
      for (String table : List.of("a", "b", "c")) {
        create(dev.sdk(), table);
      }
      create(test.sdk(), "a");
      create(other.sdk(), "zz");
      dev.sdk().putItem(b -> b.tableName("b").item(Map.of("id", AttributeValue.fromS("x"))));

      assertThat(test.sdk().listTables().tableNames()).containsExactly("a");
      assertThat(dev.sdk().listTables().tableNames()).containsExactly("a", "b", "c");
      assertThat(dev.sdk().describeTable(b -> b.tableName("b")).table().itemCount()).isEqualTo(1);
      assertThat(test.sdk().describeTable(b -> b.tableName("a")).table().itemCount()).isZero();

      ListTablesResponse page = dev.sdk().listTables(b -> b.limit(2));
      assertThat(page.tableNames()).containsExactly("a", "b");
      assertThat(page.lastEvaluatedTableName()).isEqualTo("b");
      ListTablesResponse last =
          dev.sdk()
              .listTables(b -> b.limit(2).exclusiveStartTableName(page.lastEvaluatedTableName()));
      assertThat(last.tableNames()).containsExactly("c");

      assertThat(dev.sdk().listTablesPaginator(b -> b.limit(1)).tableNames().stream().toList())
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void partiqlStatementsReachThePrefixedTable() {
    // Without the prefix in the statements, DynamoDB Local would answer that "notes" does not
    // exist.
    try (Dynakit qa = adapter("qa_")) {
      create(qa.sdk(), "notes");
      DynamoDbClient sdk = qa.sdk();
      sdk.executeStatement(
          b ->
              b.statement("INSERT INTO \"notes\" VALUE {'id': ?, 'text': 'FROM notes'}")
                  .parameters(AttributeValue.fromS("n1")));
      sdk.executeStatement(b -> b.statement("UPDATE notes SET n = 1 WHERE id = 'n1'"));
      assertThat(
              sdk.executeStatement(b -> b.statement("SELECT * FROM notes WHERE id = 'n1'")).items())
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item).containsEntry("text", AttributeValue.fromS("FROM notes"));
                assertThat(item).containsEntry("n", AttributeValue.fromN("1"));
              });
      sdk.batchExecuteStatement(
          b ->
              b.statements(
                  s -> s.statement("INSERT INTO notes VALUE {'id': 'n2'}"),
                  s -> s.statement("INSERT INTO \"notes\" VALUE {'id': 'n3'}")));
      sdk.executeTransaction(
          b ->
              b.transactStatements(
                  s -> s.statement("DELETE FROM notes WHERE id = 'n1'"),
                  s -> s.statement("INSERT INTO notes VALUE {'id': 'n4'}")));
      assertThat(sdk.scan(b -> b.tableName("notes")).items())
          .extracting(item -> item.get("id").s())
          .containsExactlyInAnyOrder("n2", "n3", "n4");
    }
  }
}
