package dev.dynakit.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsIsoUnitsAndBareSeconds() {
    assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("5 S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void refusesWhatIsNotAPositiveDuration() {
    assertThat(Durations.parse("")).isNull();
    assertThat(Durations.parse("5 days")).isNull();
    assertThat(Durations.parse("-5s")).isNull();
    assertThat(Durations.parse("0")).isNull();
    assertThat(Durations.parse("PT-1S")).isNull();
    assertThat(Durations.parse("P1X")).isNull();
    assertThat(Durations.parse("0.1ms")).isNull();
  }

  @Property
  void everyFormReadsBackTheSameDuration(
      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long millis) {
    Duration duration = Duration.ofMillis(millis);
    assertThat(Durations.parse(duration.toString())).isEqualTo(duration);
    assertThat(Durations.parse(millis + "ms")).isEqualTo(duration);
    assertThat(Durations.parse(BigDecimal.valueOf(millis, 3).toPlainString())).isEqualTo(duration);
  }
}
