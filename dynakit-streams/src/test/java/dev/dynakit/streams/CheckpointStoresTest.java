package dev.dynakit.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint stores keep positions per stream and shard, and the file store across opens. */
class CheckpointStoresTest {
  @TempDir Path dir;

  private static void keepsPositionsApart(CheckpointStore store) {
    assertThat(store.read("arn-1", "shard-1")).isEmpty();
    store.write("arn-1", "shard-1", "100");
    store.write("arn-1", "shard-2", CheckpointStore.SHARD_END);
    store.write("arn-2", "shard-1", "7");
    store.write("arn-1", "shard-1", "200");
    assertThat(store.read("arn-1", "shard-1")).contains("200");
    assertThat(store.read("arn-1", "shard-2")).contains(CheckpointStore.SHARD_END);
    assertThat(store.read("arn-2", "shard-1")).contains("7");
    assertThat(store.read("arn-2", "shard-2")).isEmpty();
  }

  @Test
  void inMemory() {
    keepsPositionsApart(CheckpointStore.inMemory());
  }

  @Test
  void aFileKeepsPositionsAcrossOpensAndIsReplacedWhole() throws Exception {
    Path file = dir.resolve("state/checkpoints.json");
    keepsPositionsApart(FileCheckpointStore.open(file));
    FileCheckpointStore again = FileCheckpointStore.open(file);
    assertThat(again.read("arn-1", "shard-1")).contains("200");
    assertThat(again.read("arn-2", "shard-1")).contains("7");
    assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
        .containsExactly("checkpoints.json");
  }

  @Test
  void aFileThatIsNotACheckpointFileIsRefused() throws Exception {
    Path file = dir.resolve("checkpoints.json");
    Files.writeString(file, "[1, 2]");
    assertThatThrownBy(() -> FileCheckpointStore.open(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("checkpoint file " + file + " cannot be read");
    Path blocked = dir.resolve("blocked");
    Files.writeString(blocked, "");
    FileCheckpointStore store = FileCheckpointStore.open(blocked.resolve("checkpoints.json"));
    assertThatThrownBy(() -> store.write("arn", "shard", "1"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("checkpoint file " + blocked.resolve("checkpoints.json"));
  }

  @Test
  void aTable() {
    try (Rig rig = new Rig()) {
      TableCheckpointStore.createTable(rig.dynakit.sdk(), "checkpoints");
      keepsPositionsApart(new TableCheckpointStore(rig.dynakit.sdk(), "checkpoints", "app"));
      TableCheckpointStore other =
          new TableCheckpointStore(rig.dynakit.sdk(), "checkpoints", "other");
      assertThat(other.read("arn-1", "shard-1")).isEmpty();
    }
  }
}
