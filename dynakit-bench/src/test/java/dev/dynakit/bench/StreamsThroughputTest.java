package dev.dynakit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynakit.engine.DynakitEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Smoke test: a tiny run reports every row and a reader that read; no numbers are checked. */
class StreamsThroughputTest {
  @Test
  void tinyRunReportsEveryThreadCountAndTheReader() {
    StreamsThroughput.Config tiny = new StreamsThroughput.Config(20, 2, 20, List.of(1, 2), 300);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    String report =
        StreamsThroughput.run(tiny, new PrintStream(progress, true, StandardCharsets.UTF_8));

    for (int threads : new int[] {1, 2}) {
      assertThat(report)
          .containsPattern(
              "\\| " + threads + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+× \\| -?[0-9]+% \\|");
    }
    assertThat(report).contains("## Streams: write cost and read rate (`StreamsThroughput`)");
    assertThat(report)
        .containsPattern(
            "\\| [0-9,]+ \\| [1-9][0-9,]* \\| [0-9,]+ \\| [0-9,]+ \\| [0-9]+ \\| [0-9]+ \\|");
  }

  @Test
  void theFollowerMovesToTheChildOfAClosedShard() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Instant[] now = {start};
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now[0];
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    try (DynakitEngine engine = DynakitEngine.builder().clock(clock).build()) {
      DynamoDbClient client = engine.client();
      StreamsThroughput.createStreamed(client, "streamed");
      String arn = client.describeTable(b -> b.tableName("streamed")).table().latestStreamArn();
      StreamsThroughput.Follower follower =
          new StreamsThroughput.Follower(engine.streamsClient(), arn);
      for (long seq = 0; seq < 3; seq++) {
        StreamsThroughput.put(client, "streamed", 0, seq);
      }
      follower.poll();
      assertThat(follower.read()).isEqualTo(3);
      now[0] = start.plus(Duration.ofHours(4).minusMinutes(1));
      follower.poll();
      assertThat(follower.expired()).as("an iterator 15 minutes old is made again").isEqualTo(1);
      now[0] = start.plus(Duration.ofHours(4));
      StreamsThroughput.put(client, "streamed", 0, 3);
      StreamsThroughput.put(client, "streamed", 0, 4);
      follower.poll();
      follower.poll();
      assertThat(follower.read()).isEqualTo(5);
      assertThat(follower.shardsFollowed()).isEqualTo(1);
      now[0] = now[0].plus(Duration.ofMinutes(16));
      follower.poll();
      assertThat(follower.expired()).isEqualTo(2);
      StreamsThroughput.put(client, "streamed", 0, 5);
      follower.poll();
      assertThat(follower.read()).isEqualTo(6);
    }
  }

  @Test
  void theClockRunsFasterAndArgumentsAreChecked() {
    Instant origin = Instant.parse("2026-01-01T00:00:00Z");
    StreamsThroughput.FastClock clock = new StreamsThroughput.FastClock(origin, 1_000);
    assertThat(clock.instant()).isAfterOrEqualTo(origin);
    assertThat(clock.withZone(ZoneId.of("Europe/Paris")).getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(StreamsThroughput.Config.parse("--quick")).isEqualTo(StreamsThroughput.Config.QUICK);
    assertThat(StreamsThroughput.Config.parse()).isEqualTo(StreamsThroughput.Config.FULL);
    assertThatThrownBy(() -> StreamsThroughput.Config.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
