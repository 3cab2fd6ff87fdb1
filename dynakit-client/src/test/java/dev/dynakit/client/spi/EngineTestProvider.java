package dev.dynakit.client.spi;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The client module's tests' provider of {@code embedded:} endpoints: the real engine (a test
 * dependency), opened in memory. Keeps the engines it opened so tests can see them closed.
 */
public final class EngineTestProvider implements EmbeddedEngineProvider {
  /** Every engine this provider opened, in order. */
  public static final List<DynakitEngine> OPENED = new CopyOnWriteArrayList<>();

  @Override
  public SdkHttpClient open(Optional<Path> dataDir) {
    if (dataDir.isPresent()) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          "the test engine has no durable storage",
          ErrorContext.local(null, null),
          false,
          null);
    }
    DynakitEngine engine = DynakitEngine.inMemory();
    OPENED.add(engine);
    SdkHttpClient http = engine.httpClient();
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return http.prepareRequest(request);
      }

      @Override
      public String clientName() {
        return "dynakit-engine-test";
      }

      @Override
      public void close() {
        engine.close();
      }
    };
  }
}
