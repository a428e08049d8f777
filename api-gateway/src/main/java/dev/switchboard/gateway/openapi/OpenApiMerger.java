package dev.switchboard.gateway.openapi;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into the gateway's one: their paths (already the
 * public ones, docs/adr/003), component schemas and tags, behind a bearer-JWT scheme.
 */
final class OpenApiMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenApiMerger() {
    }

    /** @param documents service name → its document; {@code unavailable} lists the ones that did not answer */
    static ObjectNode merge(Map<String, JsonNode> documents, List<String> unavailable, String version) {
        ObjectNode merged = NODES.objectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Switchboard API");
        info.put("version", version);
        info.put("description", "Connectors, tools, runs and secrets. Every /api/v1 call needs "
                + "'Authorization: Bearer <JWT>' (./switchboard token mints one for the standalone).");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        ArrayNode tags = NODES.arrayNode();
        documents.forEach((service, document) -> {
            copyFields(document.path("paths"), paths);
            copyFields(document.path("components").path("schemas"), schemas);
            document.path("tags").forEach(tags::add);
        });
        ObjectNode components = merged.putObject("components");
        components.set("schemas", schemas);
        ObjectNode bearer = components.putObject("securitySchemes").putObject("bearerJwt");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        merged.putArray("security").addObject().putArray("bearerJwt");
        if (!tags.isEmpty()) {
            merged.set("tags", tags);
        }
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    private static void copyFields(JsonNode from, ObjectNode to) {
        if (from instanceof ObjectNode object) {
            object.properties().forEach(entry -> to.set(entry.getKey(), entry.getValue()));
        }
    }
}
