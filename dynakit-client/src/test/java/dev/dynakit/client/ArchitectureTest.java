package dev.dynakit.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md's arrows for the adapter: it works against any endpoint, so it never depends on the
 * engine, the server or anything built on the adapter; the engine reaches it only through the
 * {@code embedded:} provider lookup.
 */
@AnalyzeClasses(
    packages = "dev.dynakit.client",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule neverDependsOnTheEngine =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.engine..",
              "dev.dynakit.server..",
              "dev.dynakit.streams..",
              "dev.dynakit.testkit..",
              "dev.dynakit.cli..",
              "dev.dynakit.bench..");

  @ArchTest
  static final ArchRule errorsDependOnNothingElseOfTheAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client.errors..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.client.policy..",
              "dev.dynakit.client.verbs..",
              "dev.dynakit.client.observability..",
              "dev.dynakit.client.replay..",
              "dev.dynakit.client.config..");

  @ArchTest
  static final ArchRule mappingDependsOnNothingElseOfTheAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client.mapping..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.client",
              "dev.dynakit.client.batch..",
              "dev.dynakit.client.config..",
              "dev.dynakit.client.credentials..",
              "dev.dynakit.client.document..",
              "dev.dynakit.client.errors..",
              "dev.dynakit.client.expressions..",
              "dev.dynakit.client.observability..",
              "dev.dynakit.client.patterns..",
              "dev.dynakit.client.policy..",
              "dev.dynakit.client.replay..",
              "dev.dynakit.client.resilience..",
              "dev.dynakit.client.table..",
              "dev.dynakit.client.verbs..");

  @ArchTest
  static final ArchRule expressionBuildersDependOnNothingElseOfTheAdapter =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client.expressions..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.client",
              "dev.dynakit.client.batch..",
              "dev.dynakit.client.document..",
              "dev.dynakit.client.errors..",
              "dev.dynakit.client.mapping..",
              "dev.dynakit.client.patterns..",
              "dev.dynakit.client.policy..",
              "dev.dynakit.client.table..",
              "dev.dynakit.client.verbs..",
              "dev.dynakit.client.observability..",
              "dev.dynakit.client.replay..",
              "dev.dynakit.client.config..");

  @ArchTest
  static final ArchRule batchHelpersUseOnlyTheBuildersAndTheErrors =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client.batch..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.client",
              "dev.dynakit.client.document..",
              "dev.dynakit.client.mapping..",
              "dev.dynakit.client.patterns..",
              "dev.dynakit.client.table..",
              "dev.dynakit.client.policy..",
              "dev.dynakit.client.verbs..",
              "dev.dynakit.client.observability..",
              "dev.dynakit.client.replay..",
              "dev.dynakit.client.config..");

  @ArchTest
  static final ArchRule typedTablesNeverReachForThePatternsOrDocuments =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.client.table..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.dynakit.client.patterns..", "dev.dynakit.client.document..");
}
