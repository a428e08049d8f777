package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.expressions.TemplateRenderer;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a step and its sourceData into the request an executor makes (ARCHITECTURE §5): a
 * connector operation's parameters are rendered and placed where the operation declares them
 * ({@code in}: path, query, header, body); a raw request renders its method, path, query, headers
 * and body; a raw {@code url} needs no connector. {@code {{secret:…}}} is left in place for the
 * executor, and so are the pagination placeholders of a step with {@code pagination}.
 */
@Component
class RequestRenderer {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final List<String> PAGE_PLACEHOLDERS = List.of("offset", "page", "cursor", "limit");

    private final RegistryView registry;
    private final TemplateRenderer templates;
    private final SchemaViolations schemas;

    RequestRenderer(RegistryView registry, TemplateRenderer templates, SchemaViolations schemas) {
        this.registry = registry;
        this.templates = templates;
        this.schemas = schemas;
    }

    StepRequest render(JsonNode step, JsonNode stepSourceData) {
        String connectorRef = text(step, "connector");
        JsonNode connector = connectorRef == null ? null : connector(connectorRef);
        StepKind kind = kind(connector);
        JsonNode pagination = nullIfMissing(step.path("pagination"));
        JsonNode sourceData = pagination == null ? stepSourceData : withPagePlaceholders(stepSourceData);
        String operationName = text(step, "operation");
        if (operationName != null) {
            return operation(step, connectorRef, connector, kind, operationName, sourceData, pagination);
        }
        String method = text(step, "method") == null ? "GET" : text(step, "method").toUpperCase(Locale.ROOT);
        String path = renderText(step.get("path"), sourceData);
        String url = renderText(step.get("url"), sourceData);
        if (url == null && connector == null) {
            throw new StepPlanningException("INVALID_STEP", "the step has neither a connector nor a url");
        }
        refuseQueryTemplates(kind, step.get("body"), connector, "the step's body");
        return new StepRequest(kind, connectorRef, null, method, url, path,
                textMap(step.get("headers"), sourceData), textMap(step.get("queryParams"), sourceData),
                step.has("body") ? templates.render(step.get("body"), sourceData) : null, pagination,
                nullIfMissing(connector == null ? null : connector.path("retry")));
    }

