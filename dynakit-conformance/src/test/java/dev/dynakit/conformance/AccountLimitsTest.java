package dev.dynakit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DescribeLimits on every target, as DynamoDB Local answers it. (The resource-policy, contributor
 * insights and endpoint operations, which DynamoDB Local does not serve, are compared with the API
 * reference in the engine's own tests.)
 */
class AccountLimitsTest {
  private static Comparison targets;

  @BeforeAll
  static void open() {
    targets = Comparison.open();
  }

  @AfterAll
  static void close() {
    targets.close();
  }

  @Test
  void describeLimitsAnswersAsOnDynamoDbLocal() {
    for (int i = 0; i <= ReopeningEngine.EVERY; i++) {
      assertThat(targets.check("describe limits, call " + i, c -> c.describeLimits(b -> {})))
          .asString()
          .contains("40000", "80000");
    }
  }
}
