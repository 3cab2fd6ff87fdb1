package dev.dynakit.streams;

import static dev.dynakit.streams.Rig.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shard leases shared by workers, on the engine with a moved clock. */
class LeasesTest {
  private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x";
  private static final List<String> SHARDS = List.of("s1", "s2", "s3", "s4");
  private final Rig rig = new Rig();

  LeasesTest() {
    LeaseTable.createTable(rig.dynakit.sdk(), "leases");
    LeaseTable.createTable(rig.dynakit.sdk(), "leases");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private LeaseTable worker(String id) {
    return LeaseTable.builder(rig.dynakit.sdk(), "leases")
        .workerId(id)
        .leaseDuration(Duration.ofSeconds(10))
        .clock(rig.clock)
        .build();
  }

  /** Balances and gives the surplus up, as the listener does. */
  private static Set<String> round(LeaseTable worker) {
    LeaseTable.Balance balance = worker.balance(ARN, SHARDS);
    balance.surplus().forEach(shard -> worker.release(ARN, shard));
    Set<String> held = new java.util.TreeSet<>(balance.held());
    held.removeAll(balance.surplus());
    return held;
  }

  @Test
  void workersShareTheShardsFairlyAndNeverHoldOneTwice() {
    LeaseTable a = worker("a");
    LeaseTable b = worker("b");
    assertThat(round(a)).containsExactlyElementsOf(SHARDS);
    assertThat(round(b)).isEmpty();
    Set<String> aHeld = round(a);
    assertThat(aHeld).hasSize(2);
    Set<String> bHeld = round(b);
    assertThat(bHeld).hasSize(2).doesNotContainAnyElementsOf(aHeld);
    assertThat(round(a)).isEqualTo(aHeld);
    assertThat(round(b)).isEqualTo(bHeld);
    for (String shard : SHARDS) {
      assertThat(a.holds(ARN, shard) ^ b.holds(ARN, shard)).as(shard).isTrue();
    }
  }

  @Test
  void aWorkerThatStopsRenewingHasItsShardsTakenOverOnceTheLeasesExpire() {
    LeaseTable a = worker("a");
    LeaseTable b = worker("b");
    round(a);
    round(b);
    Set<String> aHeld = round(a);
    round(b);
    rig.clock.advance(Duration.ofSeconds(9));
    round(b);
    assertThat(a.holds(ARN, aHeld.iterator().next())).isTrue();
    rig.clock.advance(Duration.ofSeconds(2));
    assertThat(a.holds(ARN, aHeld.iterator().next())).isFalse();
    assertThat(round(b)).containsExactlyElementsOf(SHARDS);
    assertThat(round(a)).isEmpty();
  }

  @Test
  void releaseAllHandsEverythingOverAtOnce() {
    LeaseTable a = worker("a");
    LeaseTable b = worker("b");
    round(a);
    a.releaseAll(ARN);
    assertThat(a.holds(ARN, "s1")).isFalse();
    assertThat(round(b)).containsExactlyElementsOf(SHARDS);
    a.release(ARN, "s1");
    assertThat(b.holds(ARN, "s1")).isTrue();
  }

  @Test
  void settingsAreChecked() {
    LeaseTable.Builder builder = LeaseTable.builder(rig.dynakit.sdk(), "leases");
    assertThatThrownBy(() -> builder.workerId(" ")).hasMessage("workerId must not be blank");
    assertThatThrownBy(() -> builder.leaseDuration(Duration.ZERO))
        .hasMessage("leaseDuration must be positive");
    assertThat(builder.build().workerId()).isNotBlank();
  }

  @Test
  void listenersOnTwoWorkersHandEachChangeToOneOfThemAndFailOver() {
    rig.table("orders");
    TableCheckpointStore.createTable(rig.dynakit.sdk(), "checkpoints");
    CheckpointStore shared = new TableCheckpointStore(rig.dynakit.sdk(), "checkpoints", "billing");
    List<String> byA = new ArrayList<>();
    List<String> byB = new ArrayList<>();
    StreamListener a = listener(shared, "a", byA);
    StreamListener b = listener(shared, "b", byB);
    rig.put("orders", "1", 1);
    a.catchUp();
    b.catchUp();
    rig.put("orders", "2", 1);
    a.catchUp();
    b.catchUp();
    assertThat(byA).containsExactly("INSERT 1", "INSERT 2");
    assertThat(byB).isEmpty();
    // a stops renewing; b takes the shard over once a's lease has expired, from a's checkpoint
    rig.put("orders", "3", 1);
    rig.clock.advance(Duration.ofSeconds(5));
    b.catchUp();
    assertThat(byB).isEmpty();
    rig.clock.advance(Duration.ofSeconds(6));
    b.catchUp();
    assertThat(byB).containsExactly("INSERT 3");
    // a comes back: its lease is gone, so it handles nothing
    rig.put("orders", "4", 1);
    a.catchUp();
    b.catchUp();
    assertThat(byA).containsExactly("INSERT 1", "INSERT 2");
    assertThat(byB).containsExactly("INSERT 3", "INSERT 4");
    b.close();
    a.catchUp();
    rig.put("orders", "5", 1);
    a.catchUp();
    assertThat(byA).containsExactly("INSERT 1", "INSERT 2", "INSERT 5");
  }

  private StreamListener listener(CheckpointStore store, String worker, List<String> into) {
    return StreamListener.builder(rig.dynakit)
        .table("orders")
        .checkpoints(store)
        .leases(worker(worker))
        .sleeper(rig::sleep)
        .handler(events -> into.addAll(changes(events)))
        .build();
  }
}
