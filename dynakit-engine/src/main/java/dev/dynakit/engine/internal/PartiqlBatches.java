package dev.dynakit.engine.internal;

import dev.dynakit.engine.storage.ItemCodec;
import dev.dynakit.expression.ValidationException;
import dev.dynakit.expression.partiql.Expr;
import dev.dynakit.expression.partiql.PartiqlParser;
import dev.dynakit.expression.partiql.Statement;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * BatchExecuteStatement (up to 25 single-item reads, or up to 25 writes, each answered on its own)
 * and ExecuteTransaction (up to 100 single-item reads, or up to 100 writes and EXISTS checks, all
 * or nothing), built on {@link Partiql}'s translation of each statement.
 */
final class PartiqlBatches {
  private static final int MOST_IN_BATCH = 25;
  private static final int MOST_IN_TRANSACTION = 100;

  private final Tables tables;
  private final Items items;
  private final Partiql partiql;
  private final Lazy<Transactions> transactions;

  PartiqlBatches(Tables tables, Items items, Partiql partiql, Lazy<Transactions> transactions) {
    this.tables = tables;
    this.items = items;
    this.partiql = partiql;
    this.transactions = transactions;
  }

  // ---- BatchExecuteStatement --------------------------------------------------------------------

  /** BatchExecuteStatement. */
  BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
    List<BatchStatementRequest> requests =
        request.hasStatements() ? request.statements() : List.of();
    if (requests.isEmpty()) {
      throw Errors.validation("The statement was empty.");
    }
    int count = requests.size();
    PartiqlParser.Parsed[] statements = new PartiqlParser.Parsed[count];
    RuntimeException[] errors = new RuntimeException[count];
    boolean reads = false;
    boolean writes = false;
    for (int i = 0; i < count; i++) {
      try {
        statements[i] = Partiql.parse(requests.get(i).statement());
        reads |= statements[i].statement() instanceof Statement.Select;
        writes |= !(statements[i].statement() instanceof Statement.Select);
      } catch (DynamoDbException e) {
        errors[i] = e;
      }
    }
    if (reads && writes) {
      throw Errors.validation(
          "Read and write requests together in the same batch is not supported.");
    }
    if (count > MOST_IN_BATCH) {
      throw Errors.validation(
          reads
              ? "BatchGetItem cannot fetch more than 25 items"
              : "BatchWriteItem cannot write more than 25 items");
    }
    Partiql.OneItem[] plans = new Partiql.OneItem[count];
    Set<Map.Entry<String, ByteBuffer>> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (errors[i] != null) {
        continue;
      }
      BatchStatementRequest one = requests.get(i);
      try {
        plans[i] = plan(statements[i], one);
      } catch (RuntimeException e) {
        errors[i] = e;
        continue;
      }
      if (!keys.add(
          Map.entry(plans[i].table(), ByteBuffer.wrap(ItemCodec.encode(plans[i].key()))))) {
        throw Errors.validation("Provided list of item keys contains duplicates");
      }
    }
    List<BatchStatementResponse> responses = new ArrayList<>();
    Map<String, Double> capacity = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      responses.add(
          errors[i] != null
              ? BatchStatementResponse.builder().error(error(errors[i])).build()
              : run(plans[i], request.returnConsumedCapacity(), capacity));
    }
    return BatchExecuteStatementResponse.builder()
        .responses(responses)
        .consumedCapacity(consumed(capacity, request.returnConsumedCapacity()))
        .build();
  }

  /** A single-item read of a batch or a transaction. */
  private record Read(
      String table,
      Map<String, AttributeValue> key,
      String projection,
      Map<String, String> names,
      List<Expr.PathOf> paths)
      implements Partiql.OneItem {}

  private Partiql.OneItem plan(PartiqlParser.Parsed parsed, BatchStatementRequest request) {
    Statement statement = parsed.statement();
    List<AttributeValue> parameters = request.hasParameters() ? request.parameters() : List.of();
    PartiqlValues.checkParameters(parameters, statement.parameters());
    PartiqlValues values = new PartiqlValues(parameters, parsed);
    if (statement instanceof Statement.Select select) {
      return read(select, values, "Only single item select is supported");
    }
    return partiql.write(statement, values, request.returnValuesOnConditionCheckFailure());
  }

  private Read read(Statement.Select select, PartiqlValues values, String notSingle) {
    Table table = tables.require(select.table());
    Partiql.SingleItem item;
    try {
      if (select.index().isPresent()) {
        throw Errors.validation(notSingle);
      }
      item = Partiql.singleItem(table.keys(), select.where(), values);
    } catch (DynamoDbException e) {
      if (e.getMessage().startsWith("Key attribute's data type")) {
        throw e;
      }
      throw Errors.validation(notSingle);
    }
    if (!item.conditions().isEmpty()) {
      throw Errors.validation(notSingle);
    }
    PartiqlExpressions expressions = new PartiqlExpressions(values);
    List<Expr.PathOf> paths = Partiql.projections(select, values);
    String projection = Partiql.projection(paths, expressions);
    return new Read(select.table(), item.key(), projection, expressions.names(), paths);
  }

  private BatchStatementResponse run(
      Partiql.OneItem plan, ReturnConsumedCapacity returnCapacity, Map<String, Double> capacity) {
    String table = plan.table();
    try {
      if (plan instanceof Read read) {
        GetItemResponse got =
            Partiql.translated(
                () ->
                    items.getItem(
                        GetItemRequest.builder()
                            .tableName(read.table())
                            .key(read.key())
                            .projectionExpression(read.projection())
                            .expressionAttributeNames(read.names())
                            .returnConsumedCapacity(returnCapacity)
                            .build()));
        add(capacity, got.consumedCapacity());
        BatchStatementResponse.Builder response = BatchStatementResponse.builder().tableName(table);
        if (got.hasItem() && got.item() != null) {
          response.item(Partiql.flatten(List.of(got.item()), read.paths()).get(0));
        }
        return response.build();
      }
      Partiql.Write write = (Partiql.Write) plan;
      List<Map<String, AttributeValue>> returned = new ArrayList<>();
      add(capacity, Partiql.translated(() -> partiql.run(write, returnCapacity, returned)));
      BatchStatementResponse.Builder response = BatchStatementResponse.builder().tableName(table);
      if (!returned.isEmpty()) {
        response.item(returned.get(0));
      }
      return response.build();
    } catch (RuntimeException e) {
      return BatchStatementResponse.builder().tableName(table).error(error(e)).build();
    }
  }

  /** A statement's error in a batch: DynamoDB's error code, its message, the item if returned. */
  private static BatchStatementError error(RuntimeException e) {
    if (e instanceof ValidationException) {
      return BatchStatementError.builder().code("ValidationError").message(e.getMessage()).build();
    }
    if (!(e instanceof DynamoDbException dynamo) || dynamo.awsErrorDetails() == null) {
      throw e;
    }
    AwsErrorDetails details = dynamo.awsErrorDetails();
    String code =
        switch (details.errorCode()) {
          case "ValidationException" -> "ValidationError";
          case "ResourceNotFoundException" -> "ResourceNotFound";
          case "ConditionalCheckFailedException" -> "ConditionalCheckFailed";
          case "DuplicateItemException" -> "DuplicateItem";
          case "TransactionConflictException" -> "TransactionConflict";
          case "ProvisionedThroughputExceededException" -> "ProvisionedThroughputExceeded";
          case "ItemCollectionSizeLimitExceededException" -> "ItemCollectionSizeLimitExceeded";
          case "RequestLimitExceeded" -> "RequestLimitExceeded";
          case "ThrottlingException" -> "ThrottlingError";
          case "AccessDeniedException" -> "AccessDenied";
          default -> "InternalServerError";
        };
    BatchStatementError.Builder error =
        BatchStatementError.builder().code(code).message(details.errorMessage());
    if (e instanceof ConditionalCheckFailedException failed && failed.hasItem()) {
      error.item(failed.item());
    }
    return error.build();
  }

  private static void add(Map<String, Double> capacity, ConsumedCapacity consumed) {
    if (consumed != null && consumed.capacityUnits() != null) {
      capacity.merge(consumed.tableName(), consumed.capacityUnits(), Double::sum);
    }
  }

  private static List<ConsumedCapacity> consumed(
      Map<String, Double> capacity, ReturnConsumedCapacity returnCapacity) {
    if (returnCapacity == null || returnCapacity == ReturnConsumedCapacity.NONE) {
      return null;
    }
    List<ConsumedCapacity> consumed = new ArrayList<>();
    capacity.forEach(
        (table, units) ->
            consumed.add(ConsumedCapacity.builder().tableName(table).capacityUnits(units).build()));
    return consumed;
  }

  // ---- ExecuteTransaction -----------------------------------------------------------------------

  /** ExecuteTransaction. */
  ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
    List<ParameterizedStatement> requests =
        request.hasTransactStatements() ? request.transactStatements() : List.of();
    if (requests.isEmpty()) {
      throw Errors.validation("ExecutePartiQLTransaction can not have empty statement.");
    }
    if (requests.size() > MOST_IN_TRANSACTION) {
      throw Errors.validation("Member must have length less than or equal to 100");
    }
    List<PartiqlParser.Parsed> statements = new ArrayList<>();
    boolean reads = false;
    boolean writes = false;
    for (ParameterizedStatement one : requests) {
      PartiqlParser.Parsed parsed = Partiql.parse(one.statement());
      Statement statement = parsed.statement();
      statements.add(parsed);
      reads |= statement instanceof Statement.Select;
      writes |= !(statement instanceof Statement.Select);
    }
    if (reads && writes) {
      throw Errors.validation(
          "ExecuteTransaction API does not support both read and write operations in the same"
              + " request.");
    }
    try {
      return reads
          ? transactGet(statements, requests, request)
          : transactWrite(statements, requests, request);
    } catch (ResourceNotFoundException e) {
      throw Errors.resourceNotFound("Requested resource not found");
    }
  }

  private ExecuteTransactionResponse transactGet(
      List<PartiqlParser.Parsed> statements,
      List<ParameterizedStatement> requests,
      ExecuteTransactionRequest request) {
    List<TransactGetItem> gets = new ArrayList<>();
    List<Read> plans = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      PartiqlValues values = values(requests.get(i), statements.get(i));
      Read read;
      try {
        read =
            read(
                (Statement.Select) statements.get(i).statement(),
                values,
                "Select statements within ExecuteTransaction must specify the primary key in the"
                    + " where clause.");
      } catch (DynamoDbException e) {
        throw inStatement(i, e);
      }
      plans.add(read);
      gets.add(
          TransactGetItem.builder()
              .get(
                  Get.builder()
                      .tableName(read.table())
                      .key(read.key())
                      .projectionExpression(read.projection())
                      .expressionAttributeNames(read.names())
                      .build())
              .build());
    }
    TransactGetItemsResponse got =
        Partiql.translated(
            () ->
                transactions
                    .get()
                    .transactGetItems(
                        TransactGetItemsRequest.builder()
                            .transactItems(gets)
                            .returnConsumedCapacity(request.returnConsumedCapacity())
                            .build()));
    List<ItemResponse> responses = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      ItemResponse response = got.responses().get(i);
      responses.add(
          response.hasItem() && response.item() != null
              ? ItemResponse.builder()
                  .item(Partiql.flatten(List.of(response.item()), plans.get(i).paths()).get(0))
                  .build()
              : response);
    }
    return ExecuteTransactionResponse.builder()
        .responses(responses)
        .consumedCapacity(got.consumedCapacity())
        .build();
  }

  private ExecuteTransactionResponse transactWrite(
      List<PartiqlParser.Parsed> statements,
      List<ParameterizedStatement> requests,
      ExecuteTransactionRequest request) {
    List<TransactWriteItem> writes = new ArrayList<>();
    CancellationReason[] refused = new CancellationReason[statements.size()];
    boolean anyRefused = false;
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i).statement();
      ParameterizedStatement one = requests.get(i);
      PartiqlValues values = values(one, statements.get(i));
      if (statement instanceof Statement.Update update && update.returning().isPresent()
          || statement instanceof Statement.Delete delete && delete.returning().isPresent()) {
        throw inStatement(
            i, Errors.validation("RETURNING clause is not supported in ExecuteTransaction."));
      }
      try {
        writes.add(
            statement instanceof Statement.Exists exists
                ? check(exists, values, one)
                : writeItem(
                    partiql.write(statement, values, one.returnValuesOnConditionCheckFailure())));
      } catch (RuntimeException e) {
        String message = Partiql.validationMessage(e);
        if (message == null) {
          throw e;
        }
        refused[i] = CancellationReason.builder().code("ValidationError").message(message).build();
        anyRefused = true;
      }
    }
    if (anyRefused) {
      List<CancellationReason> reasons = new ArrayList<>();
      for (CancellationReason reason : refused) {
        reasons.add(reason != null ? reason : CancellationReason.builder().code("None").build());
      }
      throw Transactions.cancelled(reasons);
    }
    try {
      TransactWriteItemsResponse response =
          Partiql.translated(
              () ->
                  transactions
                      .get()
                      .transactWriteItems(
                          TransactWriteItemsRequest.builder()
                              .transactItems(writes)
                              .clientRequestToken(request.clientRequestToken())
                              .returnConsumedCapacity(request.returnConsumedCapacity())
                              .build()));
      return ExecuteTransactionResponse.builder()
          .responses(List.of())
          .consumedCapacity(response.consumedCapacity())
          .build();
    } catch (IdempotentParameterMismatchException e) {
      throw Errors.idempotentParameterMismatch(
          "Specified idempotent token was used with different request parameters within the"
              + " idempotency window");
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = new ArrayList<>(e.cancellationReasons());
      boolean changed = false;
      for (int i = 0; i < reasons.size(); i++) {
        if (statements.get(i).statement() instanceof Statement.Insert
            && "ConditionalCheckFailed".equals(reasons.get(i).code())) {
          reasons.set(
              i,
              CancellationReason.builder()
                  .code("ValidationError")
                  .message(Errors.duplicateItem().awsErrorDetails().errorMessage())
                  .build());
          changed = true;
        }
      }
      throw changed ? Transactions.cancelled(reasons) : e;
    }
  }

  private static PartiqlValues values(ParameterizedStatement one, PartiqlParser.Parsed parsed) {
    List<AttributeValue> parameters = one.hasParameters() ? one.parameters() : List.of();
    PartiqlValues.checkParameters(parameters, parsed.statement().parameters());
    return new PartiqlValues(parameters, parsed);
  }

  private static DynamoDbException inStatement(int index, DynamoDbException e) {
    if (!"ValidationException".equals(e.awsErrorDetails().errorCode())) {
      return e;
    }
    return Errors.validation(
        "Validation failed in TransactStatements["
            + index
            + "]: "
            + e.awsErrorDetails().errorMessage());
  }

  private TransactWriteItem check(
      Statement.Exists exists, PartiqlValues values, ParameterizedStatement one) {
    Statement.Select select = exists.select();
    Table table = tables.require(select.table());
    Partiql.SingleItem item = Partiql.singleItem(table.keys(), select.where(), values);
    PartiqlExpressions expressions = new PartiqlExpressions(values);
    String condition =
        "attribute_exists(" + expressions.name(table.keys().attributes().get(0).name()) + ")";
    if (!item.conditions().isEmpty()) {
      condition += " AND (" + expressions.conditions(item.conditions()) + ")";
    }
    return TransactWriteItem.builder()
        .conditionCheck(
            ConditionCheck.builder()
                .tableName(select.table())
                .key(item.key())
                .conditionExpression(condition)
                .expressionAttributeNames(expressions.names())
                .expressionAttributeValues(expressions.values())
                .returnValuesOnConditionCheckFailure(
                    one.returnValuesOnConditionCheckFailureAsString())
                .build())
        .build();
  }

  private static TransactWriteItem writeItem(Partiql.Write write) {
    if (write.put() != null) {
      PutItemRequest put = write.put();
      return TransactWriteItem.builder()
          .put(
              Put.builder()
                  .tableName(put.tableName())
                  .item(put.item())
                  .conditionExpression(put.conditionExpression())
                  .expressionAttributeNames(put.expressionAttributeNames())
                  .build())
          .build();
    }
    if (write.update() != null) {
      UpdateItemRequest update = write.update();
      return TransactWriteItem.builder()
          .update(
              Update.builder()
                  .tableName(update.tableName())
                  .key(update.key())
                  .updateExpression(update.updateExpression())
                  .conditionExpression(update.conditionExpression())
                  .expressionAttributeNames(
                      update.hasExpressionAttributeNames()
                          ? update.expressionAttributeNames()
                          : null)
                  .expressionAttributeValues(
                      update.hasExpressionAttributeValues()
                          ? update.expressionAttributeValues()
                          : null)
                  .returnValuesOnConditionCheckFailure(
                      update.returnValuesOnConditionCheckFailureAsString())
                  .build())
          .build();
    }
    DeleteItemRequest delete = write.delete();
    return TransactWriteItem.builder()
        .delete(
            Delete.builder()
                .tableName(delete.tableName())
                .key(delete.key())
                .conditionExpression(delete.conditionExpression())
                .expressionAttributeNames(
                    delete.hasExpressionAttributeNames() ? delete.expressionAttributeNames() : null)
                .expressionAttributeValues(
                    delete.hasExpressionAttributeValues()
                        ? delete.expressionAttributeValues()
                        : null)
                .returnValuesOnConditionCheckFailure(
                    delete.returnValuesOnConditionCheckFailureAsString())
                .build())
        .build();
  }
}
