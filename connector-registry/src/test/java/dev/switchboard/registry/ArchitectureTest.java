package dev.switchboard.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** Services share only contracts and expressions; controllers go through a service class. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.registry");

    @Test
    void dependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.secrets..", "dev.switchboard.orchestrator..", "dev.switchboard.executor..", "dev.switchboard.gateway..", "dev.switchboard.standalone..")
                .because("services talk over Kafka and HTTP and share only contracts and expressions")
                .check(CLASSES);
    }

    @Test
    void controllersDoNotTouchRepositories() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo("org.springframework.data.repository.Repository")
                .because("controllers go through the feature's service class")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
