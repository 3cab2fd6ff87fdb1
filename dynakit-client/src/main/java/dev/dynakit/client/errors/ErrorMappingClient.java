package dev.dynakit.client.errors;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A {@link DynamoDbClient} (or {@link DynamoDbStreamsClient}) whose calls throw {@link
 * DynakitException}s: each SDK exception is mapped by {@link ErrorMapper} with the operation and
 * the table of the request, once the SDK has finished with it (so its retries see the SDK's own
 * exception).
 *
 * <p>Why not an {@code ExecutionInterceptor}: the SDK (2.40) requires {@code modifyException} to
 * return an instance of the original exception's class, so an interceptor cannot change the type.
 * This wrapper sits in front of the client instead: methods the SDK client implements are called on
 * it, the interface's convenience methods (the {@code Consumer<Builder>} overloads, paginators) run
 * on the wrapper, so the pages a paginator fetches are mapped too. Waiters run on the SDK client
 * and throw the SDK's exceptions.
 */
public final class ErrorMappingClient implements InvocationHandler {
  private final Object delegate;
  private final Map<Method, Boolean> implemented = new ConcurrentHashMap<>();

  private ErrorMappingClient(Object delegate) {
    this.delegate = delegate;
  }

  /** {@code client}, with every call's failures mapped to {@link DynakitException}s. */
  public static DynamoDbClient wrap(DynamoDbClient client) {
    return wrap(DynamoDbClient.class, client);
  }

  /** {@code client}, with every call's failures mapped to {@link DynakitException}s. */
  public static DynamoDbStreamsClient wrap(DynamoDbStreamsClient client) {
    return wrap(DynamoDbStreamsClient.class, client);
  }

  private static <T> T wrap(Class<T> type, T client) {
    Objects.requireNonNull(client, "client");
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, new ErrorMappingClient(client)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args);
    }
    if (method.isDefault() && !implemented.computeIfAbsent(method, this::implementedByDelegate)) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      Throwable failure = e.getCause();
      if (failure instanceof SdkException || failure instanceof DynakitException) {
        throw ErrorMapper.map(failure, operation(method), table(args));
      }
      throw failure;
    }
  }

  private boolean implementedByDelegate(Method method) {
    try {
      Method own = delegate.getClass().getMethod(method.getName(), method.getParameterTypes());
      return own.getDeclaringClass() != method.getDeclaringClass();
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private Object objectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "ErrorMappingClient[" + delegate + "]";
    }
  }

  /** The operation name as the SDK gives it: the method name, capitalized. */
  private static String operation(Method method) {
    String name = method.getName();
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }

  private static String table(Object[] args) {
    if (args != null && args.length > 0 && args[0] instanceof SdkRequest) {
      return ErrorMapper.tableOf((SdkRequest) args[0]);
    }
    return null;
  }
}
