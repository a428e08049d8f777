package dev.switchboard.orchestrator.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Validates values against a tool's inputSchema or outputSchema (JSON Schema 2020-12, as the
 * registry checked them on save). Compiled schemas are kept by their text, so a tool's schema is
 * compiled once, not per run.
 */
@Component
public class SchemaViolations {

    private static final int MAX_CACHED = 1024;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final Map<JsonNode, Schema> byNode = Collections.synchronizedMap(new IdentityHashMap<>());

    /** Each violation as {@code {field, message}}, the field a JSON pointer under {@code root}. */
    public List<Violation> of(JsonNode schema, JsonNode value, String root) {
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            return List.of();
        }
        // the registry view hands out the same node until the tool or connector changes: found by
        // identity, a schema checked for every step item costs no serialisation of its text
        Schema compiledSchema = byNode.get(schema);
        if (compiledSchema == null) {
            if (compiled.size() > MAX_CACHED) {
                compiled.clear();
            }
            compiledSchema = compiled.computeIfAbsent(schema.toString(), text -> registry.getSchema(schema));
            synchronized (byNode) {
                if (byNode.size() > MAX_CACHED) {
                    byNode.clear();
                }
                byNode.put(schema, compiledSchema);
            }
        }
        return compiledSchema.validate(value).stream()
                .map(error -> new Violation(field(root, error.getInstanceLocation().toString()), error.getMessage()))
                .distinct()
                .toList();
    }

    /** {@code $.team} under {@code inputs} → {@code inputs.team}. */
    private static String field(String root, String location) {
        String path = location.startsWith("$") ? location.substring(1) : location;
        if (path.startsWith("/")) {
            path = path.replace('/', '.');
        }
        return path.isEmpty() ? root : root + (path.startsWith(".") || path.startsWith("[") ? "" : ".") + path;
    }

    public record Violation(String field, String message) {
    }
}
