package dev.dynakit.client.table;

import dev.dynakit.client.batch.BatchGetResult;
import dev.dynakit.client.batch.BatchWriteResult;
import dev.dynakit.client.batch.Batches;
import dev.dynakit.client.batch.TableWrite;
import dev.dynakit.client.batch.TransactGet;
import dev.dynakit.client.batch.Transaction;
import dev.dynakit.client.expressions.Condition;
import dev.dynakit.client.expressions.Conditions;
import dev.dynakit.client.expressions.Path;
import dev.dynakit.client.expressions.Placeholders;
import dev.dynakit.client.expressions.Update;
import dev.dynakit.client.mapping.ItemSchema;
import dev.dynakit.client.mapping.MappingException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * A table of one mapped type: typed create, update, upsert, get, query, scan and delete, with
 * optimistic locking when the type has a {@link dev.dynakit.client.mapping.Version} field and
 * expired items hidden when it has a {@link dev.dynakit.client.mapping.TimeToLive} field.
 *
 * <p>Works on any {@link DynamoDbClient}; on {@code Dynakit.sdk()} (or {@code Dynakit#table}) every
 * call goes through the adapter's policy, retries, metrics and tracing, and failures are the
 * adapter's errors (a failed condition is a {@code ConditionalCheckException} carrying the stored
 * item). Thread-safe.
 *
 * <pre>{@code
 * record Order(@PartitionKey String customer, @SortKey String id, BigDecimal total, @Version long version) {}
 *
 * DynakitTable<Order> orders = DynakitTable.of(client, "orders", Order.class);
 * orders.create(new Order("c#1", "ORDER#1", new BigDecimal("9.90"), 0));  // version 1
 * Optional<Order> one = orders.getOne("c#1", "ORDER#1");
 * List<Order> recent = orders.queryByPk("c#1", SortKey.beginsWith("ORDER#"), QueryOptions.defaults().descending().limit(10)).toList();
 * }</pre>
 *
 * @param <T> the mapped type
 */
public final class DynakitTable<T> {
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private final DynamoDbClient sdk;
  private final String name;
  private final ItemSchema<T> schema;
  private final Clock clock;
  private final boolean hideExpired;
  private final Boolean consistentRead;
  private volatile TableDescription description;
  private volatile Batches batches;

  private DynakitTable(Builder<T> builder) {
    this.sdk = builder.sdk;
    this.name = builder.name;
    this.schema = builder.schema;
    this.clock = builder.clock;
    this.hideExpired = builder.hideExpired;
    this.consistentRead = builder.consistentRead;
    this.batches = builder.batches;
    schema.partitionKeyAttribute();
  }

  /** A table of {@code type} named {@code tableName}, read and written through {@code sdk}. */
  public static <T> DynakitTable<T> of(DynamoDbClient sdk, String tableName, Class<T> type) {
    return builder(sdk, tableName, type).build();
  }

  /** A builder, for a clock, expired-item hiding and consistent reads. */
  public static <T> Builder<T> builder(DynamoDbClient sdk, String tableName, Class<T> type) {
    return new Builder<>(sdk, tableName, type);
  }

  /** Checks a table name as DynamoDB does: 3 to 255 characters of a-z, A-Z, 0-9, _, - and . */
  public static String checkedTableName(String tableName) {
    if (tableName == null || tableName.isEmpty()) {
      throw new IllegalArgumentException("table name is empty");
    }
    if (!TABLE_NAME.matcher(tableName).matches()) {
      throw new IllegalArgumentException(
          "table name '"
              + tableName
              + "' must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
    }
    return tableName;
  }

  /** The table's name. */
  public String name() {
    return name;
  }

  /** The mapping of the table's type. */
  public ItemSchema<T> schema() {
    return schema;
  }

  // ---- the table itself -------------------------------------------------------------------

  /**
   * Creates the table (on-demand capacity, the key of the mapped type, and these global secondary
   * indexes projecting all attributes) and waits until it is ACTIVE. Returns {@code false},
   * changing nothing, if it exists already.
   */
  public boolean createTableIfMissing(GlobalIndex... indexes) {
    Optional<TableDescription> created =
        TableCreation.createIfMissing(sdk, TableCreation.request(name, schema, indexes));
    created.ifPresent(table -> description = table);
    return created.isPresent();
  }

  /**
   * A health check: whether the table answers DescribeTable as ACTIVE. An endpoint that cannot be
   * reached, a missing table, a refused call: {@code false}, as a health check wants, never an
   * exception.
   */
  public boolean ping() {
    try {
      return sdk.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE;
    } catch (RuntimeException unhealthy) {
      return false;
    }
  }

  /** The path of a mapped field's attribute, for conditions, updates and projections. */
  public Path path(String field) {
    return Path.of(schema.attributeName(field));
  }

  /** A value converted as the mapped field {@code field} stores it, for conditions and updates. */
  public AttributeValue value(String field, Object value) {
    return schema.attributeValue(field, value);
  }

  /**
   * Creates a table unless one of that name exists, and waits until it is ACTIVE; answers its
   * description, or empty if it existed (then nothing is changed). Works with the adapter's errors
   * and with the SDK's.
   */
  public static Optional<TableDescription> createTableIfMissing(
      DynamoDbClient sdk, CreateTableRequest request) {
    return TableCreation.createIfMissing(sdk, request);
  }

  /** Turns on DynamoDB's TTL for the type's {@link dev.dynakit.client.mapping.TimeToLive} field. */
  public void enableTimeToLive() {
    String attribute =
        schema
            .timeToLiveAttribute()
            .orElseThrow(
                () ->
                    new MappingException(
                        schema.type().getSimpleName() + " has no @TimeToLive field"));
    sdk.updateTimeToLive(
        b ->
            b.tableName(name)
                .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
  }

  // ---- writes -----------------------------------------------------------------------------

  /**
   * Stores a new item; fails (a conditional check failure) if an item with its key exists. A
   * versioned type is stored at version 1. Returns the item as stored.
   */
  public T create(T value) {
    Map<String, AttributeValue> item = itemOf(value);
    schema.versionAttribute(value).ifPresent(v -> item.put(v, AttributeValue.fromN("1")));
    putItem(item, Conditions.attributeNotExists(Path.of(schema.partitionKeyAttribute())));
    return stored(value, item);
  }

  /**
   * Stores the item whether or not one exists (an upsert). For a versioned type the write succeeds
   * only if the stored version is the item's (version 0: no item stored yet), and stores the next
   * version. Returns the item as stored.
   */
  public T put(T value) {
    Map<String, AttributeValue> item = itemOf(value);
    putItem(item, versioned(value, item).orElse(null));
    return stored(value, item);
  }

  /**
   * Like {@link #put(Object)}, but only if {@code condition} holds for the stored item (and, for a
   * versioned type, the version matches).
   */
  public T put(T value, Condition condition) {
    Objects.requireNonNull(condition, "condition");
    Map<String, AttributeValue> item = itemOf(value);
    putItem(item, versioned(value, item).map(v -> v.and(condition)).orElse(condition));
    return stored(value, item);
  }

  private void putItem(Map<String, AttributeValue> item, Condition condition) {
    Placeholders p = new Placeholders();
    String expression = condition == null ? null : condition.render(p);
    sdk.putItem(
        b ->
            b.tableName(name)
                .item(item)
                .conditionExpression(expression)
                .expressionAttributeNames(p.namesOrNull())
                .expressionAttributeValues(p.valuesOrNull())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
  }

  /**
   * Replaces the attributes of an existing item; fails (a conditional check failure) if no item
   * with its key exists, or, for a versioned type, if the stored version is not the item's. Null
   * fields remove their attributes. Returns the item as stored.
   */
  public T update(T value) {
    Map<String, AttributeValue> item = itemOf(value);
    Condition condition = exists();
    Optional<Condition> version = versioned(value, item);
    if (version.isPresent()) {
      condition = condition.and(version.get());
    }
    Map<String, AttributeValue> key = keyPart(item);
    Update.Builder update = Update.builder();
    item.forEach(
        (attribute, attributeValue) -> {
          if (!key.containsKey(attribute)) {
            update.set(Path.of(attribute), attributeValue);
          }
        });
    List<String> attributes = schema.attributesOf(value);
    for (String attribute : attributes) {
      if (!item.containsKey(attribute) && !key.containsKey(attribute)) {
        update.remove(Path.of(attribute));
      }
    }
    Placeholders p = new Placeholders();
    boolean nothing = item.size() == key.size() && attributes.size() == key.size();
    String expression = nothing ? null : update.build().render(p);
    return updateItem(key, expression, condition, p);
  }

  /**
   * Applies {@code update} to the existing item with this partition key; fails (a conditional check
   * failure) if there is none. A versioned type's version is counted up too (not checked: give a
   * condition on it, or use {@link #update(Object)}, to check it). Returns the item as stored.
   */
  public T updateByKey(Object partitionKey, Update update) {
    return partialUpdate(schema.key(partitionKey), update, null);
  }

  /** Like {@link #updateByKey(Object, Update)}, for a table with a sort key. */
  public T updateByKey(Object partitionKey, Object sortKey, Update update) {
    return partialUpdate(schema.key(partitionKey, sortKey), update, null);
  }

  /**
   * Like {@link #updateByKey(Object, Object, Update)}, only if {@code condition} holds for the
   * stored item.
   */
  public T updateByKey(Object partitionKey, Object sortKey, Update update, Condition condition) {
    return partialUpdate(
        schema.key(partitionKey, sortKey), update, Objects.requireNonNull(condition, "condition"));
  }

  private T partialUpdate(Map<String, AttributeValue> key, Update update, Condition condition) {
    Objects.requireNonNull(update, "update");
    Placeholders p = new Placeholders();
    String expression = update.render(p);
    Optional<String> version = schema.versionAttribute();
    if (version.isPresent()) {
      // DynamoDB takes one SET clause: the version's increment joins it, or starts it.
      String count =
          p.name(version.get())
              + " = if_not_exists("
              + p.name(version.get())
              + ", "
              + p.value(AttributeValue.fromN("0"))
              + ") + "
              + p.value(AttributeValue.fromN("1"));
      expression =
          expression.startsWith("SET ")
              ? "SET " + count + ", " + expression.substring(4)
              : "SET " + count + " " + expression;
    }
    return updateItem(key, expression, condition == null ? exists() : exists().and(condition), p);
  }

  private T updateItem(
      Map<String, AttributeValue> key, String expression, Condition condition, Placeholders p) {
    String conditionExpression = condition.render(p);
    Map<String, AttributeValue> stored =
        sdk.updateItem(
                b ->
                    b.tableName(name)
                        .key(key)
                        .updateExpression(expression)
                        .conditionExpression(conditionExpression)
                        .expressionAttributeNames(p.namesOrNull())
                        .expressionAttributeValues(p.valuesOrNull())
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(
                            ReturnValuesOnConditionCheckFailure.ALL_OLD))
            .attributes();
    return schema.fromItem(stored);
  }

  private Condition exists() {
    return Conditions.attributeExists(Path.of(schema.partitionKeyAttribute()));
  }

  /**
   * For a versioned type: the condition on the stored version ({@code attribute_not_exists} for
   * version 0), after putting the next version into {@code item}.
   */
  private Optional<Condition> versioned(T value, Map<String, AttributeValue> item) {
    Optional<String> version = schema.versionAttribute(value);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    long expected = schema.version(item);
    item.put(version.get(), AttributeValue.fromN(Long.toString(expected + 1)));
    Path path = Path.of(version.get());
    return Optional.of(
        expected == 0
            ? Conditions.attributeNotExists(path)
            : Conditions.eq(path, AttributeValue.fromN(Long.toString(expected))));
  }

  /** The item as stored: the value itself, or, with a version written, the value read back. */
  private T stored(T value, Map<String, AttributeValue> item) {
    return schema.versionAttribute(value).isPresent() ? schema.fromItem(item) : value;
  }

  private Map<String, AttributeValue> itemOf(T value) {
    Objects.requireNonNull(value, "item");
    Map<String, AttributeValue> item = schema.toItem(value);
    if (!item.containsKey(schema.partitionKeyAttribute())
        || schema.sortKeyAttribute().isPresent()
            && !item.containsKey(schema.sortKeyAttribute().get())) {
      schema.keyOf(value); // names the key field that is missing
    }
    return item;
  }

  /** Deletes the item with this partition key; returns it as it was, if there was one. */
  public Optional<T> delete(Object partitionKey) {
    return deleteKey(schema.key(partitionKey), null);
  }

  /** Deletes the item with this key; returns it as it was, if there was one. */
  public Optional<T> delete(Object partitionKey, Object sortKey) {
    return deleteKey(schema.key(partitionKey, sortKey), null);
  }

  /**
   * Deletes the item with the key of {@code value}. For a versioned type, only if the stored
   * version is {@code value}'s (a conditional check failure otherwise: someone changed it since it
   * was read). Returns the item as it was, if there was one.
   */
  public Optional<T> deleteItem(T value) {
    Objects.requireNonNull(value, "item");
    return deleteKey(schema.keyOf(value), versionOf(value).orElse(null));
  }

  /** Like {@link #deleteItem(Object)}, only if {@code condition} holds for the stored item. */
  public Optional<T> deleteItem(T value, Condition condition) {
    Objects.requireNonNull(value, "item");
    Objects.requireNonNull(condition, "condition");
    return deleteKey(
        schema.keyOf(value), versionOf(value).map(v -> v.and(condition)).orElse(condition));
  }

  /** For a versioned type: the stored version must be {@code value}'s. */
  private Optional<Condition> versionOf(T value) {
    return schema
        .versionAttribute(value)
        .map(
            v ->
                Conditions.eq(
                    Path.of(v), AttributeValue.fromN(Long.toString(schema.versionOf(value)))));
  }

  private Optional<T> deleteKey(Map<String, AttributeValue> key, Condition condition) {
    Placeholders p = new Placeholders();
    String expression = condition == null ? null : condition.render(p);
    Map<String, AttributeValue> old =
        sdk.deleteItem(
                b ->
                    b.tableName(name)
                        .key(key)
                        .conditionExpression(expression)
                        .expressionAttributeNames(p.namesOrNull())
                        .expressionAttributeValues(p.valuesOrNull())
                        .returnValues(ReturnValue.ALL_OLD)
                        .returnValuesOnConditionCheckFailure(
                            ReturnValuesOnConditionCheckFailure.ALL_OLD))
            .attributes();
    return old == null || old.isEmpty() ? Optional.empty() : Optional.of(schema.fromItem(old));
  }

  // ---- batches and transactions -----------------------------------------------------------

  /**
   * Puts every value with BatchWriteItem: chunked, unprocessed items retried (see {@link Batches}).
   * Batches take no conditions: versions are written as the values hold them, not checked.
   */
  public BatchWriteResult putAll(Collection<? extends T> values) {
    List<TableWrite> writes = new ArrayList<>(values.size());
    for (T value : values) {
      writes.add(TableWrite.put(name, itemOf(value)));
    }
    return batches().write(writes);
  }

  /**
   * Deletes the items with the keys of {@code values} with BatchWriteItem (see {@link Batches}).
   */
  public BatchWriteResult deleteAll(Collection<? extends T> values) {
    List<TableWrite> writes = new ArrayList<>(values.size());
    for (T value : values) {
      writes.add(TableWrite.delete(name, schema.keyOf(value)));
    }
    return batches().write(writes);
  }

  /**
   * The stored items with these keys ({@link ItemSchema#key}), in the order of the keys; keys with
   * no (live) item are left out. Read with BatchGetItem (see {@link Batches}).
   */
  public List<T> getAll(List<Map<String, AttributeValue>> keys) {
    BatchGetResult result = batches().get(Map.of(name, keys));
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new HashMap<>();
    for (Map<String, AttributeValue> item : result.items(name)) {
      byKey.put(keyPart(item), item);
    }
    List<T> found = new ArrayList<>(keys.size());
    for (Map<String, AttributeValue> key : keys) {
      Map<String, AttributeValue> item = byKey.get(key);
      if (item != null && !expired(item)) {
        found.add(schema.fromItem(item));
      }
    }
    return found;
  }

  /**
   * The items with these keys ({@link ItemSchema#key}) as of one moment (TransactGetItems, at most
   * 100), in the order of the keys; empty where there is no (live) item.
   */
  public List<Optional<T>> getTransactionally(List<Map<String, AttributeValue>> keys) {
    TransactGet read = new TransactGet();
    keys.forEach(key -> read.get(name, key));
    List<Optional<T>> found = new ArrayList<>(keys.size());
    for (Optional<Map<String, AttributeValue>> item : read.execute(sdk)) {
      found.add(item.filter(i -> !expired(i)).map(schema::fromItem));
    }
    return found;
  }

  private Map<String, AttributeValue> keyPart(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>(4);
    key.put(schema.partitionKeyAttribute(), item.get(schema.partitionKeyAttribute()));
    schema.sortKeyAttribute().ifPresent(sort -> key.put(sort, item.get(sort)));
    return key;
  }

  private Batches batches() {
    Batches given = batches;
    if (given == null) {
      List<String> keys = new ArrayList<>();
      keys.add(schema.partitionKeyAttribute());
      schema.sortKeyAttribute().ifPresent(keys::add);
      given = Batches.builder(sdk).keyAttributes(name, keys.toArray(new String[0])).build();
      batches = given;
    }
    return given;
  }

  /**
   * Adds a put of {@code value} to {@code transaction}: version-checked and counted up for a
   * versioned type, as {@link #put(Object)} is. Returns the transaction.
   */
  public Transaction addPut(Transaction transaction, T value) {
    Map<String, AttributeValue> item = itemOf(value);
    Optional<Condition> version = versioned(value, item);
    return version.isPresent()
        ? transaction.put(name, item, version.get())
        : transaction.put(name, item);
  }

  /** Adds a create of {@code value} (fails the transaction if its key exists). */
  public Transaction addCreate(Transaction transaction, T value) {
    Map<String, AttributeValue> item = itemOf(value);
    schema.versionAttribute(value).ifPresent(v -> item.put(v, AttributeValue.fromN("1")));
    return transaction.put(
        name, item, Conditions.attributeNotExists(Path.of(schema.partitionKeyAttribute())));
  }

  /** Adds a delete of the item with {@code value}'s key, version-checked for a versioned type. */
  public Transaction addDelete(Transaction transaction, T value) {
    Optional<Condition> version = versionOf(value);
    return version.isPresent()
        ? transaction.delete(name, schema.keyOf(value), version.get())
        : transaction.delete(name, schema.keyOf(value));
  }

  /** Adds a check that {@code condition} holds for the item with {@code value}'s key. */
  public Transaction addConditionCheck(Transaction transaction, T value, Condition condition) {
    return transaction.conditionCheck(name, schema.keyOf(value), condition);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** The item with this partition key (a table without sort key), if it exists and is live. */
  public Optional<T> getOne(Object partitionKey) {
    return get(schema.key(partitionKey));
  }

  /** The item with this key, if it exists and (for a type with a time to live) is live. */
  public Optional<T> getOne(Object partitionKey, Object sortKey) {
    return get(schema.key(partitionKey, sortKey));
  }

  private Optional<T> get(Map<String, AttributeValue> key) {
    GetItemResponse response =
        sdk.getItem(b -> b.tableName(name).key(key).consistentRead(consistentRead));
    if (!response.hasItem() || response.item().isEmpty() || expired(response.item())) {
      return Optional.empty();
    }
    return Optional.of(schema.fromItem(response.item()));
  }

  private boolean expired(Map<String, AttributeValue> item) {
    if (!hideExpired) {
      return false;
    }
    Optional<Instant> expiry = schema.expiry(item);
    return expiry.isPresent() && !expiry.get().isAfter(clock.instant());
  }

  /** Every item with this partition key, in sort key order, read page by page as consumed. */
  public Stream<T> queryByPk(Object partitionKey) {
    return queryByPk(partitionKey, null, QueryOptions.defaults());
  }

  /** The items with this partition key whose sort key matches, read page by page as consumed. */
  public Stream<T> queryByPk(Object partitionKey, SortKey sortKey) {
    return queryByPk(partitionKey, sortKey, QueryOptions.defaults());
  }

  /**
   * The items with this partition key (of the table or of {@code options}' index) whose sort key
   * matches ({@code sortKey} may be {@code null}: all of them), read page by page as the stream is
   * consumed; expired items are left out for a type with a time to live.
   */
  public Stream<T> queryByPk(Object partitionKey, SortKey sortKey, QueryOptions options) {
    QueryRequest request = queryRequest(partitionKey, sortKey, options);
    Stream<T> items =
        PagedStream.of(
            start -> {
              QueryResponse response =
                  sdk.query(request.toBuilder().exclusiveStartKey(start).build());
              return new PagedStream.Page(response.items(), response.lastEvaluatedKey());
            },
            item -> !expired(item),
            schema::fromItem);
    return options.limit().isPresent() ? items.limit(options.limit().getAsInt()) : items;
  }

  /**
   * One page of {@link #queryByPk(Object, SortKey, QueryOptions)}, from {@code start} (empty: the
   * first page), for paging through an API.
   */
  public Page<T> queryPage(
      Object partitionKey,
      SortKey sortKey,
      QueryOptions options,
      Optional<Map<String, AttributeValue>> start) {
    QueryRequest request = queryRequest(partitionKey, sortKey, options);
    QueryResponse response =
        sdk.query(request.toBuilder().exclusiveStartKey(start.orElse(null)).build());
    return page(response.items(), response.lastEvaluatedKey());
  }

  /** Every item of the table, read page by page as the stream is consumed. */
  public Stream<T> scan() {
    return scanRequest(
        ScanRequest.builder().tableName(name).consistentRead(consistentRead).build());
  }

  /** The items of the table for which {@code filter} holds, read page by page. */
  public Stream<T> scan(Condition filter) {
    Placeholders p = new Placeholders();
    String expression = filter.render(p);
    return scanRequest(
        ScanRequest.builder()
            .tableName(name)
            .consistentRead(consistentRead)
            .filterExpression(expression)
            .expressionAttributeNames(p.namesOrNull())
            .expressionAttributeValues(p.valuesOrNull())
            .build());
  }

  private Stream<T> scanRequest(ScanRequest request) {
    return PagedStream.of(
        start -> {
          ScanResponse response = sdk.scan(request.toBuilder().exclusiveStartKey(start).build());
          return new PagedStream.Page(response.items(), response.lastEvaluatedKey());
        },
        item -> !expired(item),
        schema::fromItem);
  }

  /** One page of the table's items, at most {@code pageSize}, from {@code start}. */
  public Page<T> scanPage(int pageSize, Optional<Map<String, AttributeValue>> start) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
    }
    ScanRequest request =
        ScanRequest.builder()
            .tableName(name)
            .limit(pageSize)
            .consistentRead(consistentRead)
            .exclusiveStartKey(start.orElse(null))
            .build();
    ScanResponse response = sdk.scan(request);
    return page(response.items(), response.lastEvaluatedKey());
  }

  private Page<T> page(
      List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
    List<T> mapped = new ArrayList<>(items.size());
    for (Map<String, AttributeValue> item : items) {
      if (!expired(item)) {
        mapped.add(schema.fromItem(item));
      }
    }
    return new Page<>(
        mapped,
        lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()
            ? Optional.empty()
            : Optional.of(lastEvaluatedKey));
  }

  private QueryRequest queryRequest(Object partitionKey, SortKey sortKey, QueryOptions options) {
    Objects.requireNonNull(options, "options");
    String[] keys = keyAttributes(options.index());
    Placeholders e = new Placeholders();
    StringBuilder condition = new StringBuilder();
    condition
        .append(e.name(keys[0]))
        .append(" = ")
        .append(e.value(schema.attributeValueFor(keys[0], partitionKey)));
    if (sortKey != null) {
      if (keys[1] == null) {
        throw new IllegalArgumentException(
            (options.index().isPresent() ? "index " + options.index().get() : "table " + name)
                + " has no sort key; query without a SortKey condition");
      }
      String attribute = e.name(keys[1]);
      AttributeValue value = schema.attributeValueFor(keys[1], sortKey.value);
      condition.append(" AND ");
      switch (sortKey.operator) {
        case BETWEEN:
          condition
              .append(attribute)
              .append(" BETWEEN ")
              .append(e.value(value))
              .append(" AND ")
              .append(e.value(schema.attributeValueFor(keys[1], sortKey.upper)));
          break;
        case BEGINS_WITH:
          condition
              .append("begins_with(")
              .append(attribute)
              .append(", ")
              .append(e.value(value))
              .append(")");
          break;
        default:
          condition
              .append(attribute)
              .append(' ')
              .append(sortKey.operator.symbol)
              .append(' ')
              .append(e.value(value));
      }
    }
    Integer limit =
        options.pageSize() != null
            ? options.pageSize()
            : options.limit().isPresent() && !hideExpiredApplies()
                ? options.limit().getAsInt()
                : null;
    String filter = options.filter().map(f -> f.render(e)).orElse(null);
    return QueryRequest.builder()
        .tableName(name)
        .filterExpression(filter)
        .indexName(options.index().orElse(null))
        .keyConditionExpression(condition.toString())
        .expressionAttributeNames(e.names())
        .expressionAttributeValues(e.values())
        .scanIndexForward(options.forward())
        .consistentRead(
            options.consistent() != null
                ? options.consistent()
                : options.index().isPresent() ? null : consistentRead)
        .limit(limit)
        .build();
  }

  private boolean hideExpiredApplies() {
    return hideExpired && schema.timeToLiveAttribute().isPresent();
  }

  /** The partition and sort key attributes of the table, or of an index (read once). */
  private String[] keyAttributes(Optional<String> index) {
    if (index.isEmpty()) {
      return new String[] {schema.partitionKeyAttribute(), schema.sortKeyAttribute().orElse(null)};
    }
    TableDescription table = description;
    if (table == null || !hasIndex(table, index.get())) {
      table = sdk.describeTable(b -> b.tableName(name)).table();
      description = table;
    }
    for (GlobalSecondaryIndexDescription gsi : table.globalSecondaryIndexes()) {
      if (gsi.indexName().equals(index.get())) {
        return keyAttributes(gsi.keySchema(), index.get());
      }
    }
    for (LocalSecondaryIndexDescription lsi : table.localSecondaryIndexes()) {
      if (lsi.indexName().equals(index.get())) {
        return keyAttributes(lsi.keySchema(), index.get());
      }
    }
    throw new IllegalArgumentException("table " + name + " has no index named " + index.get());
  }

  private static boolean hasIndex(TableDescription table, String index) {
    return table.globalSecondaryIndexes().stream().anyMatch(g -> g.indexName().equals(index))
        || table.localSecondaryIndexes().stream().anyMatch(l -> l.indexName().equals(index));
  }

  private static String[] keyAttributes(List<KeySchemaElement> keySchema, String index) {
    String hash = null;
    String range = null;
    int hashes = 0;
    int ranges = 0;
    for (KeySchemaElement element : keySchema) {
      if (element.keyType() == KeyType.HASH) {
        hash = element.attributeName();
        hashes++;
      } else {
        range = element.attributeName();
        ranges++;
      }
    }
    if (hashes != 1 || ranges > 1) {
      throw new IllegalArgumentException(
          "index "
              + index
              + " has a multi-attribute key; query it with a KeyCondition on the SDK client");
    }
    return new String[] {hash, range};
  }

  @Override
  public String toString() {
    return "DynakitTable[" + name + ", " + schema.type().getName() + "]";
  }

  /**
   * Builds a {@link DynakitTable}.
   *
   * @param <T> the mapped type
   */
  public static final class Builder<T> {
    private final DynamoDbClient sdk;
    private final String name;
    private final ItemSchema<T> schema;
    private Clock clock = Clock.systemUTC();
    private boolean hideExpired = true;
    private Boolean consistentRead;
    private Batches batches;

    private Builder(DynamoDbClient sdk, String tableName, Class<T> type) {
      this.sdk = Objects.requireNonNull(sdk, "sdk");
      this.name = checkedTableName(tableName);
      this.schema = ItemSchema.of(Objects.requireNonNull(type, "type"));
    }

    /** The clock that decides which items have expired. */
    public Builder<T> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether reads leave out items whose time to live has passed but which DynamoDB has not yet
     * deleted (it may take days); default true.
     */
    public Builder<T> hideExpired(boolean hide) {
      this.hideExpired = hide;
      return this;
    }

    /** Strongly consistent gets, queries and scans of the table (not its global indexes). */
    public Builder<T> consistentRead(boolean consistent) {
      this.consistentRead = consistent;
      return this;
    }

    /**
     * The batches {@link #putAll}, {@link #deleteAll} and {@link #getAll} use (their retries,
     * deadline and metrics); by default, {@link Batches}' defaults.
     */
    public Builder<T> batches(Batches batches) {
      this.batches = Objects.requireNonNull(batches, "batches");
      return this;
    }

    /** The table. */
    public DynakitTable<T> build() {
      return new DynakitTable<>(this);
    }
  }
}
