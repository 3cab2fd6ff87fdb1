package dev.dynakit.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps test classes that are meant to fail (run by {@link FixtureTest} through the engine test
 * kit) from running when a build or an IDE discovers them directly.
 */
final class RunByEngineTestKitOnly implements ExecutionCondition {
  static final String PARAMETER = "dynakit.testkit.failing-classes";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).isPresent()
        ? ConditionEvaluationResult.enabled("run by FixtureTest")
        : ConditionEvaluationResult.disabled("meant to fail; FixtureTest runs it");
  }
}
