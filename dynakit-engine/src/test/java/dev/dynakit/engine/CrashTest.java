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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Kills a writing engine's process (SIGKILL) at random moments and checks what it left. Each round
 * starts a {@link ChildEngine} on the same directory, which writes to two tables with streams
 * (NEW_AND_OLD_IMAGES) and secondary indexes (a global one on each, a local one on the second):
 * puts, updates and deletes that add, move and remove index entries, transactions across both
 * tables, and transfers between accounts. This test reads the child's announcements and
 * acknowledgements from its output, kills it once it has acknowledged a random number of writes,
 * reopens the directory here and checks that
 *
 * <ul>
 *   <li>every acknowledged write is there, unless a later write of its key replaced it, and every
 *       key is in the state of its last acknowledged write or of a write begun after it;
 *   <li>every transaction is whole or absent, and the accounts' balances still add up;
 *   <li>every index holds exactly the projection of its table's items, and the item counts and
 *       sizes agree with the items;
 *   <li>each stream agrees with its table: its records, read from TRIM_HORIZON in every shard
 *       (parents first) and replayed over an empty table, give exactly the table's items, each
 *       record's old image being the item the records before it left.
 * </ul>
 *
 * <p>The seed is printed; {@code -Ddynakit.seed=N} repeats a run's kill points. The long run is
 * tagged {@code slow} and left out of {@code mvn verify}; run it alone with {@code mvn -pl
 * dynakit-engine -am test -Dtest=CrashTest -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=slow
 * -Dexcluded.test.groups=none} (50 kill points, about 25 minutes on a busy 2-core machine); it
 * prints its figures.
 */
class CrashTest {
  private static final long SEED = Long.getLong("dynakit.seed", new Random().nextLong());
  private static final AttributeValue ABSENT = AttributeValue.fromNul(true);

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveAKilledProcess() throws Exception {
    crash(3, 300);
  }

  @Test
  @Tag("slow")
  void acknowledgedWritesSurviveManyKilledProcesses() throws Exception {
    crash(50, 2000);
  }

  /** A write of an own key: its version, and whether it deletes. */
  private record Write(long version, boolean delete) {}

  /** What is known of an own key: its last acknowledged write and those begun after it. */
  private static final class Known {
    Write acknowledged = new Write(-1, true);
    final List<Write> begun = new ArrayList<>();
  }

  /** Everything the child said, across the rounds, and the figures of the run. */
  private static final class Run {
    final Map<String, Known> keys = new HashMap<>();
    final Set<Long> versions = new HashSet<>();
    final Set<String> groups = new HashSet<>();
    final Set<String> committed = new HashSet<>();
    long acknowledged;
    long transactions;
    long replayed;
    final Map<String, Long> streamRecords = new HashMap<>();

