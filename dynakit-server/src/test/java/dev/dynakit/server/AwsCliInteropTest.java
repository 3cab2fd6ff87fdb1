package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI ({@code aws dynamodb ... --endpoint-url}) runs a scenario against the server: a table
 * with a global index and the {@code table-exists} waiter, item reads and writes, queries, a scan,
 * batches, transactions and a failed condition, each output parsed as the JSON it prints. Skipped
 * where the AWS CLI is not installed.
 */
class AwsCliInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynakitServer server;
  @TempDir static Path scratch;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        Processes.works(List.of("aws", "--version")), "the AWS CLI is not installed");
    server = DynakitServer.builder().port(0).build().start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Processes.Result call(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws", "dynamodb"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--output", "json"));
    return Processes.run(command, Processes.clientEnvironment(scratch));
  }

  /** Runs a command that must succeed; answers the JSON it printed ({} for none). */
  private static JsonNode aws(String... args) throws Exception {
    Processes.Result result = call(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
  }

  private static String item(String customer, String order, String status, int total) {
    return "{\"customer\":{\"S\":\""
        + customer
        + "\"},\"order\":{\"S\":\""
        + order
        + "\"},\"status\":{\"S\":\""
        + status
        + "\"},\"total\":{\"N\":\""
        + total
        + "\"}}";
  }

  @Test
  void anAwsCliScenarioRunsAsOnDynamoDb() throws Exception {
    JsonNode created =
        aws(
            "create-table",
            "--table-name",
            "orders",
            "--attribute-definitions",
            "AttributeName=customer,AttributeType=S",
            "AttributeName=order,AttributeType=S",
            "AttributeName=status,AttributeType=S",
            "--key-schema",
            "AttributeName=customer,KeyType=HASH",
            "AttributeName=order,KeyType=RANGE",
            "--global-secondary-indexes",
            "[{\"IndexName\":\"byStatus\",\"KeySchema\":[{\"AttributeName\":\"status\","
                + "\"KeyType\":\"HASH\"},{\"AttributeName\":\"order\",\"KeyType\":\"RANGE\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]",
            "--billing-mode",
            "PAY_PER_REQUEST");
    assertThat(created.at("/TableDescription/TableName").asText()).isEqualTo("orders");
    assertThat(created.at("/TableDescription/GlobalSecondaryIndexes/0/IndexName").asText())
        .isEqualTo("byStatus");

    assertThat(call("wait", "table-exists", "--table-name", "orders").exitCode()).isZero();
    assertThat(aws("list-tables").get("TableNames").toString()).isEqualTo("[\"orders\"]");

    aws("put-item", "--table-name", "orders", "--item", item("ann", "o1", "open", 10));
    aws("put-item", "--table-name", "orders", "--item", item("ann", "o2", "shipped", 25));
    aws("put-item", "--table-name", "orders", "--item", item("bob", "o3", "open", 7));

    String annO2 = "{\"customer\":{\"S\":\"ann\"},\"order\":{\"S\":\"o2\"}}";
    assertThat(
            aws("get-item", "--table-name", "orders", "--key", annO2).at("/Item/total/N").asText())
        .isEqualTo("25");

    JsonNode queried =
        aws(
            "query",
            "--table-name",
            "orders",
            "--key-condition-expression",
            "customer = :c",
            "--expression-attribute-values",
            "{\":c\":{\"S\":\"ann\"}}");
    assertThat(queried.get("Count").asInt()).isEqualTo(2);
    assertThat(queried.at("/Items/1/order/S").asText()).isEqualTo("o2");

    JsonNode open =
        aws(
            "query",
            "--table-name",
            "orders",
            "--index-name",
            "byStatus",
            "--key-condition-expression",
            "#s = :s",
            "--expression-attribute-names",
            "{\"#s\":\"status\"}",
            "--expression-attribute-values",
            "{\":s\":{\"S\":\"open\"}}");
    assertThat(open.get("Count").asInt()).isEqualTo(2);

    assertThat(aws("scan", "--table-name", "orders").get("Count").asInt()).isEqualTo(3);

    JsonNode updated =
        aws(
            "update-item",
            "--table-name",
            "orders",
            "--key",
            "{\"customer\":{\"S\":\"ann\"},\"order\":{\"S\":\"o1\"}}",
            "--update-expression",
            "SET #t = #t + :d",
            "--expression-attribute-names",
            "{\"#t\":\"total\"}",
            "--expression-attribute-values",
            "{\":d\":{\"N\":\"5\"}}",
            "--return-values",
            "ALL_NEW");
    assertThat(updated.at("/Attributes/total/N").asText()).isEqualTo("15");

    Processes.Result refused =
        call(
            "put-item",
            "--table-name",
            "orders",
            "--item",
            item("ann", "o1", "open", 1),
            "--condition-expression",
            "attribute_not_exists(customer)");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err())
        .contains("ConditionalCheckFailedException", "The conditional request failed");

    StringBuilder puts = new StringBuilder("{\"orders\":[");
    for (int n = 10; n < 35; n++) {
      puts.append(n == 10 ? "" : ",")
          .append("{\"PutRequest\":{\"Item\":")
          .append(item("cat", "o" + n, "open", n))
          .append("}}");
    }
    puts.append("]}");
    assertThat(
            aws("batch-write-item", "--request-items", puts.toString())
                .get("UnprocessedItems")
                .size())
        .isZero();
    JsonNode batch =
        aws(
            "batch-get-item",
            "--request-items",
            "{\"orders\":{\"Keys\":[{\"customer\":{\"S\":\"cat\"},\"order\":{\"S\":\"o10\"}},"
                + "{\"customer\":{\"S\":\"cat\"},\"order\":{\"S\":\"o34\"}}]}}");
    assertThat(batch.at("/Responses/orders").size()).isEqualTo(2);

    aws(
        "transact-write-items",
        "--transact-items",
        "[{\"Put\":{\"TableName\":\"orders\",\"Item\":"
            + item("dan", "o50", "open", 50)
            + "}},"
            + "{\"Update\":{\"TableName\":\"orders\",\"Key\":{\"customer\":{\"S\":\"bob\"},"
            + "\"order\":{\"S\":\"o3\"}},\"UpdateExpression\":\"SET #s = :s\","
            + "\"ExpressionAttributeNames\":{\"#s\":\"status\"},"
            + "\"ExpressionAttributeValues\":{\":s\":{\"S\":\"shipped\"}}}}]");
    JsonNode transact =
        aws(
            "transact-get-items",
            "--transact-items",
            "[{\"Get\":{\"TableName\":\"orders\",\"Key\":{\"customer\":{\"S\":\"dan\"},"
                + "\"order\":{\"S\":\"o50\"}}}},{\"Get\":{\"TableName\":\"orders\","
                + "\"Key\":{\"customer\":{\"S\":\"bob\"},\"order\":{\"S\":\"o3\"}}}}]");
    assertThat(transact.at("/Responses/0/Item/total/N").asText()).isEqualTo("50");
    assertThat(transact.at("/Responses/1/Item/status/S").asText()).isEqualTo("shipped");

    JsonNode deleted =
        aws("delete-item", "--table-name", "orders", "--key", annO2, "--return-values", "ALL_OLD");
    assertThat(deleted.at("/Attributes/order/S").asText()).isEqualTo("o2");
    assertThat(aws("scan", "--table-name", "orders", "--select", "COUNT").get("Count").asInt())
        .isEqualTo(3 + 25 + 1 - 1);

    aws("delete-table", "--table-name", "orders");
    Processes.Result missing = call("describe-table", "--table-name", "orders");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFoundException");
    assertThat(Map.of("tables", aws("list-tables").get("TableNames").size()))
        .containsEntry("tables", 0);
  }
}
