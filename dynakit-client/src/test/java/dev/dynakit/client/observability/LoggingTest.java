package dev.dynakit.client.observability;

import static dev.dynakit.client.observability.Fixture.KEY;
import static dev.dynakit.client.observability.Fixture.n;
import static dev.dynakit.client.observability.Fixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.secretscan.ScanForSecrets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ScanForSecrets(Fixture.SECRET + "observability-secret-key")
class LoggingTest {
  private final Logger root = (Logger) LoggerFactory.getLogger("dev.dynakit.client");
  private final Logger payloads = (Logger) LoggerFactory.getLogger(LoggingObserver.PAYLOADS);
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Fixture fixture = new Fixture();
  private final Dynakit dynakit = fixture.dynakit(null, null);
  private final DynamoDbClient sdk = dynakit.sdk();
  private final Level payloadLevel = payloads.getLevel();

  LoggingTest() {
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void close() {
    root.detachAppender(captured);
    payloads.setLevel(payloadLevel);
    dynakit.close();
    fixture.close();
  }

  @Test
  void aSuccessfulCallIsLoggedAtDebugWithItsRequestDetailsButNoValues() {
    sdk.updateItem(
        b ->
            b.tableName("things")
                .key(Map.of("id", s(KEY + "1")))
                .updateExpression("SET #c = :c")
                .conditionExpression("attribute_not_exists(#c)")
                .expressionAttributeNames(Map.of("#c", "colour"))
                .expressionAttributeValues(Map.of(":c", s(KEY + "red"))));

    assertThat(lines(Level.DEBUG))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("UpdateItem starting")
                    .contains("tables=[things]")
                    .contains("key_attributes=[id]")
                    .contains("update=SET #c = :c")
                    .contains("condition=attribute_not_exists(#c)"))
        .anySatisfy(line -> assertThat(line).contains("UpdateItem on [things] succeeded"));
    assertThat(lines(Level.INFO)).isEmpty();
    assertThat(captured.list)
        .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(KEY));
  }

  @Test
  void aSuccessfulReadIsLoggedWithItsCountsNotItsItems() {
    for (int i = 1; i <= 3; i++) {
      long number = i;
      sdk.putItem(
          b ->
              b.tableName("orders")
                  .item(
                      Map.of("customer", s(KEY + "c"), "number", n(number), "note", s(KEY + "n"))));
    }
    captured.list.clear();

    sdk.query(
        b ->
            b.tableName("orders")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s(KEY + "c")))
                .limit(2));
    sdk.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "absent"))));

    assertThat(lines(Level.DEBUG))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("Query on [orders] succeeded")
                    .endsWith("(count=2 scanned=2 more_pages=true)"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("GetItem on [things] succeeded")
                    .endsWith("(found=false)"));
    assertThat(captured.list)
        .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
  }

  @Test
  void aCommittedTransactionIsLoggedAtInfo() {
    sdk.transactWriteItems(
        b ->
            b.transactItems(
                t -> t.put(p -> p.tableName("things").item(Map.of("id", s(KEY + "t")))),
                t ->
                    t.put(
                        p ->
                            p.tableName("orders")
                                .item(Map.of("customer", s(KEY + "c"), "number", n(1))))));

    assertThat(lines(Level.INFO))
        .singleElement()
        .asString()
        .contains("TransactWriteItems committed: 2 items on [things, orders]");
  }

  @Test
  void retriesAndThrottlingAreWarnings() {
    DynamoDbClient retrying = fixture.retryingClient(null, null, 2, null);
    fixture.http.fail(400, "ThrottlingException").fail(400, "ThrottlingException");

    assertThatThrownBy(
            () -> retrying.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1")))))
        .isInstanceOf(RuntimeException.class);

    assertThat(lines(Level.WARN))
        .containsExactly(
            "GetItem on [things]: retrying, attempt 2 after ThrottlingException",
            lines(Level.WARN).get(1));
    assertThat(lines(Level.WARN).get(1))
        .startsWith("GetItem on [things] failed after 2 attempt(s)")
        .endsWith("with ThrottlingException");
    assertThat(lines(Level.ERROR)).isEmpty();
  }

  @Test
  void authenticationFailuresAndServiceErrorsAreErrors() {
    DynamoDbClient retrying = fixture.retryingClient(null, null, 1, null);
    fixture
        .http
        .fail(400, "AccessDeniedException")
        .fail(400, "UnrecognizedClientException")
        .fail(500, "InternalServerError")
        .fail(503, "ServiceUnavailable");

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(retrying::listTables).isInstanceOf(RuntimeException.class);
    }

    assertThat(lines(Level.ERROR))
        .hasSize(4)
        .anySatisfy(line -> assertThat(line).endsWith("with AccessDeniedException"))
        .anySatisfy(line -> assertThat(line).endsWith("with UnrecognizedClientException"))
        .anySatisfy(line -> assertThat(line).endsWith("with InternalServerError"))
        .anySatisfy(line -> assertThat(line).endsWith("with ServiceUnavailable"));
  }

  @Test
  void aFailedConditionIsAnOutcomeTheCallerHandlesSoItIsLoggedAtDebug() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));

    assertThatThrownBy(
            () ->
                sdk.putItem(
                    b ->
                        b.tableName("things")
                            .item(Map.of("id", s(KEY + "1")))
                            .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOf(RuntimeException.class);

    assertThat(lines(Level.WARN)).isEmpty();
    assertThat(lines(Level.ERROR)).isEmpty();
    assertThat(lines(Level.DEBUG))
        .anySatisfy(line -> assertThat(line).endsWith("with ConditionalCheckFailedException"));
  }

  @Test
  void unprocessedBatchItemsAreWarnings() {
    fixture.http.answer(
        "{\"UnprocessedItems\":{\"things\":[{\"DeleteRequest\":{\"Key\":{\"id\":{\"S\":\""
            + KEY
            + "d\"}}}}]}}");

    sdk.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    "things",
                    List.of(
                        WriteRequest.builder()
                            .deleteRequest(d -> d.key(Map.of("id", s(KEY + "d"))))
                            .build()))));

    assertThat(lines(Level.WARN))
        .containsExactly("BatchWriteItem left 1 item(s) of table things unprocessed");
  }

  @Test
  void aCallTheAdapterRefusedIsAWarningWithTheAdaptersOwnMessage() {
    ExecutionInterceptor policy =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new PolicyViolationException(
                PolicyViolationException.Kind.WRITE_NOT_ALLOWED,
                "put on table things needs allow_write",
                ErrorContext.local("PutItem", "things"),
                false,
                null);
          }
        };
    DynamoDbClient guarded = fixture.retryingClient(null, null, 1, null, policy);

    assertThatThrownBy(
            () -> guarded.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1")))))
        .isInstanceOf(PolicyViolationException.class);

    assertThat(lines(Level.WARN))
        .singleElement()
        .asString()
        .endsWith("with PolicyViolationException: put on table things needs allow_write");
  }

  @Test
  void valuesAppearOnlyInTracePayloadLogs() {
    payloads.setLevel(Level.TRACE);

    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "payload"))));

    assertThat(captured.list)
        .filteredOn(event -> event.getFormattedMessage().contains(KEY + "payload"))
        .isNotEmpty()
        .allSatisfy(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.TRACE);
              assertThat(event.getLoggerName()).isEqualTo(LoggingObserver.PAYLOADS);
            });
  }

  private List<String> lines(Level level) {
    return captured.list.stream()
        .filter(event -> event.getLevel().equals(level))
        .filter(event -> event.getLoggerName().equals(LoggingObserver.OPERATIONS))
        .map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.toList());
  }
}
