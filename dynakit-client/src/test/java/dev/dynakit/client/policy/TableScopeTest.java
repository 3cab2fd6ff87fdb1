package dev.dynakit.client.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.partiql.TableArns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ContributorInsightsAction;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExportTableToPointInTimeRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ImportTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ListContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.dynamodb.model.RestoreTableFromBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContributorInsightsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateKinesisStreamingDestinationRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The allow-list reaches every place a request can name a table. */
class TableScopeTest {
  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/";
  private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("1"));

  private final PolicyInterceptor gate =
      new PolicyInterceptor(
          Policy.builder().allowWrite(true).allowTables("orders", "app_*").build());

  private void refusedFor(String table, SdkRequest request) {
    assertThatThrownBy(() -> gate.check(request))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED);
              assertThat(e.context().table()).isEqualTo(table);
              assertThat(e.getMessage())
                  .contains("on table '" + table + "' refused: the table is not on the allow-list")
                  .contains("allow_tables=orders,app_*");
            });
  }

  @Test
  void singleItemRequestsAreCheckedAgainstNamesAndPatterns() {
    gate.check(GetItemRequest.builder().tableName("orders").key(KEY).build());
    gate.check(GetItemRequest.builder().tableName("app_users").key(KEY).build());
    refusedFor("orders_archive", GetItemRequest.builder().tableName("orders_archive").build());
    refusedFor("secrets", GetItemRequest.builder().tableName("secrets").build());
  }

  @Test
  void everyTableOfABatchIsChecked() {
    refusedFor(
        "secrets",
        BatchGetItemRequest.builder()
            .requestItems(Map.of("orders", ka(), "secrets", ka()))
            .build());
    refusedFor(
        "secrets",
        BatchWriteItemRequest.builder()
            .requestItems(
                Map.of(
                    "app_a",
                    List.of(WriteRequest.builder().deleteRequest(d -> d.key(KEY)).build()),
                    "secrets",
                    List.of(WriteRequest.builder().deleteRequest(d -> d.key(KEY)).build())))
            .build());
  }

  private static software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes ka() {
    return software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
        .keys(List.of(KEY))
        .build();
  }

  @Test
  void everyItemOfATransactionIsChecked() {
    refusedFor(
        "secrets",
        TransactGetItemsRequest.builder()
            .transactItems(
                TransactGetItem.builder().get(g -> g.tableName("orders").key(KEY)).build(),
                TransactGetItem.builder().get(g -> g.tableName("secrets").key(KEY)).build())
            .build());
    refusedFor(
        "secrets",
        TransactWriteItemsRequest.builder()
            .transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("orders").item(KEY)).build(),
                TransactWriteItem.builder()
                    .conditionCheck(
                        c ->
                            c.tableName("secrets")
                                .key(KEY)
                                .conditionExpression("attribute_exists(id)"))
                    .build())
            .build());
  }

  @Test
  void everyTableNamedInPartiqlIsChecked() {
    gate.check(
        ExecuteStatementRequest.builder()
            .statement("SELECT * FROM \"orders\" WHERE id = ?")
            .build());
    refusedFor(
        "secrets",
        ExecuteStatementRequest.builder().statement("SELECT * FROM secrets WHERE id = ?").build());
    refusedFor(
        "secrets",
        BatchExecuteStatementRequest.builder()
            .statements(
                BatchStatementRequest.builder().statement("SELECT * FROM orders").build(),
                BatchStatementRequest.builder()
                    .statement("DELETE FROM \"secrets\" WHERE id = 'a'")
                    .build())
            .build());
    refusedFor(
        "secrets",
        ExecuteTransactionRequest.builder()
            .transactStatements(
                ParameterizedStatement.builder()
                    .statement("INSERT INTO \"secrets\" VALUE {'id': 'a'}")
                    .build())
            .build());
  }

  @Test
  void aStatementWhoseTableCannotBeFoundIsRefusedUnderAnAllowList() {
    assertThatThrownBy(
            () -> gate.check(ExecuteStatementRequest.builder().statement("DROP all").build()))
        .isInstanceOfSatisfying(
            PolicyViolationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "ExecuteStatement refused: its table cannot be told from the Statement and a"
                          + " table allow-list is in force");
            });
  }

  @Test
  void tableAndStreamArnsAreMappedToTheirTable() {
    gate.check(TagResourceRequest.builder().resourceArn(ARN + "orders").build());
    refusedFor("secrets", TagResourceRequest.builder().resourceArn(ARN + "secrets").build());
    refusedFor("secrets", ListTagsOfResourceRequest.builder().resourceArn(ARN + "secrets").build());
    refusedFor(
        "secrets",
        DescribeStreamRequest.builder()
            .streamArn(ARN + "secrets/stream/2026-01-01T00:00:00.000")
            .build());
    gate.check(
        GetShardIteratorRequest.builder()
            .streamArn(ARN + "orders/stream/2026-01-01T00:00:00.000")
            .shardId("shard-1")
            .build());
    refusedFor(
        "secrets",
        GetRecordsRequest.builder()
            .shardIterator(ARN + "secrets/stream/2026-01-01T00:00:00.000|1|AAAA")
            .build());
    refusedFor(
        "secrets",
        DescribeBackupRequest.builder().backupArn(ARN + "secrets/backup/01234567890123").build());
    refusedFor(
        "secrets", ExportTableToPointInTimeRequest.builder().tableArn(ARN + "secrets").build());
    refusedFor("secrets", CreateGlobalTableRequest.builder().globalTableName("secrets").build());
  }

  @Test
  void resourcePolicyAndContributorInsightsRequestsAreCheckedAgainstTheirTable() {
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    gate.check(
        PutResourcePolicyRequest.builder().resourceArn(ARN + "orders").policy(policy).build());
    gate.check(
        GetResourcePolicyRequest.builder()
            .resourceArn(ARN + "orders/stream/2026-01-01T00:00:00.000")
            .build());
    refusedFor(
        "secrets",
        PutResourcePolicyRequest.builder().resourceArn(ARN + "secrets").policy(policy).build());
    refusedFor("secrets", GetResourcePolicyRequest.builder().resourceArn(ARN + "secrets").build());
    refusedFor(
        "secrets",
        DeleteResourcePolicyRequest.builder()
            .resourceArn(ARN + "secrets/stream/2026-01-01T00:00:00.000")
            .build());
    gate.check(
        UpdateContributorInsightsRequest.builder()
            .tableName(ARN + "app_users")
            .indexName("byEmail")
            .contributorInsightsAction(ContributorInsightsAction.ENABLE)
            .build());
    refusedFor(
        "secrets",
        UpdateContributorInsightsRequest.builder()
            .tableName("secrets")
            .contributorInsightsAction(ContributorInsightsAction.ENABLE)
            .build());
    refusedFor(
        "secrets", DescribeContributorInsightsRequest.builder().tableName(ARN + "secrets").build());
    refusedFor("secrets", ListContributorInsightsRequest.builder().tableName("secrets").build());
    // Requests naming no table pass, as ListTables does.
    gate.check(ListContributorInsightsRequest.builder().maxResults(10).build());
    gate.check(DescribeLimitsRequest.builder().build());
    gate.check(DescribeEndpointsRequest.builder().build());
  }

  @Test
  void aResourceArnOfNoTableIsRefusedUnderAnAllowList() {
    for (String arn : List.of("secrets", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders")) {
      for (SdkRequest request :
          List.<SdkRequest>of(
              GetResourcePolicyRequest.builder().resourceArn(arn).build(),
              DeleteResourcePolicyRequest.builder().resourceArn(arn).build(),
              TagResourceRequest.builder().resourceArn(arn).build())) {
        assertThatThrownBy(() -> gate.check(request))
            .isInstanceOfSatisfying(
                PolicyViolationException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(PolicyViolationException.Kind.TABLE_NOT_ALLOWED);
                  assertThat(e.getMessage())
                      .endsWith(
                          "refused: its table cannot be told from the ResourceArn and a table"
                              + " allow-list is in force");
                });
        new PolicyInterceptor(Policy.builder().allowWrite(true).build()).check(request);
      }
    }
  }

  @Test
  void anOpaqueShardIteratorIsRefusedUnderAnAllowList() {
    assertThatThrownBy(
            () -> gate.check(GetRecordsRequest.builder().shardIterator("opaque-token").build()))
        .hasMessageContaining("cannot be told from the ShardIterator");
    new PolicyInterceptor(Policy.defaults())
        .check(GetRecordsRequest.builder().shardIterator("opaque-token").build());
  }

  @Test
  void nestedAndTargetTableNamesAreChecked() {
    refusedFor(
        "secrets",
        ImportTableRequest.builder().tableCreationParameters(p -> p.tableName("secrets")).build());
    refusedFor(
        "secrets",
        RestoreTableFromBackupRequest.builder()
            .backupArn(ARN + "orders/backup/0123")
            .targetTableName("secrets")
            .build());
  }

  @Test
  void otherServicesArnsAndListingCursorsAreNotTables() {
    gate.check(
        UpdateKinesisStreamingDestinationRequest.builder()
            .tableName("orders")
            .streamArn("arn:aws:kinesis:eu-west-1:123456789012:stream/secrets")
            .build());
    gate.check(ListTablesRequest.builder().exclusiveStartTableName("secrets").build());
    assertThat(TableArns.tableOfArn("arn:aws:dynamodb:eu-west-1:1:global-table/g1"))
        .isEqualTo("g1");
    assertThat(TableArns.tableOfArn("arn:aws:dynamodb:eu-west-1:1:table/")).isNull();
    assertThat(TableArns.tableOfArn("arn:aws:dynamodb:eu-west-1:1:backup/x")).isNull();
    assertThat(TableArns.tableOfArn("not an arn")).isNull();
  }

  @Test
  void theTableRuleIsCheckedBeforeTheWriteRule() {
    PolicyInterceptor readOnly =
        new PolicyInterceptor(Policy.builder().allowTables("orders").build());
    assertThatThrownBy(
            () ->
                readOnly.check(
                    software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder()
                        .tableName("secrets")
                        .item(KEY)
                        .build()))
        .hasMessage(
            "PutItem on table 'secrets' refused: the table is not on the allow-list"
                + " (allow_tables=orders)");
  }
}
