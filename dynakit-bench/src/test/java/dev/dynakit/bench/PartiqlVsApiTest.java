package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: a tiny run reports every row; no numbers are checked. */
class PartiqlVsApiTest {
  @Test
  void tinyRunReportsEveryWorkload() {
    String report =
        PartiqlVsApi.run(
            new PartiqlVsApi.Config(20, 2, 20),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    for (String workload :
        new String[] {"one item by its key", "a partition of 20 items", "an update by key"}) {
      assertThat(report)
          .containsPattern(
              "\\| "
                  + workload
                  + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\|"
                  + " [0-9.]+× \\|");
    }
  }
}
