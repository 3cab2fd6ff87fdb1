package dev.dynakit.client.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The mapping of what never comes back as an HTTP answer, and the table a request names. */
class ErrorMapperTest {
  @Test
  void timeoutsAreRetryableTimeoutErrors() {
    DynakitException call =
        ErrorMapper.map(ApiCallTimeoutException.create(1000), "Query", "orders");
    DynakitException attempt =
        ErrorMapper.map(ApiCallAttemptTimeoutException.create(100), "Query", "orders");

    for (DynakitException e : List.of(call, attempt)) {
      assertThat(e).isInstanceOf(ServiceException.class);
      assertThat(e.kind()).isEqualTo(ServiceException.Kind.TIMEOUT);
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).startsWith("Query on table 'orders' timed out");
    }
  }

  @Test
  void missingCredentialsAreAnAuthenticationError() {
    DynakitException e =
        ErrorMapper.map(
            SdkClientException.create("Unable to load credentials from any of the providers"),
            "GetItem",
            null);

    assertThat(e.kind()).isEqualTo(AuthenticationException.Kind.CREDENTIALS_NOT_FOUND);
    assertThat(e.getMessage()).startsWith("GetItem found no credentials");
  }

  @Test
  void anyOtherClientFailureIsUnknownAndNotRetried() {
    DynakitException e = ErrorMapper.map(SdkClientException.create("strange"), null, null);

    assertThat(e.kind()).isEqualTo(ServiceException.Kind.UNKNOWN);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).isEqualTo("DynamoDB call failed: SdkClientException: strange");
  }

  @Test
  void anIoFailureDeepInTheCausesIsANetworkError() {
    DynakitException e =
        ErrorMapper.map(
            SdkClientException.create("Unable to execute HTTP request", new IOException("reset")),
            "PutItem",
            "t");

    assertThat(e.kind()).isEqualTo(ServiceException.Kind.NETWORK);
    assertThat(e.getMessage()).contains("IOException: reset");
  }

  @Test
  void aLongServiceMessageIsCut() {
    DynamoDbException sdk =
        (DynamoDbException)
            DynamoDbException.builder()
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ValidationException")
                        .errorMessage("y".repeat(1000))
                        .build())
                .statusCode(400)
                .build();

    DynakitException e = ErrorMapper.map(sdk, "PutItem", "t");

    assertThat(e.getMessage()).hasSizeLessThan(400).endsWith("...");
    assertThat(e.kind()).isEqualTo(RequestValidationException.Kind.INVALID_ARGUMENT);
  }

  @Test
  void aCancellationIsTransientOnlyIfEveryReasonIs() {
    CancellationReason none = CancellationReason.builder().code("None").build();
    CancellationReason conflict = CancellationReason.builder().code("TransactionConflict").build();
    CancellationReason throttled = CancellationReason.builder().code("ThrottlingError").build();
    CancellationReason condition =
        CancellationReason.builder().code("ConditionalCheckFailed").build();

    assertThat(ErrorMapper.transientCancellation(List.of(none, conflict, throttled))).isTrue();
    assertThat(ErrorMapper.transientCancellation(List.of(conflict, condition))).isFalse();
    assertThat(ErrorMapper.transientCancellation(List.of(none, none))).isFalse();
    assertThat(ErrorMapper.transientCancellation(List.of())).isFalse();
  }

  @Test
  void theTableOfARequest() {
    assertThat(ErrorMapper.tableOf(GetItemRequest.builder().tableName("a").build())).isEqualTo("a");
    assertThat(ErrorMapper.tableOf(ListTablesRequest.builder().build())).isNull();
    assertThat(ErrorMapper.tableOf(null)).isNull();
    TransactWriteItemsRequest twoTables =
        TransactWriteItemsRequest.builder()
            .transactItems(t -> t.put(p -> p.tableName("a")), t -> t.delete(d -> d.tableName("b")))
            .build();
    TransactWriteItemsRequest oneTable =
        TransactWriteItemsRequest.builder()
            .transactItems(
                t -> t.update(u -> u.tableName("a")), t -> t.conditionCheck(c -> c.tableName("a")))
            .build();
    assertThat(ErrorMapper.tableOf(twoTables)).isNull();
    assertThat(ErrorMapper.tableOf(oneTable)).isEqualTo("a");
    assertThat(
            ErrorMapper.tableOf(
                ExecuteStatementRequest.builder()
                    .statement("SELECT * FROM \"orders\" WHERE note = 'FROM other'")
                    .build()))
        .isEqualTo("orders");
    assertThat(ErrorMapper.tableOf(ExecuteStatementRequest.builder().statement("?").build()))
        .isNull();
  }
}
