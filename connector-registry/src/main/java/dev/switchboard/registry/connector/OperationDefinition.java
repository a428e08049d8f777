package dev.switchboard.registry.connector;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One typed operation of a connector. {@code parameters} is a JSON Schema object whose properties
 * each say where they go ({@code in}: path, query, header or body); {@code requestBody}, when
 * given, is a JSON template of the body ({@code <<param>>} placeholders), for APIs whose body is
 * not a flat object of the body parameters.
 */
public record OperationDefinition(
        String name,
        String description,
        String method,
        String path,
        ObjectNode parameters,
        JsonNode requestBody,
        JsonNode responseSchema) {
}
