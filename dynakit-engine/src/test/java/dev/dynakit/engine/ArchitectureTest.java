package dev.dynakit.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * DESIGN.md's arrows for the engine: it builds on the expression module and on nothing above it;
 * its internals are reached only through {@code DynakitEngine}; storage knows nothing of requests.
 */
@AnalyzeClasses(packages = "dev.dynakit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNothingAbove =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.server..",
              "dev.dynakit.client..",
              "dev.dynakit.streams..",
              "dev.dynakit.testkit..",
              "dev.dynakit.cli..",
              "dev.dynakit.bench..");

  @ArchTest
  static final ArchRule internalsOnlyThroughTheEngine =
      classes()
          .that()
          .resideInAPackage("dev.dynakit.engine.internal..")
          .should()
          .onlyBeAccessed()
          .byClassesThat()
          .resideInAnyPackage("dev.dynakit.engine", "dev.dynakit.engine.internal..");

  @ArchTest
  static final ArchRule storageKnowsNoRequests =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.engine.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.dynakit.engine.internal..", "dev.dynakit.engine");
}
