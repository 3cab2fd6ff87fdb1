package dev.dynakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoTest {
  // Its time (under 10 s) is checked on the packaged jar, in CliJarIT.
  @Test
  void theDemoTellsItsStoryAndExitsZero() {
    // Whatever the environment names, the demo runs on a fresh in-memory engine.
    Run demo = Run.cli().environment(Map.of("DYNAKIT_ENDPOINT", "ftp://not-used")).run("demo");
    assertThat(demo.exitCode).as(demo.toString()).isZero();
    assertThat(demo.err).isEmpty();
    assertThat(demo.out)
        .contains("Music is ACTIVE, billed PAY_PER_REQUEST, index ByGenre")
        .contains(
            "{\"count\":2,\"items\":[{\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me"
                + " Today\",\"Year\":2021},{\"Artist\":\"The Acme Band\"")
        .contains(
            "ConditionalCheckException (CONDITION_FAILED): UpdateItem on table 'Music' failed:"
                + " ConditionalCheckFailedException: The conditional request failed")
        .contains("{\"ok\":true,\"results\":[{},{}]}")
        .contains("{\"ok\":false,\"results\":[{\"code\":\"ConditionalCheckFailed\"")
        .contains("Happy Day is at version 2")
        .contains("60 items in 3 requests: 20.0 items/request, 0 unprocessed")
        .contains("B is refused")
        .contains("68 changes {INSERT=66, MODIFY=2}; the last:")
        .contains(
            "MODIFY {\"Artist\":\"No One You Know\",\"SongTitle\":\"Call Me Today\"}, version 1 -> 2")
        .containsPattern("streams.subscribe \\(GetRecords\\) +2 / 0")
        .containsPattern("put \\(PutItem\\) +5 / 0")
        .containsPattern("update \\(UpdateItem\\) +1 / 2")
        .containsPattern("ConditionalCheckFailedException +2")
        .containsPattern("Music +\\d+\\.\\d")
        .containsPattern("GetItem +mean +\\d+\\.\\d\\d ms");
  }

  @Test
  void theDemoPrintsTheSameOnEveryRunApartFromLatencies() {
    assertThat(withoutLatencies(Run.cli().run("demo").out))
        .isEqualTo(withoutLatencies(Run.cli().run("demo").out));
  }

  private static String withoutLatencies(String out) {
    return out.lines().filter(line -> !line.contains(" ms")).collect(Collectors.joining("\n"));
  }
}
