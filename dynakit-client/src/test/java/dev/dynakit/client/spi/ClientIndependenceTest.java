package dev.dynakit.client.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter reaches the engine only through the provider interface, never directly. */
class ClientIndependenceTest {
  @Test
  void theAdapterNeverDependsOnTheEngine() {
    JavaClasses adapter =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dynakit.client");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.dynakit.engine..", "dev.dynakit.embedded..")
        .check(adapter);
  }
}
