package dev.dynakit.client.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPrefixTest {
  private static final KeyPrefix ORDER = KeyPrefix.of("ORDER");

  @Test
  void keysAreThePrefixAndThePartsJoinedByTheSeparator() {
    assertThat(ORDER.key("2026-11-25", 17)).isEqualTo("ORDER#2026-11-25#17");
    assertThat(KeyPrefix.join("a", "b", 3)).isEqualTo("a#b#3");
    assertThat(ORDER.prefix()).isEqualTo("ORDER#");
    assertThat(ORDER).hasToString("ORDER#");
  }

  @Test
  void partsComeBackFromAKeyOfTheEntityOnly() {
    assertThat(ORDER.parts("ORDER#2026-11-25#17")).contains(List.of("2026-11-25", "17"));
    assertThat(ORDER.parts("USER#1")).isEmpty();
    assertThat(ORDER.matches("ORDERS#1")).isFalse();
    assertThat(ORDER.matches(null)).isFalse();
    assertThat(KeyPrefix.split("a##b")).containsExactly("a", "", "b");
  }

  @Test
  void sortKeyConditionsSelectTheEntity() {
    assertThat(ORDER.all()).hasToString("begins_with(sort key, ORDER#)");
    assertThat(ORDER.startingWith("2026-11")).hasToString("begins_with(sort key, ORDER#2026-11)");
  }

  @Test
  void ambiguousOrEmptyPartsAreRefused() {
    assertThatThrownBy(() -> ORDER.key("a#b"))
        .hasMessageContaining("part 0 contains the separator '#'");
    assertThatThrownBy(() -> KeyPrefix.of("")).hasMessage("entity prefix is empty");
    assertThatThrownBy(() -> ORDER.key()).hasMessageContaining("needs at least one part");
    assertThatThrownBy(() -> KeyPrefix.join()).hasMessageContaining("at least one part");
    assertThatThrownBy(() -> KeyPrefix.join("a", "")).hasMessage("part 1 is empty");
  }
}
