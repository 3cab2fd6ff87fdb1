package dev.dynakit.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Triggers on a stream, and the item-polling fallback for a table without one. */
class TriggersTest {
  private final Rig rig = new Rig();
  private final List<String> fired = new ArrayList<>();

  TriggersTest() {
    rig.table("orders");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private static String id(Map<String, AttributeValue> keys) {
    return keys.get("id").s();
  }

  @Test
  void eachKindOfChangeFiresItsTriggerAndShardsOpenedFireTheirs() {
    rig.put("orders", "a", 1);
    rig.put("orders", "a", 2);
    rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
    rig.delete("orders", "a");
    List<ShardOpened> opened = new ArrayList<>();
    StreamListener listener =
        StreamListener.builder(rig.dynakit)
            .table("orders")
            .sleeper(rig::sleep)
            .onInsert(e -> fired.add("inserted " + id(e.keys())))
            .onModify(
                e ->
                    fired.add(
                        "modified " + e.oldImage().get("v").n() + "->" + e.newImage().get("v").n()))
            .onRemove(e -> fired.add("removed " + id(e.keys()) + (e.expired() ? " by ttl" : "")))
            .onShardOpened(opened::add)
            .build();
    listener.catchUp();
    assertThat(fired).containsExactly("inserted a", "modified 1->2", "removed a");
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).parentShardId()).isNull();
    assertThat(opened.get(1).parentShardId()).isEqualTo(opened.get(0).shardId());
    assertThat(opened.get(1).table()).isEqualTo("orders");
    assertThat(opened.get(1).streamArn()).contains("table/orders/stream/");
    assertThat(opened.get(1).startingSequenceNumber()).isNotNull();
  }

  @Test
  void aFailingTriggerFailsItsBatchWhichIsTriedAgainFromItsFirstEvent() {
    rig.put("orders", "a", 1);
    rig.put("orders", "b", 1);
    int[] failures = {1};
    StreamListener listener =
        StreamListener.builder(rig.dynakit)
            .table("orders")
            .sleeper(rig::sleep)
            .handler(events -> fired.add("batch of " + events.size()))
            .onInsert(
                e -> {
                  if (id(e.keys()).equals("b") && failures[0]-- > 0) {
                    throw new IllegalStateException("not now");
                  }
                  fired.add("inserted " + id(e.keys()));
                })
            .build();
    listener.catchUp();
    assertThat(fired)
        .containsExactly("batch of 2", "inserted a", "batch of 2", "inserted a", "inserted b");
  }

  @Test
  void theItemPollerReportsWhatChangedBetweenScans() throws Exception {
    rig.db()
        .createTable(
            b ->
                b.tableName("legacy")
                    .billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    rig.put("legacy", "kept", 1);
    rig.put("legacy", "changed", 1);
    rig.put("legacy", "gone", 1);
    ItemPoller poller =
        ItemPoller.builder(rig.dynakit, "legacy")
            .onInsert(c -> fired.add("inserted " + id(c.keys())))
            .onModify(
                c ->
                    fired.add(
                        "modified " + c.oldImage().get("v").n() + "->" + c.newImage().get("v").n()))
            .onRemove(c -> fired.add("removed " + id(c.keys()) + " " + (c.newImage() == null)))
            .build();
    assertThat(poller.poll()).isEmpty();
    rig.put("legacy", "changed", 2);
    rig.delete("legacy", "gone");
    rig.put("legacy", "new", 1);
    List<ItemChange> changes = poller.poll();
    assertThat(changes).hasSize(3);
    assertThat(fired)
        .containsExactlyInAnyOrder("modified 1->2", "removed gone true", "inserted new");
    assertThat(changes.get(0).toString()).doesNotContain("changed", "gone", "new");
    assertThat(poller.poll()).isEmpty();
  }

  @Test
  void theItemPollerFromTheStartReportsEveryItemAndReportsAgainAfterAFailure() throws Exception {
    rig.put("orders", "a", 1);
    int[] failures = {1};
    ItemPoller poller =
        ItemPoller.builder(rig.db(), "orders")
            .keyAttributes("id")
            .fromLatest(false)
            .onInsert(
                c -> {
                  if (failures[0]-- > 0) {
                    throw new IllegalStateException("not now");
                  }
                  fired.add("inserted " + id(c.keys()));
                })
            .build();
    assertThatThrownBy(poller::poll).hasMessage("not now");
    assertThat(poller.poll()).hasSize(1);
    assertThat(fired).containsExactly("inserted a");
  }

  @Test
  void theItemPollerRunsInTheBackgroundUntilClosed() throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    rig.put("orders", "a", 1);
    ItemPoller poller =
        ItemPoller.builder(rig.dynakit, "orders")
            .fromLatest(false)
            .pollInterval(Duration.ofMillis(5))
            .onInsert(c -> seen.countDown())
            .build();
    poller.start();
    assertThatThrownBy(poller::start).hasMessage("the poller has been started");
    assertThat(seen.await(30, TimeUnit.SECONDS)).isTrue();
    poller.close();
  }

  @Test
  void theItemPollerChecksItsSettingsAndKeys() {
    ItemPoller.Builder builder = ItemPoller.builder(rig.db(), "orders");
    assertThatThrownBy(builder::keyAttributes).hasMessage("at least one key attribute is needed");
    assertThatThrownBy(() -> builder.pollInterval(Duration.ZERO))
        .hasMessage("pollInterval must be positive");
    rig.put("orders", "a", 1);
    ItemPoller wrongKey = ItemPoller.builder(rig.db(), "orders").keyAttributes("pk").build();
    assertThatThrownBy(wrongKey::poll)
        .hasMessage("table 'orders': an item has no key attribute 'pk'");
  }
}
