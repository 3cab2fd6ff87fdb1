package dev.dynakit.client.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite-wide check that no secret and no key value reaches a log: {@code logback-test.xml}
 * writes everything the module's tests log (DEBUG and above for {@code dev.dynakit}, INFO and above
 * for the rest, stack traces included) to {@link #LOG}; this class runs last ({@code
 * junit-platform.properties} orders classes by {@link Order}) and fails if any line holds a marker.
 * Tests mark their secrets with {@value Fixture#SECRET} and their key and item values with {@value
 * Fixture#KEY}.
 */
@Order(Integer.MAX_VALUE)
class LogScanTest {
  static final Path LOG = Path.of("target", "test-logs", "dynakit-client-tests.log");
  static final List<String> MARKERS = List.of(Fixture.SECRET, Fixture.KEY);

  @Test
  void noSecretOrKeyValueWasLoggedByAnyTestOfTheSuite() throws IOException {
    String probe = "logscan-probe-" + System.nanoTime();
    try (Fixture fixture = new Fixture();
        Dynakit dynakit = fixture.dynakit(null, null)) {
      dynakit
          .sdk()
          .putItem(b -> b.tableName(probe).item(Map.of("id", Fixture.s(Fixture.KEY + "probe"))));
    } catch (RuntimeException expected) {
      // The table does not exist: the failure is logged with the table's name, and no value.
    }

    assertThat(LOG).as("the suite's log capture").exists();
    List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
    assertThat(lines)
        .as("the capture receives this run's log lines")
        .anyMatch(line -> line.contains(probe));
    assertThat(findings(lines)).as("log lines holding a secret or a key value").isEmpty();
  }

  @Test
  void theAdapterAndItsBuilderDoNotShowTheirSecretsInToString() {
    try (Fixture fixture = new Fixture()) {
      Dynakit.Builder builder =
          Dynakit.builder()
              .endpoint("http://localhost:8000")
              .environment(Map.of("DYNAKIT_ALLOW_WRITE", "true"))
              .credentials(Fixture.CREDENTIALS)
              .httpClient(fixture.http);
      try (Dynakit dynakit = builder.build()) {
        assertThat(List.of(builder.toString(), dynakit.toString(), dynakit.sdk().toString()))
            .noneMatch(text -> text.contains(Fixture.SECRET));
      }
    }
  }

  @Test
  void theScanFindsAMarkedValue(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("log");
    Files.write(
        log,
        List.of("12:00 DEBUG ok", "12:00 WARN key was " + Fixture.KEY + "42", "12:00 INFO fine"),
        StandardCharsets.UTF_8);

    List<String> found = findings(Files.readAllLines(log, StandardCharsets.UTF_8));

    assertThat(found).containsExactly("12:00 WARN key was " + Fixture.KEY + "42");
    assertThatThrownBy(() -> assertThat(found).isEmpty()).isInstanceOf(AssertionError.class);
  }

  static List<String> findings(List<String> lines) {
    return lines.stream()
        .filter(line -> MARKERS.stream().anyMatch(line::contains))
        .collect(Collectors.toList());
  }
}
