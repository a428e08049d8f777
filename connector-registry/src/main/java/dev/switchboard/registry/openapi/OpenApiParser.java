package dev.switchboard.registry.openapi;

import dev.switchboard.registry.connector.OperationDefinition;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML) into connector operations with
 * swagger-parser, which also converts 2.0 to 3.0. The parsed model is then walked as a JSON tree,
 * so references are inlined by one rule for every version ({@link SchemaInliner}).
 */
@Component
public class OpenApiParser {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Far more than a real document has; swagger-parser itself expands aliases without limit. */
    private static final long MAX_EXPANDED_NODES = 1_000_000;

    private final JsonMapper json = JsonMapper.builder().build();
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    public ParsedSpec parse(String specText) {
        requireVersionField(specText);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result;
        try {
            result = new OpenAPIParser().readContents(specText, null, options);
        } catch (RuntimeException e) {
            // swagger-parser's own failures (a NullPointerException on `info: [...]`, found by
            // PublicApiFuzzIT) name its classes: say what to check instead
            throw new SpecParseException(List.of("swagger-parser could not read this document: a part of it does"
                    + " not have the type OpenAPI requires (an object where a list is, or the reverse)"));
        }
        OpenAPI api = result == null ? null : result.getOpenAPI();
        List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
        if (api == null || api.getOpenapi() == null || (api.getInfo() == null && api.getPaths() == null)) {
            throw new SpecParseException(messages.isEmpty()
                    ? List.of("no 'openapi' or 'swagger' version field: this is not an OpenAPI document") : messages);
        }
        String text = api.getSpecVersion() == SpecVersion.V31
                ? Json31.pretty(api) : Json.pretty(api);
        JsonNode document = json.readTree(text);
        List<String> warnings = new ArrayList<>(messages);
        SchemaInliner inliner = new SchemaInliner(document, warnings);
        List<OperationDefinition> operations = operations(document, inliner, warnings);
        var suggested = new ParsedSpec.Suggested(ServerUrls.baseUrl(document, warnings),
                SecuritySchemes.suggestedAuth(document, warnings));
        return new ParsedSpec(operations, suggested, warnings.stream().distinct().toList());
    }

    /** swagger-parser guesses on documents that name no version; we refuse them with a clear reason. */
    private void requireVersionField(String specText) {
        refuseAliasBombs(specText);
        JsonNode root;
        try {
            root = yaml.readTree(specText);
        } catch (JacksonException e) {
            // where, not Jackson's own words: those name its classes ("bound as tools.jackson...")
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new SpecParseException(List.of("not one well-formed JSON or YAML document" + where));
        }
        if (root == null || !root.isObject() || (!root.has("openapi") && !root.has("swagger"))) {
            throw new SpecParseException(List.of("no 'openapi' or 'swagger' version field at the top level:"
                    + " this is not an OpenAPI 3.x or Swagger 2.0 document"));
        }
    }

    /**
     * A 1 KB "billion laughs" document (aliases of aliases) held a request thread for 20 s while
     * swagger-parser expanded it (found by PublicApiFuzzIT): count the nodes it would expand to,
     * from the parser's events, before swagger-parser sees it.
     */
    private static void refuseAliasBombs(String specText) {
        if (specText.indexOf('*') < 0) {
            return;
        }
        Map<String, Long> anchored = new HashMap<>();
        Deque<long[]> open = new ArrayDeque<>();
        Deque<String> anchors = new ArrayDeque<>();
        long total = 0;
        try {
            for (Event event : new Parse(LoadSettings.builder().build()).parseString(specText)) {
                long size = -1;
                if (event instanceof CollectionStartEvent start) {
                    open.push(new long[] {1});
                    anchors.push(start.getAnchor().map(Anchor::getValue).orElse(""));
                } else if (event instanceof CollectionEndEvent && !open.isEmpty()) {
                    size = open.pop()[0];
                    String anchor = anchors.pop();
                    if (!anchor.isEmpty()) {
                        anchored.put(anchor, size);
                    }
                } else if (event instanceof ScalarEvent scalar) {
                    size = 1;
                    scalar.getAnchor().ifPresent(anchor -> anchored.put(anchor.getValue(), 1L));
                } else if (event instanceof AliasEvent alias) {
                    size = anchored.getOrDefault(alias.getAlias().getValue(), 1L);
                }
                if (size > 0) {
                    total += size;
                    if (!open.isEmpty()) {
                        open.peek()[0] += size;
                    }
                }
                if (total > MAX_EXPANDED_NODES) {
                    throw new SpecParseException(List.of("its YAML aliases (*name) expand to more than "
                            + MAX_EXPANDED_NODES + " nodes"));
                }
            }
        } catch (YamlEngineException notYaml) {
            // not well-formed YAML: the parse that follows says so
        }
    }