    /** Records one line of the child's; answers 1 for an acknowledgement, else 0. */
    int record(String line) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "begin":
          if (words.length == 4 && (words[3].equals("put") || words[3].equals("delete"))) {
            long version = Long.parseLong(words[2]);
            versions.add(version);
            keys.computeIfAbsent(words[1], key -> new Known())
                .begun
                .add(new Write(version, words[3].equals("delete")));
          }
          return 0;
        case "ack":
          {
            Known known = keys.get(words[1]);
            long version = Long.parseLong(words[2]);
            Write write =
                known.begun.stream().filter(w -> w.version() == version).findFirst().orElseThrow();
            known.acknowledged = write;
            known.begun.removeIf(w -> w.version() <= version);
            acknowledged++;
            return 1;
          }
        case "txbegin":
          groups.add(words[1]);
          return 0;
        case "txcommit":
          committed.add(words[1]);
          transactions++;
          return 1;
        case "moved":
          transactions++;
          return 1;
        default:
          // A line cut by the kill acknowledges nothing.
          return 0;
      }
    }
  }

  private void crash(int rounds, int mostAcknowledgements) throws Exception {
    System.out.println("CrashTest seed " + SEED + " (repeat with -Ddynakit.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Run run = new Run();
    long started = System.nanoTime();
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
          seen += run.record(line);
        }
        assertThat(seen)
            .as("acknowledgements before the kill (round %d, seed %d)", round, SEED)
            .isEqualTo(target);
        child.kill();
        while ((line = child.readLine()) != null) {
          run.record(line);
        }
      }
      check("round " + round + ", seed " + SEED, run);
    }
    System.out.printf(
        "CrashTest figures: %d kill points survived, %d writes of keys and %d transactions"
            + " acknowledged, none lost; %d stream records replayed (%d in the streams at the end);"
            + " %.0f s%n",
        rounds,
        run.acknowledged,
        run.transactions,
        run.replayed,
        run.streamRecords.values().stream().mapToLong(Long::longValue).sum(),
        (System.nanoTime() - started) / 1e9);
  }

  private void check(String at, Run run) {
    try (DynakitEngine engine = DynakitEngine.builder().dataDir(dir).build()) {
      DynamoDbClient ddb = engine.client();
      List<Map<String, AttributeValue>> plain = scan(ddb, ChildEngine.TABLE, null);
      List<Map<String, AttributeValue>> sorted = scan(ddb, ChildEngine.SORTED, null);

      Map<String, AttributeValue> observed = new HashMap<>();
      Map<String, Integer> groups = new HashMap<>();
      long balances = 0;
      for (Map<String, AttributeValue> item : plain) {
        String id = item.get("id").s();
        if (id.startsWith("w")) {
          observed.put(ChildEngine.TABLE + ":" + id, item.get("v"));
        }
        if (item.containsKey("balance")) {
          balances += Long.parseLong(item.get("balance").n());
        }
        if (item.containsKey("tx")) {
          groups.merge(item.get("tx").s(), 1, Integer::sum);
        }
      }
      for (Map<String, AttributeValue> item : sorted) {
        String pk = item.get("pk").s();
        if (pk.startsWith("w")) {
          observed.put(ChildEngine.SORTED + ":" + pk + "/" + item.get("sk").s(), item.get("v"));
        }
        if (item.containsKey("tx")) {
          groups.merge(item.get("tx").s(), 1, Integer::sum);
        }
      }

      // (a) every key is as its last acknowledged write, or a write begun after it, left it.
      assertThat(run.keys.keySet()).as("keys written (%s)", at).containsAll(observed.keySet());
      run.keys.forEach(
          (key, known) -> {
            AttributeValue version = observed.getOrDefault(key, ABSENT);
            List<Write> possible = new ArrayList<>(known.begun);
            possible.add(0, known.acknowledged);
            assertThat(possible)
                .as("%s is %s: one of the writes %s (%s)", key, version, possible, at)
                .anyMatch(write -> leaves(write, version));
            known.acknowledged =
                version == ABSENT
                    ? new Write(-1, true)
                    : new Write(Long.parseLong(version.n()), false);
            known.begun.clear();
          });

      // (b) transactions: whole or absent; the balances add up.
      for (String group : run.groups) {
        int count = groups.getOrDefault(group, 0);
        if (run.committed.contains(group)) {
          assertThat(count).as("items of committed %s (%s)", group, at).isEqualTo(4);
        } else {
          assertThat(count).as("items of unacknowledged %s (%s)", group, at).isIn(0, 4);
        }
      }
      assertThat(run.groups).as("transactions (%s)", at).containsAll(groups.keySet());
      assertThat(balances)
          .as("the sum of the balances (%s)", at)
          .isEqualTo(ChildEngine.ACCOUNTS * ChildEngine.BALANCE);

      // (c) indexes hold exactly their projections; counts and sizes agree.
      checkTable(ddb, ChildEngine.TABLE, plain, at);
      checkTable(ddb, ChildEngine.SORTED, sorted, at);
      checkIndex(ddb, ChildEngine.TABLE, "byG", plain, "g", List.of("id", "g"), at);
      checkIndex(ddb, ChildEngine.SORTED, "byL", sorted, "l", null, at);
      checkIndex(ddb, ChildEngine.SORTED, "byH", sorted, "h", List.of("pk", "sk", "h", "v"), at);

      // (d) each stream replays to its table.
      checkStream(engine, ddb, ChildEngine.TABLE, List.of("id"), plain, run, at);
      checkStream(engine, ddb, ChildEngine.SORTED, List.of("pk", "sk"), sorted, run, at);
    }
  }

  /** Whether the write leaves the key with that version (ABSENT: no item). */
  private static boolean leaves(Write write, AttributeValue version) {
    return version == ABSENT
        ? write.delete()
        : !write.delete() && Long.toString(write.version()).equals(version.n());
  }

  private static List<Map<String, AttributeValue>> scan(
      DynamoDbClient ddb, String table, String index) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    ddb.scanPaginator(b -> b.tableName(table).indexName(index)).items().forEach(items::add);
    return items;
  }

  private static void checkTable(
      DynamoDbClient ddb, String name, List<Map<String, AttributeValue>> items, String at) {
    TableDescription table = ddb.describeTable(b -> b.tableName(name)).table();
    assertThat(table.itemCount()).as("item count of %s (%s)", name, at).isEqualTo(items.size());
    assertThat(table.tableSizeBytes())
        .as("size of %s (%s)", name, at)
        .isEqualTo(items.stream().mapToLong(ItemSize::of).sum());
  }

  /**
   * Checks that the index holds, for every item with the index's key attribute, the item's
   * projection: the attributes named (of those it has), or the whole item for null (ALL).
   */
  private static void checkIndex(
      DynamoDbClient ddb,
      String table,
      String index,
      List<Map<String, AttributeValue>> items,
      String key,
      List<String> projected,
      String at) {
    List<Map<String, AttributeValue>> expected = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      if (item.containsKey(key)) {
        Map<String, AttributeValue> entry = new HashMap<>();
        for (String name : projected == null ? item.keySet() : projected) {
          if (item.containsKey(name)) {
            entry.put(name, item.get(name));
          }
        }
        expected.add(entry);
      }
    }
    List<Map<String, AttributeValue>> entries = scan(ddb, table, index);
    assertThat(entries)
        .as("the entries of %s.%s (%s)", table, index, at)
        .containsExactlyInAnyOrderElementsOf(expected);
    TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
    long count =
        java.util.stream.Stream.concat(
                description.globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(index))
                    .map(i -> i.itemCount()),
                description.localSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(index))
                    .map(i -> i.itemCount()))
            .findFirst()
            .orElseThrow();
    assertThat(count).as("item count of %s.%s (%s)", table, index, at).isEqualTo(entries.size());
  }

  /**
   * Reads every record of the table's stream, every shard from TRIM_HORIZON, parents before
   * children, and replays them over an empty table: each INSERT's key is absent, each MODIFY's and
   * REMOVE's old image is the item as the records before left it, and the end is the table.
   */
  private static void checkStream(
      DynakitEngine engine,
      DynamoDbClient ddb,
      String table,
      List<String> keyNames,
      List<Map<String, AttributeValue>> items,
      Run run,
      String at) {
    DynamoDbStreamsClient streams = engine.streamsClient();
    String arn = ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    List<Shard> shards = new ArrayList<>();
    String after = null;
    do {
      String start = after;
      StreamDescription description =
          streams
              .describeStream(b -> b.streamArn(arn).exclusiveStartShardId(start))
              .streamDescription();
      shards.addAll(description.shards());
      after = description.lastEvaluatedShardId();
    } while (after != null);
    Set<String> seen = new HashSet<>();
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> replayed = new HashMap<>();
    String previous = "";
    long count = 0;
    for (Shard shard : shards) {
      assertThat(shard.parentShardId() == null || seen.contains(shard.parentShardId()))
          .as("shard %s follows its parent (%s)", shard.shardId(), at)
          .isTrue();
      seen.add(shard.shardId());
      for (Record record :
          StreamDurabilityTest.read(
              streams, arn, shard.shardId(), ShardIteratorType.TRIM_HORIZON, null)) {
        StreamRecord change = record.dynamodb();
        assertThat(change.sequenceNumber())
            .as("sequence numbers of %s ascend (%s)", table, at)
            .isGreaterThan(previous);
        previous = change.sequenceNumber();
        Map<String, AttributeValue> key = change.keys();
        Map<String, AttributeValue> before = replayed.get(key);
        String what = table + " record " + change.sequenceNumber() + " (" + at + ")";
        switch (record.eventName()) {
          case INSERT:
            assertThat(before).as("the item before the INSERT of " + what).isNull();
            assertThat(change.hasOldImage()).as("an old image in the INSERT " + what).isFalse();
            break;
          case MODIFY:
          case REMOVE:
            assertThat(change.oldImage()).as("the old image of " + what).isEqualTo(before);
            break;
          default:
            throw new AssertionError("an event " + record.eventName() + " in " + what);
        }
        if (record.eventName() == OperationType.REMOVE) {
          assertThat(change.hasNewImage()).as("a new image in the REMOVE " + what).isFalse();
          replayed.remove(key);
        } else {
          Map<String, AttributeValue> image = change.newImage();
          assertThat(keyNames.stream().collect(Collectors.toMap(n -> n, image::get)))
              .as("the keys of " + what)
              .isEqualTo(key);
          if (image.containsKey("v") && !image.get("v").n().equals("0")) {
            assertThat(run.versions)
                .as("the version of " + what + " was written")
                .contains(Long.parseLong(image.get("v").n()));
          }
          replayed.put(key, image);
        }
        run.replayed++;
        count++;
      }
    }
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> expected = new HashMap<>();
    for (Map<String, AttributeValue> item : items) {
      expected.put(keyNames.stream().collect(Collectors.toMap(n -> n, item::get)), item);
    }
    assertThat(replayed).as("the stream of %s replayed (%s)", table, at).isEqualTo(expected);
    run.streamRecords.put(table, count);
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
