package dev.dynakit.expression.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Keeps the recorded corpus honest: every case still does on DynamoDB Local what it records. */
class ReferenceCasesOnDynamoDbLocalTest {
  private static final List<ReferenceCase> CASES = ReferenceCase.loadAll();

  @Test
  void theCorpusIsThere() {
    assertThat(CASES).hasSizeGreaterThan(250);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseDoesOnDynamoDbLocalWhatItRecords() {
    DynamoDbLocalRunner runner = new DynamoDbLocalRunner();
    return CASES.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.displayName(),
                    () -> {
                      assertThat(c.expect()).as("expect of %s", c.displayName()).isNotNull();
                      assertThat(runner.run(c)).as(c.toJson()).isEqualTo(c.expect());
                    }));
  }
}
