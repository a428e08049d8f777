package dev.switchboard.registry.connector;

import dev.switchboard.contracts.api.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/connectors")
class ConnectorController {

    private final ConnectorCatalog catalog;

    ConnectorController(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    ListPage<ConnectorSummary> list(
            @RequestParam(required = false) @Pattern(regexp = "[a-z0-9_-]{1,64}",
                    message = "must be 1-64 lowercase letters, digits, '-' or '_'") String namespace,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return catalog.list(namespace, page, limit);
    }
}
