package dev.switchboard.registry;

import dev.switchboard.testing.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void sharesNoCodeWithOtherServicesAndControllersGoThroughServices() {
        ServiceBoundaries.check("registry");
    }
}