    private StepRequest operation(JsonNode step, String connectorRef, JsonNode connector, StepKind kind,
            String operationName, JsonNode sourceData, JsonNode pagination) {
        if (connector == null) {
            throw new StepPlanningException("INVALID_STEP", "operation '" + operationName + "' needs a connector");
        }
        JsonNode operation = null;
        for (JsonNode candidate : connector.path("operations")) {
            if (operationName.equals(candidate.path("name").asString(null))) {
                operation = candidate;
            }
        }
        if (operation == null) {
            throw new StepPlanningException("OPERATION_NOT_FOUND", "connector '" + connectorRef
                    + "' has no operation '" + operationName + "'");
        }
        String method = operation.path("method").asString("GET").toUpperCase(Locale.ROOT);
        JsonNode declared = operation.path("parameters").path("properties");
        JsonNode rendered = templates.render(step.has("parameters") ? step.get("parameters")
                : JsonNodeFactory.instance.objectNode(), sourceData);
        checkParameters(operationName, operation.get("parameters"), rendered);
        String path = operation.path("path").asString("");
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> repeatedQuery = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> parameter : rendered.properties()) {
            String name = parameter.getKey();
            JsonNode value = parameter.getValue();
            String in = declared.path(name).path("in").asString(BODY_METHODS.contains(method) ? "body" : "query");
            switch (in) {
                case "path" -> path = path.replace("{" + name + "}",
                        URLEncoder.encode(text(value), StandardCharsets.UTF_8).replace("+", "%20"));
                case "query" -> {
                    if (value.isArray()) {
                        // OpenAPI's default for an array in the query is style form, explode true: a=1&a=2
                        List<String> values = new ArrayList<>();
                        value.forEach(element -> values.add(text(element)));
                        if (declared.path(name).path("explode").asBoolean(true)) {
                            repeatedQuery.put(name, values);
                        } else {
                            query.put(name, String.join(",", values));
                        }
                    } else {
                        query.put(name, text(value));
                    }
                }
                case "header" -> headers.put(name, text(value));
                default -> body.set(name, value);
            }
        }
        int open = path.indexOf('{');
        if (open >= 0) {
            throw new StepPlanningException("MISSING_PARAMETER", "operation '" + operationName
                    + "' needs path parameter " + path.substring(open, path.indexOf('}', open) + 1));
        }
        // a requestBody template looks values up in the parameters only: the connector's author wrote
        // it, the parameters are its interface (a Postgres {query, params: ["<<id>>"]}, an FTP
        // {operation: "get", path: "<<file>>"}, a nested HTTP body)
        JsonNode requestBody = operation.get("requestBody");
        refuseQueryTemplates(kind, requestBody, connector, "operation '" + operationName + "'");
        JsonNode sentBody = requestBody != null && !requestBody.isNull() ? templates.render(requestBody, rendered)
                : body.isEmpty() ? null : body;
        return new StepRequest(kind, connectorRef, operationName, method, null, path, headers, query,
                sentBody, pagination, nullIfMissing(connector.path("retry")),
                repeatedQuery.isEmpty() ? null : repeatedQuery);
    }

    /**
     * A template inside a postgres query would be SQL made from inputs, so it is refused before
     * anything is rendered unless the connector says {@code allowQueryTemplates: true} (ADR 013):
     * values go in {@code params}, which the executor binds as {@code $1…$n}. The registry refuses
     * such a query when it is saved; this holds for connectors changed since and for steps made on
     * the spot.
     */
    private static void refuseQueryTemplates(StepKind kind, JsonNode body, JsonNode connector, String where) {
        if (kind != StepKind.POSTGRES || body == null || body.isNull()
                || connector.path("allowQueryTemplates").asBoolean(false)) {
            return;
        }
        if (!body.isObject()) {
            // a body that is one template could render any query at all
            throw new StepPlanningException("UNSAFE_QUERY", "the body of " + where + " must be an object"
                    + " {query, params} whose query is SQL text, not a template (unless the connector sets"
                    + " allowQueryTemplates: true)");
        }
        JsonNode query = body.path("query");
        if (query.isString() && query.asString().contains("<<")) {
            throw new StepPlanningException("UNSAFE_QUERY", "the query of " + where + " holds a template; put the"
                    + " value in params and write $1, $2, … in the query (or allow templates on the connector with"
                    + " allowQueryTemplates: true)");
        }
    }

    /**
     * The rendered parameters against the operation's JSON Schema, before any call: a value that
     * came out of a template wrong fails the item here, naming the parameter, instead of reaching
     * the API. A page placeholder is judged by the executor's value, so it is not judged here.
     */
    private void checkParameters(String operationName, JsonNode schema, JsonNode rendered) {
        if (schemas == null) {
            return;
        }
        List<String> problems = schemas.of(schema, rendered, "parameters").stream()
                .filter(v -> !isPagePlaceholder(rendered.path(v.field().replaceFirst("^parameters\\.?", ""))))
                .map(v -> v.field() + ": " + v.message()).toList();
        if (!problems.isEmpty()) {
            throw new StepPlanningException("INVALID_PARAMETERS", "the parameters of operation '" + operationName
                    + "' do not match its schema: " + String.join("; ", problems));
        }
    }

    private static boolean isPagePlaceholder(JsonNode value) {
        return value.isString() && PAGE_PLACEHOLDERS.stream().anyMatch(p -> value.asString().equals("<<" + p + ">>"));
    }

    /**
     * The executor fills {@code <<offset>>}, {@code <<page>>}, {@code <<limit>>} and
     * {@code <<cursor>>} for each page, so here they render to themselves instead of failing as
     * unresolved. An input or step of the same name keeps its value: it was there first, and
     * renaming it would silently change what an existing tool sends.
     */
    private static JsonNode withPagePlaceholders(JsonNode sourceData) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        if (sourceData != null && sourceData.isObject()) {
            // shallow: the children are shared and nothing writes to them
            values.setAll((ObjectNode) sourceData);
        }
        for (String name : PAGE_PLACEHOLDERS) {
            if (!values.has(name)) {
                values.put(name, "<<" + name + ">>");
            }
        }
        return values;
    }

    private JsonNode connector(String ref) {
        String[] parts = ref.split("/", 2);
        return (parts.length == 2 ? registry.connector(parts[0], parts[1]) : java.util.Optional.<JsonNode>empty())
                .orElseThrow(() -> new StepPlanningException("CONNECTOR_NOT_FOUND", "no connector '" + ref + "'"));
    }

    private static StepKind kind(JsonNode connector) {
        if (connector == null) {
            return StepKind.HTTP;
        }
        try {
            return StepKind.valueOf(connector.path("type").asString("http").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return StepKind.HTTP;
        }
    }

    private String renderText(JsonNode template, JsonNode sourceData) {
        return template == null || template.isNull() ? null : text(templates.render(template, sourceData));
    }

    private Map<String, String> textMap(JsonNode templates, JsonNode sourceData) {
        Map<String, String> values = new LinkedHashMap<>();
        if (templates != null && templates.isObject()) {
            this.templates.render(templates, sourceData).properties()
                    .forEach(e -> values.put(e.getKey(), text(e.getValue())));
        }
        return values;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.isString() ? value.asString() : value.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node;
    }
}
