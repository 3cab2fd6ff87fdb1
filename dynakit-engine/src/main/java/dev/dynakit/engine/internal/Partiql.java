package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.engine.storage.KeyCodec;
import dev.dynakit.expression.ExpressionAttributes;
import dev.dynakit.expression.KeySchema;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.partiql.Expr;
import dev.dynakit.expression.partiql.PartiqlParser;
import dev.dynakit.expression.partiql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * PartiQL: ExecuteStatement, run as the operation each statement stands for. A SELECT whose WHERE
 * clause holds an equality (or an IN list) on every partition key attribute is a Query (a GetItem
 * when it names the whole key and nothing else), any other a Scan; INSERT is a PutItem that fails
 * on an item that exists; UPDATE and DELETE name one item by its whole key, and the rest of their
 * WHERE clause is their condition. BatchExecuteStatement and ExecuteTransaction build on the same
 * translation ({@link PartiqlBatches}).
 */
final class Partiql {
  private static final String TOKEN_VERSION = "p1";

  /** The longest statement DynamoDB takes. */
  private static final int MOST_CHARACTERS = 8192;

  /**
   * Statements read before, by their text: a statement run again with other parameters is not read
   * again. Statements are immutable; the map is emptied when it holds {@link #MOST_PARSED}.
   */
  private static final Map<String, PartiqlParser.Parsed> PARSED = new ConcurrentHashMap<>();

  private static final int MOST_PARSED = 1024;

  /** The most values an IN list takes, as a condition expression's IN does. */
  private static final int MOST_IN_VALUES = 100;

  private final Tables tables;
  private final Items items;
  private final Lazy<Reads> reads;

  Partiql(Tables tables, Items items, Lazy<Reads> reads) {
    this.tables = tables;
    this.items = items;
    this.reads = reads;
  }

