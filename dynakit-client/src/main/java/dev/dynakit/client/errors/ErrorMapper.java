package dev.dynakit.client.errors;

import dev.dynakit.client.partiql.PartiqlTables;
import dev.dynakit.client.partiql.TableArns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Turns whatever the AWS SDK throws into the adapter's error taxonomy (seed 001 §5): the AWS error
 * code decides the category and kind, timeouts and I/O failures become {@link ServiceException}s of
 * kind {@code TIMEOUT} or {@code NETWORK}, and every error carries the operation, table, AWS
 * request id, error code and HTTP status. A {@link DynakitException} (raised by another part of the
 * adapter, possibly wrapped by the SDK) is returned unchanged.
 *
 * <p>Messages name the operation, the table, the error code and DynamoDB's own message, which never
 * contains item values; items returned with a failure are kept on the exception, not in its text.
 */
public final class ErrorMapper {
  /** The longest part of DynamoDB's message kept in an error message. */
  private static final int MAX_SERVICE_MESSAGE = 300;

  /** Cancellation reasons that say the transaction may commit if sent again. */
  private static final Set<String> TRANSIENT_CANCELLATION_CODES =
      Set.of(
          "None",
          "TransactionConflict",
          "ThrottlingError",
          "ProvisionedThroughputExceeded",
          "RequestLimitExceeded");

  private ErrorMapper() {}

  /**
   * The adapter's error for {@code failure}.
   *
   * @param failure what the SDK (or an interceptor) threw
   * @param operation the DynamoDB operation, such as {@code PutItem} ({@code null} if unknown)
   * @param table the table the request named ({@code null} if none or several)
   */
  public static DynakitException map(Throwable failure, String operation, String table) {
    DynakitException already = findDynakitException(failure);
    if (already != null) {
      return already;
    }
    if (failure instanceof AwsServiceException) {
      return mapService((AwsServiceException) failure, operation, table);
    }
    return mapClient(failure, operation, table);
  }

  /**
   * The table a request names: its {@code TableName}, the table of its stream or resource ARN, the
   * one table all entries of a batch or transaction name, or the one table a PartiQL statement
   * names; {@code null} if none or several. A table given by its ARN is the table the ARN names.
   */
  public static String tableOf(SdkRequest request) {
    if (request == null) {
      return null;
    }
    String name = request.getValueForField("TableName", String.class).orElse(null);
    if (name != null) {
      return TableArns.tableOf(name);
    }
    String stream = request.getValueForField("StreamArn", String.class).orElse(null);
    if (stream != null) {
      return TableArns.tableOfArn(stream);
    }
    String resource = request.getValueForField("ResourceArn", String.class).orElse(null);
    if (resource != null) {
      return TableArns.tableOfArn(resource);
    }
    Map<?, ?> batch = request.getValueForField("RequestItems", Map.class).orElse(null);
    if (batch != null && !batch.isEmpty()) {
      Set<String> tables = new HashSet<>();
      batch.keySet().forEach(key -> tables.add(TableArns.tableOf(String.valueOf(key))));
      return tables.size() == 1 ? tables.iterator().next() : null;
    }
    List<?> items = request.getValueForField("TransactItems", List.class).orElse(null);
    if (items != null) {
      return TransactTables.single(items);
    }
    String statement = request.getValueForField("Statement", String.class).orElse(null);
    List<String> named = PartiqlTables.of(statement);
    return named.size() == 1 ? named.get(0) : null;
  }

