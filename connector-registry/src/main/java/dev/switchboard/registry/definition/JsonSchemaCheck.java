package dev.switchboard.registry.definition;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Tells whether a JSON value is a usable JSON Schema (draft 2020-12): it must validate against
 * the meta-schema, bundled with the validator so nothing is fetched, and compile.
 */
@Component
public class JsonSchemaCheck {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));

    /** The problems with {@code schema}, each prefixed with the JSON pointer inside it; empty when usable. */
    public List<String> problems(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of("must be a JSON Schema object");
        }
        List<String> problems = metaSchema.validate(schema,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(error -> pointer(error.getInstanceLocation().toString()) + error.getMessage())
                .distinct()
                .toList();
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            registry.getSchema(schema);
            return List.of();
        } catch (RuntimeException e) {
            return List.of("is not a usable JSON Schema: " + e.getMessage());
        }
    }

    private static String pointer(String location) {
        return location.isEmpty() || location.equals("$") ? "" : location + ": ";
    }
}
