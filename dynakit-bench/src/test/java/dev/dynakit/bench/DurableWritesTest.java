package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test: a tiny run reports every row for every store; no numbers are checked. */
class DurableWritesTest {
  @Test
  void tinyRunReportsEveryWorkloadThreadCountAndTheStartUp() {
    DurableWrites.Config tiny = new DurableWrites.Config(20, 2, 20, List.of(1, 2), 500, 1, false);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    String report =
        DurableWrites.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));

    for (String workload : new String[] {"PutItem", "TransactWriteItems"}) {
      for (int threads : new int[] {1, 2}) {
        assertThat(report)
            .containsPattern(
                "\\| "
                    + workload
                    + " \\| "
                    + threads
                    + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\| [0-9.]+× \\|");
      }
    }
    assertThat(report).contains("## Start-up of a data directory with 500 items");
    assertThat(report)
        .containsPattern(
            "\\| 500 \\| [0-9,]+ ms \\| [0-9.]+ MiB \\| [0-9,]+ ms \\| [0-9,.]+ ms \\|");
    assertThat(report)
        .containsPattern("\\| 1 \\| — \\| — \\| [0-9,]+ ms \\| — \\| [0-9.]+ MiB \\| — \\|");
    assertThat(report).contains("Opening measured in this JVM (median of 1)");
  }

  @Test
  void theOpeningCanBeMeasuredInAFreshJvm() {
    DurableWrites.Config forked = new DurableWrites.Config(20, 1, 20, List.of(1), 200, 1, true);

    String report =
        DurableWrites.run(
            forked, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(report).contains("Opening measured in a fresh JVM per run (median of 1)");
    assertThat(report)
        .containsPattern(
            "\\| 200 \\| [0-9,]+ ms \\| [0-9.]+ MiB \\| [0-9,]+ ms \\| [0-9,.]+ ms \\|");
  }

  @Test
  void argumentsAreCheckedByName() {
    assertThat(DurableWrites.Config.parse("--quick").startupItems()).isEqualTo(100_000);
    assertThat(DurableWrites.Config.parse().startupItems()).isEqualTo(1_000_000);
    assertThat(DurableWrites.Config.parse("--in-process").fork()).isFalse();
    assertThatThrownBy(() -> DurableWrites.Config.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown argument --fast; use --quick and/or --in-process");
  }
}
