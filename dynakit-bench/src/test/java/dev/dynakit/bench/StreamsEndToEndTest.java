package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: a tiny run reports every row; no numbers are checked. */
class StreamsEndToEndTest {
  @Test
  void tinyRunReportsEveryMeasure() {
    String report =
        StreamsEndToEnd.run(
            new StreamsEndToEnd.Config(200, 200, 250, 1),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(report)
        .containsPattern(
            "\\| events/s, 200 puts by one writer \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\|")
        .containsPattern(
            "\\| p50 delay put → handler at 200 puts/s, ms \\| [0-9.]+ \\| [0-9.]+ \\|")
        .containsPattern(
            "\\| p99 delay put → handler at 200 puts/s, ms \\| [0-9.]+ \\| [0-9.]+ \\|");
  }
}
