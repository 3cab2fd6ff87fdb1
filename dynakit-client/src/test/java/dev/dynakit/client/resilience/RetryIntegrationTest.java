package dev.dynakit.client.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConditionalCheckException;
import dev.dynakit.client.errors.DynakitException;
import dev.dynakit.client.errors.ErrorMappingClient;
import dev.dynakit.client.errors.RequestValidationException;
import dev.dynakit.client.errors.ServiceException;
import dev.dynakit.client.errors.ThroughputException;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.client.testing.FaultInjectingHttpClient.Fault;
import dev.dynakit.engine.DynakitEngine;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Retries end to end: the fault injector in front of the engine counts what is sent; delays are
 * scaled to zero so nothing waits.
 */
class RetryIntegrationTest {
  private static final RetrySettings NO_WAIT = RetrySettings.defaults().backoffScale(0);

  private DynakitEngine engine;
  private FaultInjectingHttpClient faults;
  private Dynakit dynakit;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    faults = FaultInjectingHttpClient.around(engine.httpClient());
    dynakit = adapter(Map.of());
    Adapters.createTable(engine.client(), "orders", false);
  }

  private Dynakit adapter(Map<String, String> environment) {
    return Adapters.over(faults)
        .environment(environment)
        .retry(NO_WAIT)
        .circuitBreaker(CircuitBreakerSettings.disabled())
        .build();
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private void put(String pk) {
    dynakit.sdk().putItem(b -> b.tableName("orders").item(Map.of("pk", s(pk))));
  }

  private boolean stored(String pk) {
    return engine.client().getItem(b -> b.tableName("orders").key(Map.of("pk", s(pk)))).hasItem();
  }

  @Test
  void aThrottledCallSucceedsOnTheAttemptAfterTheThrottling() {
    faults.next(3, "PutItem", Fault.error(400, "ThrottlingException", "Rate exceeded"));

    put("a");

    assertThat(faults.calls("PutItem")).isEqualTo(4);
    assertThat(stored("a")).isTrue();
  }

  @Test
  void throttlingIsTriedTenTimesThenReported() {
    faults.always(Fault.error(400, "ProvisionedThroughputExceededException", "slow down"));

    ThroughputException e = catchThrowableOfType(ThroughputException.class, () -> put("b"));

    assertThat(faults.calls("PutItem")).isEqualTo(10);
    assertThat(e.kind()).isEqualTo(ThroughputException.Kind.PROVISIONED_THROUGHPUT_EXCEEDED);
    assertThat(e.context().requestId()).isEqualTo("fault-10");
  }

  @Test
  void serverErrorsAreTriedThreeTimes() {
    faults.always(Fault.error(500, "InternalServerError", "boom"));
    catchThrowableOfType(ServiceException.class, () -> put("c"));
    assertThat(faults.calls("PutItem")).isEqualTo(3);

    faults.always(Fault.error(503, "ServiceUnavailable", "later"));
    ServiceException e = catchThrowableOfType(ServiceException.class, () -> put("c"));
    assertThat(faults.calls("PutItem")).isEqualTo(6);
    assertThat(e.kind()).isEqualTo(ServiceException.Kind.SERVICE_UNAVAILABLE);

    faults.always(Fault.readTimeout());
    e = catchThrowableOfType(ServiceException.class, () -> put("c"));
    assertThat(faults.calls("PutItem")).isEqualTo(9);
    assertThat(e.kind()).isEqualTo(ServiceException.Kind.NETWORK);
    assertThat(stored("c")).isFalse();
  }

  @Test
  void aFailedConditionIsSentOnce() {
    put("d");
    int before = faults.calls("PutItem");

    catchThrowableOfType(
        ConditionalCheckException.class,
        () ->
            dynakit
                .sdk()
                .putItem(
                    b ->
                        b.tableName("orders")
                            .item(Map.of("pk", s("d")))
                            .conditionExpression("attribute_not_exists(pk)")));

    assertThat(faults.calls("PutItem") - before).isEqualTo(1);
  }

  @Test
  void aValidationErrorIsSentOnce() {
    catchThrowableOfType(
        RequestValidationException.class,
        () ->
            dynakit
                .sdk()
                .getItem(b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromN("1")))));

    assertThat(faults.calls("GetItem")).isEqualTo(1);
  }

  @Test
  void theEnvironmentCapsTheAttempts() {
    try (Dynakit capped = adapter(Map.of("DYNAKIT_MAX_ATTEMPTS", "4"))) {
      faults.always(Fault.error(400, "ThrottlingException", "Rate exceeded"));

      catchThrowableOfType(
          ThroughputException.class,
          () -> capped.sdk().putItem(b -> b.tableName("orders").item(Map.of("pk", s("e")))));

      assertThat(faults.calls("PutItem")).isEqualTo(4);
    }
  }

  private void addToCounter(String token) {
    dynakit
        .sdk()
        .transactWriteItems(
            b ->
                b.clientRequestToken(token)
                    .transactItems(
                        t ->
                            t.update(
                                u ->
                                    u.tableName("orders")
                                        .key(Map.of("pk", s("counter")))
                                        .updateExpression("ADD n :one")
                                        .expressionAttributeValues(
                                            Map.of(":one", AttributeValue.fromN("1"))))));
  }

  private String counter() {
    return engine
        .client()
        .getItem(b -> b.tableName("orders").key(Map.of("pk", s("counter"))))
        .item()
        .get("n")
        .n();
  }

  @Test
  void aTransactionCanceledByAConflictIsRetriedAndAppliedOnce() {
    faults.next(
        1,
        "TransactWriteItems",
        Fault.raw(
            400,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"message\":\"Transaction cancelled [TransactionConflict]\","
                + "\"CancellationReasons\":[{\"Code\":\"TransactionConflict\"}]}"));

    addToCounter("token-1");

    assertThat(faults.calls("TransactWriteItems")).isEqualTo(2);
    assertThat(counter()).isEqualTo("1");
  }

  @Test
  void aTransactionWhoseAnswerWasLostIsRetriedWithItsTokenAndNotAppliedTwice() {
    faults.next(
        1,
        "TransactWriteItems",
        Fault.afterDelivery(Fault.error(500, "InternalServerError", "answer lost")));

    addToCounter("token-2");

    assertThat(faults.calls("TransactWriteItems")).isEqualTo(2);
    assertThat(counter()).isEqualTo("1");
  }

  @Test
  void anUpdateWhoseAnswerWasLostIsRetriedAndShowsWhyTokensMatter() {
    faults.next(
        1, "UpdateItem", Fault.afterDelivery(Fault.error(500, "InternalServerError", "lost")));

    dynakit
        .sdk()
        .updateItem(
            b ->
                b.tableName("orders")
                    .key(Map.of("pk", s("plain")))
                    .updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.UPDATED_NEW));

    assertThat(faults.calls("UpdateItem")).isEqualTo(2);
    String n =
        engine
            .client()
            .getItem(b -> b.tableName("orders").key(Map.of("pk", s("plain"))))
            .item()
            .get("n")
            .n();
    assertThat(n).isEqualTo("2");
  }

  @Test
  void retriesSeeTheSdkExceptionWhileCallersGetTheMappedOne() {
    List<Throwable> seen = new CopyOnWriteArrayList<>();
    RetryStrategy recording = new RecordingStrategy(new DynakitRetryStrategy(NO_WAIT), seen);
    DynamoDbClient client =
        ErrorMappingClient.wrap(
            DynamoDbClient.builder()
                .httpClient(faults)
                .endpointOverride(URI.create("http://localhost:8000"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(recording))
                .build());
    faults.next(2, Fault.error(400, "ThrottlingException", "Rate exceeded"));
    faults.next(1, Fault.error(400, "AccessDeniedException", "no"));

    DynakitException e =
        catchThrowableOfType(
            DynakitException.class,
            () -> client.putItem(b -> b.tableName("orders").item(Map.of("pk", s("f")))));

    assertThat(seen).hasSize(3).allMatch(t -> t instanceof AwsServiceException);
    assertThat(e.context().awsErrorCode()).isEqualTo("AccessDeniedException");
    client.close();
  }

  /** Passes every call to a strategy and keeps the failures it was asked about. */
  private static final class RecordingStrategy implements RetryStrategy {
    private final RetryStrategy delegate;
    private final List<Throwable> seen;

    RecordingStrategy(RetryStrategy delegate, List<Throwable> seen) {
      this.delegate = delegate;
      this.seen = seen;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
      return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
      seen.add(request.failure());
      return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
      return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
      return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
      return false;
    }

    @Override
    public Builder<?, ?> toBuilder() {
      return delegate.toBuilder();
    }
  }
}
