package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./dynakit launcher at the repository root, on the jar this build just packaged. */
class LauncherIT {
  @TempDir Path directory;

  private static Path launcher() {
    Path launcher = Jar.path().getParent().getParent().getParent().resolve("dynakit");
    assertThat(launcher).isRegularFile();
    return launcher;
  }

  @Test
  void theLauncherRunsTheJarWithItsClassDataArchive() throws Exception {
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    ProcessBuilder builder =
        new ProcessBuilder("sh", launcher().toString(), "--endpoint", "embedded:", "list_tables")
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("DYNAKIT_"));
    builder
        .environment()
        .put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("{\"table_names\":[]}\n");
    assertThat(Jar.path().resolveSibling("dynakit.jsa"))
        .as("the archive made on first use")
        .exists();
  }

  @Test
  void whatTestsWriteDoesNotMakeTheJarStale() throws Exception {
    Path written = launcher().resolveSibling("dynakit-client").resolve(".launcher-it-written");
    Files.writeString(written, "written after the jar, outside src/main");
    try {
      Path err = directory.resolve("err.txt");
      ProcessBuilder builder =
          new ProcessBuilder("sh", launcher().toString(), "version")
              .directory(directory.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile());
      builder
          .environment()
          .put(
              "PATH",
              Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
      Process process = builder.start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(Files.readString(err, StandardCharsets.UTF_8)).doesNotContain("building");
    } finally {
      Files.deleteIfExists(written);
    }
  }
}
