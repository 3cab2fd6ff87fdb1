package dev.dynakit.client.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
    SpanBuilder builder =
        tracer
            .spanBuilder(SpanNames.of(call.operation))
            .setSpanKind(SpanKind.CLIENT)
            .setAllAttributes(CONSTANT)
            .setAttribute("db.operation.name", call.operation)
            .setAttribute("rpc.method", call.operation);
    if (!facts.tables.isEmpty()) {
      builder.setAttribute(AttributeKey.stringArrayKey("aws.dynamodb.table_names"), facts.tables);
    }
    String table = facts.singleTable();
    if (table != null) {
      builder.setAttribute("table", table);
    } else if (facts.tables.size() > 1) {
      builder.setAttribute(AttributeKey.stringArrayKey("tables"), facts.tables);
    }
    if (facts.index != null) {
      builder.setAttribute("aws.dynamodb.index_name", facts.index);
      builder.setAttribute("index", facts.index);
    }
    if (facts.limit != null) {
      builder.setAttribute("aws.dynamodb.limit", facts.limit.longValue());
      builder.setAttribute("limit", facts.limit.longValue());
    }
    if (facts.segment != null) {
      builder.setAttribute("aws.dynamodb.segment", facts.segment.longValue());
      builder.setAttribute("segment", facts.segment.longValue());
    }
    if (facts.totalSegments != null) {
      builder.setAttribute("aws.dynamodb.total_segments", facts.totalSegments.longValue());
      builder.setAttribute("total_segments", facts.totalSegments.longValue());
    }
    if (facts.consistentRead != null) {
      builder.setAttribute("aws.dynamodb.consistent_read", facts.consistentRead);
      builder.setAttribute("consistent_read", facts.consistentRead);
    }
    if (facts.scanForward != null) {
      builder.setAttribute("aws.dynamodb.scan_forward", facts.scanForward);
    }
    if (facts.select != null) {
      builder.setAttribute("aws.dynamodb.select", facts.select);
    }
    if (facts.projection != null) {
      builder.setAttribute("aws.dynamodb.projection", facts.projection);
    }
    if (facts.condition != null) {
      builder.setAttribute("condition", facts.condition);
    }
    if (facts.updateExpression != null) {
      builder.setAttribute("update_expr", facts.updateExpression);
    }
    if (facts.keyCondition != null) {
      builder.setAttribute("key_condition", facts.keyCondition);
    }
    if (facts.filter != null) {
      builder.setAttribute("filter", facts.filter);
    }
    if (!facts.keyAttributes.isEmpty()) {
      builder.setAttribute(AttributeKey.stringArrayKey("key_attributes"), facts.keyAttributes);
    }
    boolean keyed =
        !facts.keyAttributes.isEmpty()
            || "PutItem".equals(call.operation)
            || ("Query".equals(call.operation) && facts.index == null);
    KeySchemas.Names key = keyed ? keySchemas.of(table, facts.keyAttributes) : null;
    if (key != null && key.partition != null) {
      // Key attribute names only: key values are often personal data (user ids, e-mail
      // addresses) and spans travel to tracing back ends with wider access than the table.
      builder.setAttribute("pk", key.partition);
      if (key.sort != null) {
        builder.setAttribute("sk", key.sort);
      }
    }
    if (facts.itemCount != null) {
      builder.setAttribute("item_count", facts.itemCount.longValue());
    }
    if (facts.putCount != null) {
      builder.setAttribute("put_count", facts.putCount.longValue());
      builder.setAttribute("delete_count", facts.deleteCount.longValue());
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
            AttributeKey.longKey("attempt"),
            (long) call.attempts,
            AttributeKey.stringKey("previous_error"),
            call.lastErrorCode == null ? "no response" : call.lastErrorCode));
  }

  @Override
  public void succeeded(ObservedCall call, SdkResponse response) {
    keySchemas.learn(response);
    Span span = call.span;
    if (span == null) {
      return;
    }
    response
        .getValueForField("Count", Integer.class)
        .ifPresent(count -> span.setAttribute("aws.dynamodb.count", count.longValue()));
    response
        .getValueForField("ScannedCount", Integer.class)
        .ifPresent(count -> span.setAttribute("aws.dynamodb.scanned_count", count.longValue()));
    List<String> capacity = capacity(response);
    if (!capacity.isEmpty()) {
      span.setAttribute(AttributeKey.stringArrayKey("aws.dynamodb.consumed_capacity"), capacity);
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
    span.setAttribute("error.type", errorType);
    span.addEvent(
        "exception",
        Attributes.of(
            AttributeKey.stringKey("exception.type"),
            error.getClass().getName(),
            AttributeKey.stringKey("error.type"),
            errorType));
    span.setStatus(StatusCode.ERROR, errorType);
    end(call, span);
  }

  private static void end(ObservedCall call, Span span) {
    span.setAttribute("attempts", (long) call.attempts);
    if (call.requestId != null) {
      span.setAttribute("aws.request_id", call.requestId);
    }
    if (call.serverAddress != null) {
      span.setAttribute("server.address", call.serverAddress);
      if (call.serverPort > 0) {
        span.setAttribute("server.port", (long) call.serverPort);
      }
    }
    if (call.lastStatus > 0) {
      span.setAttribute("http.response.status_code", (long) call.lastStatus);
    }
    span.end();
    closeScope(call);
  }

  /** Each ConsumedCapacity entry of the response as JSON, as the conventions ask. */
  private static List<String> capacity(SdkResponse response) {
    Object value = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
    List<String> out = new ArrayList<>();
    if (value instanceof ConsumedCapacity) {
      out.add(json((ConsumedCapacity) value));
    } else if (value instanceof Collection) {
      for (Object each : (Collection<?>) value) {
        if (each instanceof ConsumedCapacity) {
          out.add(json((ConsumedCapacity) each));
        }
      }
    }
    return out;
  }

  private static String json(ConsumedCapacity capacity) {
    java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
    if (capacity.tableName() != null) {
      fields.put("TableName", capacity.tableName());
    }
    if (capacity.capacityUnits() != null) {
      fields.put("CapacityUnits", capacity.capacityUnits());
    }
    if (capacity.readCapacityUnits() != null) {
      fields.put("ReadCapacityUnits", capacity.readCapacityUnits());
    }
    if (capacity.writeCapacityUnits() != null) {
      fields.put("WriteCapacityUnits", capacity.writeCapacityUnits());
    }
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      return String.valueOf(fields);
    }
  }
}
