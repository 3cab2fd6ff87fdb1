package dev.dynakit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3, the AWS SDK for Python, runs a whole scenario against the server ({@code
 * src/test/resources/interop/boto3_scenario.py}): a table with a global index and the {@code
 * table_exists} waiter, item reads and writes, queries on the table and the index, batches,
 * transactions, and DynamoDB's errors as botocore's {@code ClientError}s. Skipped where python3 or
 * boto3 is not installed.
 */
class Boto3InteropTest {
  @Test
  void aBoto3ScenarioRunsAsOnDynamoDb(@TempDir Path scratch) throws Exception {
    Assumptions.assumeTrue(
        Processes.works(List.of("python3", "--version")), "python3 is not installed");
    Assumptions.assumeTrue(
        Processes.works(List.of("python3", "-c", "import boto3")), "boto3 is not installed");
    Path script = Processes.resource("interop/boto3_scenario.py", scratch);
    try (DynakitServer server = DynakitServer.builder().port(0).build().start()) {
      Processes.Result result =
          Processes.run(
              List.of("python3", script.toString(), server.endpoint().toString()),
              Processes.clientEnvironment(scratch));
      assertThat(result.exitCode()).as(result.err()).isZero();
      JsonNode out = new ObjectMapper().readTree(result.out());
      assertThat(out.get("createdIndexes").toString()).isEqualTo("[\"byStatus\"]");
      assertThat(out.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(out.get("got").asText()).isEqualTo("25");
      assertThat(out.get("queried").toString()).isEqualTo("[\"o1\",\"o2\"]");
      assertThat(out.get("open").toString()).isEqualTo("[\"o1\",\"o3\"]");
      assertThat(out.get("scanned").asInt()).isEqualTo(3);
      assertThat(out.get("updated").asText()).isEqualTo("15");
      assertThat(out.get("conditional").asText()).isEqualTo("ConditionalCheckFailedException");
      assertThat(out.get("conditionalStatus").asInt()).isEqualTo(400);
      assertThat(out.get("unprocessed").asInt()).isZero();
      assertThat(out.get("batchGot").toString()).isEqualTo("[\"o10\",\"o34\"]");
      assertThat(out.get("cancelled").asText()).isEqualTo("TransactionCanceledException");
      assertThat(out.get("reasons").toString()).isEqualTo("[\"None\",\"ConditionalCheckFailed\"]");
      assertThat(out.get("transactGot").toString()).isEqualTo("[\"open\",\"shipped\",null]");
      assertThat(out.get("selected").toString()).isEqualTo("[\"o1\",\"o2\"]");
      assertThat(out.get("duplicate").asText()).isEqualTo("DuplicateItemException");
      assertThat(out.get("batchStatements").toString()).isEqualTo("[\"open\",null]");
      assertThat(out.get("deleted").asText()).isEqualTo("o2");
      assertThat(out.get("finalCount").asInt()).isEqualTo(3 + 25 + 1 - 1);
      assertThat(out.get("tablesAfter").toString()).isEqualTo("[]");
    }
  }
}
