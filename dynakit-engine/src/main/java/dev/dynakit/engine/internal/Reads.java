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
import dev.dynakit.expression.value.ItemSize;
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
    return query(request, true);
  }

  /**
   * A Query; {@code keysOnlyInKeyCondition} false lets the filter name key attributes, as a PartiQL
   * SELECT's WHERE clause may.
   */
  QueryResponse query(QueryRequest request, boolean keysOnlyInKeyCondition) {
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
            request.hasAttributesToGet(),
            request.indexName());
    if (request.hasQueryFilter()) {
      filter =
          LegacyConditions.filter(request.queryFilter(), request.conditionalOperatorAsString());
    } else if (request.conditionalOperator() != null) {
      LegacyConditions.filter(null, request.conditionalOperatorAsString());
    }
    Table table = tables.require(request.tableName());
    SecondaryIndex index = index(table, request.indexName(), request.consistentRead());
    KeySchema keys = index == null ? table.keys() : index.keys();
    KeyConditionExpression key =
        request.keyConditionExpression() != null
            ? attributes.keyCondition(request.keyConditionExpression(), keys)
            : LegacyConditions.keyConditions(request.keyConditions(), keys);
    attributes.checkAllUsed();
    boolean forward = !Boolean.FALSE.equals(request.scanIndexForward());
    byte[] start = null;
    if (request.hasExclusiveStartKey() && index == null) {
      // DynamoDB checks a table's start key before the filter.
      start = startKey(table.keys(), request.exclusiveStartKey());
      checkStartInRange(key, request.exclusiveStartKey(), forward, true);
    }
    if (request.hasQueryFilter()) {
      for (String name : keyNames(keys)) {
        if (request.queryFilter().containsKey(name)) {
          throw Errors.validation(
              "QueryFilter can only contain non-primary key attributes: Primary key attribute: "
                  + name);
        }
      }
    }
    if (keysOnlyInKeyCondition) {
      filter.ifPresent(f -> f.requireNonKeyAttributes(keys));
    }
    View view = view(table, index, select, projection, filter, true);
    // A global index's entries lie in key order, without the partition hash before them.
    KeyCodec.Range range = index != null && index.global() ? indexRange(key) : range(key);
    if (request.hasExclusiveStartKey() && index != null) {
      start = view.startKey(request.exclusiveStartKey());
      checkStartInRange(key, request.exclusiveStartKey(), forward, false);
    }
    // A table's keys are unique: a page that ends on the inclusive end of the key condition (or
    // on the one item of a partition without sort keys) is the last, and DynamoDB gives it no
    // LastEvaluatedKey.
    Predicate<Map<String, AttributeValue>> last =
        index != null
            ? item -> false
            : table.keys().sortKey().isEmpty()
                ? item -> true
                : item -> atInclusiveEnd(key, item, forward);
    Page page =
        read(
            view,
            range.from(),
            range.to(),
            forward,
            start,
            item -> true,
            last,
            filter,
            projection,
            select,
            request.limit(),
            request.consistentRead());
    return QueryResponse.builder()
        .items(select == Select.COUNT ? null : page.items())
        .count(page.count())
        .scannedCount(page.scanned())
        .lastEvaluatedKey(page.lastEvaluatedKey())
        .consumedCapacity(
            page.capacity(
                request.tableName(),
                view,
                request.returnConsumedCapacity(),
                request.consistentRead()))
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
            request.hasAttributesToGet(),
            request.indexName());
    if (request.hasScanFilter() || request.conditionalOperator() != null) {
      filter =
          LegacyConditions.filter(
              request.hasScanFilter() ? request.scanFilter() : null,
              request.conditionalOperatorAsString());
    }
    Table table = tables.require(request.tableName());
    SecondaryIndex index = index(table, request.indexName(), request.consistentRead());
    View view = view(table, index, select, projection, filter, false);
    byte[] start =
        request.hasExclusiveStartKey() ? view.startKey(request.exclusiveStartKey()) : null;
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
            view,
            null,
            null,
            true,
            start,
            inSegment,
            item -> false,
            filter,
            projection,
            select,
            request.limit(),
            request.consistentRead());
    return ScanResponse.builder()
        .items(select == Select.COUNT ? null : page.items())
        .count(page.count())
        .scannedCount(page.scanned())
        .lastEvaluatedKey(page.lastEvaluatedKey())
        .consumedCapacity(
            page.capacity(
                request.tableName(),
                view,
                request.returnConsumedCapacity(),
                request.consistentRead()))
        .build();
  }

  private Page read(
      View view,
      byte[] from,
      byte[] to,
      boolean forward,
      byte[] exclusiveStart,
      Predicate<Map<String, AttributeValue>> inSegment,
      Predicate<Map<String, AttributeValue>> endsRead,
      Optional<ConditionExpression> filter,
      Optional<ProjectionExpression> projection,
      Select select,
      Integer limit,
      Boolean consistentRead) {
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
    double fetchedUnits = 0;
    Map<String, AttributeValue> last = null;
    boolean cut = false;
    boolean consistent = Boolean.TRUE.equals(consistentRead);
    try (Stream<Storage.Entry> entries =
        storage.keyspace(view.keyspace()).scan(lower, upper, !forward)) {
      Iterator<Storage.Entry> iterator = entries.iterator();
      while (iterator.hasNext()) {
        byte[] value = iterator.next().value();
        Map<String, AttributeValue> entry = ItemCodec.decode(value);
        if (!inSegment.test(entry)) {
          continue;
        }
        scanned++;
        last = entry;
        Map<String, AttributeValue> item = entry;
        if (view.fetch()) {
          item = tableItem(view.table(), entry);
          if (view.query()) {
            fetchedUnits += CapacityUnits.read(ItemSize.of(item), consistent);
          }
        }
        // DynamoDB Local sizes a Scan of an index by the whole items, a Query by the entries.
        if (view.index() == null || view.query()) {
          bytes += ItemCodec.size(value);
        } else {
          bytes += ItemSize.of(view.fetch() ? item : tableItem(view.table(), entry));
        }
        if (filter.isEmpty() || filter.get().matches(item)) {
          count++;
          if (select != Select.COUNT) {
            items.add(projection.isPresent() ? projection.get().project(item) : item);
          }
        }
        if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
          cut = iterator.hasNext() || limit != null;
          break;
        }
      }
    }
    boolean more = cut && !endsRead.test(last);
    return new Page(items, count, scanned, bytes, fetchedUnits, more ? view.keyOf(last) : null);
  }

  /** The table's whole item for an index entry (which holds the table's key). */
  private Map<String, AttributeValue> tableItem(Table table, Map<String, AttributeValue> entry) {
    KeySchema keys = table.keys();
    AttributeValue sort = keys.sortKey().map(s -> entry.get(s.name())).orElse(null);
    byte[] key = StorageKeys.of(entry.get(keys.partitionKey().name()), sort);
    return storage.keyspace(table.keyspace()).get(key).map(ItemCodec::decode).orElse(entry);
  }

  /**
   * The index a request names (null for none), refusing a name the table lacks and a consistent
   * read of a global index.
   */
  private static SecondaryIndex index(Table table, String indexName, Boolean consistentRead) {
    if (indexName == null) {
      return null;
    }
    SecondaryIndex index =
        table
            .index(indexName)
            .orElseThrow(
                () ->
                    Errors.validation("The table does not have the specified index: " + indexName));
    if (index.global() && Boolean.TRUE.equals(consistentRead)) {
      throw Errors.validation("Consistent reads are not supported on global secondary indexes");
    }
    return index;
  }

  /**
   * What a read goes through: the table, or an index (checking that the index holds what the
   * request reads, and whether a local index must fetch the rest from its table).
   */
  private static View view(
      Table table,
      SecondaryIndex index,
      Select select,
      Optional<ProjectionExpression> projection,
      Optional<ConditionExpression> filter,
      boolean query) {
    if (index == null
        || index.projection()
            == software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL) {
      return new View(table, index, false, query);
    }
    java.util.SortedSet<String> unfiltered =
        unprojected(index, filter.map(ConditionExpression::topLevelAttributes));
    if (!unfiltered.isEmpty()) {
      throw Errors.validation(
          "One or more parameter values were invalid: Secondary index "
              + index.name()
              + " does not project one or more filter attributes: "
              + unfiltered);
    }
    boolean beyond = select == Select.ALL_ATTRIBUTES;
    java.util.SortedSet<String> missing =
        unprojected(index, projection.map(ProjectionExpression::topLevelAttributes));
    if (index.global()) {
      if (beyond) {
        throw Errors.validation(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported"
                + " for global secondary index "
                + index.name()
                + " because its projection type is not ALL");
      }
      if (!missing.isEmpty()) {
        throw Errors.validation(
            "One or more parameter values were invalid: Global secondary index "
                + index.name()
                + " does not project "
                + missing);
      }
    }
    boolean fetch = beyond || !missing.isEmpty();
    return new View(table, index, fetch, query);
  }

  /** The attributes named that the index does not project, in name order. */
  private static java.util.SortedSet<String> unprojected(
      SecondaryIndex index, Optional<? extends java.util.Set<String>> names) {
    java.util.SortedSet<String> missing = new java.util.TreeSet<>();
    names.ifPresent(
        all -> all.stream().filter(name -> !index.projects(name)).forEach(missing::add));
    return missing;
  }

  /**
   * Where a read goes.
   *
   * @param table the table
   * @param index the index read, or null for the table
   * @param fetch whether each item read from a local index is completed from the table
   * @param query whether the read is a Query (where those table reads cost read units), not a Scan
   */
  private record View(Table table, SecondaryIndex index, boolean fetch, boolean query) {
    String keyspace() {
      return index == null ? table.keyspace() : index.keyspace();
    }

    /** The LastEvaluatedKey of an entry: the table's key, and the index's. */
    Map<String, AttributeValue> keyOf(Map<String, AttributeValue> entry) {
      Map<String, AttributeValue> key = Reads.keyOf(table.keys(), entry);
      if (index != null) {
        key.putAll(Reads.keyOf(index.keys(), entry));
      }
      return key;
    }

    /** The storage position of an ExclusiveStartKey, checked as DynamoDB checks it. */
    byte[] startKey(Map<String, AttributeValue> start) {
      if (index == null) {
        return Reads.startKey(table.keys(), start);
      }
      java.util.Set<String> names = index.keyAttributes();
      if (start.size() != names.size() || !start.keySet().containsAll(names)) {
        throw Errors.validation("The provided starting key is invalid");
      }
      for (KeySchema keys : List.of(index.keys(), table.keys())) {
        for (KeySchema.Attribute attribute : keys.attributes()) {
          if (!start.get(attribute.name()).type().toString().equals(attribute.type().toString())) {
            throw Errors.validation("Type mismatch for attribute to update");
          }
        }
      }
      Items.key(table.keys(), Reads.keyOf(table.keys(), start));
      return index.position(start);
    }
  }

  /**
   * Refuses a Query's start key that the key condition does not match, or (of a table) that lies on
   * the inclusive bound where the read ends, so nothing could follow it.
   */
  private static void checkStartInRange(
      KeyConditionExpression key,
      Map<String, AttributeValue> start,
      boolean forward,
      boolean table) {
    if (!key.matches(start) || (table && atInclusiveEnd(key, start, forward))) {
      throw Errors.validation("The provided starting key does not match the range key predicate");
    }
  }

  /**
   * Whether a key lies on the inclusive bound where a read in that direction ends: {@code <=} or
   * the upper bound of {@code BETWEEN} going forwards, {@code >=} or the lower bound going
   * backwards. Nothing the condition matches lies past it.
   */
  private static boolean atInclusiveEnd(
      KeyConditionExpression key, Map<String, AttributeValue> item, boolean forward) {
    if (key.sortKeyCondition().isEmpty()) {
      return false;
    }
    SortKeyCondition sort = key.sortKeyCondition().get();
    AttributeValue bound =
        switch (sort.operator()) {
          case LE -> forward ? sort.value() : null;
          case GE -> forward ? null : sort.value();
          case BETWEEN -> forward ? sort.upperBound().orElseThrow() : sort.value();
          default -> null;
        };
    return bound != null
        && dev.dynakit.expression.value.AttributeValues.equal(
            bound, item.get(sort.attributeName()));
  }

  static Map<String, AttributeValue> keyOf(KeySchema keys, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    keys.attributes().forEach(attribute -> key.put(attribute.name(), item.get(attribute.name())));
    return key;
  }

  /** The first key after {@code key} in byte order. */
  private static byte[] after(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /** The stored keys of a table or local index that a key condition reads. */
  private static KeyCodec.Range range(KeyConditionExpression key) {
    AttributeValue partition = key.partitionKeyValue();
    return StorageKeys.within(partition, indexRange(key));
  }

  /**
   * The keys a key condition reads, without a partition hash before them: the values of the
   * partition key attributes and of the sort key attributes set equal, then the last condition.
   */
  private static KeyCodec.Range indexRange(KeyConditionExpression key) {
    List<AttributeValue> before = new ArrayList<>(key.partitionKeyValues().values());
    key.sortKeyEqualities().forEach(equal -> before.add(equal.value()));
    if (key.sortKeyCondition().isEmpty()) {
      return KeyCodec.prefix(before);
    }
    SortKeyCondition sort = key.sortKeyCondition().get();
    return switch (sort.operator()) {
      case EQ -> KeyCodec.equal(before, sort.value());
      case LT -> KeyCodec.lessThan(before, sort.value());
      case LE -> KeyCodec.atMost(before, sort.value());
      case GT -> KeyCodec.greaterThan(before, sort.value());
      case GE -> KeyCodec.atLeast(before, sort.value());
      case BETWEEN -> KeyCodec.between(before, sort.value(), sort.upperBound().orElseThrow());
      case BEGINS_WITH -> KeyCodec.beginsWith(before, sort.value());
    };
  }

  static byte[] startKey(KeySchema keys, Map<String, AttributeValue> start) {
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

  private static String parameter(boolean attributesToGet) {
    return attributesToGet ? "AttributesToGet" : "ProjectionExpression";
  }

  private static void addIf(List<String> parameters, String parameter, String text) {
    if (text != null) {
      parameters.add(parameter);
    }
  }

  static List<String> keyNames(KeySchema keys) {
    return keys.attributes().stream().map(KeySchema.Attribute::name).toList();
  }

  private static Select select(
      Select select,
      boolean projected,
      String parameter,
      boolean attributesToGet,
      String indexName) {
    if (select == null) {
      return projected
          ? Select.SPECIFIC_ATTRIBUTES
          : indexName == null ? Select.ALL_ATTRIBUTES : Select.ALL_PROJECTED_ATTRIBUTES;
    }
    if (select == Select.ALL_PROJECTED_ATTRIBUTES && indexName == null) {
      throw Errors.validation(
          "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
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
      double fetchedUnits,
      Map<String, AttributeValue> lastEvaluatedKey) {

    /** The read units of what the page read; a page that read nothing costs nothing. */
    double readUnits(Boolean consistentRead) {
      return bytes == 0 ? 0 : CapacityUnits.read(bytes, Boolean.TRUE.equals(consistentRead));
    }

    /**
     * The capacity the page consumed: of the table, or of the index and of the table fetched, under
     * the table's name as the request gave it (a name or an ARN).
     */
    software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity capacity(
        String table,
        View view,
        software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity mode,
        Boolean consistentRead) {
      if (view.index() == null) {
        return Capacities.of(table, mode, readUnits(consistentRead));
      }
      Map<String, Double> index = Map.of(view.index().name(), readUnits(consistentRead));
      return view.index().global()
          ? Capacities.of(table, mode, fetchedUnits, index, Map.of())
          : Capacities.of(table, mode, fetchedUnits, Map.of(), index);
    }
  }
}
