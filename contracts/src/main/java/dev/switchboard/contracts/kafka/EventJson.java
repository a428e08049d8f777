package dev.switchboard.contracts.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.switchboard.contracts.event.SwitchboardEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events to and from JSON, checked against their JSON Schema both ways: nothing invalid is
 * published, and nothing invalid is handed to a consumer. Schemas are compiled once.
 */
public final class EventJson {

    private static final Set<String> TYPES = Stream.of(SwitchboardEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(Collectors.toUnmodifiableSet());

    private final JsonMapper mapper;
    private final Map<String, Schema> schemas;

    public EventJson() {
        this.mapper = JsonMapper.builder()
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schemas = TYPES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                type -> load(registry, type)));
    }

    /** The schema resource of an event type, e.g. {@code schemas/RunRequested.schema.json}. */
    public static String schemaPath(String type) {
        return "schemas/" + type + ".schema.json";
    }

    public byte[] toJson(SwitchboardEvent event) {
        JsonNode tree = mapper.valueToTree(event);
        validate(event.getClass().getSimpleName(), tree);
        return mapper.writeValueAsBytes(tree);
    }

    public SwitchboardEvent fromJson(byte[] json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidEventException("event", List.of("not JSON: " + e.getOriginalMessage()));
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isString() || !TYPES.contains(type.asString())) {
            throw new InvalidEventException("event", List.of("/type: must be one of " + TYPES.stream().sorted()
                    .collect(Collectors.joining(", "))));
        }
        validate(type.asString(), tree);
        return mapper.treeToValue(tree, SwitchboardEvent.class);
    }

    private void validate(String type, JsonNode tree) {
        List<String> violations = schemas.get(type)
                .validate(tree, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type, violations);
        }
    }

    private static Schema load(SchemaRegistry registry, String type) {
        String path = schemaPath(type);
        try (InputStream in = EventJson.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no JSON Schema for " + type + " at " + path);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
