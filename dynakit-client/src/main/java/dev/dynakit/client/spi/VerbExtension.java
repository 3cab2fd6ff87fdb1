package dev.dynakit.client.spi;

import dev.dynakit.client.Dynakit;

/**
 * Adds verbs to every adapter built while it is on the class path, such as {@code
 * streams.subscribe} from {@code dynakit-streams}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.dynakit.client.spi.VerbExtension}. {@link #register} runs at the end of
 * {@link Dynakit.Builder#build()}, once for each adapter; the verbs it adds go through that
 * adapter's SDK clients, so its policy, retries and metrics apply to them.
 */
public interface VerbExtension {

  /** Registers verbs on {@code dynakit} (with {@code dynakit.verbs().register(...)}). */
  void register(Dynakit dynakit);
}
