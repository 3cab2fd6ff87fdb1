package dev.dynakit.client.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.credentials.Credentials;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.policy.Policy;
import dev.dynakit.engine.DynakitEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;

/** The control-plane verbs through the adapter, on the engine. */
class ControlVerbsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final List<String> clientTokens = new ArrayList<>();

  @AfterEach
  void close() {
    engine.close();
  }

  private Dynakit adapter(Policy policy) {
    return Dynakit.builder()
        .environment(Map.of())
        .endpoint("http://localhost:8000")
        .credentials(Credentials.anonymous())
        .httpClient(engine.httpClient())
        .policy(policy)
        .addInterceptor(
            new ExecutionInterceptor() {
              @Override
              public void beforeExecution(
                  Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ImportTableRequest) {
                  clientTokens.add(((ImportTableRequest) context.request()).clientToken());
                }
              }
            })
        .build();
  }

  private void table(String name) {
    engine
        .client()
        .createTable(
            b ->
                b.tableName(name)
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void backupsAreMadeListedRestoredAndDeletedWithSnakeCaseOrApiNames() {
    table("orders");
    try (Dynakit dynakit = adapter(Policy.builder().allowWrite(true).build())) {
      Map<String, Object> created =
          dynakit.call("create_backup", Map.of("table_name", "orders", "backup_name", "nightly"));
      Map<String, Object> details = (Map<String, Object>) created.get("BackupDetails");
      assertThat(details)
          .containsEntry("BackupName", "nightly")
          .containsEntry("BackupStatus", "AVAILABLE");
      String arn = (String) details.get("BackupArn");
      assertThat(dynakit.call("list_backups", Map.of("TableName", "orders")))
          .extractingByKey("BackupSummaries")
          .asList()
          .hasSize(1);
      Map<String, Object> restored =
          dynakit.call(
              "restore_table_from_backup",
              Map.of(
                  "target_table_name",
                  "orders_copy",
                  "backup_arn",
                  arn,
                  "billing_mode_override",
                  "PROVISIONED",
                  "provisioned_throughput_override",
                  Map.of("read_capacity_units", 4, "WriteCapacityUnits", 2)));
      Map<String, Object> description = (Map<String, Object>) restored.get("TableDescription");
      assertThat(description).containsEntry("TableName", "orders_copy");
      assertThat((Map<String, Object>) description.get("ProvisionedThroughput"))
          .containsEntry("ReadCapacityUnits", 4L)
          .containsEntry("WriteCapacityUnits", 2L);
      assertThat(dynakit.call("describe_backup", Map.of("backup_arn", arn)))
          .containsKeys("BackupDescription");
      assertThat(
              (Map<String, Object>)
                  ((Map<String, Object>)
                          dynakit
                              .call("delete_backup", Map.of("backup_arn", arn))
                              .get("BackupDescription"))
                      .get("BackupDetails"))
          .containsEntry("BackupStatus", "DELETED");
      assertThat(dynakit.call("list_backups", Map.of()))
          .isEqualTo(Map.of("BackupSummaries", List.of()));
    }
  }

  @Test
  void mutationsNeedAllowWriteAndEveryTableMustBeAllowed() {
    table("orders");
    try (Dynakit readOnly = adapter(Policy.builder().build())) {
      assertThatThrownBy(
              () ->
                  readOnly.call(
                      "create_backup", Map.of("table_name", "orders", "backup_name", "nightly")))
          .isInstanceOfSatisfying(
              PolicyViolationException.class,
              e -> assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.WRITE_NOT_ALLOWED));
      assertThat(readOnly.call("list_backups", Map.of())).isNotNull();
      assertThat(readOnly.call("describe_time_to_live", Map.of("table_name", "orders")))
          .containsKey("TimeToLiveDescription");
    }
    try (Dynakit ordersOnly =
        adapter(Policy.builder().allowWrite(true).allowTables("orders").build())) {
      String arn =
          (String)
              ((Map<?, ?>)
                      ordersOnly
                          .call(
                              "create_backup",
                              Map.of("table_name", "orders", "backup_name", "nightly"))
                          .get("BackupDetails"))
                  .get("BackupArn");
      assertThatThrownBy(
              () ->
                  ordersOnly.call(
                      "restore_table_from_backup",
                      Map.of("target_table_name", "elsewhere", "backup_arn", arn)))
          .isInstanceOfSatisfying(
              PolicyViolationException.class,
              e -> assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED));
    }
  }

  @Test
  void aClientTokenLeftOutIsFilledIn() {
    try (Dynakit dynakit = adapter(Policy.builder().allowWrite(true).build())) {
      Map<String, Object> args =
          Map.of(
              "s3_bucket_source", Map.of("s3_bucket", "exports"),
              "input_format", "DYNAMODB_JSON",
              "table_creation_parameters",
                  Map.of(
                      "table_name",
                      "imported",
                      "attribute_definitions",
                      List.of(Map.of("attribute_name", "id", "attribute_type", "S")),
                      "key_schema",
                      List.of(Map.of("attribute_name", "id", "key_type", "HASH")),
                      "billing_mode",
                      "PAY_PER_REQUEST"));
      // The engine has no bucket of that name: the call fails there, after the token was sent.
      assertThatThrownBy(() -> dynakit.call("import_table", args))
          .isInstanceOf(RequestValidationException.class)
          .hasMessageContaining("S3 bucket exports does not exist");
      assertThat(clientTokens).hasSize(1);
      assertThat(clientTokens.get(0)).matches("[0-9a-f-]{36}");
    }
  }

  private static void refused(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RequestValidationException.class,
            e -> assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT))
        .hasMessage(message);
  }

  @Test
  void badArgumentsAreRefusedNamingTheMember() {
    try (Dynakit dynakit = adapter(Policy.builder().allowWrite(true).build())) {
      refused(
          () -> dynakit.call("create_backup", Map.of("table", "orders")),
          "verb 'create_backup': argument 'table' is not an argument of this verb (expected one"
              + " of [BackupName, TableName, backup_name, table_name, typed])");
      refused(
          () -> dynakit.call("create_backup", Map.of("table_name", 7)),
          "verb 'create_backup': argument 'table_name' must be a string");
      refused(
          () ->
              dynakit.call(
                  "restore_table_from_backup",
                  Map.of(
                      "target_table_name",
                      "x1y",
                      "provisioned_throughput_override",
                      Map.of("read_capacity_units", 1.5))),
          "verb 'restore_table_from_backup': argument"
              + " 'provisioned_throughput_override.read_capacity_units' must be a whole number");
      refused(
          () ->
              dynakit.call(
                  "restore_table_from_backup",
                  Map.of("provisioned_throughput_override", Map.of("reads", 1))),
          "verb 'restore_table_from_backup': argument 'provisioned_throughput_override.reads' is"
              + " not a member of the request (expected one of [read_capacity_units,"
              + " write_capacity_units])");
      refused(
          () -> dynakit.call("list_backups", Map.of("time_range_lower_bound", "yesterday")),
          "verb 'list_backups': argument 'time_range_lower_bound' must be an ISO-8601 time or"
              + " epoch seconds");
      refused(
          () -> dynakit.call("list_backups", Map.of("limit", 1L << 40)),
          "verb 'list_backups': argument 'limit' is out of range");
      refused(
          () -> dynakit.call("tag_resource", Map.of("tags", "x")),
          "verb 'tag_resource': argument 'tags' must be a list");
    }
  }

  @Test
  void verbNamesAreTheOperationsInSnakeCase() {
    assertThat(ControlVerbs.snake("RestoreTableFromBackup")).isEqualTo("restore_table_from_backup");
    assertThat(ControlVerbs.snake("SSESpecificationOverride"))
        .isEqualTo("sse_specification_override");
    assertThat(ControlVerbs.snake("S3BucketSource")).isEqualTo("s3_bucket_source");
    assertThat(ControlVerbs.snake("TableName")).isEqualTo("table_name");
  }
}
