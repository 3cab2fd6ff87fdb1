package dev.dynakit.engine;

import dev.dynakit.engine.internal.Errors;
import dev.dynakit.expression.ValidationException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;

/**
 * The SDK's {@link DynamoDbClient} interface served by the engine. Every operation method of the
 * interface takes one request object and returns its response; those go to the engine's operations.
 * The convenience overloads (builder consumers), paginators and waiters are the interface's own
 * default methods, which call back into the operation methods, so they work unchanged.
 */
final class EngineClient implements InvocationHandler {
  private final DynakitEngine engine;

  private EngineClient(DynakitEngine engine) {
    this.engine = engine;
  }

  static DynamoDbClient create(DynakitEngine engine) {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            new EngineClient(engine));
  }

  /** Runs one request on the engine, as the in-process client does. */
  static Object dispatch(DynamoDbClient client, DynamoDbRequest request) {
    return ((EngineClient) Proxy.getInvocationHandler(client)).execute(request);
  }

  private Object execute(DynamoDbRequest request) {
    try {
      return engine.operations().execute(request);
    } catch (ValidationException e) {
      throw Errors.validation(e.getMessage());
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (args != null
        && args.length == 1
        && args[0] instanceof DynamoDbRequest request
        && DynamoDbResponse.class.isAssignableFrom(method.getReturnType())) {
      return execute(request);
    }
    switch (method.getName()) {
      case "serviceName":
        return DynamoDbClient.SERVICE_NAME;
      case "close":
        return null;
      case "toString":
        return "DynakitEngine client";
      case "hashCode":
        return System.identityHashCode(proxy);
      case "equals":
        return proxy == args[0];
      default:
        break;
    }
    if (method.isDefault()) {
      try {
        return InvocationHandler.invokeDefault(proxy, method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    throw new UnsupportedOperationException(method.getName());
  }
}
