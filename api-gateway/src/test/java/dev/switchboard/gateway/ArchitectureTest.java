package dev.switchboard.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway knows services only by URL. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.gateway");

    @Test
    void dependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.registry..",
                        "dev.switchboard.secrets..", "dev.switchboard.orchestrator..", "dev.switchboard.executor..",
                        "dev.switchboard.standalone..")
                .because("the gateway routes by URL and shares no code with the services")
                .check(CLASSES);
    }
}
