package dev.dynakit.client.spi;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Opens {@code embedded:} endpoints through the {@link EmbeddedEngineProvider} on the class path.
 */
public final class EmbeddedEngines {
  /** The scheme of embedded endpoints, with its colon. */
  public static final String SCHEME = "embedded:";

  private EmbeddedEngines() {}

  /** Whether an endpoint names an embedded engine rather than a URL. */
  public static boolean isEmbedded(String endpoint) {
    return endpoint != null && endpoint.startsWith(SCHEME);
  }

  /**
   * The data directory an embedded endpoint names: empty for {@code embedded:}, the path after the
   * colon for {@code embedded:<dir>}.
   */
  public static Optional<Path> dataDir(String endpoint) {
    String rest = endpoint.substring(SCHEME.length()).trim();
    return rest.isEmpty() ? Optional.empty() : Optional.of(Path.of(rest));
  }

  /**
   * Opens the engine an embedded endpoint names, through the first provider the {@link
   * ServiceLoader} finds.
   *
   * @throws ConfigurationException if no provider is on the class path
   */
  public static SdkHttpClient open(String endpoint) {
    return open(endpoint, ServiceLoader.load(EmbeddedEngineProvider.class));
  }

  static SdkHttpClient open(String endpoint, Iterable<EmbeddedEngineProvider> providers) {
    if (!isEmbedded(endpoint)) {
      throw new IllegalArgumentException("not an embedded endpoint: " + endpoint);
    }
    Iterator<EmbeddedEngineProvider> found = providers.iterator();
    if (!found.hasNext()) {
      throw new ConfigurationException(
          ConfigurationException.Kind.INVALID_ENDPOINT,
          "endpoint '"
              + endpoint
              + "' needs dynakit-embedded on the class path (no "
              + EmbeddedEngineProvider.class.getName()
              + " found)",
          ErrorContext.local(null, null),
          false,
          null);
    }
    return Objects.requireNonNull(
        found.next().open(dataDir(endpoint)), "the embedded engine provider returned no client");
  }
}
