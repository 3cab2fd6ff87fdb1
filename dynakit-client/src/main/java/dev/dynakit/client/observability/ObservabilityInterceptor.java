package dev.dynakit.client.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Feeds the observers from the SDK's execution hooks: once per call at the start and the end, and
 * once per attempt (so each throttled or failed attempt of a retried call is seen). The SDK runs
 * the hooks after an answer ({@code afterTransmission}, {@code afterExecution}) in reverse
 * interceptor order but {@code onExecutionFailure} in forward order, so what must be undone in
 * nesting order (a current span's scope) is undone per attempt, when its answer arrives. When asked
 * to, it requests the consumed capacity on calls that can return it and removes it again from the
 * response, so the caller sees the response it asked for.
 */
final class ObservabilityInterceptor implements ExecutionInterceptor {
  static final ExecutionAttribute<ObservedCall> CALL =
      new ExecutionAttribute<>("dynakit.observability.call");

  private static final Logger LOG = LoggerFactory.getLogger(ObservabilityInterceptor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RETURN_CONSUMED_CAPACITY = "ReturnConsumedCapacity";
  private static final String CONSUMED_CAPACITY = "ConsumedCapacity";

  private final List<Observer> observers;
  private final boolean requestCapacity;
  private final Clock clock;

  ObservabilityInterceptor(List<Observer> observers, boolean requestCapacity, Clock clock) {
    this.observers = List.copyOf(observers);
    this.requestCapacity = requestCapacity;
    this.clock = clock;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    ObservedCall call = newCall(context.request(), attributes);
    attributes.putAttribute(CALL, call);
    for (Observer observer : observers) {
      try {
        observer.created(call);
      } catch (RuntimeException e) {
        LOG.debug("an observer failed at the start of {}", call.operation, e);
      }
    }
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    ObservedCall call = attributes.getAttribute(CALL);
    if (!requestCapacity || call == null) {
      return request;
    }
    SdkField<?> field = request.sdkFieldNameToField().get(RETURN_CONSUMED_CAPACITY);
    if (field == null
        || request.getValueForField(RETURN_CONSUMED_CAPACITY, Object.class).isPresent()) {
      return request;
    }
    SdkRequest.Builder builder = request.toBuilder();
    field.set(builder, "TOTAL");
    call.capacityAdded = true;
    return builder.build();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      return;
    }
    call.attempts++;
    if (call.attempts == 1) {
      SdkHttpRequest http = context.httpRequest();
      call.serverAddress = http.host();
      call.serverPort = http.port();
    }
    for (Observer observer : observers) {
      try {
        if (call.attempts == 1) {
          observer.started(call);
        } else {
          observer.retrying(call);
        }
        observer.sending(call);
      } catch (RuntimeException e) {
        LOG.debug("an observer failed before attempt {} of {}", call.attempts, call.operation, e);
      }
    }
    // Whatever this attempt's outcome, it is its own: an earlier answer's code no longer applies.
    call.lastErrorCode = null;
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      return;
    }
    for (int i = observers.size() - 1; i >= 0; i--) {
      try {
        observers.get(i).answered(call);
      } catch (RuntimeException e) {
        LOG.debug("an observer failed after attempt {} of {}", call.attempts, call.operation, e);
      }
    }
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      return body;
    }
    SdkHttpResponse response = context.httpResponse();
    call.lastStatus = response.statusCode();
    call.requestId =
        response
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> response.firstMatchingHeader("x-amz-request-id"))
            .orElse(call.requestId);
    if (response.isSuccessful()) {
      return body;
    }
    Optional<InputStream> replacement = body;
    String code =
        ErrorTypes.codeFromType(response.firstMatchingHeader("x-amzn-ErrorType").orElse(null));
    if (code == null && body.isPresent()) {
      byte[] bytes = readQuietly(body.get());
      code = codeFromBody(bytes);
      replacement = Optional.of(new ByteArrayInputStream(bytes));
    }
    call.lastErrorCode = code;
    for (Observer observer : observers) {
      try {
        observer.attemptFailed(call, response.statusCode(), code);
      } catch (RuntimeException e) {
        LOG.debug("an observer failed on a failed attempt of {}", call.operation, e);
      }
    }
    return replacement;
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      return response;
    }
    call.rawResponse = response;
    if (!call.capacityAdded) {
      return response;
    }
    SdkField<?> field = response.sdkFieldNameToField().get(CONSUMED_CAPACITY);
    if (field == null || response.getValueForField(CONSUMED_CAPACITY, Object.class).isEmpty()) {
      return response;
    }
    SdkResponse.Builder builder = response.toBuilder();
    field.set(builder, null);
    return builder.build();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      return;
    }
    SdkResponse response = call.rawResponse != null ? call.rawResponse : context.response();
    for (int i = observers.size() - 1; i >= 0; i--) {
      try {
        observers.get(i).succeeded(call, response);
      } catch (RuntimeException e) {
        LOG.debug("an observer failed at the end of {}", call.operation, e);
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    ObservedCall call = attributes.getAttribute(CALL);
    if (call == null) {
      // Not seen at its start: observe it from here.
      call = newCall(context.request(), attributes);
      for (Observer observer : observers) {
        try {
          observer.created(call);
        } catch (RuntimeException e) {
          LOG.debug("an observer failed at the start of {}", call.operation, e);
        }
      }
    }
    for (int i = observers.size() - 1; i >= 0; i--) {
      try {
        observers.get(i).failed(call, context.exception());
      } catch (RuntimeException e) {
        LOG.debug("an observer failed at the end of {}", call.operation, e);
      }
    }
  }

  private ObservedCall newCall(SdkRequest request, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (operation == null) {
      String type = request.getClass().getSimpleName();
      operation = type.endsWith("Request") ? type.substring(0, type.length() - 7) : type;
    }
    return new ObservedCall(operation, request, clock.millis());
  }

  private static byte[] readQuietly(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String codeFromBody(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode type = node == null ? null : node.get("__type");
      if (type == null) {
        type = node == null ? null : node.get("code");
      }
      return type == null ? null : ErrorTypes.codeFromType(type.asText());
    } catch (IOException e) {
      return null;
    }
  }
}
