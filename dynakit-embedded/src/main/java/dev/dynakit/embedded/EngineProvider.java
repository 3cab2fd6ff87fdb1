package dev.dynakit.embedded;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import dev.dynakit.client.spi.EmbeddedEngineProvider;
import dev.dynakit.engine.DynakitEngine;
import dev.dynakit.engine.storage.StorageException;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Serves {@code embedded:} with a new in-memory {@link DynakitEngine} for each adapter, and {@code
 * embedded:<dir>} with a durable engine keeping its data in that directory (relative to the current
 * directory; created if it does not exist). Closing the returned client stops the engine and, for a
 * durable one, releases its directory. Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services}.
 */
public final class EngineProvider implements EmbeddedEngineProvider {

  /** Made by {@link java.util.ServiceLoader}. */
  public EngineProvider() {}

  /**
   * Opens an in-memory engine, or a durable one in {@code dataDir}.
   *
   * @throws ConfigurationException for {@code embedded:<dir>} when the directory cannot be used:
   *     another process has it open (the message names its pid), it was written by a newer version,
   *     it is damaged, or it is a non-empty directory that is not a dynakit data directory
   */
  @Override
  public SdkHttpClient open(Optional<Path> dataDir) {
    if (dataDir.isEmpty()) {
      return new EngineHttpClient(DynakitEngine.inMemory());
    }
    Path dir = dataDir.get().toAbsolutePath().normalize();
    try {
      return new EngineHttpClient(DynakitEngine.builder().dataDir(dir).build());
    } catch (StorageException e) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          "endpoint 'embedded:" + dataDir.get() + "': " + e.getMessage(),
          ErrorContext.local(null, null),
          false,
          e);
    }
  }
}
