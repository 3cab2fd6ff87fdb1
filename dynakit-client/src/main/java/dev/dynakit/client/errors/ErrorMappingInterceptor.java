package dev.dynakit.client.errors;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Installs {@link ErrorMapper} in an SDK client: the exception a caller receives (after all
 * retries, which still see the SDK's own exception) is a {@link DynakitException}. Install it first
 * so the interceptors after it see the mapped error in {@code onExecutionFailure}.
 */
public final class ErrorMappingInterceptor implements ExecutionInterceptor {
  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes executionAttributes) {
    String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return ErrorMapper.map(context.exception(), operation, ErrorMapper.tableOf(context.request()));
  }
}
