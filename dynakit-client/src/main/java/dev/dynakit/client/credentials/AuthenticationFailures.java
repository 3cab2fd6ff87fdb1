package dev.dynakit.client.credentials;

import dev.dynakit.client.errors.AuthenticationException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Hands the caller an {@link AuthenticationException} raised while credentials were resolved as it
 * is, instead of wrapped in the SDK's {@code SdkClientException}.
 */
public final class AuthenticationFailures implements ExecutionInterceptor {

  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    for (Throwable t = context.exception(); t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return t;
      }
    }
    return context.exception();
  }
}
