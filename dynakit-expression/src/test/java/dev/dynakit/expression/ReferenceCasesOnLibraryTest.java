package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.reference.Outcome;
import dev.dynakit.expression.reference.ReferenceCase;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded reference case, run through this module: the outcome must be the one DynamoDB
 * Local gave (which {@code ReferenceCasesOnDynamoDbLocalTest} re-checks on every build). Scan order
 * depends on DynamoDB's hashing of keys, so scans compare as multisets.
 */
class ReferenceCasesOnLibraryTest {
  private final LibraryRunner runner = new LibraryRunner();

  @TestFactory
  Stream<DynamicTest> libraryGivesDynamoDbOutcome() {
    return ReferenceCase.loadAll().stream()
        .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> check(c)));
  }

  private void check(ReferenceCase c) {
    Outcome actual = runner.run(c);
    Outcome expected = c.expect();
    if (c.op() == ReferenceCase.Operation.Scan
        && actual instanceof Outcome.Items a
        && expected instanceof Outcome.Items e) {
      assertThat(sorted(a)).as(c.displayName()).isEqualTo(sorted(e));
    } else {
      assertThat(actual).as(c.displayName()).isEqualTo(expected);
    }
  }

  private static List<String> sorted(Outcome.Items items) {
    return items.items().stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
  }
}
