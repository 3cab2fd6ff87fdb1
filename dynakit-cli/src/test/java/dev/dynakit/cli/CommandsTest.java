package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandsTest {
  @Test
  void versionPrintsTheBuildsVersion() {
    Run version = Run.cli().run("version");
    assertThat(version.exitCode).isZero();
    assertThat(version.out).matches("dynakit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\n");
    assertThat(Run.cli().run("--version").out).isEqualTo(version.out);
  }

  @Test
  void withoutACommandTheCommandsAreListed() {
    Run usage = Run.cli().run();
    assertThat(usage.exitCode).isZero();
    assertThat(usage.out)
        .contains("Usage: dynakit")
        .contains("batch_get, batch-get")
        .contains("create-table")
        .contains("demo")
        .contains("Exit codes: 0 ok");
    assertThat(Run.cli().run("help", "put").out).contains("--args=JSON").contains("--allow-write");
  }

  @Test
  void completionIsABashScriptForEveryCommand() {
    Run completion = Run.cli().run("completion");
    assertThat(completion.exitCode).isZero();
    assertThat(completion.out)
        .contains("complete -F _complete_dynakit")
        .contains("create-table")
        .contains("--allow-write");
  }

  @Test
  void theArchiveTrainingRunsQuietlyAndIsNotListed() {
    Run training = Run.cli().run("train-archive");
    assertThat(training.exitCode).isZero();
    assertThat(training.out).isEmpty();
    assertThat(training.err).isEmpty();
    assertThat(Run.cli().run().out).doesNotContain("train-archive");
  }
}
