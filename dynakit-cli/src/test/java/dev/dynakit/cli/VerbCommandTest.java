package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class VerbCommandTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @BeforeEach
  void table() {
    Run created =
        dynakit.run("create-table", "Orders", "--pk", "id:S", "--allow-write", "--output", "table");
    assertThat(created.exitCode).as(created.toString()).isZero();
    for (String id : new String[] {"o-1", "o-2", "o-3"}) {
      engine
          .client()
          .putItem(
              b ->
                  b.tableName("Orders")
                      .item(
                          Map.of(
                              "id",
                              AttributeValue.fromS(id),
                              "total",
                              AttributeValue.fromN("12.50"))));
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void batchGetIsAcceptedWithADashOrAnUnderscore() {
    String args = "{\"requests\":{\"Orders\":{\"keys\":[{\"id\":\"o-1\"},{\"id\":\"nope\"}]}}}";
    Run underscore = dynakit.run("batch_get", "--args", args);
    Run dash = dynakit.run("batch-get", "--args", args);
    assertThat(underscore.exitCode).as(underscore.toString()).isZero();
    assertThat(underscore.out)
        .isEqualTo(
            "{\"responses\":{\"Orders\":[{\"id\":\"o-1\",\"total\":12.5}]},\"unprocessed_keys\":{}}\n");
    assertThat(dash.out).isEqualTo(underscore.out);
  }

  @Test
  void argumentsComeFromAFile(@TempDir Path directory) throws Exception {
    Files.writeString(
        directory.resolve("args.json"), "{\"table\": \"Orders\",\n \"key\": {\"id\": \"o-2\"}}");
    Run get = dynakit.directory(directory).run("get", "--args", "@args.json");
    assertThat(get.out).isEqualTo("{\"item\":{\"id\":\"o-2\",\"total\":12.5}}\n");
  }

  @Test
  void aMissingArgumentsFileIsNamed(@TempDir Path directory) {
    Run get = dynakit.directory(directory).run("get", "--args", "@missing.json");
    assertThat(get.exitCode).isEqualTo(2);
    assertThat(get.err)
        .isEqualTo("dynakit: --args: file not found: missing.json (see 'dynakit get --help')\n");
  }

  @Test
  void argumentsComeFromStandardInput() {
    Run scan =
        dynakit.stdin("{\"table\": \"Orders\", \"select\": \"COUNT\"}").run("scan", "--args", "-");
    assertThat(scan.out).isEqualTo("{\"count\":3,\"items\":[]}\n");
  }

  @Test
  void badJsonIsPointedAtByLineAndColumn() {
    Run get = dynakit.run("get", "--args", "{\"table\": \"Orders\",\n  \"key\": {\"id\" \"o-1\"}}");
    assertThat(get.exitCode).isEqualTo(2);
    assertThat(get.err)
        .startsWith("dynakit: --args: not valid JSON at line 2, column 16: Unexpected character")
        .doesNotContain("Source");
    assertThat(get.err.lines()).hasSize(1);
  }

  @Test
  void argumentsMustBeAnObject() {
    Run get = dynakit.run("get", "--args", "[1, 2]");
    assertThat(get.exitCode).isEqualTo(2);
    assertThat(get.err).contains("--args: expected a JSON object {...}, got an array");
    assertThat(dynakit.run("get", "--args", " ").err).contains("--args: empty");
  }

  @Test
  void aWrongArgumentIsAValidationErrorNamingIt() {
    Run get = dynakit.run("get", "--args", "{\"tabel\": \"Orders\"}");
    assertThat(get.exitCode).isEqualTo(8);
    assertThat(get.err)
        .startsWith("dynakit: verb 'get': argument 'tabel' is not an argument of this verb");
  }

  @Test
  void aMissingTableIsNotFound() {
    Run get = dynakit.run("get", "--args", "{\"table\": \"Nope\", \"key\": {\"id\": \"x\"}}");
    assertThat(get.exitCode).isEqualTo(5);
    assertThat(get.err).contains("ResourceNotFoundException").contains("dynakit tables");
  }

  @Test
  void aFailedConditionExitsWithItsOwnCode() {
    Run put =
        dynakit.run(
            "put",
            "--allow-write",
            "--args",
            "{\"table\": \"Orders\", \"item\": {\"id\": \"o-1\"}, \"condition\":"
                + " \"attribute_not_exists(id)\"}");
    assertThat(put.exitCode).isEqualTo(6);
    assertThat(put.err).contains("The conditional request failed");
  }

  @Test
  void aCancelledTransactionPrintsItsReasonsAndExitsSeven() {
    Run write =
        dynakit.run(
            "transact-write",
            "--allow-write",
            "--args",
            "{\"items\": [{\"put\": {\"table\": \"Orders\", \"item\": {\"id\": \"o-1\"},"
                + " \"condition\": \"attribute_not_exists(id)\"}}]}");
    assertThat(write.exitCode).isEqualTo(7);
    assertThat(write.out)
        .startsWith("{\"ok\":false,\"results\":[{\"code\":\"ConditionalCheckFailed\"");
  }

  @Test
  void everyAdapterVerbIsACommand() {
    assertThat(ok(dynakit.run("list_tables"))).isEqualTo("{\"table_names\":[\"Orders\"]}\n");
    assertThat(dynakit.run("list-tables", "--args", "{\"limit\": 5}").exitCode).isZero();
    assertThat(ok(dynakit.run("describe-table", "--args", "{\"table\": \"Orders\"}")))
        .contains("\"ItemCount\":3");
    assertThat(
            ok(
                dynakit.run(
                    "update",
                    "--allow-write",
                    "--args",
                    "{\"table\": \"Orders\", \"key\": {\"id\": \"o-1\"}, \"update\": \"SET #t ="
                        + " #t + :d\", \"names\": {\"#t\": \"total\"}, \"values\": {\":d\": 0.5}, \"return_values\":"
                        + " \"UPDATED_NEW\"}")))
        .isEqualTo("{\"attributes\":{\"total\":13}}\n");
    assertThat(
            ok(
                dynakit.run(
                    "query",
                    "--args",
                    "{\"table\": \"Orders\", \"key_condition\": \"id = :id\", \"values\": {\":id\":"
                        + " \"o-3\"}}")))
        .isEqualTo("{\"count\":1,\"items\":[{\"id\":\"o-3\",\"total\":12.5}]}\n");
    assertThat(
            ok(
                dynakit.run(
                    "batch_write",
                    "--allow-write",
                    "--args",
                    "{\"requests\": {\"Orders\": [{\"delete\": {\"id\": \"o-3\"}}]}}")))
        .isEqualTo("{\"unprocessed_items\":{}}\n");
    assertThat(
            ok(
                dynakit.run(
                    "transact_get",
                    "--args",
                    "{\"items\": [{\"table\": \"Orders\", \"key\": {\"id\": \"o-3\"}}]}")))
        .isEqualTo("{\"ok\":true,\"results\":[{}]}\n");
    assertThat(
            ok(
                dynakit.run(
                    "delete",
                    "--allow-write",
                    "--args",
                    "{\"table\": \"Orders\", \"key\": {\"id\": \"o-2\"}, \"return_values\":"
                        + " \"ALL_OLD\"}")))
        .isEqualTo("{\"attributes\":{\"id\":\"o-2\",\"total\":12.5}}\n");
  }

  private static String ok(Run run) {
    assertThat(run.exitCode).as(run.toString()).isZero();
    return run.out;
  }

  @Test
  void tableOutputShowsItemsAsRows() {
    Run scan = dynakit.run("scan", "--args", "{\"table\": \"Orders\"}", "--output", "table");
    assertThat(scan.out.lines())
        .containsExactlyInAnyOrder(
            "id   total", "---  -----", "o-1  12.5", "o-2  12.5", "o-3  12.5", "(3 rows)");
    Run limited =
        dynakit.run("scan", "--args", "{\"table\": \"Orders\", \"limit\": 1}", "--output", "table");
    assertThat(limited.out).contains("(1 row; more after last_evaluated_key {\"id\":");
    Run missing =
        dynakit.run(
            "get",
            "--args",
            "{\"table\": \"Orders\", \"key\": {\"id\": \"x\"}}",
            "--output",
            "table");
    assertThat(missing.out).isEqualTo("{}\n");
    assertThat(dynakit.run("tables", "--output", "TABLE").out)
        .isEqualTo("table\n------\nOrders\n(1 row)\n");
  }
}
