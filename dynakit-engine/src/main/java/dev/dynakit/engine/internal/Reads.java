package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.KeyCodec;
import dev.dynakit.engine.storage.PartitionHash;
import dev.dynakit.engine.storage.Storage;
import dev.dynakit.expression.ConditionExpression;
import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.KeyConditionExpression;
import dev.dynakit.expression.KeyConditionExpression.SortKeyCondition;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.LegacyConditions;
import dev.dynakit.expression.ProjectionExpression;
import dev.dynakit.expression.value.CapacityUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan: a key range read in order, each item filtered and projected, pages cut at the
 * request's {@code Limit} of items read or at 1 MB read, as DynamoDB cuts them.
 */
public final class Reads {
  /** DynamoDB stops a page once it has read this much. */
  static final long PAGE_BYTES = 1024 * 1024;

  private final Tables tables;
  private final Storage storage;

  public Reads(Tables tables, Storage storage) {
    this.tables = tables;
    this.storage = storage;
  }

  public QueryResponse query(QueryRequest request) {
    // DynamoDB's order; KeyConditions conflicts with KeyConditionExpression only.
    List<String> legacy = new ArrayList<>();
    if (request.hasAttributesToGet()) {
      legacy.add("AttributesToGet");
    }
    if (request.hasQueryFilter()) {
      legacy.add("QueryFilter");
    }
    if (request.conditionalOperator() != null) {
      legacy.add("ConditionalOperator");
    }
    if (request.hasKeyConditions() && request.keyConditionExpression() != null) {
      legacy.add("KeyConditions");
    }
    List<String> expressions = new ArrayList<>();
    addIf(expressions, "ProjectionExpression", request.projectionExpression());
    addIf(expressions, "FilterExpression", request.filterExpression());
    addIf(expressions, "KeyConditionExpression", request.keyConditionExpression());
    LegacyConditions.refuseMixed(legacy, expressions);
    checkLimit(request.limit());
    Map<String, String> valueExpressions = new LinkedHashMap<>();
    valueExpressions.put("FilterExpression", request.filterExpression());
    valueExpressions.put("KeyConditionExpression", request.keyConditionExpression());
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            Items.names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            Items.values(
                request.hasExpressionAttributeValues(), request.expressionAttributeValues()),
            request.keyConditionExpression() != null
                || request.filterExpression() != null
                || request.projectionExpression() != null,
            valueExpressions);
    if (request.keyConditionExpression() == null && !request.hasKeyConditions()) {
      throw Errors.validation(
          "Either the KeyConditions or KeyConditionExpression parameter must be specified in the"
              + " request.");
    }
    Optional<ConditionExpression> filter =
        Optional.ofNullable(request.filterExpression()).map(attributes::filter);
    Optional<ProjectionExpression> projection =
        Optional.ofNullable(request.projectionExpression()).map(attributes::projection);
    if (request.hasAttributesToGet()) {
      projection = LegacyConditions.attributesToGet(request.attributesToGet());
    }
    Select select =
        select(
            request.select(),
            projection.isPresent(),
            parameter(request.hasAttributesToGet()),
            request.hasAttributesToGet());
    if (request.hasQueryFilter()) {
      filter =
          LegacyConditions.filter(request.queryFilter(), request.conditionalOperatorAsString());
    } else if (request.conditionalOperator() != null) {
      LegacyConditions.filter(null, request.conditionalOperatorAsString());
    }
    Table table = tables.require(request.tableName());
    checkIndex(request.indexName());
    KeyConditionExpression key =
        request.keyConditionExpression() != null
            ? attributes.keyCondition(request.keyConditionExpression(), table.keys())
            : LegacyConditions.keyConditions(request.keyConditions(), table.keys());
    attributes.checkAllUsed();
    if (request.hasQueryFilter()) {
      for (String name : keyNames(table.keys())) {
        if (request.queryFilter().containsKey(name)) {
          throw Errors.validation(
              "QueryFilter can only contain non-primary key attributes: Primary key attribute: "
                  + name);
        }
      }
    }
    filter.ifPresent(f -> f.requireNonKeyAttributes(table.keys()));
    KeyCodec.Range range = range(key);
    boolean forward = !Boolean.FALSE.equals(request.scanIndexForward());
    byte[] start =
        request.hasExclusiveStartKey() ? startKey(table.keys(), request.exclusiveStartKey()) : null;
    Page page =
        read(
            table,
            range.from(),
            range.to(),
            forward,
            start,
            item -> true,
            filter,
            projection,
            select,
            request.limit());
    return QueryResponse.builder()
        .items(select == Select.COUNT ? null : page.items())
        .count(page.count())
        .scannedCount(page.scanned())
        .lastEvaluatedKey(page.lastEvaluatedKey())
        .consumedCapacity(
            Capacities.of(
                table.name(),
                request.returnConsumedCapacity(),
                page.readUnits(request.consistentRead())))
        .build();
  }

  public ScanResponse scan(ScanRequest request) {
    List<String> legacy = new ArrayList<>();
    if (request.hasAttributesToGet()) {
      legacy.add("AttributesToGet");
    }
    if (request.hasScanFilter()) {
      legacy.add("ScanFilter");
    }
    if (request.conditionalOperator() != null) {
      legacy.add("ConditionalOperator");
    }
    List<String> expressions = new ArrayList<>();
    addIf(expressions, "ProjectionExpression", request.projectionExpression());
    addIf(expressions, "FilterExpression", request.filterExpression());
    LegacyConditions.refuseMixed(legacy, expressions);
    checkLimit(request.limit());
    checkSegments(request.segment(), request.totalSegments());
    Map<String, String> valueExpressions = new LinkedHashMap<>();
    valueExpressions.put("FilterExpression", request.filterExpression());
    ExpressionAttributes attributes =
        ExpressionAttributes.forRequest(
            Items.names(request.hasExpressionAttributeNames(), request.expressionAttributeNames()),
            Items.values(
                request.hasExpressionAttributeValues(), request.expressionAttributeValues()),
            request.filterExpression() != null || request.projectionExpression() != null,
            valueExpressions);
    Optional<ConditionExpression> filter =
        Optional.ofNullable(request.filterExpression()).map(attributes::filter);
    Optional<ProjectionExpression> projection =
        Optional.ofNullable(request.projectionExpression()).map(attributes::projection);
    attributes.checkAllUsed();
    if (request.hasAttributesToGet()) {
      projection = LegacyConditions.attributesToGet(request.attributesToGet());
    }
    Select select =
        select(
            request.select(),
            projection.isPresent(),
            parameter(request.hasAttributesToGet()),
            request.hasAttributesToGet());
    if (request.hasScanFilter() || request.conditionalOperator() != null) {
      filter =
          LegacyConditions.filter(
              request.hasScanFilter() ? request.scanFilter() : null,
              request.conditionalOperatorAsString());
    }
    Table table = tables.require(request.tableName());
    checkIndex(request.indexName());
    byte[] start =
        request.hasExclusiveStartKey() ? startKey(table.keys(), request.exclusiveStartKey()) : null;
    String partitionKey = table.keys().partitionKey().name();
    Predicate<Map<String, AttributeValue>> inSegment = item -> true;
    if (request.totalSegments() != null) {
      int total = request.totalSegments();
      int segment = request.segment();
      if (start != null
          && PartitionHash.segment(request.exclusiveStartKey().get(partitionKey), total)
              != segment) {
        throw Errors.validation("Exclusive start key must lie within the segment");
      }
      inSegment = item -> PartitionHash.segment(item.get(partitionKey), total) == segment;
    }
    Page page =
        read(
            table, null, null, true, start, inSegment, filter, projection, select, request.limit());
    return ScanResponse.builder()
        .items(select == Select.COUNT ? null : page.items())
        .count(page.count())
        .scannedCount(page.scanned())
        .lastEvaluatedKey(page.lastEvaluatedKey())
        .consumedCapacity(
            Capacities.of(
                table.name(),
                request.returnConsumedCapacity(),
                page.readUnits(request.consistentRead())))
        .build();
  }

  private Page read(
      Table table,
      byte[] from,
      byte[] to,
      boolean forward,
      byte[] exclusiveStart,
      Predicate<Map<String, AttributeValue>> inSegment,
      Optional<ConditionExpression> filter,
      Optional<ProjectionExpression> projection,
      Select select,
      Integer limit) {
    byte[] lower = from;
    byte[] upper = to;
    if (exclusiveStart != null) {
      if (forward) {
        byte[] next = after(exclusiveStart);
        lower = lower == null || Arrays.compareUnsigned(next, lower) > 0 ? next : lower;
      } else {
        upper =
            upper == null || Arrays.compareUnsigned(exclusiveStart, upper) < 0
                ? exclusiveStart
                : upper;
      }
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int count = 0;
    int scanned = 0;
    long bytes = 0;
    Map<String, AttributeValue> last = null;
    boolean cut = false;
    try (Stream<Storage.Entry> entries =
        storage.keyspace(table.keyspace()).scan(lower, upper, !forward)) {
      Iterator<Storage.Entry> iterator = entries.iterator();
      while (iterator.hasNext()) {
        byte[] value = iterator.next().value();
        Map<String, AttributeValue> item = ItemCodec.decode(value);
        if (!inSegment.test(item)) {
          continue;
        }
        scanned++;
        bytes += ItemCodec.size(value);
        last = item;
        if (filter.map(f -> f.matches(item)).orElse(true)) {
          count++;
          if (select != Select.COUNT) {
            items.add(projection.map(p -> p.project(item)).orElse(item));
          }
        }
        if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
          cut = iterator.hasNext() || limit != null;
          break;
        }
      }
    }
    return new Page(items, count, scanned, bytes, cut ? keyOf(table.keys(), last) : null);
  }

  private static Map<String, AttributeValue> keyOf(
      KeySchema keys, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(keys.partitionKey().name(), item.get(keys.partitionKey().name()));
    keys.sortKey().ifPresent(sort -> key.put(sort.name(), item.get(sort.name())));
    return key;
  }

  /** The first key after {@code key} in byte order. */
  private static byte[] after(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  private static KeyCodec.Range range(KeyConditionExpression key) {
    AttributeValue partition = key.partitionKeyValue();
    return StorageKeys.within(partition, sortRange(key, partition));
  }

  private static KeyCodec.Range sortRange(KeyConditionExpression key, AttributeValue partition) {
    if (key.sortKeyCondition().isEmpty()) {
      return KeyCodec.partition(partition);
    }
    SortKeyCondition sort = key.sortKeyCondition().get();
    return switch (sort.operator()) {
      case EQ -> KeyCodec.sortEqual(partition, sort.value());
      case LT -> KeyCodec.sortLessThan(partition, sort.value());
      case LE -> KeyCodec.sortAtMost(partition, sort.value());
      case GT -> KeyCodec.sortGreaterThan(partition, sort.value());
      case GE -> KeyCodec.sortAtLeast(partition, sort.value());
      case BETWEEN ->
          KeyCodec.sortBetween(partition, sort.value(), sort.upperBound().orElseThrow());
      case BEGINS_WITH -> KeyCodec.sortBeginsWith(partition, sort.value());
    };
  }

  private static byte[] startKey(KeySchema keys, Map<String, AttributeValue> start) {
    if (start.size() != (keys.sortKey().isPresent() ? 2 : 1)) {
      throw Errors.validation("Exclusive Start Key must have same size as table's key schema");
    }
    try {
      return Items.key(keys, start);
    } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
      throw Errors.validation(
          "The provided starting key is invalid: " + e.awsErrorDetails().errorMessage());
    }
  }

  private static void checkLimit(Integer limit) {
    if (limit != null && limit < 1) {
      throw Errors.validation("Limit must be greater than or equal to 1");
    }
  }

  private static void checkSegments(Integer segment, Integer total) {
    if (segment == null && total == null) {
      return;
    }
    if (total == null) {
      throw Errors.validation("If segment is specified, total segment must also be specified");
    }
    if (segment == null) {
      throw Errors.validation(
          "If total segments is specified, a particular segment must also be specified for this"
              + " request");
    }
    if (total < 1 || total > 1_000_000) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + total
              + "' at 'totalSegments' failed to satisfy constraint: Member must have value "
              + (total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000"));
    }
    if (segment < 0 || segment >= total) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + segment
              + "' at 'segment' failed to satisfy constraint: Member must have value "
              + (segment < 0
                  ? "greater than or equal to 0"
                  : "less than or equal to " + (total - 1)));
    }
  }

  private static void checkIndex(String indexName) {
    if (indexName != null) {
      throw Errors.validation("The table does not have the specified index: " + indexName);
    }
  }

  private static String parameter(boolean attributesToGet) {
    return attributesToGet ? "AttributesToGet" : "ProjectionExpression";
  }

  private static void addIf(List<String> parameters, String parameter, String text) {
    if (text != null) {
      parameters.add(parameter);
    }
  }

  private static List<String> keyNames(KeySchema keys) {
    List<String> names = new ArrayList<>();
    names.add(keys.partitionKey().name());
    keys.sortKey().ifPresent(sort -> names.add(sort.name()));
    return names;
  }

  private static Select select(
      Select select, boolean projected, String parameter, boolean attributesToGet) {
    if (select == null) {
      return projected ? Select.SPECIFIC_ATTRIBUTES : Select.ALL_ATTRIBUTES;
    }
    if (select == Select.SPECIFIC_ATTRIBUTES && !projected && attributesToGet) {
      throw Errors.validation(
          "Must specify the AttributesToGet or ProjectionExpression when choosing to get"
              + " SPECIFIC_ATTRIBUTES");
    }
    if (select == Select.SPECIFIC_ATTRIBUTES && !projected) {
      throw Errors.validation(
          "1 validation error detected: Value 'SPECIFIC_ATTRIBUTES' at 'select' failed to satisfy"
              + " constraint: Member must be specified together with AttributesToGet or"
              + " ProjectionExpression");
    }
    if (select == Select.COUNT && projected) {
      throw Errors.validation(
          "Cannot specify the " + parameter + " when choosing to get only the Count");
    }
    if (select != Select.SPECIFIC_ATTRIBUTES && projected) {
      throw Errors.validation(
          "Cannot specify the " + parameter + " when choosing to get " + select);
    }
    return select;
  }

  private record Page(
      List<Map<String, AttributeValue>> items,
      int count,
      int scanned,
      long bytes,
      Map<String, AttributeValue> lastEvaluatedKey) {

    /** The read units of what the page read; a page that read nothing costs nothing. */
    double readUnits(Boolean consistentRead) {
      return bytes == 0 ? 0 : CapacityUnits.read(bytes, Boolean.TRUE.equals(consistentRead));
    }
  }
}
