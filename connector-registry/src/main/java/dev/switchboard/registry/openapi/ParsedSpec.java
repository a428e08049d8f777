package dev.switchboard.registry.openapi;

import dev.switchboard.registry.connector.OperationDefinition;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an OpenAPI document yields for a connector: its operations, a suggested base URL and auth
 * block (either may be null), and what was lossy or unsupported on the way.
 */
public record ParsedSpec(List<OperationDefinition> operations, Suggested suggested, List<String> warnings) {

    public record Suggested(String baseUrl, ObjectNode auth) {
    }
}