    private List<OperationDefinition> operations(JsonNode document, SchemaInliner inliner, List<String> warnings) {
        OperationNamer namer = new OperationNamer();
        List<OperationDefinition> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            JsonNode item = inliner.deref(path.getValue());
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation != null && operation.isObject()) {
                    operations.add(operation(path.getKey(), method, item, operation, namer, inliner, warnings));
                }
            }
        });
        return operations;
    }

    private OperationDefinition operation(String path, String method, JsonNode item, JsonNode operation,
            OperationNamer namer, SchemaInliner inliner, List<String> warnings) {
        String verb = method.toUpperCase(Locale.ROOT);
        String name = namer.name(operation.path("operationId").asString(null), method, path);
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        for (JsonNode parameter : parameters(item, operation, inliner)) {
            addParameter(parameter, properties, required, inliner, verb + " " + path, warnings);
        }
        addBody(inliner.deref(operation.get("requestBody")), properties, required, inliner);
        ObjectNode parameters = NODES.objectNode().put("type", "object");
        parameters.set("properties", properties);
        if (!required.isEmpty()) {
            parameters.set("required", required);
        }
        String description = firstText(operation, "summary", "description");
        return new OperationDefinition(name, description, verb, path, parameters, null,
                responseSchema(operation, inliner));
    }

    /** Path-level parameters, overridden by operation-level ones with the same name and place. */
    private static List<JsonNode> parameters(JsonNode item, JsonNode operation, SchemaInliner inliner) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode source : List.of(item.path("parameters"), operation.path("parameters"))) {
            source.forEach(p -> {
                JsonNode parameter = inliner.deref(p);
                if (parameter != null) {
                    byKey.put(parameter.path("in").asString("") + ":" + parameter.path("name").asString(""), parameter);
                }
            });
        }
        return List.copyOf(byKey.values());
    }

    private static void addParameter(JsonNode parameter, ObjectNode properties, ArrayNode required,
            SchemaInliner inliner, String where, List<String> warnings) {
        String name = parameter.path("name").asString("");
        String in = parameter.path("in").asString("query");
        if (name.isEmpty()) {
            return;
        }
        if ("cookie".equals(in)) {
            warnings.add(where + ": cookie parameter '" + name + "' is sent as a header");
            in = "header";
        }
        JsonNode schema = parameter.get("schema");
        if (schema == null && parameter.path("content").isObject()) {
            schema = firstMediaSchema(parameter.get("content"));
        }
        ObjectNode property = schema == null ? NODES.objectNode().put("type", "string")
                : (ObjectNode) inliner.inline(schema);
        if (!property.has("description") && parameter.has("description")) {
            property.set("description", parameter.get("description"));
        }
        property.put("in", in);
        properties.set(name, property);
        if ("path".equals(in) || parameter.path("required").asBoolean(false)) {
            required.add(name);
        }
    }

    /**
     * An object body with properties becomes one {@code in: body} parameter per property; any
     * other body, or one whose property names clash with other parameters, becomes a single
     * {@code body} parameter marked {@code x-whole-body}.
     */
    private static void addBody(JsonNode requestBody, ObjectNode properties, ArrayNode required,
            SchemaInliner inliner) {
        if (requestBody == null || !requestBody.path("content").isObject()) {
            return;
        }
        JsonNode raw = firstMediaSchema(requestBody.get("content"));
        if (raw == null) {
            return;
        }
        JsonNode schema = inliner.inline(raw);
        JsonNode bodyProperties = schema.path("properties");
        boolean flat = bodyProperties.isObject() && !bodyProperties.isEmpty()
                && bodyProperties.propertyNames().stream().noneMatch(properties::has);
        if (flat) {
            bodyProperties.properties().forEach(e -> {
                ObjectNode property = e.getValue().isObject() ? (ObjectNode) e.getValue().deepCopy()
                        : NODES.objectNode();
                properties.set(e.getKey(), property.put("in", "body"));
            });
            schema.path("required").forEach(r -> {
                if (bodyProperties.has(r.asString())) {
                    required.add(r.asString());
                }
            });
            return;
        }
        ObjectNode whole = schema.isObject() ? ((ObjectNode) schema).deepCopy() : NODES.objectNode();
        whole.put("in", "body").put("x-whole-body", true);
        properties.set("body", whole);
        if (requestBody.path("required").asBoolean(false)) {
            required.add("body");
        }
    }

    private static JsonNode responseSchema(JsonNode operation, SchemaInliner inliner) {
        JsonNode responses = operation.path("responses");
        for (String status : responses.propertyNames()) {
            if (status.startsWith("2")) {
                JsonNode response = inliner.deref(responses.get(status));
                JsonNode schema = response == null ? null : firstMediaSchema(response.path("content"));
                return schema == null ? null : inliner.inline(schema);
            }
        }
        return null;
    }

    /** application/json, else any +json type, else the first media type with a schema. */
    private static JsonNode firstMediaSchema(JsonNode content) {
        if (content == null || !content.isObject()) {
            return null;
        }
        JsonNode fallback = null;
        for (String type : content.propertyNames()) {
            JsonNode schema = content.get(type).get("schema");
            if (schema == null) {
                continue;
            }
            if (type.startsWith("application/json")) {
                return schema;
            }
            if (type.contains("+json") || fallback == null) {
                fallback = type.contains("+json") ? schema : (fallback == null ? schema : fallback);
            }
        }
        return fallback;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = node.path(field).asString("");
            if (!text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }
}
