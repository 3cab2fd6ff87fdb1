package dev.dynakit.client.observability;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * One CLIENT span per call, current while each attempt is sent and answered (so instrumentation
 * underneath, such as an HTTP client's, becomes its child), with OpenTelemetry's DynamoDB
 * semantic-convention attributes and the observability spec's own. Attempts are a count attribute
 * plus one event per retry; a failure sets the status to ERROR and adds an {@code exception} event
 * naming the error type only (messages may quote request content, so they stay out).
 */
final class TracingObserver implements Observer {
  static final String INSTRUMENTATION = "dev.dynakit.client";

  private static final AttributeKey<String> OPERATION_NAME = stringKey("db.operation.name");
  private static final AttributeKey<String> RPC_METHOD = stringKey("rpc.method");
  private static final AttributeKey<List<String>> TABLE_NAMES =
      stringArrayKey("aws.dynamodb.table_names");
  private static final AttributeKey<String> TABLE = stringKey("table");
  private static final AttributeKey<List<String>> TABLES = stringArrayKey("tables");
  private static final AttributeKey<String> INDEX_NAME = stringKey("aws.dynamodb.index_name");
  private static final AttributeKey<String> INDEX = stringKey("index");
  private static final AttributeKey<Long> AWS_LIMIT = longKey("aws.dynamodb.limit");
  private static final AttributeKey<Long> LIMIT = longKey("limit");
  private static final AttributeKey<Long> AWS_SEGMENT = longKey("aws.dynamodb.segment");
  private static final AttributeKey<Long> SEGMENT = longKey("segment");
  private static final AttributeKey<Long> AWS_TOTAL_SEGMENTS =
      longKey("aws.dynamodb.total_segments");
  private static final AttributeKey<Long> TOTAL_SEGMENTS = longKey("total_segments");
  private static final AttributeKey<Boolean> AWS_CONSISTENT_READ =
      booleanKey("aws.dynamodb.consistent_read");
  private static final AttributeKey<Boolean> CONSISTENT_READ = booleanKey("consistent_read");
  private static final AttributeKey<Boolean> SCAN_FORWARD = booleanKey("aws.dynamodb.scan_forward");
  private static final AttributeKey<String> SELECT = stringKey("aws.dynamodb.select");
  private static final AttributeKey<String> PROJECTION = stringKey("aws.dynamodb.projection");
  private static final AttributeKey<String> CONDITION = stringKey("condition");
  private static final AttributeKey<String> UPDATE_EXPR = stringKey("update_expr");
  private static final AttributeKey<String> KEY_CONDITION = stringKey("key_condition");
  private static final AttributeKey<String> FILTER = stringKey("filter");
  private static final AttributeKey<List<String>> KEY_ATTRIBUTES = stringArrayKey("key_attributes");
  private static final AttributeKey<String> PK = stringKey("pk");
  private static final AttributeKey<String> SK = stringKey("sk");
  private static final AttributeKey<Long> ITEM_COUNT = longKey("item_count");
  private static final AttributeKey<Long> PUT_COUNT = longKey("put_count");
  private static final AttributeKey<Long> DELETE_COUNT = longKey("delete_count");
  private static final AttributeKey<Long> COUNT = longKey("aws.dynamodb.count");
  private static final AttributeKey<Long> SCANNED_COUNT = longKey("aws.dynamodb.scanned_count");
  private static final AttributeKey<List<String>> CONSUMED_CAPACITY =
      stringArrayKey("aws.dynamodb.consumed_capacity");
  private static final AttributeKey<Long> ATTEMPT = longKey("attempt");
  private static final AttributeKey<String> PREVIOUS_ERROR = stringKey("previous_error");
  private static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  private static final AttributeKey<String> EXCEPTION_TYPE = stringKey("exception.type");
  private static final AttributeKey<Long> ATTEMPTS = longKey("attempts");
  private static final AttributeKey<String> REQUEST_ID = stringKey("aws.request_id");
  private static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  private static final AttributeKey<Long> STATUS_CODE = longKey("http.response.status_code");

  /** The attributes every span has. */
  private static final Attributes CONSTANT =
      Attributes.builder()
          .put("db.system.name", "aws.dynamodb")
          .put("db.system", "dynamodb")
          .put("rpc.system", "aws-api")
          .put("rpc.service", "DynamoDB")
          .build();

  private final Tracer tracer;
  private final KeySchemas keySchemas = new KeySchemas();

  TracingObserver(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
  }

  @Override
  public void started(ObservedCall call) {
    call.span = startSpan(call);
  }

  @Override
  public void sending(ObservedCall call) {
    // An attempt that failed without an answer left its scope open: close it first.
    closeScope(call);
    if (call.span != null) {
      call.scope = call.span.makeCurrent();
    }
  }

  @Override
  public void answered(ObservedCall call) {
    closeScope(call);
  }

  private static void closeScope(ObservedCall call) {
    if (call.scope != null) {
      call.scope.close();
      call.scope = null;
    }
  }

  private Span startSpan(ObservedCall call) {
    RequestFacts facts = call.facts();
    Operation operation = Operation.of(call.operation);
    SpanBuilder builder =
        tracer
            .spanBuilder(operation.spanName)
            .setSpanKind(SpanKind.CLIENT)
            .setAllAttributes(operation.attributes);
    List<String> tables = facts.tables;
    if (!tables.isEmpty()) {
      builder.setAttribute(TABLE_NAMES, tables);
    }
    String table = facts.singleTable();
    if (table != null) {
      builder.setAttribute(TABLE, table);
    } else if (tables.size() > 1) {
      builder.setAttribute(TABLES, tables);
    }
    if (facts.index != null) {
      builder.setAttribute(INDEX_NAME, facts.index);
      builder.setAttribute(INDEX, facts.index);
    }
    if (facts.limit != null) {
      long limit = facts.limit.longValue();
      builder.setAttribute(AWS_LIMIT, limit);
      builder.setAttribute(LIMIT, limit);
    }
    if (facts.segment != null) {
      long segment = facts.segment.longValue();
      builder.setAttribute(AWS_SEGMENT, segment);
      builder.setAttribute(SEGMENT, segment);
    }
    if (facts.totalSegments != null) {
      long totalSegments = facts.totalSegments.longValue();
      builder.setAttribute(AWS_TOTAL_SEGMENTS, totalSegments);
      builder.setAttribute(TOTAL_SEGMENTS, totalSegments);
    }
    if (facts.consistentRead != null) {
      builder.setAttribute(AWS_CONSISTENT_READ, facts.consistentRead);
      builder.setAttribute(CONSISTENT_READ, facts.consistentRead);
    }
    if (facts.scanForward != null) {
      builder.setAttribute(SCAN_FORWARD, facts.scanForward);
    }
    if (facts.select != null) {
      builder.setAttribute(SELECT, facts.select);
    }
    if (facts.projection != null) {
      builder.setAttribute(PROJECTION, facts.projection);
    }
    if (facts.condition != null) {
      builder.setAttribute(CONDITION, facts.condition);
    }
    if (facts.updateExpression != null) {
      builder.setAttribute(UPDATE_EXPR, facts.updateExpression);
    }
    if (facts.keyCondition != null) {
      builder.setAttribute(KEY_CONDITION, facts.keyCondition);
    }
    if (facts.filter != null) {
      builder.setAttribute(FILTER, facts.filter);
    }
    if (!facts.keyAttributes.isEmpty()) {
      builder.setAttribute(KEY_ATTRIBUTES, facts.keyAttributes);
    }
    boolean keyed =
        !facts.keyAttributes.isEmpty()
            || operation.putItem
            || (operation.query && facts.index == null);
    KeySchemas.Names key = keyed ? keySchemas.of(table, facts.keyAttributes) : null;
    if (key != null && key.partition != null) {
      // Key attribute names only: key values are often personal data (user ids, e-mail
      // addresses) and spans travel to tracing back ends with wider access than the table.
      builder.setAttribute(PK, key.partition);
      if (key.sort != null) {
        builder.setAttribute(SK, key.sort);
      }
    }
    if (facts.itemCount != null) {
      builder.setAttribute(ITEM_COUNT, facts.itemCount.longValue());
    }
    if (facts.putCount != null) {
      builder.setAttribute(PUT_COUNT, facts.putCount.longValue());
      builder.setAttribute(DELETE_COUNT, facts.deleteCount.longValue());
    }
    return builder.startSpan();
  }

  @Override
  public void retrying(ObservedCall call) {
    Span span = call.span;
    if (span == null) {
      return;
    }
    span.addEvent(
        "retry",
        Attributes.of(
            ATTEMPT,
            (long) call.attempts,
            PREVIOUS_ERROR,
            call.lastErrorCode == null ? "no response" : call.lastErrorCode));
  }

  @Override
  public void succeeded(ObservedCall call, SdkResponse response) {
    keySchemas.learn(response);
    Span span = call.span;
    if (span == null) {
      return;
    }
    Integer count = response.getValueForField("Count", Integer.class).orElse(null);
    if (count != null) {
      span.setAttribute(COUNT, count.longValue());
    }
    Integer scanned = response.getValueForField("ScannedCount", Integer.class).orElse(null);
    if (scanned != null) {
      span.setAttribute(SCANNED_COUNT, scanned.longValue());
    }
    List<String> capacity = capacity(response);
    if (!capacity.isEmpty()) {
      span.setAttribute(CONSUMED_CAPACITY, capacity);
    }
    end(call, span);
  }

  @Override
  public void failed(ObservedCall call, Throwable error) {
    Span span = call.span;
    if (span == null) {
      // Failed before its first attempt was sent: a span that starts and ends here.
      span = startSpan(call);
      call.span = span;
    }
    String errorType = ErrorTypes.errorType(error);
    span.setAttribute(ERROR_TYPE, errorType);
    span.addEvent(
        "exception",
        Attributes.of(EXCEPTION_TYPE, error.getClass().getName(), ERROR_TYPE, errorType));
    span.setStatus(StatusCode.ERROR, errorType);
    end(call, span);
  }

  private static void end(ObservedCall call, Span span) {
    span.setAttribute(ATTEMPTS, (long) call.attempts);
    if (call.requestId != null) {
      span.setAttribute(REQUEST_ID, call.requestId);
    }
    if (call.serverAddress != null) {
      span.setAttribute(SERVER_ADDRESS, call.serverAddress);
      if (call.serverPort > 0) {
        span.setAttribute(SERVER_PORT, (long) call.serverPort);
      }
    }
    if (call.lastStatus > 0) {
      span.setAttribute(STATUS_CODE, (long) call.lastStatus);
    }
    span.end();
    closeScope(call);
  }

  /** Each ConsumedCapacity entry of the response as JSON, as the conventions ask. */
  private static List<String> capacity(SdkResponse response) {
    Object value = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
    if (value instanceof ConsumedCapacity) {
      return List.of(json((ConsumedCapacity) value));
    }
    if (!(value instanceof Collection) || ((Collection<?>) value).isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(((Collection<?>) value).size());
    for (Object each : (Collection<?>) value) {
      if (each instanceof ConsumedCapacity) {
        out.add(json((ConsumedCapacity) each));
      }
    }
    return out;
  }

  /**
   * One entry as a JSON object of its table name and total, read and write units (those present, in
   * that order): {@code {"TableName":"orders","CapacityUnits":0.5}}.
   */
  static String json(ConsumedCapacity capacity) {
    String table = capacity.tableName();
    if (table == null) {
      return format(capacity);
    }
    // Calls on a table mostly report the same units: reuse the text of the last one.
    CapacityText last = LAST_CAPACITY.get(table);
    if (last != null && last.matches(capacity)) {
      return last.json;
    }
    String json = format(capacity);
    if (last != null || LAST_CAPACITY.size() < MAX_CAPACITY_TABLES) {
      LAST_CAPACITY.put(table, new CapacityText(capacity, json));
    }
    return json;
  }

  private static final int MAX_CAPACITY_TABLES = 1024;
  private static final Map<String, CapacityText> LAST_CAPACITY = new ConcurrentHashMap<>();

  /** The JSON text of one table's capacity entry with the units it was made from. */
  private static final class CapacityText {
    private final Double units;
    private final Double read;
    private final Double write;
    final String json;

    CapacityText(ConsumedCapacity capacity, String json) {
      this.units = capacity.capacityUnits();
      this.read = capacity.readCapacityUnits();
      this.write = capacity.writeCapacityUnits();
      this.json = json;
    }

    boolean matches(ConsumedCapacity capacity) {
      return java.util.Objects.equals(units, capacity.capacityUnits())
          && java.util.Objects.equals(read, capacity.readCapacityUnits())
          && java.util.Objects.equals(write, capacity.writeCapacityUnits());
    }
  }

  private static String format(ConsumedCapacity capacity) {
    StringBuilder out = new StringBuilder(64).append('{');
    if (capacity.tableName() != null) {
      out.append("\"TableName\":");
      quote(out, capacity.tableName());
    }
    number(out, "CapacityUnits", capacity.capacityUnits());
    number(out, "ReadCapacityUnits", capacity.readCapacityUnits());
    number(out, "WriteCapacityUnits", capacity.writeCapacityUnits());
    return out.append('}').toString();
  }

  private static void number(StringBuilder out, String name, Double value) {
    if (value == null) {
      return;
    }
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('"').append(name).append("\":");
    double units = value;
    if (Double.isNaN(units) || Double.isInfinite(units)) {
      out.append('"').append(units).append('"');
    } else {
      out.append(units);
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /** What a span needs of an operation, worked out once per operation name. */
  private static final class Operation {
    private static final Map<String, Operation> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 256;

    final String spanName;
    final Attributes attributes;
    final boolean putItem;
    final boolean query;

    private Operation(String name) {
      this.spanName = SpanNames.of(name);
      this.attributes =
          CONSTANT.toBuilder().put(OPERATION_NAME, name).put(RPC_METHOD, name).build();
      this.putItem = "PutItem".equals(name);
      this.query = "Query".equals(name);
    }

    static Operation of(String name) {
      Operation known = KNOWN.get(name);
      if (known == null) {
        known = new Operation(name);
        if (KNOWN.size() < MAX_KNOWN) {
          KNOWN.putIfAbsent(name, known);
        }
      }
      return known;
    }
  }
}
