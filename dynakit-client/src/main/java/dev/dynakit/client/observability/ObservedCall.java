package dev.dynakit.client.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** One SDK execution as the observers see it: what was asked, and what happened so far. */
final class ObservedCall {
  final String operation;
  final SdkRequest request;
  private RequestFacts facts;
  final long startMillis;

  /** Attempts sent so far (1 for a call that was not retried). */
  int attempts;

  /** The error code of the last failed attempt that got an answer, or {@code null}. */
  String lastErrorCode;

  /** The HTTP status of the last attempt that got an answer, 0 if none did. */
  int lastStatus;

  /** The AWS request id of the last answer, or {@code null}. */
  String requestId;

  String serverAddress;
  int serverPort;

  /** Whether the adapter, not the caller, asked for the consumed capacity. */
  boolean capacityAdded;

  /** The response as the service sent it, before the adapter removed what it had added. */
  SdkResponse rawResponse;

  /** The metrics observer's start time, from the registry's clock. */
  long meterStartNanos;

  /** The meters the metrics observer last looked up for this call. */
  Object meters;

  Span span;
  Scope scope;

  /** What the request says about itself, read on first use (a quiet call may never need it). */
  RequestFacts facts() {
    RequestFacts read = facts;
    if (read == null) {
      read = RequestFacts.of(request);
      facts = read;
    }
    return read;
  }

  ObservedCall(String operation, SdkRequest request, long startMillis) {
    this.operation = operation;
    this.request = request;
    this.startMillis = startMillis;
  }
}