  /** ExecuteStatement. */
  ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
    if (request.statement() == null) {
      throw Errors.nullMember("statement");
    }
    if (request.limit() != null && request.limit() < 1) {
      throw Errors.validation(
          "1 validation error detected: Value '"
              + request.limit()
              + "' at 'limit' failed to satisfy constraint: Member must have value greater than or"
              + " equal to 1");
    }
    PartiqlParser.Parsed parsed = parse(request.statement());
    Statement statement = parsed.statement();
    List<AttributeValue> parameters = request.hasParameters() ? request.parameters() : List.of();
    PartiqlValues.checkParameters(parameters, statement.parameters());
    PartiqlValues values = new PartiqlValues(parameters, parsed);
    return translated(
        () -> {
          if (statement instanceof Statement.Select select) {
            return select(select, values, request);
          }
          Write write = write(statement, values, request.returnValuesOnConditionCheckFailure());
          List<Map<String, AttributeValue>> returned = new ArrayList<>();
          ConsumedCapacity capacity = run(write, request.returnConsumedCapacity(), returned);
          return ExecuteStatementResponse.builder()
              .items(returned)
              .consumedCapacity(capacity)
              .build();
        });
  }

  /** The statement of a request, or DynamoDB's refusal of it. */
  static PartiqlParser.Parsed parse(String text) {
    if (text != null && text.length() > MOST_CHARACTERS) {
      throw Errors.validation("Member must have length less than or equal to " + MOST_CHARACTERS);
    }
    PartiqlParser.Parsed parsed = text == null ? null : PARSED.get(text);
    if (parsed != null) {
      return parsed;
    }
    try {
      parsed = PartiqlParser.read(text);
    } catch (ValidationException e) {
      throw Errors.validation(e.getMessage());
    }
    if (PARSED.size() >= MOST_PARSED) {
      PARSED.clear();
    }
    PARSED.put(text, parsed);
    return parsed;
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** What a statement of a batch or a transaction works on: one item of one table. */
  interface OneItem {
    /** The table, as the statement names it. */
    String table();

    /** The item's key. */
    Map<String, AttributeValue> key();
  }

  /** One write a statement stands for: exactly one of its requests is set. */
  record Write(
      String table,
      Map<String, AttributeValue> key,
      PutItemRequest put,
      UpdateItemRequest update,
      DeleteItemRequest delete,
      boolean returns,
      List<String> modified)
      implements OneItem {}

  /** The write an INSERT, UPDATE or DELETE stands for. */
  Write write(
      Statement statement,
      PartiqlValues values,
      ReturnValuesOnConditionCheckFailure onConditionFailure) {
    if (statement instanceof Statement.Insert insert) {
      Table table = tables.require(insert.table());
      Map<String, AttributeValue> item = values.item(insert.item());
      for (KeySchema.Attribute attribute : table.keys().attributes()) {
        AttributeValue value = item.get(attribute.name());
        if (value == null) {
          throw Errors.validation(
              "Key attribute should be present in the item: Key " + attribute.name());
        }
        checkKeyType(attribute, value);
      }
      PartiqlExpressions expressions = new PartiqlExpressions(values);
      String condition = expressions.itemMissing(table.keys());
      PutItemRequest put =
          PutItemRequest.builder()
              .tableName(insert.table())
              .item(item)
              .conditionExpression(condition)
              .expressionAttributeNames(expressions.names())
              .build();
      return new Write(
          insert.table(), Reads.keyOf(table.keys(), item), put, null, null, false, null);
    }
    if (statement instanceof Statement.Update update) {
      Table table = tables.require(update.table());
      PartiqlExpressions expressions = new PartiqlExpressions(values);
      SingleItem target = singleItem(table.keys(), update.where(), values);
      String actions = expressions.update(update.actions());
      List<String> conditions = new ArrayList<>();
      conditions.add(expressions.itemExists(table.keys()));
      if (!target.conditions().isEmpty()) {
        conditions.add("(" + expressions.conditions(target.conditions()) + ")");
      }
      UpdateItemRequest request =
          UpdateItemRequest.builder()
              .tableName(update.table())
              .key(target.key())
              .updateExpression(actions)
              .conditionExpression(String.join(" AND ", conditions))
              .expressionAttributeNames(expressions.names())
              .expressionAttributeValues(expressions.values())
              .returnValues(returnValue(update.returning()))
              .returnValuesOnConditionCheckFailure(onConditionFailure)
              .build();
      List<String> modified = null;
      if (update.returning().isPresent() && !update.returning().get().all()) {
        modified = new ArrayList<>();
        for (Statement.Action action : update.actions()) {
          if (!modified.contains(action.path().root())) {
            modified.add(action.path().root());
          }
        }
      }
      return new Write(
          update.table(),
          target.key(),
          null,
          request,
          null,
          update.returning().isPresent(),
          modified);
    }
    if (statement instanceof Statement.Delete delete) {
      Table table = tables.require(delete.table());
      Optional<Statement.Returning> returning = delete.returning();
      if (returning.isPresent() && (!returning.get().all() || returning.get().newValues())) {
        throw Errors.validation(
            "Invalid returning clause: "
                + returningText(returning.get())
                + ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
      }
      PartiqlExpressions expressions = new PartiqlExpressions(values);
      SingleItem target = singleItem(table.keys(), delete.where(), values);
      DeleteItemRequest request =
          DeleteItemRequest.builder()
              .tableName(delete.table())
              .key(target.key())
              .conditionExpression(expressions.conditions(target.conditions()))
              .expressionAttributeNames(expressions.names())
              .expressionAttributeValues(expressions.values())
              .returnValues(returning.isPresent() ? ReturnValue.ALL_OLD : null)
              .returnValuesOnConditionCheckFailure(onConditionFailure)
              .build();
      return new Write(
          delete.table(), target.key(), null, null, request, returning.isPresent(), null);
    }
    throw Errors.validation("EXISTS can only be used in ExecuteTransaction write requests.");
  }

  /** Runs a write, adding what it returns to {@code returned}; answers its consumed capacity. */
  ConsumedCapacity run(
      Write write, ReturnConsumedCapacity capacity, List<Map<String, AttributeValue>> returned) {
    if (write.put() != null) {
      try {
        PutItemResponse response =
            items.putItem(write.put().toBuilder().returnConsumedCapacity(capacity).build());
        return response.consumedCapacity();
      } catch (ConditionalCheckFailedException e) {
        throw Errors.duplicateItem();
      }
    }
    if (write.update() != null) {
      UpdateItemResponse response =
          items.updateItem(write.update().toBuilder().returnConsumedCapacity(capacity).build());
      if (write.returns() && response.hasAttributes() && !response.attributes().isEmpty()) {
        returned.add(modified(write, response.attributes()));
      }
      return response.consumedCapacity();
    }
    DeleteItemResponse response =
        items.deleteItem(write.delete().toBuilder().returnConsumedCapacity(capacity).build());
    if (write.returns() && response.hasAttributes() && !response.attributes().isEmpty()) {
      returned.add(response.attributes());
    }
    return response.consumedCapacity();
  }

  /**
   * What an UPDATE returns: the whole item for RETURNING ALL, the top-level attributes its actions
   * name for RETURNING MODIFIED.
   */
  private static Map<String, AttributeValue> modified(
      Write write, Map<String, AttributeValue> item) {
    if (write.modified() == null) {
      return item;
    }
    Map<String, AttributeValue> modified = new LinkedHashMap<>();
    for (String name : write.modified()) {
      AttributeValue value = item.get(name);
      if (value != null) {
        modified.put(name, value);
      }
    }
    return modified;
  }

  private static String returningText(Statement.Returning returning) {
    return "RETURNING "
        + (returning.all() ? "ALL" : "MODIFIED")
        + (returning.newValues() ? " NEW" : " OLD")
        + " *";
  }

  private static ReturnValue returnValue(Optional<Statement.Returning> returning) {
    if (returning.isEmpty()) {
      return null;
    }
    Statement.Returning r = returning.get();
    // MODIFIED answers whole top-level attributes, as DynamoDB does for PartiQL: read all of them
    return r.newValues() ? ReturnValue.ALL_NEW : ReturnValue.ALL_OLD;
  }

  /** The item an UPDATE, DELETE or single-item SELECT names, and the conditions besides its key. */
  record SingleItem(Map<String, AttributeValue> key, List<Expr> conditions) {}

  /**
   * The whole key a WHERE clause names by equalities joined with AND, and its other conditions;
   * refused when an attribute of the key has no equality, or two that differ.
   */
  static SingleItem singleItem(KeySchema keys, Optional<Expr> where, PartiqlValues values) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    List<Expr> conditions = new ArrayList<>();
    for (Expr conjunct : conjuncts(where)) {
      Equality equality = equality(conjunct, keys);
      if (equality == null) {
        conditions.add(conjunct);
        continue;
      }
      AttributeValue value = values.value(equality.value());
      AttributeValue before = key.putIfAbsent(equality.attribute().name(), value);
      if (before != null && !before.equals(value)) {
        throw Errors.validation(
            "Multiple conditions on same key "
                + equality.attribute().name()
                + ". Only single item Update/Insert/Delete are supported");
      }
    }
    Map<String, AttributeValue> ordered = new LinkedHashMap<>();
    for (KeySchema.Attribute attribute : keys.attributes()) {
      AttributeValue value = key.get(attribute.name());
      if (value == null) {
        throw Errors.validation(
            "Where clause does not contain a mandatory equality on all key attributes");
      }
      checkKeyType(attribute, value);
      ordered.put(attribute.name(), value);
    }
    return new SingleItem(ordered, conditions);
  }

  /** {@code key = value} or {@code value = key} on a key attribute. */
  private record Equality(KeySchema.Attribute attribute, Expr value) {}

  private static Equality equality(Expr conjunct, KeySchema keys) {
    if (!(conjunct instanceof Expr.Binary binary) || !binary.operator().equals("=")) {
      return null;
    }
    Optional<KeySchema.Attribute> left = keyAttribute(binary.left(), keys);
    if (left.isPresent() && PartiqlValues.isValue(binary.right())) {
      return new Equality(left.get(), binary.right());
    }
    Optional<KeySchema.Attribute> right = keyAttribute(binary.right(), keys);
    if (right.isPresent() && PartiqlValues.isValue(binary.left())) {
      return new Equality(right.get(), binary.left());
    }
    return null;
  }

  private static Optional<KeySchema.Attribute> keyAttribute(Expr expression, KeySchema keys) {
    if (expression instanceof Expr.PathOf path && path.steps().isEmpty()) {
      return keys.attribute(path.root());
    }
    return Optional.empty();
  }

  static void checkKeyType(KeySchema.Attribute attribute, AttributeValue value) {
    if (!Items.sameType(value, attribute.type())) {
      throw Errors.validation(
          "Key attribute's data type should match its data type in table's schema: Key "
              + attribute.name());
    }
  }

  /** The conditions of a WHERE clause joined by AND at its top. */
  static List<Expr> conjuncts(Optional<Expr> where) {
    List<Expr> conjuncts = new ArrayList<>();
    where.ifPresent(w -> addConjuncts(w, conjuncts));
    return conjuncts;
  }

  private static void addConjuncts(Expr expression, List<Expr> conjuncts) {
    if (expression instanceof Expr.And and) {
      addConjuncts(and.left(), conjuncts);
      addConjuncts(and.right(), conjuncts);
    } else {
      conjuncts.add(expression);
    }
  }

  // ---- SELECT -----------------------------------------------------------------------------------

  private ExecuteStatementResponse select(
      Statement.Select select, PartiqlValues values, ExecuteStatementRequest request) {
    Table table = tables.require(select.table());
    SecondaryIndex index = null;
    if (select.index().isPresent()) {
      index =
          table
              .index(select.index().get())
              .orElseThrow(
                  () ->
                      Errors.validation(
                          "The table does not have the specified index: " + select.index().get()));
    }
    KeySchema keys = index == null ? table.keys() : index.keys();
    List<Expr.PathOf> projections = projections(select, values);
    List<Expr> conjuncts = conjuncts(select.where());
    checkKeyTypes(conjuncts, keys, values);
    Plan plan = plan(keys, conjuncts, values);
    boolean forward = order(select, keys, plan);
    PartiqlExpressions expressions = new PartiqlExpressions(values);
    String projection = projection(projections, expressions);
    Token token = Token.parse(request.nextToken(), request.statement());
    if (plan.partitions() == null) {
      ScanResponse scan =
          reads
              .get()
              .scan(
                  ScanRequest.builder()
                      .tableName(select.table())
                      .indexName(select.index().orElse(null))
                      .filterExpression(expressions.conditions(conjuncts))
                      .projectionExpression(projection)
                      .expressionAttributeNames(expressions.names())
                      .expressionAttributeValues(expressions.values())
                      .exclusiveStartKey(token == null ? null : token.lastKey())
                      .limit(request.limit())
                      .consistentRead(request.consistentRead())
                      .returnConsumedCapacity(request.returnConsumedCapacity())
                      .build());
      return ExecuteStatementResponse.builder()
          .items(flatten(scan.items(), projections))
          .nextToken(Token.of(request.statement(), 0, scan.lastEvaluatedKey()))
          .consumedCapacity(scan.consumedCapacity())
          .build();
    }
    if (plan.wholeKey() && index == null && plan.rest().isEmpty() && token == null) {
      Map<String, AttributeValue> key = new LinkedHashMap<>(plan.partitions().get(0));
      key.putAll(plan.sortKey());
      GetItemResponse got =
          items.getItem(
              GetItemRequest.builder()
                  .tableName(select.table())
                  .key(key)
                  .projectionExpression(projection)
                  .expressionAttributeNames(expressions.names())
                  .consistentRead(request.consistentRead())
                  .returnConsumedCapacity(request.returnConsumedCapacity())
                  .build());
      List<Map<String, AttributeValue>> found =
          got.hasItem() && got.item() != null ? List.of(got.item()) : List.of();
      return ExecuteStatementResponse.builder()
          .items(flatten(found, projections))
          .consumedCapacity(got.consumedCapacity())
          .build();
    }
    return query(select, request, plan, forward, projection, projections, expressions, token);
  }

  private ExecuteStatementResponse query(
      Statement.Select select,
      ExecuteStatementRequest request,
      Plan plan,
      boolean forward,
      String projection,
      List<Expr.PathOf> projections,
      PartiqlExpressions expressions,
      Token token) {
    String filter = expressions.conditions(plan.rest());
    List<String> keyConditions = new ArrayList<>();
    Map<String, String> partitionPlaceholders = new LinkedHashMap<>();
    for (String attribute : plan.partitions().get(0).keySet()) {
      String placeholder = ":p" + partitionPlaceholders.size();
      partitionPlaceholders.put(attribute, placeholder);
      keyConditions.add(expressions.name(attribute) + " = " + placeholder);
    }
    if (plan.sortCondition() != null) {
      keyConditions.add(expressions.condition(plan.sortCondition()));
    }
    String keyCondition = String.join(" AND ", keyConditions);
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Integer remaining = request.limit();
    int partition = token == null ? 0 : token.partition();
    Map<String, AttributeValue> start = token == null ? null : token.lastKey();
    String next = null;
    double units = 0;
    ConsumedCapacity capacity = null;
    while (partition < plan.partitions().size()) {
      Map<String, AttributeValue> attributeValues =
          expressions.values() == null
              ? new LinkedHashMap<>()
              : new LinkedHashMap<>(expressions.values());
      Map<String, AttributeValue> partitionValues = plan.partitions().get(partition);
      partitionPlaceholders.forEach((a, p) -> attributeValues.put(p, partitionValues.get(a)));
      QueryResponse page =
          reads
              .get()
              .query(
                  QueryRequest.builder()
                      .tableName(select.table())
                      .indexName(select.index().orElse(null))
                      .keyConditionExpression(keyCondition)
                      .filterExpression(filter)
                      .projectionExpression(projection)
                      .expressionAttributeNames(expressions.names())
                      .expressionAttributeValues(attributeValues)
                      .exclusiveStartKey(start)
                      .scanIndexForward(forward)
                      .limit(remaining)
                      .consistentRead(request.consistentRead())
                      .returnConsumedCapacity(request.returnConsumedCapacity())
                      .build(),
                  false);
      found.addAll(page.items());
      if (page.consumedCapacity() != null) {
        capacity = page.consumedCapacity();
        units += capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
      }
      start = null;
      if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
        next = Token.of(request.statement(), partition, page.lastEvaluatedKey());
        break;
      }
      partition++;
      if (remaining != null) {
        remaining -= page.scannedCount();
        if (remaining <= 0) {
          if (partition < plan.partitions().size()) {
            next = Token.of(request.statement(), partition, null);
          }
          break;
        }
      }
    }
    return ExecuteStatementResponse.builder()
        .items(flatten(found, projections))
        .nextToken(next)
        .consumedCapacity(
            capacity == null ? null : capacity.toBuilder().capacityUnits(units).build())
        .build();
  }

  /**
   * How a SELECT reads: the partitions it queries (null: a scan), in key order; the equality on the
   * sort key, when the key is whole; a condition on the sort key served by the query; the rest of
   * the WHERE clause, a filter.
   */
  private record Plan(
      List<Map<String, AttributeValue>> partitions,
      Map<String, AttributeValue> sortKey,
      boolean wholeKey,
      Expr sortCondition,
      List<Expr> rest) {}

  private static Plan plan(KeySchema keys, List<Expr> conjuncts, PartiqlValues values) {
    List<Expr> rest = new ArrayList<>(conjuncts);
    Map<String, AttributeValue> partition = new LinkedHashMap<>();
    List<AttributeValue> in = null;
    for (KeySchema.Attribute attribute : keys.partitionKeys()) {
      Expr found = null;
      for (Expr conjunct : rest) {
        Equality equality = equality(conjunct, keys);
        if (equality != null && equality.attribute().equals(attribute)) {
          partition.put(attribute.name(), values.value(equality.value()));
          found = conjunct;
          break;
        }
        if (keys.partitionKeys().size() == 1 && in == null && inList(conjunct, attribute) != null) {
          List<Expr> elements = inList(conjunct, attribute);
          if (elements.size() > MOST_IN_VALUES) {
            throw Errors.validation(
                "The IN operator is provided with too many operands; number of operands: "
                    + elements.size());
          }
          in = new ArrayList<>();
          for (Expr element : elements) {
            in.add(values.value(element));
          }
          found = conjunct;
          break;
        }
      }
      if (found == null) {
        return new Plan(null, Map.of(), false, null, conjuncts);
      }
      rest.remove(found);
    }
    List<Map<String, AttributeValue>> partitions = new ArrayList<>();
    if (in != null) {
      String name = keys.partitionKey().name();
      TreeMap<byte[], AttributeValue> sorted = new TreeMap<>(Arrays::compareUnsigned);
      for (AttributeValue value : in) {
        sorted.put(KeyCodec.encodeValue(value), value);
      }
      for (AttributeValue value : sorted.values()) {
        partitions.add(Map.of(name, value));
      }
    } else {
      partitions.add(partition);
    }
    Map<String, AttributeValue> sortKey = new LinkedHashMap<>();
    Expr sortCondition = null;
    if (keys.sortKeys().size() == 1) {
      KeySchema.Attribute sort = keys.sortKeys().get(0);
      for (Expr conjunct : rest) {
        Equality equality = equality(conjunct, keys);
        if (equality != null && equality.attribute().equals(sort)) {
          sortKey.put(sort.name(), values.value(equality.value()));
        }
        if (sortCondition == null && servesSortKey(conjunct, sort)) {
          sortCondition = conjunct;
        }
      }
      if (sortCondition != null) {
        rest.remove(sortCondition);
      }
    }
    boolean wholeKey = in == null && (keys.sortKeys().isEmpty() || sortKey.size() == 1);
    if (wholeKey && keys.sortKeys().size() == 1) {
      // a whole key read as an item: the equality on the sort key is its only other condition
      wholeKey = rest.isEmpty();
    }
    return new Plan(partitions, sortKey, wholeKey, sortCondition, rest);
  }

  private static List<Expr> inList(Expr conjunct, KeySchema.Attribute attribute) {
    if (conjunct instanceof Expr.In in
        && !in.negated()
        && in.value() instanceof Expr.PathOf path
        && path.steps().isEmpty()
        && path.root().equals(attribute.name())
        && in.collection() instanceof Expr.ListOf list
        && !list.elements().isEmpty()
        && list.elements().stream().allMatch(PartiqlValues::isValue)) {
      return list.elements();
    }
    return null;
  }

  /** Whether a condition is one a query's key condition can hold for the sort key. */
  private static boolean servesSortKey(Expr conjunct, KeySchema.Attribute sort) {
    if (conjunct instanceof Expr.Binary binary) {
      if (binary.operator().equals("<>") || binary.operator().equals("!=")) {
        return false;
      }
      return isAttribute(binary.left(), sort) && PartiqlValues.isValue(binary.right())
          || isAttribute(binary.right(), sort) && PartiqlValues.isValue(binary.left());
    }
    if (conjunct instanceof Expr.Between between) {
      return !between.negated()
          && isAttribute(between.value(), sort)
          && PartiqlValues.isValue(between.low())
          && PartiqlValues.isValue(between.high());
    }
    return conjunct instanceof Expr.Call call
        && call.name().equals("BEGINS_WITH")
        && call.arguments().size() == 2
        && isAttribute(call.arguments().get(0), sort)
        && PartiqlValues.isValue(call.arguments().get(1));
  }

  private static boolean isAttribute(Expr expression, KeySchema.Attribute attribute) {
    return expression instanceof Expr.PathOf path
        && path.steps().isEmpty()
        && path.root().equals(attribute.name());
  }

  /** Refuses a value of another type than a key attribute's compared with that attribute. */
  private static void checkKeyTypes(List<Expr> conjuncts, KeySchema keys, PartiqlValues values) {
    for (Expr conjunct : conjuncts) {
      List<Expr[]> pairs = new ArrayList<>();
      if (conjunct instanceof Expr.Binary binary) {
        pairs.add(new Expr[] {binary.left(), binary.right()});
        pairs.add(new Expr[] {binary.right(), binary.left()});
      } else if (conjunct instanceof Expr.Between between) {
        pairs.add(new Expr[] {between.value(), between.low()});
        pairs.add(new Expr[] {between.value(), between.high()});
      } else if (conjunct instanceof Expr.In in && in.collection() instanceof Expr.ListOf list) {
        for (Expr element : list.elements()) {
          pairs.add(new Expr[] {in.value(), element});
        }
      }
      for (Expr[] pair : pairs) {
        Optional<KeySchema.Attribute> attribute = keyAttribute(pair[0], keys);
        if (attribute.isPresent()
            && PartiqlValues.isValue(pair[1])
            && !(pair[1] instanceof Expr.Null)) {
          checkKeyType(attribute.get(), values.value(pair[1]));
        }
      }
    }
  }

  /** ORDER BY: key attributes of a query; answers whether the query reads forward. */
  private static boolean order(Statement.Select select, KeySchema keys, Plan plan) {
    if (select.orderBy().isEmpty()) {
      return true;
    }
    if (select.where().isEmpty()) {
      throw Errors.validation(
          "Must have WHERE clause in the statement when using ORDER BY clause.");
    }
    if (plan.partitions() == null) {
      throw Errors.validation(
          "Must have at least one non-optional hash key condition in WHERE clause when using"
              + " ORDER BY clause.");
    }
    boolean forward = true;
    for (Statement.Order order : select.orderBy()) {
      Expr expression = order.expression();
      String name =
          expression instanceof Expr.PathOf path ? path.root() : String.valueOf(expression);
      if (!(expression instanceof Expr.PathOf path && path.steps().isEmpty())
          || keys.attribute(name).isEmpty()) {
        throw Errors.validation(
            "Variable reference " + name + " in ORDER BY clause must be part of the primary key");
      }
      if (keys.sortKeys().stream().anyMatch(a -> a.name().equals(name))
          || keys.sortKeys().isEmpty()) {
        forward = !order.descending();
      }
    }
    return forward;
  }

  static List<Expr.PathOf> projections(Statement.Select select, PartiqlValues values) {
    List<Expr.PathOf> paths = new ArrayList<>();
    for (Expr projection : select.projections()) {
      if (!(projection instanceof Expr.PathOf path)) {
        throw Errors.validation("Unexpected path component" + values.at(projection));
      }
      if (paths.contains(path)) {
        throw Errors.validation(
            "Duplicate identifiers in select clause: " + PartiqlExpressions.resultName(path));
      }
      paths.add(path);
    }
    return paths;
  }

  /**
   * The projection expression of a SELECT's paths, or null to read whole items: a path with a list
   * index is projected from the whole item (a projection keeps only the elements it names, which
   * moves them), after the projection is checked as DynamoDB checks it.
   */
  static String projection(List<Expr.PathOf> paths, PartiqlExpressions expressions) {
    if (paths.isEmpty()) {
      return null;
    }
    boolean indexed =
        paths.stream()
            .anyMatch(p -> p.steps().stream().anyMatch(s -> s.index() instanceof Expr.Number));
    PartiqlExpressions writer = indexed ? new PartiqlExpressions(null) : expressions;
    List<String> texts = new ArrayList<>();
    for (Expr.PathOf path : paths) {
      texts.add(writer.path(path));
    }
    String projection = String.join(", ", texts);
    if (!indexed) {
      return projection;
    }
    translated(
        () -> ExpressionAttributes.builder().names(writer.names()).build().projection(projection));
    return null;
  }

  /** The items as a SELECT answers them: each projected path's value under its result name. */
  static List<Map<String, AttributeValue>> flatten(
      List<Map<String, AttributeValue>> found, List<Expr.PathOf> projections) {
    if (projections.isEmpty()) {
      return found;
    }
    List<Map<String, AttributeValue>> flat = new ArrayList<>();
    for (Map<String, AttributeValue> item : found) {
      Map<String, AttributeValue> result = new LinkedHashMap<>();
      for (Expr.PathOf path : projections) {
        AttributeValue value = PartiqlExpressions.at(item, path);
        if (value != null) {
          result.put(PartiqlExpressions.resultName(path), value);
        }
      }
      flat.add(result);
    }
    return flat;
  }

  // ---- errors -----------------------------------------------------------------------------------

  /** Something translated runs; its refusals are worded as for PartiQL. */
  interface Translated<T> {
    T run();
  }

  private static final List<String> EXPRESSION_PREFIXES =
      List.of(
          "Invalid FilterExpression: ",
          "Invalid ConditionExpression: ",
          "Invalid UpdateExpression: ",
          "Invalid ProjectionExpression: ",
          "Invalid KeyConditionExpression: ");

  /**
   * Runs a translated request: a refusal of one of the expressions written for the statement is
   * worded without the expression's name, as DynamoDB words it for PartiQL.
   */
  static <T> T translated(Translated<T> translated) {
    try {
      return translated.run();
    } catch (ValidationException e) {
      throw Errors.validation(unprefixed(e.getMessage()));
    } catch (DynamoDbException e) {
      String message = validationMessage(e);
      if (message != null && !unprefixed(message).equals(message)) {
        throw Errors.validation(unprefixed(message));
      }
      throw e;
    }
  }

  /** The message of a refusal of a request as not valid, or null for any other failure. */
  static String validationMessage(RuntimeException e) {
    if (e instanceof ValidationException) {
      return e.getMessage();
    }
    if (e instanceof DynamoDbException dynamo
        && dynamo.awsErrorDetails() != null
        && "ValidationException".equals(dynamo.awsErrorDetails().errorCode())) {
      return dynamo.awsErrorDetails().errorMessage();
    }
    return null;
  }

  private static String unprefixed(String message) {
    if (message == null) {
      return null;
    }
    for (String prefix : EXPRESSION_PREFIXES) {
      if (message.startsWith(prefix)) {
        return message.substring(prefix.length());
      }
    }
    return message;
  }

  // ---- paging -----------------------------------------------------------------------------------

  /** Where a SELECT's next page starts: which partition, and after which key. */
  private record Token(int partition, Map<String, AttributeValue> lastKey) {
    static String of(String statement, int partition, Map<String, AttributeValue> lastKey) {
      if (lastKey == null || lastKey.isEmpty()) {
        if (partition == 0) {
          return null;
        }
      }
      String key =
          lastKey == null || lastKey.isEmpty()
              ? ""
              : Base64.getUrlEncoder().withoutPadding().encodeToString(ItemCodec.encode(lastKey));
      String text =
          TOKEN_VERSION
              + "|"
              + Integer.toHexString(statement.hashCode())
              + "|"
              + partition
              + "|"
              + key;
      return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Token parse(String token, String statement) {
      if (token == null) {
        return null;
      }
      try {
        String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4
            || !parts[0].equals(TOKEN_VERSION)
            || !parts[1].equals(Integer.toHexString(statement.hashCode()))) {
          throw invalidToken();
        }
        Map<String, AttributeValue> key =
            parts[3].isEmpty() ? null : ItemCodec.decode(Base64.getUrlDecoder().decode(parts[3]));
        return new Token(Integer.parseInt(parts[2]), key);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw invalidToken();
      }
    }

    private static RuntimeException invalidToken() {
      return Errors.validation("Invalid NextToken");
    }
  }
}
