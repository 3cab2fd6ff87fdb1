package dev.dynakit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.Dynakit;
import dev.dynakit.client.errors.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code embedded:<dir>}: a durable engine that outlives the adapter and the process. */
class DurableEndpointTest {
  private static final Map<String, String> WRITES = Map.of("DYNAKIT_ALLOW_WRITE", "true");

  @TempDir Path dir;

  private static Map<String, AttributeValue> get(Dynakit dynakit, String id) {
    return dynakit
        .sdk()
        .getItem(b -> b.tableName("orders").key(Map.of("id", AttributeValue.fromS(id))))
        .item();
  }

  /** Runs {@link PutInAnotherProcess} in {@code workingDir} and waits for it to succeed. */
  private static void putInAnotherProcess(Path workingDir, String endpoint, String id)
      throws Exception {
    Path log = Files.createTempFile("put", ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PutInAnotherProcess.class.getName(),
                endpoint,
                id,
                "9.5")
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the other process ended").isTrue();
    assertThat(process.exitValue()).as(() -> read(log)).isZero();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  @Test
  void aPutInOneProcessIsThereInTheNext() throws Exception {
    putInAnotherProcess(dir, "embedded:.dynakit", "o1");
    putInAnotherProcess(dir, "embedded:.dynakit", "o2");
    try (Dynakit dynakit =
        Dynakit.builder()
            .environment(Map.of())
            .endpoint("embedded:" + dir.resolve(".dynakit"))
            .build()) {
      assertThat(get(dynakit, "o1")).containsEntry("total", AttributeValue.fromN("9.5"));
      assertThat(get(dynakit, "o2")).containsEntry("id", AttributeValue.fromS("o2"));
      assertThat(dynakit.sdk().listTables().tableNames()).containsExactly("orders");
    }
    assertThat(dir.resolve(".dynakit").resolve("dynakit.json")).exists();
  }

  @Test
  void closingTheAdapterReleasesTheDirectoryForTheNextOne() {
    String endpoint = "embedded:" + dir;
    try (Dynakit dynakit = Dynakit.builder().environment(WRITES).endpoint(endpoint).build()) {
      assertThat(dynakit.config().embedded()).isTrue();
      dynakit
          .sdk()
          .createTable(
              b ->
                  b.tableName("orders")
                      .billingMode("PAY_PER_REQUEST")
                      .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                      .keySchema(k -> k.attributeName("id").keyType("HASH")));
      dynakit
          .sdk()
          .putItem(b -> b.tableName("orders").item(Map.of("id", AttributeValue.fromS("o1"))));
    }
    try (Dynakit dynakit = Dynakit.builder().environment(Map.of()).endpoint(endpoint).build()) {
      assertThat(get(dynakit, "o1")).containsEntry("id", AttributeValue.fromS("o1"));
      assertThat(dynakit.sdk().describeTable(b -> b.tableName("orders")).table().itemCount())
          .isEqualTo(1);
    }
  }

  @Test
  void aDirectoryInUseIsRefusedNamingTheEndpointAndTheOwner() {
    String endpoint = "embedded:" + dir;
    try (Dynakit first = Dynakit.builder().environment(Map.of()).endpoint(endpoint).build()) {
      assertThatThrownBy(() -> Dynakit.builder().environment(Map.of()).endpoint(endpoint).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith(
              "endpoint '"
                  + endpoint
                  + "': The data directory "
                  + dir
                  + " is in use by this process (pid "
                  + ProcessHandle.current().pid());
      assertThat(first.sdk().listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void aDirectoryOfOtherFilesIsRefusedAndLeftAlone() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    assertThatThrownBy(
            () -> Dynakit.builder().environment(Map.of()).endpoint("embedded:" + dir).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not a dynakit data directory (it holds notes.txt");
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(path -> path.getFileName().toString()).toList())
          .isEqualTo(List.of("notes.txt"));
    }
  }
}
