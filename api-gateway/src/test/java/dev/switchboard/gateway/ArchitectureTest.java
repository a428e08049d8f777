package dev.switchboard.gateway;

import dev.switchboard.testing.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void sharesNoCodeWithOtherServicesAndControllersGoThroughServices() {
        ServiceBoundaries.check("gateway");
    }
}
