package dev.dynakit.conformance;

import dev.dynakit.engine.DynakitEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A durable engine in a temporary data directory, closed and opened again every {@value #EVERY}
 * calls, so that scenarios also check what the engine reads back from disk: a call after a reopen
 * must answer as if the engine had never stopped.
 */
final class ReopeningEngine implements AutoCloseable {
  static final int EVERY = 25;

  private final Path dir;
  private DynakitEngine engine;
  private int calls;

  ReopeningEngine() {
    try {
      dir = Files.createTempDirectory("dynakit-conformance");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = open();
  }

  private DynakitEngine open() {
    return DynakitEngine.builder().dataDir(dir).build();
  }

  /** A client whose calls go to the engine open at the time of each call. */
  DynamoDbClient client() {
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, args) -> call(method, args));
  }

  private synchronized Object call(Method method, Object[] args) throws Throwable {
    if (method.getName().equals("close")) {
      return null;
    }
    if (++calls % EVERY == 0) {
      engine.close();
      engine = open();
    }
    try {
      return method.invoke(engine.client(), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public synchronized void close() {
    engine.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
