package dev.dynakit.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Writes, shard roll-overs, restarts and crashes in any order: every change is handled, in the
 * order it was made; a change is handled twice only when the process died after handling its batch
 * and before the checkpoint, and then at most the batch's size.
 */
class RestartsPropertyTest {
  private static final int BATCH = 3;

  enum Step {
    PUT,
    DELETE,
    POLL,
    ROLL_OVER,
    RESTART,
    CRASH_AFTER_HANDLING
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 40)
  void nothingIsLostAndOnlyTheCrashWindowRepeats(
      @ForAll("histories") List<Step> history, @ForAll("keys") List<Integer> keys) {
    try (Rig rig = new Rig()) {
      rig.table("orders");
      CheckpointStore store = CheckpointStore.inMemory();
      AtomicBoolean crashNext = new AtomicBoolean();
      CheckpointStore crashing =
          new CheckpointStore() {
            @Override
            public Optional<String> read(String streamArn, String shardId) {
              return store.read(streamArn, shardId);
            }

            @Override
            public void write(String streamArn, String shardId, String position) {
              if (crashNext.getAndSet(false)) {
                throw new IllegalStateException("died before the checkpoint");
              }
              store.write(streamArn, shardId, position);
            }
          };
      List<String> handled = new ArrayList<>();
      List<String> made = new ArrayList<>();
      Set<String> present = new HashSet<>();
      int crashes = 0;
      int rolls = 0;
      int version = 0;
      StreamListener listener = listener(rig, crashing, handled);
      for (int i = 0; i < history.size(); i++) {
        String key = "k" + keys.get(i % keys.size());
        switch (history.get(i)) {
          case PUT:
            rig.put("orders", key, ++version);
            made.add((present.add(key) ? "INSERT " : "MODIFY ") + key + " " + version);
            break;
          case DELETE:
            rig.delete("orders", key);
            if (present.remove(key)) {
              made.add("REMOVE " + key);
            }
            break;
          case POLL:
            try {
              listener.poll();
            } catch (IllegalStateException died) {
              crashes++;
              listener = listener(rig, crashing, handled);
            }
            break;
          case ROLL_OVER:
            // At most five: the history stays within the stream's 24-hour retention.
            if (++rolls <= 5) {
              rig.clock.advance(Duration.ofHours(4).plusMinutes(1));
            }
            break;
          case RESTART:
            listener.close();
            listener = listener(rig, crashing, handled);
            break;
          default:
            crashNext.set(true);
        }
      }
      crashNext.set(false);
      listener.catchUp();
      // Tell repeats apart by sequence number: the same change made twice is two records.
      List<String> once = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String record : handled) {
        if (seen.add(record.substring(0, record.indexOf(' ')))) {
          once.add(record.substring(record.indexOf(' ') + 1));
        }
      }
      assertThat(once).isEqualTo(made);
      assertThat(handled.size() - made.size()).isBetween(0, crashes * BATCH);
    }
  }

  @Provide
  Arbitrary<List<Integer>> keys() {
    return Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(10);
  }

  private static StreamListener listener(Rig rig, CheckpointStore store, List<String> handled) {
    return StreamListener.builder(rig.dynakit)
        .table("orders")
        .checkpoints(store)
        .sleeper(rig::sleep)
        .batchSize(BATCH)
        .handler(
            events -> {
              for (StreamEvent event : events) {
                String id = event.keys().get("id").s();
                handled.add(
                    event.sequenceNumber()
                        + " "
                        + (event.eventName().equals("REMOVE")
                            ? "REMOVE " + id
                            : event.eventName() + " " + id + " " + event.newImage().get("v").n()));
              }
            })
        .build();
  }
}
