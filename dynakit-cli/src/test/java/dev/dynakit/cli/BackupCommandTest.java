package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BackupCommandTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @BeforeEach
  void table() {
    Run created = dynakit.run("create-table", "Orders", "--pk", "id:S", "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    engine
        .client()
        .putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private static JsonNode json(Run run) throws Exception {
    assertThat(run.exitCode).as(run.toString()).isZero();
    return new ObjectMapper().readTree(run.out);
  }

  @Test
  void aBackupIsMadeListedRestoredAndDeleted() throws Exception {
    Run refused = dynakit.run("backup", "create", "Orders");
    assertThat(refused.exitCode).isEqualTo(4);
    JsonNode created = json(dynakit.run("backup", "create", "Orders", "--allow-write"));
    String arn = created.at("/BackupDetails/BackupArn").asText();
    assertThat(created.at("/BackupDetails/BackupName").asText()).matches("Orders-\\d{8}-\\d{6}");
    json(dynakit.run("backup", "create", "Orders", "--name", "second", "--allow-write"));
    assertThat(json(dynakit.run("backup", "list", "Orders")).at("/BackupSummaries").size())
        .isEqualTo(2);
    assertThat(json(dynakit.run("backup", "list")).at("/BackupSummaries").size()).isEqualTo(2);
    assertThat(
            json(dynakit.run("backup", "describe", arn))
                .at("/BackupDescription/SourceTableDetails/ItemCount")
                .asLong())
        .isEqualTo(1);
    JsonNode restored =
        json(dynakit.run("backup", "restore", arn, "--to", "OrdersCopy", "--allow-write"));
    assertThat(restored.at("/TableDescription/TableName").asText()).isEqualTo("OrdersCopy");
    assertThat(restored.at("/TableDescription/RestoreSummary/SourceBackupArn").asText())
        .isEqualTo(arn);
    assertThat(json(dynakit.run("count", "OrdersCopy")).at("/count").asLong()).isEqualTo(1);
    assertThat(
            json(dynakit.run("backup", "delete", arn, "--allow-write"))
                .at("/BackupDescription/BackupDetails/BackupStatus")
                .asText())
        .isEqualTo("DELETED");
    Run gone = dynakit.run("backup", "describe", arn);
    assertThat(gone.exitCode).isEqualTo(5);
    assertThat(dynakit.run("backup").out).contains("restore");
  }

  @Test
  void aTableExportsToABucketAndImportsBack(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path bucket) throws Exception {
    try (DynakitEngine withBucket = DynakitEngine.builder().s3Bucket("exports", bucket).build()) {
      Run.Cli cli = Run.cli().on(withBucket);
      assertThat(cli.run("create-table", "Orders", "--pk", "id:S", "--allow-write").exitCode)
          .isZero();
      withBucket
          .client()
          .putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
      Run readOnly = cli.run("backup", "export", "Orders", "--bucket", "exports");
      assertThat(readOnly.exitCode).isEqualTo(4);
      Run refused = cli.run("backup", "export", "Orders", "--bucket", "exports", "--allow-write");
      assertThat(refused.exitCode).as(refused.toString()).isNotZero();
      assertThat(refused.err).contains("Point in time recovery is not enabled");
      json(
          cli.run(
              "update-continuous-backups",
              "--allow-write",
              "--args",
              "{\"table_name\":\"Orders\",\"point_in_time_recovery_specification\":"
                  + "{\"point_in_time_recovery_enabled\":true}}"));
      JsonNode export =
          json(
              cli.run(
                  "backup",
                  "export",
                  "Orders",
                  "--bucket",
                  "exports",
                  "--prefix",
                  "nightly",
                  "--allow-write"));
      assertThat(export.at("/ExportDescription/ExportStatus").asText()).isEqualTo("COMPLETED");
      String manifest = export.at("/ExportDescription/ExportManifest").asText();
      String data = manifest.substring(0, manifest.lastIndexOf('/')) + "/data/";
      JsonNode imported =
          json(
              cli.run(
                  "backup",
                  "import",
                  "--bucket",
                  "exports",
                  "--prefix",
                  data,
                  "--table",
                  "OrdersBack",
                  "--pk",
                  "id:S",
                  "--gzip",
                  "--allow-write"));
      assertThat(imported.at("/ImportTableDescription/ImportedItemCount").asLong()).isEqualTo(1);
      Run badFormat =
          cli.run(
              "backup",
              "import",
              "--bucket",
              "exports",
              "--table",
              "X1",
              "--pk",
              "id:S",
              "--format",
              "ion");
      assertThat(badFormat.exitCode).isEqualTo(2);
      assertThat(badFormat.err).contains("--format 'ion': expected dynamodb_json or csv");
      Run badTime =
          cli.run("backup", "export", "Orders", "--bucket", "exports", "--at", "yesterday");
      assertThat(badTime.err).contains("--at 'yesterday': expected an ISO-8601 time");
    }
  }

  @Test
  void badOptionsAreUsageErrorsAndVerbsAreCommandsToo() {
    Run billing = dynakit.run("backup", "restore", "arn", "--to", "X", "--billing", "free");
    assertThat(billing.exitCode).isEqualTo(2);
    assertThat(billing.err).contains("--billing 'free': expected on-demand or provisioned");
    Run verb = dynakit.run("list-backups", "--args", "{\"table_name\": \"Orders\"}");
    assertThat(verb.exitCode).as(verb.toString()).isZero();
    assertThat(verb.out).isEqualTo("{\"BackupSummaries\":[]}\n");
  }
}
