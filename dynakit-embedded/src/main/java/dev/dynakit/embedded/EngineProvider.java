package dev.dynakit.embedded;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.spi.EmbeddedEngineProvider;
import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Serves {@code embedded:} with a new in-memory {@link DynakitEngine} for each adapter; closing the
 * returned client stops the engine. Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services}.
 */
public final class EngineProvider implements EmbeddedEngineProvider {

  /** Made by {@link java.util.ServiceLoader}. */
  public EngineProvider() {}

  /**
   * Opens an in-memory engine.
   *
   * @throws ConfigurationException for {@code embedded:<dir>}: the engine has no durable storage
   *     yet
   */
  @Override
  public SdkHttpClient open(Optional<Path> dataDir) {
    if (dataDir.isPresent()) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          "endpoint 'embedded:"
              + dataDir.get()
              + "': durable storage is not available yet; use 'embedded:' for an in-memory engine",
          ErrorContext.local(null, null),
          false,
          null);
    }
    return new EngineHttpClient(DynakitEngine.inMemory());
  }
}
