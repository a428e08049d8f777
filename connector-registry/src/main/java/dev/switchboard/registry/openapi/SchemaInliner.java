package dev.switchboard.registry.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inlines every local {@code $ref} ({@code #/components/...}, {@code #/definitions/...}, 3.1
 * {@code $defs}) by JSON pointer into the whole document, so stored operations stand alone. A
 * reference already being expanded further up is a cycle: it is cut into a described object
 * rather than recursing forever. OpenAPI 3.0 dialect ({@code nullable}, boolean
 * {@code exclusiveMinimum}) is rewritten as JSON Schema 2020-12 on the way.
 */
final class SchemaInliner {

    private static final int MAX_DEPTH = 32;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode document;
    private final List<String> warnings;
    private final Deque<String> expanding = new ArrayDeque<>();

    SchemaInliner(JsonNode document, List<String> warnings) {
        this.document = document;
        this.warnings = warnings;
    }

    /** A deep copy of {@code node} with every reference inlined. */
    JsonNode inline(JsonNode node) {
        return inline(node, 0);
    }

    /** Follows a reference to whatever it points at (parameter, request body, schema), unexpanded. */
    JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref") && hops < MAX_DEPTH; hops++) {
            current = target(current.get("$ref").asString());
        }
        return current;
    }

    private JsonNode inline(JsonNode node, int depth) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(inline(item, depth + 1)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.has("$ref") && node.get("$ref").isString()) {
            return expand(node, depth);
        }
        ObjectNode copy = NODES.objectNode();
        node.properties().forEach(e -> {
            if (!"$defs".equals(e.getKey())) {
                copy.set(e.getKey(), inline(e.getValue(), depth + 1));
            }
        });
        return toJsonSchema(copy);
    }

    private JsonNode expand(JsonNode node, int depth) {
        String ref = node.get("$ref").asString();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        if (expanding.contains(ref) || depth > MAX_DEPTH) {
            warnings.add("recursive reference to " + name + " was cut");
            return NODES.objectNode().put("type", "object").put("description", "recursive reference to " + name
                    + " (cut)");
        }
        JsonNode target = target(ref);
        if (target == null) {
            warnings.add("unresolved reference " + ref + " was replaced by an empty schema");
            return NODES.objectNode();
        }
        expanding.push(ref);
        try {
            JsonNode expanded = inline(target, depth + 1);
            // 3.1 allows siblings of $ref (e.g. a description); keep them over the target's.
            if (expanded instanceof ObjectNode object && node.size() > 1) {
                ObjectNode merged = object.deepCopy();
                node.properties().forEach(e -> {
                    if (!"$ref".equals(e.getKey())) {
                        merged.set(e.getKey(), inline(e.getValue(), depth + 1));
                    }
                });
                return merged;
            }
            return expanded;
        } finally {
            expanding.pop();
        }
    }

    private JsonNode target(String ref) {
        if (!ref.startsWith("#")) {
            return null;
        }
        JsonNode target = document.at(ref.substring(1).replace("%7B", "{").replace("%7D", "}"));
        return target.isMissingNode() ? null : target;
    }

    private static ObjectNode toJsonSchema(ObjectNode schema) {
        JsonNode nullable = schema.get("nullable");
        if (nullable == null || !nullable.isBoolean()) {
            nullable = null;
        } else {
            schema.remove("nullable");
        }
        if (nullable != null && nullable.asBoolean() && schema.get("type") != null && schema.get("type").isString()) {
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asString()).add("null");
            schema.set("type", types);
        }
        exclusive(schema, "exclusiveMinimum", "minimum");
        exclusive(schema, "exclusiveMaximum", "maximum");
        return schema;
    }

    private static void exclusive(ObjectNode schema, String exclusive, String bound) {
        JsonNode flag = schema.get(exclusive);
        if (flag != null && flag.isBoolean()) {
            schema.remove(exclusive);
            if (flag.asBoolean() && schema.has(bound)) {
                schema.set(exclusive, schema.remove(bound));
            }
        }
    }
}
