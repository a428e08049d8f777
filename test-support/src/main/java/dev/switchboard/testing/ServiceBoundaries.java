package dev.switchboard.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The architecture rules every service's own ArchitectureTest checks: no service depends on
 * another's code (they share only contracts and expressions), and controllers reach stores
 * only through their feature's service class.
 */
public final class ServiceBoundaries {

    private static final List<String> DEPLOYABLES = List.of("registry", "secrets", "orchestrator", "executor",
            "gateway", "standalone");

    private ServiceBoundaries() {
    }

    /** @param service the last segment of the service's root package, e.g. {@code registry} */
    public static void check(String service) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard." + service);
        String[] others = DEPLOYABLES.stream().filter(name -> !name.equals(service))
                .map(name -> "dev.switchboard." + name + "..").toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services talk over Kafka and HTTP and share only contracts and expressions")
                .check(classes);
        noClasses().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .should().dependOnClassesThat().areAssignableTo("org.springframework.data.repository.Repository")
                .because("controllers go through the feature's service class")
                .allowEmptyShould(true)
                .check(classes);
    }
}
