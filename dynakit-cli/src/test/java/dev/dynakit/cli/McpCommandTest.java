package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code dynakit mcp}'s own checks; a whole stdio session runs through the jar in CliJarIT. */
class McpCommandTest {
  @Test
  void httpOptionsWithoutHttpAreAUsageErrorBeforeAnythingOpens() {
    Run run = Run.cli().run("--endpoint", "embedded:", "mcp", "--port", "9000");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err).contains("--host, --port, --path and --token-file need --http");
    assertThat(run.out).isEmpty();
  }

  @Test
  void aCapOutsideItsRangeIsAUsageErrorNamingIt() {
    Run run = Run.cli().run("--endpoint", "embedded:", "mcp", "--max-items", "0");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err).contains("max items must be between 1 and 10000: 0");
  }

  @Test
  void helpNamesTheTransportsAndTheGates() {
    Run run = Run.cli().run("mcp", "--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("--http").contains("--max-items").contains("Model Context");
  }
}
