package dev.dynakit.client.observability;

import dev.dynakit.client.errors.DynakitException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Logs calls at the observability spec's levels. {@value #OPERATIONS} carries one line per call
 * outcome and per retry, with names, expressions and counts but never item values:
 *
 * <ul>
 *   <li>ERROR: authentication failures and service errors (5xx, unavailable, missing resources,
 *       timeouts, network failures);
 *   <li>WARN: throttling, retries, unprocessed batch items, calls the adapter refused;
 *   <li>INFO: committed transactions;
 *   <li>DEBUG: each call's request details and expressions when it starts, each successful call
 *       (INFO on every call would flood a library user's logs), and failures the caller is expected
 *       to handle (conditional checks, validation);
 * </ul>
 *
 * <p>{@value #PAYLOADS} logs full requests and responses, attribute values included, at TRACE only.
 */
final class LoggingObserver implements Observer {
  static final String OPERATIONS = "dev.dynakit.client.operations";
  static final String PAYLOADS = "dev.dynakit.client.payloads";

  private static final Logger LOG = LoggerFactory.getLogger(OPERATIONS);
  private static final Logger PAYLOAD_LOG = LoggerFactory.getLogger(PAYLOADS);

  private final Clock clock;

  LoggingObserver(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void created(ObservedCall call) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} starting: {}", call.operation, call.facts().describe());
    }
    if (PAYLOAD_LOG.isTraceEnabled()) {
      PAYLOAD_LOG.trace("{} request: {}", call.operation, call.request);
    }
  }

  @Override
  public void retrying(ObservedCall call) {
    if (LOG.isWarnEnabled()) {
      LOG.warn(
          "{} on {}: retrying, attempt {} after {}",
          call.operation,
          call.facts().tableTags(),
          call.attempts,
          call.lastErrorCode == null ? "no response" : call.lastErrorCode);
    }
  }

  @Override
  public void succeeded(ObservedCall call, SdkResponse response) {
    long millis = clock.millis() - call.startMillis;
    if (isTransactionCommit(call.operation)) {
      LOG.info(
          "{} committed: {} items on {} in {} ms",
          call.operation,
          call.facts().itemCount == null ? "?" : call.facts().itemCount,
          call.facts().tableTags(),
          millis);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} on {} succeeded in {} ms after {} attempt(s){}",
          call.operation,
          call.facts().tableTags(),
          millis,
          call.attempts,
          responseDetails(response));
    }
    warnUnprocessed(call, response);
    if (PAYLOAD_LOG.isTraceEnabled()) {
      PAYLOAD_LOG.trace("{} response: {}", call.operation, response);
    }
  }

  @Override
  public void failed(ObservedCall call, Throwable error) {
    long millis = clock.millis() - call.startMillis;
    String errorType = ErrorTypes.errorType(error);
    // Adapter errors promise value-free messages; the service's own messages stay at TRACE.
    String detail = error instanceof DynakitException ? ": " + error.getMessage() : "";
    String format = "{} on {} failed after {} attempt(s) in {} ms with {}{}";
    Object[] args = {
      call.operation, call.facts().tableTags(), call.attempts, millis, errorType, detail
    };
    switch (ErrorTypes.category(error)) {
      case AUTHENTICATION:
      case SERVICE:
        LOG.error(format, args);
        break;
      case THROTTLING:
      case REFUSED:
        LOG.warn(format, args);
        break;
      default:
        LOG.debug(format, args);
        break;
    }
    if (PAYLOAD_LOG.isTraceEnabled()) {
      PAYLOAD_LOG.trace("{} failure: {}", call.operation, error.toString());
    }
  }

  /** Counts and capacity from a response, never its items: {@code " (count=3 scanned=4)"}. */
  static String responseDetails(SdkResponse response) {
    StringBuilder out = new StringBuilder();
    response
        .getValueForField("Count", Integer.class)
        .ifPresent(n -> out.append(" count=").append(n));
    response
        .getValueForField("ScannedCount", Integer.class)
        .ifPresent(n -> out.append(" scanned=").append(n));
    if (response instanceof GetItemResponse) {
      out.append(" found=").append(((GetItemResponse) response).hasItem());
    }
    if (response
        .getValueForField("LastEvaluatedKey", Map.class)
        .filter(m -> !m.isEmpty())
        .isPresent()) {
      out.append(" more_pages=true");
    }
    double units = MetricsObserver.capacityUnits(response);
    if (units > 0) {
      out.append(" capacity=").append(units);
    }
    return out.length() == 0 ? "" : " (" + out.substring(1) + ")";
  }

  private static boolean isTransactionCommit(String operation) {
    return "TransactWriteItems".equals(operation) || "ExecuteTransaction".equals(operation);
  }

  private static void warnUnprocessed(ObservedCall call, SdkResponse response) {
    if (!LOG.isWarnEnabled()) {
      return;
    }
    Map<?, ?> unprocessed =
        response
            .getValueForField("UnprocessedItems", Map.class)
            .or(() -> response.getValueForField("UnprocessedKeys", Map.class))
            .orElse(Map.of());
    for (Map.Entry<?, ?> entry : unprocessed.entrySet()) {
      int count = MetricsObserver.unprocessedCount(entry.getValue());
      if (count > 0) {
        LOG.warn(
            "{} left {} item(s) of table {} unprocessed", call.operation, count, entry.getKey());
      }
    }
  }
}
