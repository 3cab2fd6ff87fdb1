package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke test: the server harness runs tiny on all three servers and reports every row. */
class ServerVsLocalTest {
  @Test
  void tinyRunReportsEveryWorkloadServerAndStartUp() {
    ServerVsLocal.Config tiny = new ServerVsLocal.Config(30, 1, 60, List.of(1, 2), 1);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    String report =
        ServerVsLocal.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));
    for (String workload : List.of("GetItem", "PutItem", "Query", "BatchWriteItem")) {
      for (int threads : List.of(1, 2)) {
        assertThat(report)
            .containsPattern(
                "\\| "
                    + workload
                    + " \\| "
                    + threads
                    + " \\|( [0-9]+ \\|){9} [0-9.]+× \\| [0-9.]+× \\|")
            .containsPattern(
                "\\| "
                    + workload
                    + " \\| "
                    + threads
                    + " \\|( [0-9]+\\.[0-9] \\|){4} ([0-9.]+×|n/a) \\| ([0-9.]+×|n/a) \\|");
      }
    }
    assertThat(report)
        .contains("dynakit-server (`Main --in-memory`)", "DynamoDB Local (`-inMemory`)")
        .containsPattern("process start → first answer, ms \\| [0-9]+ \\| [0-9]+ \\| [0-9.]+× \\|")
        .containsPattern(
            "\\| `\\./dynakit serve --in-memory`.* → first answer, ms \\| ([0-9]+ \\| [0-9]+ \\|"
                + " [0-9.]+×|not measured: the CLI jar is not built .*) \\|");
  }

  @Test
  void percentilesAreTakenFromSortedLatencies() {
    long[] sorted =
        ServerVsLocal.merge(List.of(new long[] {4_000, 1_000}, new long[] {3_000, 2_000}));
    assertThat(sorted).containsExactly(1_000, 2_000, 3_000, 4_000);
    assertThat(ServerVsLocal.percentile(sorted, 0.5)).isEqualTo(2.0);
    assertThat(ServerVsLocal.percentile(sorted, 0.99)).isEqualTo(4.0);
    assertThat(ServerVsLocal.percentile(new long[0], 0.5)).isNaN();
  }

  @Test
  void ratiosNeedCpuTimeOnBothSides() {
    assertThat(ServerVsLocal.times(250, 50)).isEqualTo("5.00×");
    assertThat(ServerVsLocal.times(250, 0)).isEqualTo("n/a");
    assertThat(ServerVsLocal.times(0, 50)).isEqualTo("n/a");
  }

  @Test
  void theArgumentsChooseTheRun() {
    assertThat(ServerVsLocal.Config.parse()).isEqualTo(ServerVsLocal.Config.FULL);
    assertThat(ServerVsLocal.Config.parse("--quick")).isEqualTo(ServerVsLocal.Config.QUICK);
    assertThat(ServerVsLocal.Config.parse("--startup-only").threads()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerVsLocal.Config.parse("--x"))
        .hasMessage("unknown argument --x; use --quick or --startup-only");
  }
}
