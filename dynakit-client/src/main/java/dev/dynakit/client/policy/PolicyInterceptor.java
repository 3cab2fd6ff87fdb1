package dev.dynakit.client.policy;

import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.errors.PolicyViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Enforces a {@link Policy} before the SDK does anything with a request: first the table allow-list
 * for every table the request touches, then {@code allow_write} for mutations. A refused request
 * throws {@link PolicyViolationException} from {@code beforeExecution}, so it is never signed, sent
 * or retried.
 */
final class PolicyInterceptor implements ExecutionInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyInterceptor.class);

  private final Policy policy;

  PolicyInterceptor(Policy policy) {
    this.policy = policy;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    check(context.request());
  }

  /**
   * Refuses {@code request} if the policy does not allow it. The request is read for its tables
   * only when a rule needs them: with no allow-list, reads and allowed writes pass unread.
   */
  void check(SdkRequest request) {
    String operation = Operations.operationOf(request.getClass());
    RequestTables found = null;
    if (!policy.allowedTables().isEmpty()) {
      found = RequestTables.of(request);
      for (String table : found.tables()) {
        if (!policy.allowsTable(table)) {
          throw refuse(
              PolicyViolationException.Kind.TABLE_NOT_ALLOWED,
              operation,
              table,
              "the table is not on the allow-list (allow_tables="
                  + String.join(",", policy.allowedTables())
                  + ")");
        }
      }
      if (!found.unresolved().isEmpty()) {
        throw refuse(
            PolicyViolationException.Kind.TABLE_NOT_ALLOWED,
            operation,
            null,
            "its table cannot be told from the "
                + found.unresolved().get(0)
                + " and a table allow-list is in force");
      }
    }
    if (policy.allowWrite()) {
      return;
    }
    Operations.Access access = Operations.access(operation);
    if (access == Operations.Access.READ) {
      return;
    }
    if (found == null) {
      found = RequestTables.of(request);
    }
    if (access != Operations.Access.STATEMENT || found.statementWrites()) {
      String table = found.tables().isEmpty() ? null : found.tables().iterator().next();
      throw refuse(
          PolicyViolationException.Kind.WRITE_NOT_ALLOWED,
          operation,
          table,
          "writes are not allowed (allow_write=false)");
    }
  }

  private static PolicyViolationException refuse(
      PolicyViolationException.Kind kind, String operation, String table, String rule) {
    String where = table == null ? operation : operation + " on table '" + table + "'";
    String message = where + " refused: " + rule;
    LOG.debug("policy: {}", message);
    return new PolicyViolationException(
        kind, message, ErrorContext.local(operation, table), false, null);
  }
}
