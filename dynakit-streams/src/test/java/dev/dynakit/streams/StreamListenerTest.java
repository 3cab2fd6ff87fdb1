package dev.dynakit.streams;

import static dev.dynakit.streams.Rig.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.errors.PolicyViolationException;
import dev.dynakit.client.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener driven by {@link StreamListener#poll()} on the engine, with a moved clock. */
class StreamListenerTest {
  private final Rig rig = new Rig();
  private final CheckpointStore checkpoints = CheckpointStore.inMemory();
  private final List<StreamEvent> handled = new ArrayList<>();

  StreamListenerTest() {
    rig.table("orders");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private StreamListener.Builder listener() {
    return StreamListener.builder(rig.dynakit)
        .table("orders")
        .handler(handled::addAll)
        .checkpoints(checkpoints)
        .sleeper(rig::sleep)
        .batchSize(2);
  }

  private String streamArn() {
    return rig.db().describeTable(b -> b.tableName("orders")).table().latestStreamArn();
  }

  @Test
  void everyChangeIsHandledOnceInOrderAcrossRestarts() {
    rig.put("orders", "a", 1);
    rig.put("orders", "a", 2);
    rig.put("orders", "b", 1);
    StreamListener first = listener().build();
    assertThat(first.poll()).isEqualTo(2);
    assertThat(changes(handled)).containsExactly("INSERT a", "MODIFY a");
    first.close();
    rig.delete("orders", "a");
    StreamListener second = listener().build();
    assertThat(second.catchUp()).isEqualTo(2);
    assertThat(changes(handled)).containsExactly("INSERT a", "MODIFY a", "INSERT b", "REMOVE a");
    String shard = handled.get(0).shardId();
    assertThat(checkpoints.read(streamArn(), shard)).contains(handled.get(3).sequenceNumber());
    assertThat(second.poll()).isZero();
  }

  @Test
  void aBatchHandledButNotCheckpointedIsHandledAgainAfterARestart() {
    rig.put("orders", "a", 1);
    AtomicBoolean crash = new AtomicBoolean(true);
    CheckpointStore failing =
        new CheckpointStore() {
          @Override
          public Optional<String> read(String streamArn, String shardId) {
            return checkpoints.read(streamArn, shardId);
          }

          @Override
          public void write(String streamArn, String shardId, String position) {
            if (crash.getAndSet(false)) {
              throw new IllegalStateException("the process died here");
            }
            checkpoints.write(streamArn, shardId, position);
          }
        };
    StreamListener crashing = listener().checkpoints(failing).build();
    assertThatThrownBy(crashing::poll).hasMessage("the process died here");
    listener().build().catchUp();
    assertThat(changes(handled)).containsExactly("INSERT a", "INSERT a");
  }

  @Test
  void aFailingHandlerIsRetriedWithBackoffThenItsBatchIsDeadLettered() {
    rig.put("orders", "a", 1);
    rig.put("orders", "b", 1);
    rig.put("orders", "c", 1);
    DeadLetterStore.InMemory letters = DeadLetterStore.inMemory();
    AtomicInteger calls = new AtomicInteger();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StreamListener listener =
        listener()
            .handler(
                events -> {
                  calls.incrementAndGet();
                  if (events.get(0).keys().get("id").s().equals("a")) {
                    throw new IllegalStateException("handler broke");
                  }
                  handled.addAll(events);
                })
            .retries(3, Duration.ofMillis(100), Duration.ofMillis(300))
            .deadLetters(letters)
            .meterRegistry(registry)
            .build();
    listener.catchUp();
    assertThat(rig.slept)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(letters.letters()).hasSize(1);
    DeadLetter letter = letters.letters().get(0);
    assertThat(changes(letter.events())).containsExactly("INSERT a", "INSERT b");
    assertThat(letter.attempts()).isEqualTo(4);
    assertThat(letter.failure()).hasMessage("handler broke");
    assertThat(letter.firstSequenceNumber()).isLessThan(letter.lastSequenceNumber());
    assertThat(changes(handled)).containsExactly("INSERT c");
    assertThat(calls).hasValue(5);
    assertThat(
            registry.get("dynakit.streams.events").tag("outcome", "dead_letter").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("dynakit.streams.events").tag("outcome", "handled").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("dynakit.streams.handler.failures").counter().count()).isEqualTo(4);
  }

  @Test
  void parentsAreDrainedBeforeChildrenAndMarkedEnded() {
    rig.put("orders", "a", 1);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.put("orders", "b", 1);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.put("orders", "c", 1);
    List<String> opened = new ArrayList<>();
    StreamListener listener = listener().onShardOpened(s -> opened.add(s.shardId())).build();
    listener.catchUp();
    assertThat(changes(handled)).containsExactly("INSERT a", "INSERT b", "INSERT c");
    List<String> shards = handled.stream().map(StreamEvent::shardId).distinct().toList();
    assertThat(shards).hasSize(3);
    assertThat(opened).containsExactlyElementsOf(shards);
    assertThat(checkpoints.read(streamArn(), shards.get(0))).contains(CheckpointStore.SHARD_END);
    assertThat(checkpoints.read(streamArn(), shards.get(1))).contains(CheckpointStore.SHARD_END);
    assertThat(checkpoints.read(streamArn(), shards.get(2)))
        .contains(handled.get(2).sequenceNumber());
  }

  @Test
  void aCheckpointPastRetentionResumesAtTheTrimHorizonWithAWarningCounted() {
    rig.put("orders", "a", 1);
    listener().build().catchUp();
    rig.put("orders", "lost", 1);
    rig.clock.advance(Duration.ofHours(25));
    rig.put("orders", "kept", 1);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    listener().meterRegistry(registry).build().catchUp();
    assertThat(changes(handled)).containsExactly("INSERT a", "INSERT kept");
    assertThat(registry.get("dynakit.streams.trimmed").counter().count()).isGreaterThan(0);
  }

  @Test
  void fromLatestPassesOverWhatWasWrittenBefore() {
    rig.put("orders", "old", 1);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.put("orders", "older", 1);
    StreamListener listener = listener().fromLatest(true).build();
    listener.catchUp();
    rig.put("orders", "new", 1);
    listener.catchUp();
    assertThat(changes(handled)).containsExactly("INSERT new");
  }

  @Test
  void lagIsMeasuredFromTheChangeToItsHandling() {
    rig.put("orders", "a", 1);
    rig.clock.advance(Duration.ofSeconds(7));
    StreamListener listener = listener().build();
    listener.catchUp();
    assertThat(listener.lag().sinceChange()).isEqualTo(Duration.ofSeconds(7));
    assertThat(listener.lag().recordsBehind()).isZero();
  }

  @Test
  void theAdaptersAllowListAppliesToTheStream() {
    try (Rig guarded = new Rig(Policy.builder().allowTables("other").build())) {
      guarded.table("orders");
      StreamListener listener =
          StreamListener.builder(guarded.dynakit).table("orders").handler(handled::addAll).build();
      assertThatThrownBy(listener::poll).isInstanceOf(PolicyViolationException.class);
    }
  }

  @Test
  void aListenerNeedsATableAndAHandlerAndSaneSettings() {
    assertThatThrownBy(() -> StreamListener.builder(rig.dynakit).handler(e -> {}).build())
        .hasMessage("a table is required");
    assertThatThrownBy(() -> StreamListener.builder(rig.dynakit).table("orders").build())
        .hasMessage("a handler or a trigger is required");
    StreamListener.Builder builder = StreamListener.builder(rig.dynakit);
    assertThatThrownBy(() -> builder.batchSize(1001))
        .hasMessage("batchSize must be between 1 and 1000");
    assertThatThrownBy(() -> builder.pollInterval(Duration.ZERO))
        .hasMessage("pollInterval must be positive");
    assertThatThrownBy(() -> builder.queueCapacity(0))
        .hasMessage("queueCapacity must be at least 1");
    assertThatThrownBy(() -> builder.retries(-1, Duration.ZERO, Duration.ZERO))
        .hasMessage("retries must not be negative");
    assertThatThrownBy(() -> builder.retries(1, Duration.ofMillis(-1), Duration.ZERO))
        .hasMessage("backoff and maxBackoff must not be negative");
  }
}
