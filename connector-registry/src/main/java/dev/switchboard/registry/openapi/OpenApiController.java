package dev.switchboard.registry.openapi;

import dev.switchboard.registry.security.Caller;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Previews and imports OpenAPI specs. Bodies are sniffed: curl sends YAML under all sorts of types. */
@RestController
class OpenApiController {

    private static final String NAME = "[a-z0-9_-]{1,64}";
    private static final String NAME_MESSAGE = "must be 1-64 lowercase letters, digits, '-' or '_'";

    private final OpenApiImporter importer;
    private final JsonMapper json;

    OpenApiController(OpenApiImporter importer, JsonMapper json) {
        this.importer = importer;
        this.json = json;
    }

    /** The operations, suggested base URL and auth a spec would give, without saving anything. */
    @PostMapping(path = "/api/v1/connectors/parse-openapi", consumes = {"application/json", "application/yaml",
        "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", "application/x-www-form-urlencoded"})
    ParsedSpec parse(@RequestBody String body) {
        return importer.parse(SpecRequest.read(body, json));
    }

    @PostMapping(path = "/api/v1/connectors/{namespace}/{name}/import-openapi", consumes = {"application/json",
        "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain",
        "application/x-www-form-urlencoded"})
    OpenApiImporter.ImportResult importSpec(
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String namespace,
            @PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestBody String body) {
        return importer.importInto(namespace, name, SpecRequest.read(body, json), Caller.current());
    }
}
