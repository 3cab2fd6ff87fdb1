package dev.dynakit.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynakit.expression.reference.Outcome;
import dev.dynakit.expression.reference.ReferenceCase;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every recorded reference case, run through this module: the outcome must be the one DynamoDB
 * Local gave (which {@code ReferenceCasesOnDynamoDbLocalTest} re-checks on every build), except
 * where dynakit deliberately follows the AWS documentation instead; those cases are listed here
 * with the outcome dynakit gives, and in docs/compatibility.md. Scan order depends on DynamoDB's
 * hashing of keys, so scans compare as multisets.
 */
class ReferenceCasesOnLibraryTest {
  /** Case display name to dynakit's outcome, where it differs from DynamoDB Local's. */
  private static final Map<String, Outcome> DELIBERATE_DIFFERENCES =
      Map.of(
          // SIZE is a documented reserved word; DynamoDB Local accepts it bare.
          "validation-condition.jsonl: reserved word size",
          Outcome.Error.validation(
              "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword:"
                  + " size"),
          "validation-update.jsonl: SET reserved word",
          Outcome.Error.validation(
              "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword:"
                  + " size"),
          // Numbers are stored trimmed, as documented; DynamoDB Local keeps an update's 0.00.
          "semantics.jsonl: number arithmetic to zero",
          new Outcome.Item(
              Map.of("pk", AttributeValue.fromS("k"), "a", AttributeValue.fromN("0"))));

  private final LibraryRunner runner = new LibraryRunner();

  @TestFactory
  Stream<DynamicTest> libraryGivesDynamoDbOutcome() {
    return ReferenceCase.loadAll().stream()
        .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> check(c)));
  }

  private void check(ReferenceCase c) {
    Outcome actual = runner.run(c);
    Outcome expected = DELIBERATE_DIFFERENCES.getOrDefault(c.displayName(), c.expect());
    if (c.op() == ReferenceCase.Operation.Scan
        && actual instanceof Outcome.Items a
        && expected instanceof Outcome.Items e) {
      assertThat(sorted(a)).as(c.displayName()).isEqualTo(sorted(e));
    } else {
      assertThat(actual).as(c.displayName()).isEqualTo(expected);
    }
  }

  @Test
  void everyListedDifferenceIsACaseOfTheCorpus() {
    var names = ReferenceCase.loadAll().stream().map(ReferenceCase::displayName).toList();
    assertThat(names).containsAll(DELIBERATE_DIFFERENCES.keySet());
  }

  private static List<String> sorted(Outcome.Items items) {
    return items.items().stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
  }
}
