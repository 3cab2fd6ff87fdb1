package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The five commands of the README, as written, in order, against one engine shared by the runs
 * (each run builds its own adapter, as separate processes would).
 */
class ReadmeCommandsTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  private final Run.Cli dynakit = Run.cli().on(engine);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void theReadmeCommandsWorkAsWrittenAndTheLastIsRefused() {
    Run create =
        dynakit.run(
            "create-table", "Music", "--pk", "Artist:S", "--sk", "SongTitle:S", "--allow-write");
    assertThat(create.exitCode).as(create.toString()).isZero();
    assertThat(create.out)
        .contains("\"TableName\":\"Music\"")
        .contains("\"TableStatus\":\"ACTIVE\"");

    Run put =
        dynakit.run(
            "put",
            "--allow-write",
            "--args",
            "{\"table\":\"Music\",\"item\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
                + " Today\",\"Year\":2021}}");
    assertThat(put.exitCode).as(put.toString()).isZero();
    assertThat(put.out).isEqualTo("{}\n");

    Run get =
        dynakit.run(
            "get",
            "--args",
            "{\"table\":\"Music\",\"key\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
                + " Today\"}}");
    assertThat(get.exitCode).as(get.toString()).isZero();
    assertThat(get.out)
        .isEqualTo(
            "{\"item\":{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me Today\","
                + "\"Year\":2021}}\n");

    Run query =
        dynakit.run(
            "query",
            "--args",
            "{\"table\":\"Music\",\"key_condition\":\"Artist = :a\",\"values\":{\":a\":\"No One You"
                + " Know\"}}");
    assertThat(query.exitCode).as(query.toString()).isZero();
    assertThat(query.out)
        .isEqualTo(
            "{\"count\":1,\"items\":[{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
                + " Today\",\"Year\":2021}]}\n");

    Run refused =
        dynakit.run(
            "put",
            "--args",
            "{\"table\":\"Music\",\"item\":{\"Artist\":\"x\",\"SongTitle\":\"y\"}}");
    assertThat(refused.exitCode).isEqualTo(4);
    assertThat(refused.out).isEmpty();
    assertThat(refused.err.lines()).hasSize(1);
    assertThat(refused.err)
        .startsWith("dynakit: PutItem on table 'Music' refused: writes are not allowed")
        .contains("add --allow-write");
    assertThat(engine.client().scan(b -> b.tableName("Music")).count()).isEqualTo(1);
  }
}
