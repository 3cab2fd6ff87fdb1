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
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Bounded reads of a stream on the engine, with a clock the test moves. */
class SubscriptionsTest {
  private final Rig rig = new Rig();
  private final Subscriptions subscriptions = rig.subscriptions();

  SubscriptionsTest() {
    rig.table("orders");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private SubscribeRequest fromStart() {
    return SubscribeRequest.of("orders")
        .from(ShardIteratorType.TRIM_HORIZON)
        .waiting(Duration.ZERO);
  }

  @Test
  void repeatedReadsGoOnWhereTheLastStoppedWithNoGapAndNoDuplicate() {
    rig.put("orders", "a", 1);
    rig.put("orders", "a", 2);
    rig.put("orders", "b", 1);
    rig.delete("orders", "a");
    SubscribeResult first = subscriptions.subscribe(fromStart().atMost(3));
    assertThat(changes(first.events())).containsExactly("INSERT a", "MODIFY a", "INSERT b");
    assertThat(first.active()).isTrue();
    rig.put("orders", "c", 1);
    SubscribeResult second = subscriptions.subscribe(fromStart().atMost(3));
    assertThat(changes(second.events())).containsExactly("REMOVE a", "INSERT c");
    assertThat(subscriptions.subscribe(fromStart()).events()).isEmpty();
    assertThat(subscriptions.tables()).containsExactly("orders");
    List<String> sequences = new ArrayList<>();
    first.events().forEach(e -> sequences.add(e.sequenceNumber()));
    second.events().forEach(e -> sequences.add(e.sequenceNumber()));
    assertThat(sequences).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void latestSeesOnlyWhatIsWrittenAfterTheFirstRead() {
    rig.put("orders", "old", 1);
    SubscribeRequest latest = SubscribeRequest.of("orders").waiting(Duration.ZERO);
    assertThat(subscriptions.subscribe(latest).events()).isEmpty();
    rig.put("orders", "new", 1);
    assertThat(changes(subscriptions.subscribe(latest).events())).containsExactly("INSERT new");
  }

  @Test
  void eventNamesFilterPassesOverTheOthersForGood() {
    rig.put("orders", "a", 1);
    rig.put("orders", "a", 2);
    rig.delete("orders", "a");
    rig.put("orders", "b", 1);
    assertThat(changes(subscriptions.subscribe(fromStart().only(Set.of("REMOVE"))).events()))
        .containsExactly("REMOVE a");
    rig.delete("orders", "b");
    assertThat(changes(subscriptions.subscribe(fromStart()).events())).containsExactly("REMOVE b");
  }

  @Test
  void atSequenceNumberStartsAtThatRecord() {
    rig.put("orders", "a", 1);
    rig.put("orders", "b", 1);
    rig.put("orders", "c", 1);
    Subscriptions reader = rig.subscriptions();
    String second = reader.subscribe(fromStart()).events().get(1).sequenceNumber();
    SubscribeResult from =
        subscriptions.subscribe(
            SubscribeRequest.of("orders").atSequenceNumber(second).waiting(Duration.ZERO));
    assertThat(changes(from.events())).containsExactly("INSERT b", "INSERT c");
  }

  @Test
  void aClosedShardIsDrainedBeforeItsChild() {
    rig.put("orders", "a", 1);
    assertThat(changes(subscriptions.subscribe(fromStart()).events())).containsExactly("INSERT a");
    rig.put("orders", "b", 1);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.put("orders", "c", 1);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.put("orders", "d", 1);
    SubscribeResult result = subscriptions.subscribe(fromStart());
    assertThat(changes(result.events())).containsExactly("INSERT b", "INSERT c", "INSERT d");
    assertThat(result.events().stream().map(StreamEvent::shardId).distinct()).hasSize(3);
  }

  @Test
  void aDisabledStreamEndsTheSubscriptionOnceDrained() {
    rig.put("orders", "a", 1);
    rig.disableStream("orders");
    SubscribeResult last = subscriptions.subscribe(fromStart());
    assertThat(changes(last.events())).containsExactly("INSERT a");
    assertThat(last.active()).isFalse();
    assertThat(subscriptions.tables()).isEmpty();
  }

  @Test
  void anIdleStreamIsPolledUntilTheTimeoutWithoutRealWaiting() {
    SubscribeRequest request = fromStart().waiting(Duration.ofSeconds(1));
    SubscribeResult result = subscriptions.subscribe(request);
    assertThat(result.events()).isEmpty();
    assertThat(rig.slept).hasSize(5).allMatch(d -> d.equals(Duration.ofMillis(200)));
  }

  @Test
  void aReadStopsWaitingOnceEventsArrive() {
    Subscriptions writing =
        new Subscriptions(
            rig.dynakit.sdk(),
            rig.dynakit.streams(),
            rig.clock,
            d -> {
              rig.sleep(d);
              rig.put("orders", "x" + rig.slept.size(), 1);
            },
            Duration.ofMillis(300));
    SubscribeResult result =
        writing.subscribe(fromStart().waiting(Duration.ofSeconds(60)).atMost(2));
    assertThat(changes(result.events())).containsExactly("INSERT x1", "INSERT x2");
    assertThat(rig.slept).hasSize(2);
  }

  @Test
  void recordsPastRetentionAreSkippedAndReadingGoesOn() {
    rig.put("orders", "a", 1);
    assertThat(subscriptions.subscribe(fromStart()).events()).hasSize(1);
    rig.put("orders", "lost", 1);
    rig.clock.advance(Duration.ofHours(25));
    rig.put("orders", "kept", 1);
    assertThat(changes(subscriptions.subscribe(fromStart()).events()))
        .containsExactly("INSERT kept");
  }

  @Test
  void unsubscribeForgetsThePosition() {
    rig.put("orders", "a", 1);
    assertThat(subscriptions.subscribe(fromStart()).events()).hasSize(1);
    assertThat(subscriptions.unsubscribe("orders")).isTrue();
    assertThat(subscriptions.unsubscribe("orders")).isFalse();
    assertThat(changes(subscriptions.subscribe(fromStart()).events())).containsExactly("INSERT a");
  }

  @Test
  void aTableWithoutAStreamIsRefused() {
    rig.db()
        .createTable(
            b ->
                b.tableName("plain")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    assertThatThrownBy(() -> subscriptions.subscribe(SubscribeRequest.of("plain")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("table 'plain' has no stream: enable one with a StreamSpecification");
    assertThat(subscriptions.tables()).isEmpty();
  }

  @Test
  void badRequestsAreRefusedNamingWhatIsWrong() {
    SubscribeRequest base = SubscribeRequest.of("orders");
    assertThatThrownBy(() -> base.from(ShardIteratorType.AFTER_SEQUENCE_NUMBER))
        .hasMessage("shard_iterator_type must be LATEST, TRIM_HORIZON or AT_SEQUENCE_NUMBER");
    assertThatThrownBy(() -> base.from(ShardIteratorType.AT_SEQUENCE_NUMBER))
        .hasMessage("filter.sequence_number is needed with AT_SEQUENCE_NUMBER, and only with it");
    assertThatThrownBy(() -> base.atSequenceNumber("12a"))
        .hasMessage("filter.sequence_number must be 1 to 40 digits");
    assertThatThrownBy(() -> base.only(Set.of("UPDATE")))
        .hasMessage("filter.event_names may hold INSERT, MODIFY and REMOVE only");
    assertThatThrownBy(() -> base.waiting(Duration.ofSeconds(301)))
        .hasMessage("timeout_s must be between 0 and 300");
    assertThatThrownBy(() -> base.atMost(0)).hasMessage("max_events must be between 1 and 10000");
  }
}
