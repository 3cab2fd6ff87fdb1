package dev.dynakit.client.observability;

import static dev.dynakit.client.observability.Fixture.KEY;
import static dev.dynakit.client.observability.Fixture.n;
import static dev.dynakit.client.observability.Fixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.secretscan.ScanForSecrets;
import dev.dynakit.secretscan.SecretScan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ScanForSecrets(Fixture.SECRET + "observability-secret-key")
class TracingTest {
  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final Fixture fixture = new Fixture();
  private final List<SpanContext> seenBelow = new ArrayList<>();
  private final Dynakit dynakit =
      Dynakit.builder()
          .endpoint("http://localhost:8000")
          .region("eu-west-1")
          .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
          .credentials(Fixture.CREDENTIALS)
          .httpClient(fixture.http)
          .openTelemetry(OTEL.getOpenTelemetry())
          .addInterceptor(
              new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(
                    Context.BeforeTransmission context, ExecutionAttributes attributes) {
                  seenBelow.add(Span.current().getSpanContext());
                }
              })
          .build();
  private final DynamoDbClient sdk = dynakit.sdk();

  @AfterEach
  void close(SecretScan scan) {
    scan.spans(OTEL.getSpans());
    dynakit.close();
    fixture.close();
  }

  @Test
  void getItemIsOneClientSpanWithTheConventionsAttributesAndKeyNamesOnly() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    OTEL.clearSpans();

    sdk.getItem(
        b ->
            b.tableName("things")
                .key(Map.of("id", s(KEY + "1")))
                .consistentRead(true)
                .projectionExpression("id"));

    SpanData span = single();
    assertThat(span.getName()).isEqualTo("dynamodb.get_item");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(attr(span, "db.system.name")).isEqualTo("aws.dynamodb");
    assertThat(attr(span, "rpc.system")).isEqualTo("aws-api");
    assertThat(attr(span, "rpc.service")).isEqualTo("DynamoDB");
    assertThat(attr(span, "rpc.method")).isEqualTo("GetItem");
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.dynamodb.table_names")))
        .containsExactly("things");
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("aws.dynamodb.consistent_read")))
        .isTrue();
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("consistent_read"))).isTrue();
    assertThat(attr(span, "aws.dynamodb.projection")).isEqualTo("id");
    assertThat(attr(span, "table")).isEqualTo("things");
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("key_attributes")))
        .containsExactly("id");
    assertThat(attr(span, "pk")).isEqualTo("id");
    assertThat(attr(span, "sk")).isNull();
    assertThat(attr(span, "aws.request_id")).isNotBlank();
    assertThat(attr(span, "server.address")).isEqualTo("localhost");
    assertThat(span.getAttributes().get(AttributeKey.longKey("attempts"))).isEqualTo(1L);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().asMap().values())
        .noneMatch(v -> String.valueOf(v).contains(KEY));
  }

  @Test
  void partitionAndSortKeyNamesAreKnownOnceTheClientHasDescribedTheTable() {
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key =
        Map.of("customer", s(KEY + "c"), "number", n(1));
    sdk.getItem(b -> b.tableName("orders").key(key));
    sdk.describeTable(b -> b.tableName("orders"));
    sdk.getItem(b -> b.tableName("orders").key(key));
    sdk.query(
        b ->
            b.tableName("orders")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s(KEY + "c"))));

    List<SpanData> gets =
        OTEL.getSpans().stream()
            .filter(span -> span.getName().equals("dynamodb.get_item"))
            .collect(java.util.stream.Collectors.toList());
    assertThat(attr(gets.get(0), "pk")).as("two key attributes, schema not known yet").isNull();
    assertThat(gets.get(0).getAttributes().get(AttributeKey.stringArrayKey("key_attributes")))
        .containsExactly("customer", "number");
    assertThat(attr(gets.get(1), "pk")).isEqualTo("customer");
    assertThat(attr(gets.get(1), "sk")).isEqualTo("number");
    assertThat(attr(named("dynamodb.query"), "pk")).isEqualTo("customer");
  }

  @Test
  void theSpanIsCurrentWhileTheSdkRunsTheCallAndChildOfTheCallersSpan() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      sdk.listTables();
    } finally {
      parent.end();
    }

    SpanData call =
        OTEL.getSpans().stream()
            .filter(s -> s.getName().equals("dynamodb.list_tables"))
            .findFirst()
            .orElseThrow();
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(seenBelow).singleElement().isEqualTo(call.getSpanContext());
    assertThat(Span.current().getSpanContext().isValid())
        .as("the scope is closed after the call")
        .isFalse();
  }

  @Test
  void queryAndScanCarryIndexPagingAndResultCounts() {
    for (int i = 1; i <= 4; i++) {
      long number = i;
      sdk.putItem(
          b ->
              b.tableName("orders")
                  .item(
                      Map.of(
                          "customer",
                          s(KEY + "c"),
                          "number",
                          n(number),
                          "status",
                          s(KEY + "open"),
                          "amount",
                          n(number))));
    }
    OTEL.clearSpans();

    sdk.query(
        b ->
            b.tableName("orders")
                .indexName("by_status")
                .keyConditionExpression("#s = :s")
                .filterExpression("#a > :min")
                .expressionAttributeNames(Map.of("#s", "status", "#a", "amount"))
                .expressionAttributeValues(Map.of(":s", s(KEY + "open"), ":min", n(1)))
                .limit(10)
                .scanIndexForward(false)
                .select("ALL_ATTRIBUTES"));
    sdk.scan(b -> b.tableName("orders").segment(1).totalSegments(2));

    SpanData query = named("dynamodb.query");
    assertThat(attr(query, "aws.dynamodb.index_name")).isEqualTo("by_status");
    assertThat(attr(query, "index")).isEqualTo("by_status");
    assertThat(query.getAttributes().get(AttributeKey.longKey("aws.dynamodb.limit")))
        .isEqualTo(10L);
    assertThat(query.getAttributes().get(AttributeKey.booleanKey("aws.dynamodb.scan_forward")))
        .isFalse();
    assertThat(attr(query, "aws.dynamodb.select")).isEqualTo("ALL_ATTRIBUTES");
    assertThat(attr(query, "key_condition")).isEqualTo("#s = :s");
    assertThat(attr(query, "filter")).isEqualTo("#a > :min");
    assertThat(query.getAttributes().get(AttributeKey.longKey("aws.dynamodb.count"))).isEqualTo(3L);
    assertThat(query.getAttributes().get(AttributeKey.longKey("aws.dynamodb.scanned_count")))
        .isEqualTo(4L);
    SpanData scan = named("dynamodb.scan");
    assertThat(scan.getAttributes().get(AttributeKey.longKey("aws.dynamodb.segment")))
        .isEqualTo(1L);
    assertThat(scan.getAttributes().get(AttributeKey.longKey("total_segments"))).isEqualTo(2L);
    for (SpanData span : OTEL.getSpans()) {
      assertThat(span.getAttributes().asMap().values())
          .noneMatch(v -> String.valueOf(v).contains(KEY));
    }
  }

  @Test
  void writesCarryTheirExpressionsButNotTheirValues() {
    sdk.putItem(
        b ->
            b.tableName("things")
                .item(Map.of("id", s(KEY + "1")))
                .conditionExpression("attribute_not_exists(id)"));
    sdk.updateItem(
        b ->
            b.tableName("things")
                .key(Map.of("id", s(KEY + "1")))
                .updateExpression("SET #c = :v")
                .expressionAttributeNames(Map.of("#c", "colour"))
                .expressionAttributeValues(Map.of(":v", s(KEY + "blue"))));

    assertThat(attr(named("dynamodb.put_item"), "condition")).isEqualTo("attribute_not_exists(id)");
    assertThat(attr(named("dynamodb.update_item"), "update_expr")).isEqualTo("SET #c = :v");
    for (SpanData span : OTEL.getSpans()) {
      assertThat(span.getAttributes().asMap().values())
          .noneMatch(v -> String.valueOf(v).contains(KEY));
    }
  }

  @Test
  void batchesAndTransactionsNameTheirTablesAndCounts() {
    sdk.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    "things",
                    List.of(
                        WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("id", s(KEY + "1"))))
                            .build(),
                        WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("id", s(KEY + "2"))))
                            .build(),
                        WriteRequest.builder()
                            .deleteRequest(d -> d.key(Map.of("id", s(KEY + "3"))))
                            .build()))));
    sdk.batchGetItem(
        b ->
            b.requestItems(
                Map.of(
                    "things",
                    KeysAndAttributes.builder()
                        .keys(Map.of("id", s(KEY + "1")), Map.of("id", s(KEY + "2")))
                        .build())));
    sdk.transactWriteItems(
        b ->
            b.transactItems(
                t -> t.put(p -> p.tableName("things").item(Map.of("id", s(KEY + "t")))),
                t ->
                    t.put(
                        p ->
                            p.tableName("orders")
                                .item(Map.of("customer", s(KEY + "c"), "number", n(1))))));

    SpanData write = named("dynamodb.batch_write");
    assertThat(write.getAttributes().get(AttributeKey.longKey("put_count"))).isEqualTo(2L);
    assertThat(write.getAttributes().get(AttributeKey.longKey("delete_count"))).isEqualTo(1L);
    assertThat(write.getAttributes().get(AttributeKey.longKey("item_count"))).isEqualTo(3L);
    assertThat(named("dynamodb.batch_get").getAttributes().get(AttributeKey.longKey("item_count")))
        .isEqualTo(2L);
    SpanData transaction = named("dynamodb.transact_write");
    assertThat(transaction.getAttributes().get(AttributeKey.longKey("item_count"))).isEqualTo(2L);
    assertThat(transaction.getAttributes().get(AttributeKey.stringArrayKey("tables")))
        .containsExactly("things", "orders");
    assertThat(
            transaction
                .getAttributes()
                .get(AttributeKey.stringArrayKey("aws.dynamodb.table_names")))
        .containsExactly("things", "orders");
  }

  @Test
  void aFailedCallEndsWithStatusErrorAndAnExceptionEventWithoutTheMessage() {
    sdk.putItem(b -> b.tableName("things").item(Map.of("id", s(KEY + "1"))));
    OTEL.clearSpans();

    assertThatThrownBy(
            () ->
                sdk.putItem(
                    b ->
                        b.tableName("things")
                            .item(Map.of("id", s(KEY + "1")))
                            .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOf(RuntimeException.class);

    SpanData span = single();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("ConditionalCheckFailedException");
    assertThat(attr(span, "error.type")).isEqualTo("ConditionalCheckFailedException");
    EventData event =
        span.getEvents().stream()
            .filter(e -> e.getName().equals("exception"))
            .findFirst()
            .orElseThrow();
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type"))).isNotBlank();
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isNull();
  }

  @Test
  void aRetriedCallIsOneSpanWithItsAttemptsAsEvents() {
    DynamoDbClient retrying = fixture.retryingClient(null, OTEL.getOpenTelemetry(), 4, null);
    fixture.http.fail(400, "ThrottlingException").fail(500, "InternalServerError");

    retrying.getItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1"))));

    SpanData span = single();
    assertThat(span.getAttributes().get(AttributeKey.longKey("attempts"))).isEqualTo(3L);
    assertThat(span.getEvents())
        .filteredOn(e -> e.getName().equals("retry"))
        .extracting(e -> e.getAttributes().get(AttributeKey.stringKey("previous_error")))
        .containsExactly("ThrottlingException", "InternalServerError");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void attemptsThatFailWithoutAnAnswerLeaveNoSpanCurrent() {
    DynamoDbClient retrying = fixture.retryingClient(null, OTEL.getOpenTelemetry(), 3, null);
    fixture.http.failWithoutAnswer();

    retrying.listTables();

    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    fixture.http.failWithoutAnswer().failWithoutAnswer().failWithoutAnswer();
    assertThatThrownBy(retrying::listTables).isInstanceOf(RuntimeException.class);

    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(OTEL.getSpans()).hasSize(2);
    SpanData recovered = OTEL.getSpans().get(0);
    assertThat(recovered.getAttributes().get(AttributeKey.longKey("attempts"))).isEqualTo(2L);
    assertThat(recovered.getEvents())
        .extracting(e -> e.getAttributes().get(AttributeKey.stringKey("previous_error")))
        .containsExactly("no response");
    SpanData failed = OTEL.getSpans().get(1);
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getAttributes().get(AttributeKey.longKey("attempts"))).isEqualTo(3L);
  }

  @Test
  void aCallRefusedAtItsFirstAttemptByAnEarlierInterceptorStillGetsAFailedSpan() {
    ExecutionInterceptor refuser =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new IllegalStateException("refused");
          }
        };
    DynamoDbClient refusing = fixture.retryingClient(null, OTEL.getOpenTelemetry(), 1, refuser);

    assertThatThrownBy(
            () -> refusing.deleteItem(b -> b.tableName("things").key(Map.of("id", s(KEY + "1")))))
        .hasMessageContaining("refused");

    SpanData span = single();
    assertThat(span.getName()).isEqualTo("dynamodb.delete_item");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, "error.type")).isEqualTo("IllegalStateException");
    assertThat(fixture.http.requests()).isEmpty();
  }

  @Test
  void aCallRefusedBeforeItsFirstAttemptLeavesNoSpanCurrent() {
    ExecutionInterceptor refuser =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            throw new IllegalStateException("refused");
          }
        };
    DynamoDbClient refusing =
        fixture.retryingClient(null, OTEL.getOpenTelemetry(), 1, null, refuser);

    assertThatThrownBy(() -> refusing.listTables()).hasMessageContaining("refused");

    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    refusing.close();
    sdk.listTables();
    assertThat(named("dynamodb.list_tables").getParentSpanContext().isValid())
        .as("the next call is not made a child of a leaked span")
        .isFalse();
  }

  private static SpanData single() {
    assertThat(OTEL.getSpans()).hasSize(1);
    return OTEL.getSpans().get(0);
  }

  private static SpanData named(String name) {
    return OTEL.getSpans().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String attr(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
