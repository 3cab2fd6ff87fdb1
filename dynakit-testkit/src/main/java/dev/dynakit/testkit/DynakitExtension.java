package dev.dynakit.testkit;

import dev.dynakit.client.Dynakit;
import dev.dynakit.engine.DynakitEngine;
import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The JUnit 5 extension behind {@link DynakitTest}: makes an in-memory engine per test or per class
 * (with the {@link DynakitTable} tables and the fixtures), and resolves parameters of type {@link
 * DynamoDbClient} (the engine's own client, in-process), {@link DynamoDbEnhancedClient}, {@link
 * Dynakit} (the adapter on the engine), {@link DynakitEngine} and {@link URI} (the engine served
 * over HTTP on a free loopback port, started on first use). Usable on its own with
 * {@code @ExtendWith(DynakitExtension.class)}, with {@link DynakitTest}'s defaults.
 */
public final class DynakitExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynakitExtension.class);
  private static final Set<Class<?>> INJECTED =
      Set.of(
          DynamoDbClient.class,
          DynamoDbEnhancedClient.class,
          Dynakit.class,
          DynakitEngine.class,
          URI.class);

  /** Made by JUnit. */
  public DynakitExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    // The engine, its tables and fixtures are there before the test, injected or not.
    engine(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "dynakit injects into test methods and @BeforeEach/@AfterEach methods, not into "
              + parameter.getDeclaringExecutable());
    }
    TestEngine engine = engine(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == DynamoDbClient.class) {
      return engine.engine().client();
    }
    if (type == DynamoDbEnhancedClient.class) {
      return engine.enhanced();
    }
    if (type == Dynakit.class) {
      return engine.dynakit();
    }
    if (type == URI.class) {
      return engine.endpoint();
    }
    return engine.engine();
  }

  private static TestEngine engine(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<DynakitTest> settings = AnnotationSupport.findAnnotation(testClass, DynakitTest.class);
    EngineScope scope = settings.map(DynakitTest::engine).orElse(EngineScope.PER_TEST);
    ExtensionContext owner = scope == EngineScope.PER_CLASS ? classContext(context) : context;
    List<DynakitTable> tables = new ArrayList<>(tables(testClass));
    if (scope == EngineScope.PER_TEST) {
      context.getTestMethod().ifPresent(method -> tables.addAll(tables(method)));
    }
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            TestEngine.class,
            key ->
                new TestEngine(
                    settings.map(DynakitTest::allowWrite).orElse(true),
                    tables,
                    settings.map(s -> List.of(s.fixtures())).orElse(List.of()),
                    testClass),
            TestEngine.class);
  }

  private static List<DynakitTable> tables(AnnotatedElement element) {
    return AnnotationSupport.findRepeatableAnnotations(element, DynakitTable.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
