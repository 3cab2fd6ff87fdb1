package dev.dynakit.client.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The policy and verbs code works against any endpoint: it never touches the engine. */
class PackageDependenciesTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.dynakit.client.policy", "dev.dynakit.client.verbs");

  @Test
  void policyAndVerbsDoNotDependOnTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.dynakit.client.policy..", "dev.dynakit.client.verbs..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.dynakit.engine..")
        .check(classes);
  }

  @Test
  void thePolicyDoesNotDependOnTheVerbs() {
    noClasses()
        .that()
        .resideInAPackage("dev.dynakit.client.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.dynakit.client.verbs..")
        .check(classes);
  }
}