  private static DynakitException findDynakitException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DynakitException) {
        return (DynakitException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static DynakitException mapService(
      AwsServiceException e, String operation, String table) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    int status = e.statusCode();
    ErrorContext context = new ErrorContext(operation, table, e.requestId(), code, status);
    String serviceMessage = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    String message = message(operation, table, code, serviceMessage);
    String normalized = normalize(code);
    switch (normalized) {
      case "ProvisionedThroughputExceeded":
        return new ThroughputException(
            ThroughputException.Kind.PROVISIONED_THROUGHPUT_EXCEEDED, message, context, true, e);
      case "Throttling":
        return new ThroughputException(
            ThroughputException.Kind.THROTTLING, message, context, true, e);
      case "RequestLimitExceeded":
        return new ThroughputException(
            ThroughputException.Kind.REQUEST_LIMIT_EXCEEDED, message, context, true, e);
      case "ConditionalCheckFailed":
        return new ConditionalCheckException(
            ConditionalCheckException.Kind.CONDITION_FAILED,
            message,
            context,
            false,
            e,
            conditionItem(e));
      case "TransactionCanceled":
        return transactionCanceled(e, message, context);
      case "TransactionConflict":
        return transactionConflict(e, operation, message, context);
      case "IdempotentParameterMismatch":
        return new TransactionException(
            TransactionException.Kind.IDEMPOTENT_PARAMETER_MISMATCH, message, context, false, e);
      case "TransactionInProgress":
        return new TransactionException(
            TransactionException.Kind.TRANSACTION_IN_PROGRESS, message, context, true, e);
      case "ResourceNotFound":
      case "TableNotFound":
      case "BackupNotFound":
      case "PolicyNotFound":
      case "ExportNotFound":
      case "ImportNotFound":
      case "GlobalTableNotFound":
      case "ReplicaNotFound":
      case "IndexNotFound":
        return new ServiceException(
            ServiceException.Kind.RESOURCE_NOT_FOUND, message, context, false, e);
      case "ResourceInUse":
      case "TableAlreadyExists":
      case "TableInUse":
      case "BackupInUse":
      case "GlobalTableAlreadyExists":
      case "ReplicaAlreadyExists":
      case "ImportConflict":
        return new ServiceException(
            ServiceException.Kind.RESOURCE_IN_USE, message, context, false, e);
      case "LimitExceeded":
        return new ServiceException(
            ServiceException.Kind.LIMIT_EXCEEDED, message, context, true, e);
      case "Validation":
        return validation(e, serviceMessage, message, context);
      case "AccessDenied":
        return new AuthenticationException(
            AuthenticationException.Kind.ACCESS_DENIED, message, context, false, e);
      case "UnrecognizedClient":
      case "InvalidSignature":
      case "IncompleteSignature":
      case "MissingAuthenticationToken":
      case "InvalidClientTokenId":
        return new AuthenticationException(
            AuthenticationException.Kind.INVALID_SIGNATURE, message, context, false, e);
      case "ExpiredToken":
        return new AuthenticationException(
            AuthenticationException.Kind.TOKEN_EXPIRED, message, context, false, e);
      case "ItemCollectionSizeLimitExceeded":
        return new ItemException(
            ItemException.Kind.ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED, message, context, false, e);
      case "InternalServerError":
      case "InternalFailure":
        return new ServiceException(
            ServiceException.Kind.INTERNAL_SERVER_ERROR, message, context, true, e);
      case "ServiceUnavailable":
        return new ServiceException(
            ServiceException.Kind.SERVICE_UNAVAILABLE, message, context, true, e);
      case "ExpiredIterator":
        return new ServiceException(
            ServiceException.Kind.EXPIRED_ITERATOR, message, context, false, e);
      case "TrimmedDataAccess":
        return new ServiceException(
            ServiceException.Kind.TRIMMED_DATA_ACCESS, message, context, false, e);
      default:
        return byStatus(e, status, message, context);
    }
  }

  private static DynakitException byStatus(
      AwsServiceException e, int status, String message, ErrorContext context) {
    if (status == 503) {
      return new ServiceException(
          ServiceException.Kind.SERVICE_UNAVAILABLE, message, context, true, e);
    }
    if (status >= 500) {
      return new ServiceException(
          ServiceException.Kind.INTERNAL_SERVER_ERROR, message, context, true, e);
    }
    return new ServiceException(ServiceException.Kind.UNKNOWN, message, context, false, e);
  }

  /** The code without the {@code Exception} suffix some codes carry and others do not. */
  private static String normalize(String code) {
    if (code == null) {
      return "";
    }
    return code.endsWith("Exception") ? code.substring(0, code.length() - 9) : code;
  }

  private static Map<String, AttributeValue> conditionItem(AwsServiceException e) {
    if (e instanceof ConditionalCheckFailedException) {
      ConditionalCheckFailedException c = (ConditionalCheckFailedException) e;
      return c.hasItem() ? c.item() : null;
    }
    return null;
  }

  private static DynakitException transactionCanceled(
      AwsServiceException e, String message, ErrorContext context) {
    List<CancellationReason> reasons = List.of();
    if (e instanceof TransactionCanceledException
        && ((TransactionCanceledException) e).hasCancellationReasons()) {
      reasons = ((TransactionCanceledException) e).cancellationReasons();
    }
    return new TransactionException(
        TransactionException.Kind.TRANSACTION_CANCELED,
        message,
        context,
        transientCancellation(reasons),
        e,
        reasons);
  }

  /**
   * Whether a canceled transaction may commit if sent again: every reason is {@code None}, a
   * conflict or throttling, and at least one is not {@code None}.
   */
  static boolean transientCancellation(List<CancellationReason> reasons) {
    boolean any = false;
    for (CancellationReason reason : reasons) {
      String code = reason.code() == null ? "None" : reason.code();
      if (!TRANSIENT_CANCELLATION_CODES.contains(code)) {
        return false;
      }
      any |= !"None".equals(code);
    }
    return any;
  }

  private static DynakitException transactionConflict(
      AwsServiceException e, String operation, String message, ErrorContext context) {
    if (operation != null && operation.startsWith("Transact")) {
      return new TransactionException(
          TransactionException.Kind.TRANSACTION_CONFLICT, message, context, true, e);
    }
    return new ConditionalCheckException(
        ConditionalCheckException.Kind.TRANSACTION_CONFLICT, message, context, true, e);
  }

  private static DynakitException validation(
      AwsServiceException e, String serviceMessage, String message, ErrorContext context) {
    String text = serviceMessage == null ? "" : serviceMessage.toLowerCase(Locale.ROOT);
    if (text.contains("item size has exceeded") || text.contains("item size to update has")) {
      return new ItemException(ItemException.Kind.ITEM_TOO_LARGE, message, context, false, e);
    }
    return new RequestValidationException(validationKind(text), message, context, false, e);
  }

  private static RequestValidationException.Kind validationKind(String text) {
    if (text.contains("missing the key")) {
      return RequestValidationException.Kind.MISSING_REQUIRED_KEY;
    }
    if (text.contains("key element does not match")
        || text.contains("provided key element")
        || text.contains("conditions on the keys is invalid")
        || text.contains("type mismatch for key")
        || text.contains("invalid key")) {
      return RequestValidationException.Kind.INVALID_KEY;
    }
    if (text.contains("type mismatch")) {
      return RequestValidationException.Kind.TYPE_MISMATCH;
    }
    if (text.contains("expression")) {
      return RequestValidationException.Kind.INVALID_EXPRESSION;
    }
    if (text.contains("too many items") || text.contains("length less than or equal to")) {
      return RequestValidationException.Kind.LIMIT_EXCEEDED;
    }
    return RequestValidationException.Kind.INVALID_ARGUMENT;
  }

  private static DynakitException mapClient(Throwable e, String operation, String table) {
    ErrorContext context = ErrorContext.local(operation, table);
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new ServiceException(
          ServiceException.Kind.TIMEOUT,
          where(operation, table) + " timed out: " + e.getMessage(),
          context,
          true,
          e);
    }
    if (e instanceof AbortedException) {
      return new ServiceException(
          ServiceException.Kind.NETWORK,
          where(operation, table) + " was aborted",
          context,
          false,
          e);
    }
    if (hasCause(e, IOException.class) || hasCause(e, UncheckedIOException.class)) {
      return new ServiceException(
          ServiceException.Kind.NETWORK,
          where(operation, table) + " failed on the network: " + rootMessage(e),
          context,
          true,
          e);
    }
    if (e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().startsWith("Unable to load credentials")) {
      return new AuthenticationException(
          AuthenticationException.Kind.CREDENTIALS_NOT_FOUND,
          where(operation, table) + " found no credentials: " + e.getMessage(),
          context,
          false,
          e);
    }
    return new ServiceException(
        ServiceException.Kind.UNKNOWN,
        where(operation, table)
            + " failed: "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        context,
        false,
        e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static String message(
      String operation, String table, String code, String serviceMessage) {
    StringBuilder text = new StringBuilder(where(operation, table)).append(" failed: ");
    text.append(code == null ? "unknown error" : code);
    if (serviceMessage != null && !serviceMessage.isBlank()) {
      String trimmed =
          serviceMessage.length() > MAX_SERVICE_MESSAGE
              ? serviceMessage.substring(0, MAX_SERVICE_MESSAGE) + "..."
              : serviceMessage;
      text.append(": ").append(trimmed);
    }
    return text.toString();
  }

  private static String where(String operation, String table) {
    String op = operation == null ? "DynamoDB call" : operation;
    return table == null ? op : op + " on table '" + table + "'";
  }
}
