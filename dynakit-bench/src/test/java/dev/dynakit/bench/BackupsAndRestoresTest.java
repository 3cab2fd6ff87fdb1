package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Smoke test: a tiny run reports every row; no numbers are checked. */
class BackupsAndRestoresTest {
  @Test
  void tinyRunReportsEveryStep() {
    String report =
        BackupsAndRestores.run(
            new BackupsAndRestores.Config(500, 1, 50),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(report)
        .containsPattern("\\| CreateBackup \\| [0-9.]+ \\|")
        .containsPattern("\\| RestoreTableFromBackup \\| [0-9.]+ \\|")
        .containsPattern("\\| RestoreTableToPointInTime \\(latest\\) \\| [0-9.]+ \\|")
        .containsPattern("\\| backups running back to back \\| [0-9,]+ \\|")
        .containsPattern("\\| with ÷ without \\| [0-9.]+× \\|");
  }
}
