package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default target keeps its data in .dynakit/ under the working directory: what one run writes,
 * the next run reads. Needs the engine's durable storage (embedded:DIR) and the packaged jar, so it
 * runs in the failsafe phase (see the pom).
 */
class PersistenceAcrossRunsTest {
  private static final String ITEM =
      "{\"table\":\"Music\",\"item\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
          + " Today\",\"Year\":2021}}";
  private static final String KEY =
      "{\"table\":\"Music\",\"key\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
          + " Today\"}}";
  private static final String FOUND =
      "{\"item\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me Today\",\"Year\":2021}}\n";

  @Test
  void aPutInOneRunIsReadInTheNextInProcess(@TempDir Path directory) {
    Run.Cli dynakit = Run.cli().directory(directory);
    Run created =
        dynakit.run(
            "create-table", "Music", "--pk", "Artist:S", "--sk", "SongTitle:S", "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    assertThat(directory.resolve(".dynakit")).isDirectory();
    assertThat(dynakit.run("put", "--allow-write", "--args", ITEM).exitCode).isZero();
    Run got = Run.cli().directory(directory).run("get", "--args", KEY);
    assertThat(got.exitCode).as(got.toString()).isZero();
    assertThat(got.out).isEqualTo(FOUND);
  }

  @Test
  void theReadmeCommandsWorkAcrossProcesses(@TempDir Path directory) throws Exception {
    Jar created =
        Jar.run(
            directory,
            "",
            "create-table",
            "Music",
            "--pk",
            "Artist:S",
            "--sk",
            "SongTitle:S",
            "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    Jar put = Jar.run(directory, "", "put", "--allow-write", "--args", ITEM);
    assertThat(put.exitCode).as(put.toString()).isZero();
    Jar got = Jar.run(directory, "", "get", "--args", KEY);
    assertThat(got.out).isEqualTo(FOUND);
    Jar query =
        Jar.run(
            directory,
            "",
            "query",
            "--args",
            "{\"table\":\"Music\",\"key_condition\":\"Artist = :a\",\"values\":{\":a\":\"No One"
                + " You Know\"}}");
    assertThat(query.out).startsWith("{\"count\":1,");
    Jar refused =
        Jar.run(
            directory,
            "",
            "put",
            "--args",
            "{\"table\":\"Music\",\"item\":{\"Artist\":\"x\",\"SongTitle\":\"y\"}}");
    assertThat(refused.exitCode).isEqualTo(4);
    assertThat(refused.err.lines()).hasSize(1);
  }
}
