package dev.dynakit.client.observability;

import dev.dynakit.client.partiql.TableArns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The observability spec's eight meters, registered under exactly the spec's names. Multi-table
 * calls (batches, transactions) are counted once for each table they touch; calls that name no
 * table are tagged {@code table=none}. Tags hold operation names, table names, error codes and
 * {@code success}/{@code error}, never keys, values or credentials.
 */
final class MetricsObserver implements Observer {
  static final String OPERATIONS = "dynamodb_operations_total";
  static final String DURATION = "dynamodb_operation_duration_seconds";
  static final String CAPACITY = "dynamodb_consumed_capacity_total";
  static final String ITEMS_RETURNED = "dynamodb_items_returned";
  static final String THROTTLES = "dynamodb_throttles_total";
  static final String CONDITIONAL_CHECK_FAILURES = "dynamodb_conditional_check_failures";
  static final String ERRORS = "dynamodb_errors_total";
  static final String UNPROCESSED = "dynamodb_batch_unprocessed_items";

  private final MeterRegistry registry;
  private final Map<String, Map<String, Meters>> meters = new ConcurrentHashMap<>();

  MetricsObserver(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void created(ObservedCall call) {
    call.meterStartNanos = registry.config().clock().monotonicTime();
  }

  @Override
  public void attemptFailed(ObservedCall call, int status, String errorCode) {
    if (errorCode != null && ErrorTypes.THROTTLING_CODES.contains(errorCode)) {
      for (String table : call.facts().tableTags()) {
        counter(THROTTLES, call.operation, table).increment();
      }
    }
  }

  @Override
  public void succeeded(ObservedCall call, SdkResponse response) {
    long elapsed = registry.config().clock().monotonicTime() - call.meterStartNanos;
    for (String table : call.facts().tableTags()) {
      Meters meters = meters(call, table);
      meters.success.increment();
      meters.duration.record(elapsed, TimeUnit.NANOSECONDS);
    }
    recordCapacity(call, response);
    recordItemsReturned(call, response);
    recordUnprocessed(call, response);
  }

  @Override
  public void failed(ObservedCall call, Throwable error) {
    long elapsed = registry.config().clock().monotonicTime() - call.meterStartNanos;
    String errorType = ErrorTypes.errorType(error);
    for (String table : call.facts().tableTags()) {
      Meters meters = meters(call, table);
      meters.failure.increment();
      meters.duration.record(elapsed, TimeUnit.NANOSECONDS);
      Counter.builder(ERRORS)
          .description("DynamoDB calls that failed, by error type")
          .tag("error_type", errorType)
          .tag("table", table)
          .register(registry)
          .increment();
    }
    recordConditionalCheckFailures(call, error);
  }

  private void recordConditionalCheckFailures(ObservedCall call, Throwable error) {
    AwsServiceException service = ErrorTypes.awsCause(error);
    if (service instanceof TransactionCanceledException) {
      List<CancellationReason> reasons =
          ((TransactionCanceledException) service).cancellationReasons();
      for (int i = 0; i < reasons.size(); i++) {
        if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
          String table = i < call.facts().itemTables.size() ? call.facts().itemTables.get(i) : null;
          counter(
                  CONDITIONAL_CHECK_FAILURES,
                  call.operation,
                  table == null ? RequestFacts.NO_TABLE : table)
              .increment();
        }
      }
      return;
    }
    if (ErrorTypes.category(error) == ErrorTypes.Category.CONDITIONAL_CHECK
        && "ConditionalCheckFailedException".equals(ErrorTypes.errorType(error))) {
      for (String table : call.facts().tableTags()) {
        counter(CONDITIONAL_CHECK_FAILURES, call.operation, table).increment();
      }
    }
  }

  private void recordCapacity(ObservedCall call, SdkResponse response) {
    Object value = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
    if (value instanceof ConsumedCapacity) {
      addCapacity(call, (ConsumedCapacity) value);
    } else if (value instanceof Collection) {
      for (Object each : (Collection<?>) value) {
        if (each instanceof ConsumedCapacity) {
          addCapacity(call, (ConsumedCapacity) each);
        }
      }
    }
  }

  private void addCapacity(ObservedCall call, ConsumedCapacity capacity) {
    double units = units(capacity);
    if (units <= 0) {
      return;
    }
    String table = TableArns.tableOf(capacity.tableName());
    if (table == null) {
      table =
          call.facts().singleTable() == null ? RequestFacts.NO_TABLE : call.facts().singleTable();
    }
    meters(call, table).capacity().increment(units);
  }

  /** All capacity units a response reports, over its tables. */
  static double capacityUnits(SdkResponse response) {
    Object value = response.getValueForField("ConsumedCapacity", Object.class).orElse(null);
    if (value instanceof ConsumedCapacity) {
      return units((ConsumedCapacity) value);
    }
    double total = 0;
    if (value instanceof Collection) {
      for (Object each : (Collection<?>) value) {
        if (each instanceof ConsumedCapacity) {
          total += units((ConsumedCapacity) each);
        }
      }
    }
    return total;
  }

  private static double units(ConsumedCapacity capacity) {
    if (capacity.capacityUnits() != null) {
      return capacity.capacityUnits();
    }
    double read = capacity.readCapacityUnits() == null ? 0 : capacity.readCapacityUnits();
    double write = capacity.writeCapacityUnits() == null ? 0 : capacity.writeCapacityUnits();
    return read + write;
  }

