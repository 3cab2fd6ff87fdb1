package dev.dynakit.client.replay;

import dev.dynakit.client.errors.ConfigurationException;
import dev.dynakit.client.errors.ErrorContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The resolved simulation settings: the mode (builder, else {@code DYNAKIT_MODE}, else {@code
 * live}) and the recording file (builder, else {@code DYNAKIT_RECORDING}), checked when the adapter
 * is built.
 */
public final class Simulation {
  /**
   * The environment variable naming the mode: {@code live}, {@code record}, {@code replay}, {@code
   * mock}.
   */
  public static final String MODE_VARIABLE = "DYNAKIT_MODE";

  /** The environment variable naming the recording file. */
  public static final String RECORDING_VARIABLE = "DYNAKIT_RECORDING";

  private final SimulationMode mode;
  private final Path file;

  private Simulation(SimulationMode mode, Path file) {
    this.mode = mode;
    this.file = file;
  }

  /**
   * Resolves the mode and file.
   *
   * @param mode the builder's mode, or {@code null} to read {@code DYNAKIT_MODE}
   * @param file the builder's file, or {@code null} to read {@code DYNAKIT_RECORDING}
   * @throws ConfigurationException naming the setting if the mode is unknown or a file is missing
   */
  public static Simulation resolve(
      SimulationMode mode, Path file, Map<String, String> environment) {
    SimulationMode resolved = mode == null ? modeFrom(environment.get(MODE_VARIABLE)) : mode;
    Path resolvedFile = file;
    if (resolvedFile == null) {
      String name = environment.get(RECORDING_VARIABLE);
      resolvedFile = name == null || name.isBlank() ? null : Path.of(name.trim());
    }
    if ((resolved == SimulationMode.RECORD || resolved == SimulationMode.REPLAY)
        && resolvedFile == null) {
      throw invalid(
          MODE_VARIABLE
              + "="
              + resolved.name().toLowerCase(Locale.ROOT)
              + " needs a recording file: set "
              + RECORDING_VARIABLE
              + " or call record(Path) / replay(Path)");
    }
    return new Simulation(resolved, resolvedFile);
  }

  private static SimulationMode modeFrom(String value) {
    if (value == null || value.isBlank()) {
      return SimulationMode.LIVE;
    }
    try {
      return SimulationMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(
          MODE_VARIABLE + " must be one of live, record, replay, mock; was '" + value + "'");
    }
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(
        ConfigurationException.Kind.INVALID_SETTING,
        message,
        ErrorContext.local(null, null),
        false,
        null);
  }

  /** The mode. */
  public SimulationMode mode() {
    return mode;
  }

  /** The recording file ({@code null} in {@code live} and {@code mock} modes). */
  public Path file() {
    return file;
  }

  /**
   * The HTTP client the SDK should use in this mode, or {@code null} to keep {@code configured}: in
   * {@code record} mode a recorder in front of {@code configured} (or of a URL-connection client it
   * creates), in {@code replay} mode a player that has no delegate at all. What it creates is added
   * to {@code owned}, to be closed with the adapter.
   */
  public SdkHttpClient httpClient(SdkHttpClient configured, List<AutoCloseable> owned) {
    switch (mode) {
      case RECORD:
        RecordingHttpClient recorder =
            configured == null
                ? RecordingHttpClient.owning(UrlConnectionHttpClient.create(), file)
                : RecordingHttpClient.around(configured, file);
        owned.add(recorder);
        return recorder;
      case REPLAY:
        ReplayHttpClient player = ReplayHttpClient.from(file);
        owned.add(player);
        return player;
      default:
        return null;
    }
  }
}
