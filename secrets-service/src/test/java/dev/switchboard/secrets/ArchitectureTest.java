package dev.switchboard.secrets;

import dev.switchboard.testing.ServiceBoundaries;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void sharesNoCodeWithOtherServicesAndControllersGoThroughServices() {
        ServiceBoundaries.check("secrets");
    }
}
