package dev.dynakit.client.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.client.mapping.PartitionKey;
import dev.dynakit.client.mapping.SortKey;
import dev.dynakit.client.table.DynakitTable;
import dev.dynakit.client.table.QueryOptions;
import dev.dynakit.engine.DynakitEngine;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteShardingTest {
  record Event(@PartitionKey String day, @SortKey String time, String id) {}

  private final DynakitEngine engine = DynakitEngine.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void theSameItemAlwaysLandsOnTheSameShardAndItemsSpreadOverAll() {
    WriteSharding sharding = WriteSharding.of(4);

    Set<String> used =
        IntStream.range(0, 200)
            .mapToObj(i -> sharding.shardFor("2026-11-25", "order-" + i))
            .collect(Collectors.toSet());

    assertThat(sharding.shardFor("d", "x")).isEqualTo(sharding.shardFor("d", "x"));
    assertThat(used).isEqualTo(Set.copyOf(sharding.allShards("2026-11-25")));
    assertThat(sharding.allShards("d")).containsExactly("d#0", "d#1", "d#2", "d#3");
    assertThat(sharding).hasToString("WriteSharding[4 shards]");
  }

  @Test
  void theScatterGatherQueryMergesTheShardsInSortKeyOrder() {
    DynakitTable<Event> events = DynakitTable.of(engine.client(), "events", Event.class);
    events.createTableIfMissing();
    WriteSharding sharding = WriteSharding.of(5);
    List<String> times =
        IntStream.range(0, 60)
            .mapToObj(i -> String.format("12:%02d", i))
            .collect(Collectors.toList());
    for (String time : times) {
      String id = "e" + time;
      events.put(new Event(sharding.shardFor("2026-11-25", id), time, id));
    }

    List<String> merged =
        sharding
            .query(
                events,
                "2026-11-25",
                null,
                QueryOptions.defaults().pageSize(4),
                Comparator.comparing(Event::time))
            .map(Event::time)
            .collect(Collectors.toList());
    List<String> newest =
        sharding
            .query(
                events,
                "2026-11-25",
                dev.dynakit.client.table.SortKey.greaterThanOrEqualTo("12:30"),
                QueryOptions.defaults().descending().limit(3),
                Comparator.comparing(Event::time).reversed())
            .map(Event::time)
            .collect(Collectors.toList());

    assertThat(merged).isEqualTo(times);
    assertThat(newest).containsExactly("12:59", "12:58", "12:57");
    assertThat(
            sharding.query(
                events,
                "2026-11-26",
                null,
                QueryOptions.defaults(),
                Comparator.comparing(Event::time)))
        .isEmpty();
  }

  @Test
  void shardCountsAndIndexesOutsideTheRangeAreRefused() {
    assertThatThrownBy(() -> WriteSharding.of(1)).hasMessageContaining("2 to 1000");
    assertThatThrownBy(() -> WriteSharding.of(1001)).hasMessageContaining("2 to 1000");
    assertThatThrownBy(() -> WriteSharding.of(3).shard("d", 3))
        .hasMessageContaining("0 to 2, was 3");
  }
}
