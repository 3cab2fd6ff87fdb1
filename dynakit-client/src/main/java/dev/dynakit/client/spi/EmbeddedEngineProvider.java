package dev.dynakit.client.spi;

import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Serves the {@code embedded:} endpoints: opens an engine in this process and hands back the HTTP
 * client the adapter's SDK client sends its requests to.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.dynakit.client.spi.EmbeddedEngineProvider}. The {@code dynakit-embedded}
 * module provides one backed by the dynakit engine; the adapter itself never depends on an engine.
 */
public interface EmbeddedEngineProvider {

  /**
   * Opens an engine.
   *
   * @param dataDir empty for an in-memory engine ({@code embedded:}), the directory of a durable
   *     one ({@code embedded:<dir>})
   * @return a client that answers DynamoDB's JSON protocol; closing it stops the engine, and the
   *     adapter closes it when it is closed itself
   * @throws dev.dynakit.client.errors.ConfigurationException if the engine cannot be opened as
   *     asked (such as a data directory when the engine has no durable storage)
   */
  SdkHttpClient open(Optional<Path> dataDir);
}
