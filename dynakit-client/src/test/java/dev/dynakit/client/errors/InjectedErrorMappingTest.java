package dev.dynakit.client.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.resilience.CircuitBreakerSettings;
import dev.dynakit.client.resilience.RetrySettings;
import dev.dynakit.client.testing.Adapters;
import dev.dynakit.client.testing.FaultInjectingHttpClient;
import dev.dynakit.client.testing.FaultInjectingHttpClient.Fault;
import dev.dynakit.engine.DynakitEngine;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The errors a local database cannot produce, injected as DynamoDB's own JSON error responses in
 * front of the engine, and mapped through the whole SDK pipeline.
 */
class InjectedErrorMappingTest {
  private DynakitEngine engine;
  private FaultInjectingHttpClient faults;
  private Dynakit dynakit;

  @BeforeEach
  void start() {
    engine = DynakitEngine.inMemory();
    faults = FaultInjectingHttpClient.around(engine.httpClient());
    dynakit =
        Adapters.over(faults)
            .retry(RetrySettings.none())
            .circuitBreaker(CircuitBreakerSettings.disabled())
            .build();
    Adapters.createTable(dynakit.sdk(), "orders", false);
  }

  @AfterEach
  void stop() {
    dynakit.close();
    engine.close();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            400,
            "ProvisionedThroughputExceededException",
            ThroughputException.Kind.PROVISIONED_THROUGHPUT_EXCEEDED,
            true),
        Arguments.of(400, "ThrottlingException", ThroughputException.Kind.THROTTLING, true),
        Arguments.of(
            400, "RequestLimitExceeded", ThroughputException.Kind.REQUEST_LIMIT_EXCEEDED, true),
        Arguments.of(500, "InternalServerError", ServiceException.Kind.INTERNAL_SERVER_ERROR, true),
        Arguments.of(503, "ServiceUnavailable", ServiceException.Kind.SERVICE_UNAVAILABLE, true),
        Arguments.of(502, "BadGateway", ServiceException.Kind.INTERNAL_SERVER_ERROR, true),
        Arguments.of(
            400, "AccessDeniedException", AuthenticationException.Kind.ACCESS_DENIED, false),
        Arguments.of(
            400, "ExpiredTokenException", AuthenticationException.Kind.TOKEN_EXPIRED, false),
        Arguments.of(
            400,
            "UnrecognizedClientException",
            AuthenticationException.Kind.INVALID_SIGNATURE,
            false),
        Arguments.of(
            400,
            "InvalidSignatureException",
            AuthenticationException.Kind.INVALID_SIGNATURE,
            false),
        Arguments.of(
            400,
            "ItemCollectionSizeLimitExceededException",
            ItemException.Kind.ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED,
            false),
        Arguments.of(
            400,
            "TransactionConflictException",
            ConditionalCheckException.Kind.TRANSACTION_CONFLICT,
            true),
        Arguments.of(
            400,
            "IdempotentParameterMismatchException",
            TransactionException.Kind.IDEMPOTENT_PARAMETER_MISMATCH,
            false),
        Arguments.of(
            400,
            "TransactionInProgressException",
            TransactionException.Kind.TRANSACTION_IN_PROGRESS,
            true),
        Arguments.of(400, "ResourceInUseException", ServiceException.Kind.RESOURCE_IN_USE, false),
        Arguments.of(400, "LimitExceededException", ServiceException.Kind.LIMIT_EXCEEDED, true),
        Arguments.of(
            400, "BackupNotFoundException", ServiceException.Kind.RESOURCE_NOT_FOUND, false),
        Arguments.of(
            400, "TableNotFoundException", ServiceException.Kind.RESOURCE_NOT_FOUND, false),
        Arguments.of(
            400, "PolicyNotFoundException", ServiceException.Kind.RESOURCE_NOT_FOUND, false),
        Arguments.of(
            400, "TableAlreadyExistsException", ServiceException.Kind.RESOURCE_IN_USE, false),
        Arguments.of(400, "BackupInUseException", ServiceException.Kind.RESOURCE_IN_USE, false),
        Arguments.of(
            400, "ExpiredIteratorException", ServiceException.Kind.EXPIRED_ITERATOR, false),
        Arguments.of(
            400, "TrimmedDataAccessException", ServiceException.Kind.TRIMMED_DATA_ACCESS, false),
        Arguments.of(400, "SomethingNewException", ServiceException.Kind.UNKNOWN, false));
  }

  @ParameterizedTest(name = "{1} ({0})")
  @MethodSource("errors")
  void eachAwsErrorCodeHasItsCategoryKindAndRetryability(
      int status, String code, Enum<?> kind, boolean retryable) {
    faults.next(1, Fault.error(status, code, "injected " + code));

    DynakitException e =
        catchThrowableOfType(
            DynakitException.class,
            () ->
                dynakit
                    .sdk()
                    .putItem(
                        b -> b.tableName("orders").item(Map.of("pk", AttributeValue.fromS("k")))));

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.retryable()).isEqualTo(retryable);
    assertThat(e.context())
        .isEqualTo(new ErrorContext("PutItem", "orders", "fault-1", code, status));
    assertThat(e.getMessage()).contains("PutItem", "orders", code, "injected " + code);
  }

  @Test
  void aConflictInsideATransactionIsATransactionError() {
    faults.next(1, Fault.error(400, "TransactionConflictException", "conflict"));

    TransactionException e =
        catchThrowableOfType(
            TransactionException.class,
            () ->
                dynakit
                    .sdk()
                    .transactWriteItems(
                        b ->
                            b.transactItems(
                                t ->
                                    t.put(
                                        p ->
                                            p.tableName("orders")
                                                .item(Map.of("pk", AttributeValue.fromS("k")))))));

    assertThat(e.kind()).isEqualTo(TransactionException.Kind.TRANSACTION_CONFLICT);
    assertThat(e.retryable()).isTrue();
    assertThat(e.context().table()).isEqualTo("orders");
  }

  @Test
  void aCancellationOnlyByConflictsIsRetryable() {
    faults.next(
        1,
        Fault.raw(
            400,
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + "\"message\":\"Transaction cancelled [None, TransactionConflict]\","
                + "\"CancellationReasons\":[{\"Code\":\"None\"},"
                + "{\"Code\":\"TransactionConflict\",\"Message\":\"conflict\"}]}"));

    TransactionException e =
        catchThrowableOfType(
            TransactionException.class,
            () ->
                dynakit
                    .sdk()
                    .transactGetItems(
                        b ->
                            b.transactItems(
                                t ->
                                    t.get(
                                        g ->
                                            g.tableName("orders")
                                                .key(Map.of("pk", AttributeValue.fromS("a")))),
                                t ->
                                    t.get(
                                        g ->
                                            g.tableName("orders")
                                                .key(Map.of("pk", AttributeValue.fromS("b")))))));

    assertThat(e.kind()).isEqualTo(TransactionException.Kind.TRANSACTION_CANCELED);
    assertThat(e.retryable()).isTrue();
    assertThat(e.cancellationReasons())
        .extracting(r -> r.code())
        .containsExactly("None", "TransactionConflict");
  }

  @Test
  void aNetworkFailureIsARetryableNetworkError() {
    faults.next(1, Fault.ioError());

    ServiceException e =
        catchThrowableOfType(ServiceException.class, () -> dynakit.sdk().listTables());

    assertThat(e.kind()).isEqualTo(ServiceException.Kind.NETWORK);
    assertThat(e.retryable()).isTrue();
    assertThat(e.context().operation()).isEqualTo("ListTables");
    assertThat(e.context().requestId()).isNull();
  }

  @Test
  void pagesFetchedByAPaginatorAreMappedToo() {
    faults.next(1, Fault.error(400, "AccessDeniedException", "no"));

    Throwable e =
        catchThrowable(
            () -> dynakit.sdk().scanPaginator(b -> b.tableName("orders")).items().forEach(i -> {}));

    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(((DynakitException) e).context().operation()).isEqualTo("Scan");
  }

  @Test
  void anAdapterErrorRaisedByAnInterceptorPassesThroughUnchanged() {
    PolicyViolationException denied =
        new PolicyViolationException(
            PolicyViolationException.Kind.WRITE_NOT_ALLOWED,
            "put on table 'orders' denied: allow_write is false",
            ErrorContext.local("PutItem", "orders"),
            false,
            null);
    for (boolean early : new boolean[] {true, false}) {
      try (Dynakit denying =
          Adapters.over(faults).addInterceptor(refusing(denied, early)).build()) {
        Throwable e =
            catchThrowable(
                () ->
                    denying
                        .sdk()
                        .putItem(
                            b ->
                                b.tableName("orders")
                                    .item(Map.of("pk", AttributeValue.fromS("k")))));

        assertThat(e).isSameAs(denied);
      }
    }
  }

  private static ExecutionInterceptor refusing(RuntimeException error, boolean beforeExecution) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (beforeExecution) {
          throw error;
        }
      }

      @Override
      public void beforeTransmission(
          Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!beforeExecution) {
          throw error;
        }
      }
    };
  }
}
