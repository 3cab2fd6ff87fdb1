package dev.dynakit.expression;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows of DESIGN.md inside and around this module: it depends on no other dynakit module, its
 * syntax trees on nothing but themselves, its value semantics on nothing but the validation
 * exception, and its internals are reached only through its public package.
 */
@AnalyzeClasses(packages = "dev.dynakit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.expression..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.dynakit.engine..",
              "dev.dynakit.server..",
              "dev.dynakit.client..",
              "dev.dynakit.streams..",
              "dev.dynakit.testkit..",
              "dev.dynakit.cli..",
              "dev.dynakit.bench..");

  @ArchTest
  static final ArchRule syntaxTreesStandAlone =
      classes()
          .that()
          .resideInAPackage("dev.dynakit.expression.ast..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.dynakit.expression.ast..", "java..");

  @ArchTest
  static final ArchRule valueSemanticsStandAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.dynakit.expression.value..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.dynakit.expression.ast..", "dev.dynakit.expression.internal..");

  @ArchTest
  static final ArchRule internalsOnlyThroughThePublicPackage =
      classes()
          .that()
          .resideInAPackage("dev.dynakit.expression.internal..")
          .should()
          .onlyBeAccessed()
          .byClassesThat()
          .resideInAnyPackage("dev.dynakit.expression", "dev.dynakit.expression.internal..");
}
