package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.engine.DynakitEngine;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CopyCommandTest {
  private final DynakitEngine engine = DynakitEngine.inMemory();
  @TempDir Path directory;
  private Run.Cli dynakit;

  @BeforeEach
  void table() {
    dynakit = Run.cli().on(engine).directory(directory);
    Run created =
        dynakit.run("create-table", "Orders", "--pk", "pk:S", "--sk", "sk:N", "--allow-write");
    assertThat(created.exitCode).as(created.toString()).isZero();
    for (int i = 0; i < 240; i++) {
      int n = i;
      engine
          .client()
          .putItem(
              b ->
                  b.tableName("Orders")
                      .item(
                          Map.of(
                              "pk", AttributeValue.fromS("c" + n % 9),
                              "sk", AttributeValue.fromN(Integer.toString(n)),
                              "total", AttributeValue.fromN("1.5"))));
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Set<Map<String, AttributeValue>> scan(String table) {
    return new HashSet<>(engine.client().scan(b -> b.tableName(table)).items());
  }

  @Test
  void copiesEveryItemIntoANewTableAndReportsProgress() {
    Run copied =
        dynakit.run(
            "copy",
            "Orders",
            "--to",
            "http://elsewhere",
            "--target-table",
            "OrdersCopy",
            "--segments",
            "3",
            "--page-size",
            "50",
            "--allow-write",
            "--checkpoint",
            "copy.json");

    assertThat(copied.exitCode).as(copied.toString()).isZero();
    assertThat(copied.out)
        .contains(
            "\"items\":240",
            "\"items_this_run\":240",
            "\"resumed\":false",
            "\"target_table\":\"OrdersCopy\"");
    assertThat(copied.err).contains("copy Orders");
    assertThat(scan("OrdersCopy")).isEqualTo(scan("Orders"));
    assertThat(directory.resolve("copy.json")).exists();

    Run again =
        dynakit.run(
            "copy",
            "Orders",
            "--to",
            "http://elsewhere",
            "--target-table",
            "OrdersCopy",
            "--segments",
            "3",
            "--allow-write",
            "--checkpoint",
            "copy.json");
    assertThat(again.out).contains("\"items_this_run\":0", "\"resumed\":true");
  }

  @Test
  void wrongArgumentsAreRefusedBeforeAnythingIsOpened() {
    Run readOnly = dynakit.run("copy", "Orders", "--to", "http://elsewhere");
    Run noSegments = dynakit.run("copy", "Orders", "--to", "x", "--segments", "0", "--allow-write");
    Run noTarget = dynakit.run("copy", "Orders", "--allow-write");

    assertThat(readOnly.exitCode).isNotZero();
    assertThat(readOnly.err).contains("add --allow-write");
    assertThat(noSegments.err).contains("--segments: must be at least 1");
    assertThat(noTarget.err).contains("--to");
  }
}
