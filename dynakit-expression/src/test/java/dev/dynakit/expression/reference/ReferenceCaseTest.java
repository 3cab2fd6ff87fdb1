package dev.dynakit.expression.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceCaseTest {
  @Test
  void everyCaseSurvivesWritingAndReadingBack() {
    for (ReferenceCase c : ReferenceCase.loadAll()) {
      ReferenceCase back = ReferenceCase.parse(c.file(), c.line(), c.toJson());
      assertThat(back).as(c.displayName()).isEqualTo(c);
    }
  }

  @Test
  void tellsAbsentMapsFromEmptyOnes() {
    ReferenceCase absent =
        ReferenceCase.parse("f", 1, "{\"name\": \"n\", \"op\": \"Scan\", \"filter\": \"a = b\"}");
    ReferenceCase empty =
        ReferenceCase.parse(
            "f", 1, "{\"name\": \"n\", \"op\": \"Scan\", \"names\": {}, \"values\": {}}");
    assertThat(absent.names()).isNull();
    assertThat(absent.values()).isNull();
    assertThat(absent.table()).isEqualTo(DynamoDbLocal.HASH_TABLE);
    assertThat(empty.names()).isEqualTo(Map.of());
    assertThat(empty.values()).isEqualTo(Map.of());
  }

  @Test
  void readsEveryKindOfExpect() {
    String start = "{\"name\": \"n\", \"op\": \"GetItem\", \"key\": {\"pk\": {\"S\": \"k\"}}, ";
    assertThat(ReferenceCase.parse("f", 1, start + "\"expect\": {\"error\": \"m\"}}").expect())
        .isEqualTo(Outcome.Error.validation("m"));
    assertThat(
            ReferenceCase.parse(
                    "f", 1, start + "\"expect\": {\"error\": \"m\", \"errorType\": \"T\"}}")
                .expect())
        .isEqualTo(new Outcome.Error("T", "m"));
    assertThat(ReferenceCase.parse("f", 1, start + "\"expect\": {\"item\": null}}").expect())
        .isEqualTo(new Outcome.Item(null));
    assertThat(
            ReferenceCase.parse("f", 1, start + "\"expect\": {\"conditionFailed\": true}}")
                .expect())
        .isEqualTo(new Outcome.ConditionFailed());
  }

  @Test
  void rejectsMistakes() {
    assertThatThrownBy(
            () ->
                ReferenceCase.parse(
                    "f", 3, "{\"name\": \"n\", \"op\": \"Scan\", \"filtre\": \"\"}"))
        .hasMessageContaining("f:3: unknown field filtre");
    assertThatThrownBy(() -> ReferenceCase.parse("f", 1, "{\"name\": \"n\", \"op\": \"Get\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ReferenceCase.parse(
                    "f", 1, "{\"name\": \"n\", \"op\": \"Scan\", \"table\": \"t\"}"))
        .hasMessageContaining("unknown table");
    assertThatThrownBy(
            () ->
                new DynamoDbLocalRunner()
                    .run(
                        ReferenceCase.parse(
                            "f",
                            1,
                            "{\"name\": \"n\", \"op\": \"Scan\", \"update\": \"SET a = b\"}")))
        .hasMessageContaining("Scan has no parameter for update");
  }
}