  private void recordItemsReturned(ObservedCall call, SdkResponse response) {
    switch (call.operation) {
      case "GetItem":
        boolean found =
            response instanceof GetItemResponse && ((GetItemResponse) response).hasItem();
        itemsReturned(call, call.facts().singleTable(), found ? 1 : 0);
        break;
      case "Query":
      case "Scan":
        response
            .getValueForField("Count", Integer.class)
            .ifPresent(count -> itemsReturned(call, call.facts().singleTable(), count));
        break;
      case "ExecuteStatement":
        response
            .getValueForField("Items", List.class)
            .ifPresent(items -> itemsReturned(call, call.facts().singleTable(), items.size()));
        break;
      case "BatchGetItem":
        Map<?, ?> responses = response.getValueForField("Responses", Map.class).orElse(Map.of());
        // Responses name each table as the request did: by name or by ARN.
        Map<String, Integer> returned = new java.util.LinkedHashMap<>();
        call.facts().tables.forEach(table -> returned.put(table, 0));
        responses.forEach(
            (table, items) ->
                returned.merge(
                    TableArns.tableOf(String.valueOf(table)),
                    items instanceof Collection ? ((Collection<?>) items).size() : 0,
                    Integer::sum));
        returned.forEach((table, count) -> itemsReturned(call, table, count));
        break;
      case "TransactGetItems":
        List<?> results = response.getValueForField("Responses", List.class).orElse(List.of());
        Map<String, Integer> perTable = new java.util.LinkedHashMap<>();
        call.facts().tables.forEach(table -> perTable.put(table, 0));
        for (int i = 0; i < results.size() && i < call.facts().itemTables.size(); i++) {
          Object result = results.get(i);
          String table = call.facts().itemTables.get(i);
          if (table != null
              && result instanceof ItemResponse
              && ((ItemResponse) result).hasItem()) {
            perTable.merge(table, 1, Integer::sum);
          }
        }
        perTable.forEach((table, count) -> itemsReturned(call, table, count));
        break;
      default:
        break;
    }
  }

  private void itemsReturned(ObservedCall call, String table, int count) {
    meters(call, table == null ? RequestFacts.NO_TABLE : table).itemsReturned().record(count);
  }

  private void recordUnprocessed(ObservedCall call, SdkResponse response) {
    Map<?, ?> unprocessed =
        response
            .getValueForField("UnprocessedItems", Map.class)
            .or(() -> response.getValueForField("UnprocessedKeys", Map.class))
            .orElse(Map.of());
    for (Map.Entry<?, ?> entry : unprocessed.entrySet()) {
      int count = unprocessedCount(entry.getValue());
      if (count > 0) {
        counter(UNPROCESSED, call.operation, TableArns.tableOf(String.valueOf(entry.getKey())))
            .increment(count);
      }
    }
  }

  /** How many items or keys of a table a batch response left unprocessed. */
  static int unprocessedCount(Object value) {
    if (value instanceof KeysAndAttributes) {
      return ((KeysAndAttributes) value).keys().size();
    }
    if (value instanceof Collection) {
      return ((Collection<?>) value).size();
    }
    return 0;
  }

  private Counter counter(String name, String operation, String table) {
    return Counter.builder(name).tag("operation", operation).tag("table", table).register(registry);
  }

  /** The meters of the call's operation on {@code table}, the last found kept on the call. */
  private Meters meters(ObservedCall call, String table) {
    Object last = call.meters;
    if (last instanceof Meters && ((Meters) last).table.equals(table)) {
      return (Meters) last;
    }
    Meters found = meters(call.operation, table);
    call.meters = found;
    return found;
  }

  private Meters meters(String operation, String table) {
    Map<String, Meters> byTable = meters.get(operation);
    if (byTable == null) {
      byTable = meters.computeIfAbsent(operation, ignored -> new ConcurrentHashMap<>());
    }
    Meters found = byTable.get(table);
    if (found == null) {
      found = byTable.computeIfAbsent(table, ignored -> new Meters(registry, operation, table));
    }
    return found;
  }

  /** The meters of one operation on one table, looked up once. */
  private static final class Meters {
    private final MeterRegistry registry;
    private final String operation;
    private final String table;
    final Counter success;
    final Counter failure;
    final Timer duration;
    private volatile Counter capacity;
    private volatile DistributionSummary itemsReturned;

    Meters(MeterRegistry registry, String operation, String table) {
      this.registry = registry;
      this.operation = operation;
      this.table = table;
      this.success = operations("success");
      this.failure = operations("error");
      this.duration =
          Timer.builder(DURATION)
              .description("Duration of DynamoDB calls, retries included")
              .tag("operation", operation)
              .tag("table", table)
              .publishPercentileHistogram()
              .register(registry);
    }

    private Counter operations(String status) {
      return Counter.builder(OPERATIONS)
          .description("DynamoDB calls, by outcome")
          .tag("operation", operation)
          .tag("table", table)
          .tag("status", status)
          .register(registry);
    }

    Counter capacity() {
      Counter counter = capacity;
      if (counter == null) {
        counter =
            Counter.builder(CAPACITY)
                .description("Capacity units DynamoDB reported as consumed")
                .tag("table", table)
                .tag("operation", operation)
                .register(registry);
        capacity = counter;
      }
      return counter;
    }

    DistributionSummary itemsReturned() {
      DistributionSummary summary = itemsReturned;
      if (summary == null) {
        summary =
            DistributionSummary.builder(ITEMS_RETURNED)
                .description("Items a read call returned")
                .tag("operation", operation)
                .tag("table", table)
                .publishPercentileHistogram()
                .register(registry);
        itemsReturned = summary;
      }
      return summary;
    }
  }
}
