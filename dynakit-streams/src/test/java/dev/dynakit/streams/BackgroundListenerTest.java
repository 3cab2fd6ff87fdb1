package dev.dynakit.streams;

import static dev.dynakit.streams.Rig.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener running in the background on the engine: it waits for real, so these tests wait on
 * latches for what it hands over (with a generous bound), never for a fixed time.
 */
class BackgroundListenerTest {
  private final Rig rig = new Rig();
  private final CheckpointStore checkpoints = CheckpointStore.inMemory();
  private final List<StreamEvent> handled = Collections.synchronizedList(new ArrayList<>());

  BackgroundListenerTest() {
    rig.table("orders");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private StreamListener.Builder listener(StreamListener.Handler handler) {
    return StreamListener.builder(rig.dynakit)
        .table("orders")
        .checkpoints(checkpoints)
        .pollInterval(Duration.ofMillis(5))
        .handler(handler);
  }

  private String streamArn() {
    return rig.db().describeTable(b -> b.tableName("orders")).table().latestStreamArn();
  }

  @Test
  void everyChangeArrivesInOrderAndIsCheckpointed() throws Exception {
    CountDownLatch all = new CountDownLatch(50);
    StreamListener listener =
        listener(
                events -> {
                  handled.addAll(events);
                  events.forEach(e -> all.countDown());
                })
            .batchSize(7)
            .build();
    listener.start();
    for (int i = 0; i < 50; i++) {
      rig.put("orders", "k" + i, i);
    }
    assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
    listener.close();
    assertThat(changes(handled))
        .hasSize(50)
        .startsWith("INSERT k0", "INSERT k1")
        .endsWith("INSERT k49");
    assertThat(checkpoints.read(streamArn(), handled.get(0).shardId()))
        .contains(handled.get(49).sequenceNumber());
    assertThatThrownBy(listener::start).hasMessage("the listener has been started");
  }

  @Test
  void aSlowHandlerHoldsFetchingBackAndCloseLetsItsBatchFinish() throws Exception {
    Semaphore gate = new Semaphore(0);
    CountDownLatch entered = new CountDownLatch(1);
    StreamListener listener =
        listener(
                events -> {
                  entered.countDown();
                  gate.acquire();
                  handled.addAll(events);
                })
            .batchSize(1)
            .queueCapacity(2)
            .build();
    for (int i = 0; i < 20; i++) {
      rig.put("orders", "k" + i, i);
    }
    listener.start();
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(listener::poll)
        .hasMessage("the listener runs in the background: poll() is not for it");
    // At most the queue's two batches and the one waiting to go in are fetched ahead.
    for (int sample = 0; sample < 50; sample++) {
      assertThat(listener.lag().recordsBehind()).isBetween(0L, 3L);
      Thread.onSpinWait();
    }
    Thread closing = new Thread(listener::close);
    closing.start();
    gate.release(100);
    closing.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(closing.isAlive()).isFalse();
    assertThat(handled).isNotEmpty();
    StreamEvent last = handled.get(handled.size() - 1);
    assertThat(checkpoints.read(streamArn(), last.shardId())).contains(last.sequenceNumber());
    assertThat(listener.lag().recordsBehind()).isZero();
  }

  @Test
  void aRestartAfterCloseGoesOnFromTheCheckpoint() throws Exception {
    CountDownLatch first = new CountDownLatch(3);
    StreamListener one =
        listener(
                events -> {
                  handled.addAll(events);
                  events.forEach(e -> first.countDown());
                })
            .build();
    rig.put("orders", "a", 1);
    rig.put("orders", "b", 1);
    rig.put("orders", "c", 1);
    one.start();
    assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
    one.close();
    rig.put("orders", "d", 1);
    CountDownLatch second = new CountDownLatch(1);
    StreamListener two =
        listener(
                events -> {
                  handled.addAll(events);
                  events.forEach(e -> second.countDown());
                })
            .build();
    two.start();
    assertThat(second.await(30, TimeUnit.SECONDS)).isTrue();
    two.close();
    assertThat(changes(handled)).containsExactly("INSERT a", "INSERT b", "INSERT c", "INSERT d");
  }
}
