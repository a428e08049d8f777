package dev.switchboard.registry.connector;

import dev.switchboard.contracts.api.ListPage;
import dev.switchboard.registry.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/connectors")
class ConnectorController {

    static final String NAME = "[a-z0-9_-]{1,64}";
    static final String NAME_MESSAGE = "must be 1-64 lowercase letters, digits, '-' or '_'";

    private final ConnectorService connectors;

    ConnectorController(ConnectorService connectors) {
        this.connectors = connectors;
    }

    @GetMapping
    ListPage<ObjectNode> list(
            @RequestParam(required = false) @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @RequestParam(required = false) @Size(max = 100, message = "must be at most 100 characters")
                    @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String q,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return connectors.list(namespace, q, page, limit);
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(@RequestBody ConnectorDefinition connector) {
        var stored = connectors.create(connector, Caller.current());
        return ResponseEntity.created(URI.create("/api/v1/connectors/" + stored.ref())).body(stored.view());
    }

    @GetMapping("/{namespace}/{name}")
    ObjectNode get(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {
        return connectors.get(namespace, name).view();
    }

    @PutMapping("/{namespace}/{name}")
    ObjectNode replace(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestBody ConnectorDefinition connector) {
        return connectors.replace(namespace, name, connector, Caller.current()).view();
    }

    /** {@code ?version=} makes the delete conditional, like a PUT. */
    @DeleteMapping("/{namespace}/{name}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam(required = false) Long version) {
        connectors.delete(namespace, name, version, Caller.current());
        return ResponseEntity.noContent().build();
    }
}
