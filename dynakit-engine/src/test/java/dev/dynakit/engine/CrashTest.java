package dev.dynakit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.storage.StorageException;
import dev.dynakit.expression.value.ItemSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Kills a writing engine's process (SIGKILL) at random moments and checks what it left: every write
 * the engine acknowledged is there, every transaction is whole or absent, and the table's counts
 * and index agree with its items. Each round starts a {@link ChildEngine} on the same directory,
 * reads its acknowledgements from its output, kills it once it has acknowledged a random number of
 * writes, and reopens the directory here.
 *
 * <p>The seed is printed; {@code -Ddynakit.seed=N} repeats a run's kill points. The long run is
 * tagged {@code slow} and left out of {@code mvn verify}; run it alone with {@code mvn -pl
 * dynakit-engine test -Dtest=CrashTest -Dgroups=slow -Dexcluded.test.groups=none} (24 kill points,
 * about two minutes).
 */
class CrashTest {
  private static final long SEED = Long.getLong("dynakit.seed", new Random().nextLong());

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveAKilledProcess() throws Exception {
    crash(3, 300);
  }

  @Test
  @Tag("slow")
  void acknowledgedWritesSurviveManyKilledProcesses() throws Exception {
    crash(24, 4000);
  }

  private void crash(int rounds, int mostAcknowledgements) throws Exception {
    System.out.println("CrashTest seed " + SEED + " (repeat with -Ddynakit.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Map<String, Long> acknowledged = new HashMap<>();
    Set<String> begun = new HashSet<>();
    Set<String> committed = new HashSet<>();
    for (int round = 0; round < rounds; round++) {
      String mode = round % 2 == 0 ? "sync" : "relaxed";
      int target = 20 + random.nextInt(mostAcknowledgements);
      int seen = 0;
      try (ChildProcess child =
          ChildProcess.start(
              "write",
              dir.toString(),
              mode,
              Long.toString(random.nextLong()),
              "4",
              Long.toString((round + 1) * 1_000_000_000L))) {
        child.await("ready");
        String line;
        while (seen < target && (line = child.readLine()) != null) {
          seen += record(line, acknowledged, begun, committed);
        }
        assertThat(seen)
            .as("acknowledgements before the kill (round %d, seed %d)", round, SEED)
            .isEqualTo(target);
        child.kill();
        while ((line = child.readLine()) != null) {
          record(line, acknowledged, begun, committed);
        }
      }
      check(round, acknowledged, begun, committed);
    }
  }

  /** Records one line of the child's; answers 1 for an acknowledgement, else 0. */
  private static int record(
      String line, Map<String, Long> acknowledged, Set<String> begun, Set<String> committed) {
    String[] words = line.split(" ");
    switch (words[0]) {
      case "put":
        acknowledged.merge(words[1], Long.parseLong(words[2]), Math::max);
        return 1;
      case "begin":
        begun.add(words[1]);
        return 0;
      case "commit":
        committed.add(words[1]);
        return 1;
      default:
        // A line cut by the kill acknowledges nothing.
        return 0;
    }
  }

  private void check(
      int round, Map<String, Long> acknowledged, Set<String> begun, Set<String> committed) {
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      ddb.scanPaginator(b -> b.tableName(ChildEngine.TABLE)).items().forEach(items::add);
      Map<String, Map<String, AttributeValue>> byId = new HashMap<>();
      Map<String, Integer> groups = new HashMap<>();
      long balances = 0;
      long bytes = 0;
      int indexed = 0;
      for (Map<String, AttributeValue> item : items) {
        byId.put(item.get("id").s(), item);
        if (item.containsKey("tx")) {
          groups.merge(item.get("tx").s(), 1, Integer::sum);
        }
        if (item.containsKey("balance")) {
          balances += Long.parseLong(item.get("balance").n());
        }
        if (item.containsKey("g")) {
          indexed++;
        }
        bytes += ItemSize.of(item);
      }
      String at = "round " + round + ", seed " + SEED;
      acknowledged.forEach(
          (id, version) -> {
            assertThat(byId).as("acknowledged %s (%s)", id, at).containsKey(id);
            assertThat(Long.parseLong(byId.get(id).get("v").n()))
                .as("version of %s (%s)", id, at)
                .isGreaterThanOrEqualTo(version);
          });
      for (String group : begun) {
        int count = groups.getOrDefault(group, 0);
        if (committed.contains(group)) {
          assertThat(count).as("items of committed %s (%s)", group, at).isEqualTo(4);
        } else {
          assertThat(count).as("items of unacknowledged %s (%s)", group, at).isIn(0, 4);
        }
      }
      assertThat(groups.keySet()).as("transactions (%s)", at).isSubsetOf(begun);
      assertThat(balances)
          .as("the sum of the balances (%s)", at)
          .isEqualTo(ChildEngine.ACCOUNTS * ChildEngine.BALANCE);
      TableDescription table = ddb.describeTable(b -> b.tableName(ChildEngine.TABLE)).table();
      assertThat(table.itemCount()).as("item count (%s)", at).isEqualTo(items.size());
      assertThat(table.tableSizeBytes()).as("table size (%s)", at).isEqualTo(bytes);
      assertThat(table.globalSecondaryIndexes().get(0).itemCount())
          .as("index item count (%s)", at)
          .isEqualTo(indexed);
      int entries = 0;
      for (var page : ddb.scanPaginator(b -> b.tableName(ChildEngine.TABLE).indexName("byG"))) {
        entries += page.count();
      }
      assertThat(entries).as("index entries (%s)", at).isEqualTo(indexed);
    }
  }

  @Test
  void anotherProcessIsRefusedWhileOneHoldsTheDirectoryAndNotAfterItDies() throws Exception {
    try (ChildProcess holder = ChildProcess.start("hold", dir.toString())) {
      holder.await("open");
      assertThatThrownBy(() -> DynakitEngine.builder().dataDir(dir).build())
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "The data directory "
                  + dir.toAbsolutePath().normalize()
                  + " is in use by process "
                  + holder.pid()
                  + " (it holds "
                  + dir.toAbsolutePath().normalize().resolve("dynakit.lock")
                  + "); only one process may open a data directory at a time");
      holder.kill();
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      assertThat(engine.client().listTables().tableNames()).isEmpty();
    }
    try (ChildProcess holder = ChildProcess.start("hold", dir.toString())) {
      holder.await("open");
      holder.closeInput();
      assertThat(holder.waitFor()).isZero();
    }
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      assertThat(engine.client().listTables().tableNames()).isEmpty();
    }
  }
}
