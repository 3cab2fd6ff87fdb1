package dev.dynakit.engine.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Provisioned capacity, enforced: each PROVISIONED table and global index has a token bucket for
 * reads and one for writes, filled at its provisioned units a second by the engine's clock and
 * holding up to 300 seconds of unused capacity (DynamoDB's burst capacity), one second's worth at
 * first. A request is throttled ({@code ProvisionedThroughputExceededException}) when a bucket it
 * draws on is empty; one that runs debits what it consumed, which may leave a bucket in debt.
 * On-demand tables and indexes are limited only by the maximum throughput they were given ({@code
 * OnDemandThroughput}), with a second's worth of units and {@code ThrottlingException}.
 */
final class CapacityLimits {
  private static final Set<String> READS =
      Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
  private static final long BURST_SECONDS = 300;

  private final Clock clock;
  private final Tables tables;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  CapacityLimits(Clock clock, Tables tables) {
    this.clock = clock;
    this.tables = tables;
  }

  /** Runs {@code request} with {@code run} within the capacity of the tables it uses. */
  Object run(DynamoDbRequest request, Function<DynamoDbRequest, Object> run) {
    String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
    boolean read = READS.contains(operation);
    if (!read && !WRITES.contains(operation)) {
      return run.apply(request);
    }
    List<Table> limited = new ArrayList<>();
    for (String name : tablesOf(request)) {
      Table table = tables.find(name);
      if (table != null && !limits(table.created(), read, null).isEmpty()) {
        limited.add(table);
      }
    }
    if (limited.isEmpty()) {
      return run.apply(request);
    }
    Instant now = clock.instant();
    String index = read ? request.getValueForField("IndexName", String.class).orElse(null) : null;
    for (Table table : limited) {
      for (Limit limit : limits(table.created(), read, index)) {
        if (bucket(table, limit, read, now).empty()) {
          Accesses.throttled(table, request);
          throw throttled(table.created(), limit, read);
        }
      }
    }
    ReturnConsumedCapacity asked =
        request
            .getValueForField("ReturnConsumedCapacity", String.class)
            .map(ReturnConsumedCapacity::fromValue)
            .orElse(null);
    DynamoDbRequest measured =
        asked == ReturnConsumedCapacity.INDEXES ? request : withIndexes(request);
    Object response = run.apply(measured);
    for (ConsumedCapacity consumed : consumed(response)) {
      Table table = tables.find(consumed.tableName());
      if (table == null) {
        continue;
      }
      for (Limit limit : limits(table.created(), read, index)) {
        Capacity used =
            limit.index().isEmpty()
                ? consumed.table()
                : consumed.hasGlobalSecondaryIndexes()
                    ? consumed.globalSecondaryIndexes().get(limit.index())
                    : null;
        double units =
            used != null && used.capacityUnits() != null
                ? used.capacityUnits()
                : limit.index().isEmpty() && consumed.table() == null
                    ? consumed.capacityUnits()
                    : 0;
        bucket(table, limit, read, now).take(units);
      }
    }
    return asked == null || asked == ReturnConsumedCapacity.NONE ? without(response) : response;
  }

  /**
   * A limit on one table or global index: its units a second, how many seconds of unused units it
   * keeps, and whether it is provisioned capacity or an on-demand maximum.
   */
  private record Limit(String index, long rate, long burstSeconds, boolean provisioned) {}

  /**
   * The limits a request draws on: for a write, the table's and every global index's; for a read,
   * the table's, or the global index's it reads (a local index shares the table's). Provisioned
   * capacity keeps 300 seconds of unused units (burst capacity); an on-demand maximum holds a
   * second's worth.
   */
  private static List<Limit> limits(TableDescription description, boolean read, String readIndex) {
    boolean provisioned =
        description.billingModeSummary() == null
            || description.billingModeSummary().billingMode() == BillingMode.PROVISIONED;
    List<Limit> limits = new ArrayList<>();
    boolean global =
        read
            && readIndex != null
            && description.hasGlobalSecondaryIndexes()
            && description.globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexName().equals(readIndex));
    if (!global) {
      add(
          limits,
          "",
          provisioned,
          description.provisionedThroughput(),
          description.onDemandThroughput(),
          read);
    }
    if (description.hasGlobalSecondaryIndexes()) {
      for (GlobalSecondaryIndexDescription index : description.globalSecondaryIndexes()) {
        if (!read || index.indexName().equals(readIndex)) {
          add(
              limits,
              index.indexName(),
              provisioned,
              index.provisionedThroughput(),
              index.onDemandThroughput(),
              read);
        }
      }
    }
    return limits;
  }

  private static void add(
      List<Limit> limits,
      String index,
      boolean provisioned,
      ProvisionedThroughputDescription throughput,
      OnDemandThroughput maximum,
      boolean read) {
    if (provisioned) {
      long rate =
          throughput == null
              ? 0
              : read ? throughput.readCapacityUnits() : throughput.writeCapacityUnits();
      limits.add(new Limit(index, rate, BURST_SECONDS, true));
    } else if (maximum != null) {
      Long rate = read ? maximum.maxReadRequestUnits() : maximum.maxWriteRequestUnits();
      if (rate != null && rate > 0) {
        limits.add(new Limit(index, rate, 1, false));
      }
    }
  }

  private Bucket bucket(Table table, Limit limit, boolean read, Instant now) {
    String key = table.keyspace() + "/" + limit.index() + "/" + (read ? "r" : "w");
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.rate(), now));
    bucket.refill(limit.rate(), limit.burstSeconds(), now);
    return bucket;
  }

  /** One bucket of capacity units. */
  private static final class Bucket {
    private double tokens;
    private Instant last;

    Bucket(long rate, Instant now) {
      this.tokens = rate;
      this.last = now;
    }

    synchronized void refill(long rate, long burstSeconds, Instant now) {
      if (now.isAfter(last)) {
        double seconds = (now.toEpochMilli() - last.toEpochMilli()) / 1000.0;
        tokens = Math.min(rate * (double) burstSeconds, tokens + rate * seconds);
        last = now;
      }
    }

    synchronized boolean empty() {
      return tokens <= 0;
    }

    synchronized void take(double units) {
      tokens -= units;
    }
  }

  /**
   * DynamoDB's throttling error for {@code limit}: ProvisionedThroughputExceededException past
   * provisioned capacity, ThrottlingException past an on-demand maximum, each with its throttling
   * reason ({@code TableWriteProvisionedThroughputExceeded}, {@code
   * IndexReadMaxOnDemandThroughputExceeded}, …) and the ARN of the table or index.
   */
  private static DynamoDbException throttled(
      TableDescription description, Limit limit, boolean read) {
    boolean index = !limit.index().isEmpty();
    ThrottlingReason reason =
        ThrottlingReason.builder()
            .reason(
                (index ? "Index" : "Table")
                    + (read ? "Read" : "Write")
                    + (limit.provisioned()
                        ? "ProvisionedThroughputExceeded"
                        : "MaxOnDemandThroughputExceeded"))
            .resource(
                index ? description.tableArn() + "/index/" + limit.index() : description.tableArn())
            .build();
    if (!limit.provisioned()) {
      return (DynamoDbException)
          Errors.fill(
                  ThrottlingException.builder().throttlingReasons(reason),
                  "ThrottlingException",
                  "Throughput exceeds the maximum on-demand throughput configured for the "
                      + (index ? "index." : "table."),
                  400)
              .build();
    }
    String message =
        index && !read
            ? "The level of configured provisioned throughput for one or more global secondary"
                + " indexes of the table was exceeded. Consider increasing your provisioning"
                + " level for the under-provisioned global secondary indexes with the"
                + " UpdateTable API"
            : "The level of configured provisioned throughput for the "
                + (index ? "index" : "table")
                + " was exceeded. Consider increasing your provisioning level with the"
                + " UpdateTable API.";
    return (DynamoDbException)
        Errors.fill(
                ProvisionedThroughputExceededException.builder().throttlingReasons(reason),
                "ProvisionedThroughputExceededException",
                message,
                400)
            .build();
  }

  /** The tables a request names: its TableName, RequestItems' keys, TransactItems' tables. */
  private Set<String> tablesOf(DynamoDbRequest request) {
    Set<String> names = new LinkedHashSet<>();
    request.getValueForField("TableName", String.class).ifPresent(n -> names.add(name(n)));
    request
        .getValueForField("RequestItems", Map.class)
        .ifPresent(items -> items.keySet().forEach(n -> names.add(name(String.valueOf(n)))));
    request
        .getValueForField("TransactItems", List.class)
        .ifPresent(items -> items.forEach(item -> nested((SdkPojo) item, names)));
    return names;
  }

  private void nested(SdkPojo pojo, Set<String> names) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      if (value instanceof SdkPojo inner) {
        inner.sdkFields().stream()
            .filter(f -> f.memberName().equals("TableName"))
            .map(f -> f.getValueOrDefault(inner))
            .filter(v -> v instanceof String)
            .forEach(v -> names.add(name((String) v)));
      }
    }
  }

  private String name(String nameOrArn) {
    return TableArns.isArn(nameOrArn) ? tables.nameOf(nameOrArn) : nameOrArn;
  }

  private static DynamoDbRequest withIndexes(DynamoDbRequest request) {
    return (DynamoDbRequest)
        withMember(
            (SdkPojo) request.toBuilder(),
            "ReturnConsumedCapacity",
            ReturnConsumedCapacity.INDEXES.toString());
  }

  private static List<ConsumedCapacity> consumed(Object response) {
    Object value =
        ((DynamoDbResponse) response)
            .getValueForField("ConsumedCapacity", Object.class)
            .orElse(null);
    if (value instanceof ConsumedCapacity one) {
      return List.of(one);
    }
    if (value instanceof List<?> many) {
      return many.stream().map(ConsumedCapacity.class::cast).toList();
    }
    return List.of();
  }

  /** The response without the ConsumedCapacity its caller did not ask for. */
  private static Object without(Object response) {
    return withMember(
        (SdkPojo) ((DynamoDbResponse) response).toBuilder(), "ConsumedCapacity", null);
  }

  /** What {@code builder} builds with its member of that name set to {@code value}. */
  @SuppressWarnings("unchecked")
  private static Object withMember(SdkPojo builder, String member, Object value) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (field.memberName().equals(member)) {
        ((SdkField<Object>) field).set(builder, value);
      }
    }
    return ((SdkBuilder<?, ?>) builder).build();
  }
}
