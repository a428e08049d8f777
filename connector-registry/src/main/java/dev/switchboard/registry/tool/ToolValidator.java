package dev.switchboard.registry.tool;

import dev.switchboard.registry.connector.ConnectorDefinition;
import dev.switchboard.registry.connector.OperationDefinition;
import dev.switchboard.registry.definition.FieldError;
import dev.switchboard.registry.definition.FileStepBodyCheck;
import dev.switchboard.registry.definition.JsonSchemaCheck;
import dev.switchboard.registry.definition.PostgresStepBodyCheck;
import dev.switchboard.registry.definition.ScriptChecks;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every rule a tool must meet before it is stored. Connectors and operations are looked up at
 * write time so a typo is caught when the tool is saved, not when it first runs.
 */
@Component
class ToolValidator {

    static final Pattern TOOL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** Step ids are keys of sourceData in templates and JavaScript, so they are identifiers. */
    private static final Pattern STEP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> RESERVED_STEP_IDS = Set.of("currentItem", "sourceData", "offset", "page",
            "cursor", "limit");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Set<String> PAGINATION_TYPES = Set.of("offsetBased", "pageBased", "cursorBased");
    private static final Pattern TOOL_TARGET = Pattern.compile("tool:" + TOOL_ID.pattern());

    private final JsonSchemaCheck schemas;
    private final ScriptChecks scripts;

    ToolValidator(JsonSchemaCheck schemas, ScriptChecks scripts) {
        this.schemas = schemas;
        this.scripts = scripts;
    }

    List<FieldError> validate(ToolDefinition tool, Function<String, Optional<ConnectorDefinition>> connectors) {
        List<FieldError> errors = new ArrayList<>();
        if (tool.id() == null || !TOOL_ID.matcher(tool.id()).matches()) {
            errors.add(FieldError.of("id", "is required: 1-64 letters, digits, '_' or '-', starting with a letter"
                    + " or digit"));
        }
        schema(errors, "inputSchema", tool.inputSchema());
        schema(errors, "outputSchema", tool.outputSchema());
        if (tool.steps() == null) {
            errors.add(FieldError.of("steps", "is required (a list, possibly empty)"));
        }
        if (tool.concurrency() != null && (tool.concurrency() < 1 || tool.concurrency() > 64)) {
            errors.add(FieldError.of("concurrency", "must be between 1 and 64"));
        }
        function(errors, "outputTransform", tool.outputTransform());
        defaults(errors, tool.defaultOptions());
        Set<String> inputs = new HashSet<>();
        if (tool.inputSchema() != null && tool.inputSchema().path("properties").isObject()) {
            inputs.addAll(tool.inputSchema().get("properties").propertyNames());
        }
        Set<String> ids = new HashSet<>();
        List<StepDefinition> steps = tool.stepsOrEmpty();
        for (int i = 0; i < steps.size(); i++) {
            step(errors, "steps[" + i + "]", steps.get(i), ids, inputs, connectors);
        }
        return errors;
    }

    private void step(List<FieldError> errors, String at, StepDefinition step, Set<String> ids, Set<String> inputs,
            Function<String, Optional<ConnectorDefinition>> connectors) {
        if (step == null) {
            errors.add(FieldError.of(at, "must be an object"));
            return;
        }
        if (step.id() == null || !STEP_ID.matcher(step.id()).matches()) {
            errors.add(FieldError.of(at + ".id", "is required: an identifier (letters, digits, '_'; not starting"
                    + " with a digit), since templates refer to it"));
        } else if (RESERVED_STEP_IDS.contains(step.id())) {
            errors.add(FieldError.of(at + ".id", "'" + step.id() + "' is reserved in templates"));
        } else if (!ids.add(step.id())) {
            errors.add(FieldError.of(at + ".id", "duplicate step id '" + step.id() + "'"));
        } else if (inputs.contains(step.id())) {
            errors.add(FieldError.of(at + ".id", "'" + step.id() + "' is also an input name; the step's result would"
                    + " hide the input in sourceData"));
        }
        if (step.type() != null && !step.isApproval() && !"request".equals(step.type())) {
            errors.add(FieldError.of(at + ".type", "must be request (the default) or approval"));
            return;
        }
        if (step.isApproval()) {
            approval(errors, at, step);
            return;
        }
        for (var field : List.of(new Object[] {"message", step.message()}, new Object[] {"timeoutMs",
                step.timeoutMs()})) {
            if (field[1] != null) {
                errors.add(FieldError.of(at + "." + field[0], "belongs to approval steps (type: approval)"));
            }
        }
        if (step.connector() == null && step.url() == null) {
            errors.add(FieldError.of(at, "names a connector (with an operation, or a method and path) or a url"));
        } else if (step.connector() != null && step.url() != null) {
            errors.add(FieldError.of(at + ".url", "a step calls either a connector or a url, not both"));
        } else if (step.connector() != null) {
            connectorStep(errors, at, step, connectors);
        } else {
            urlStep(errors, at, step);
        }
        for (String field : List.of("parameters", "queryParams", "headers", "body")) {
            JsonNode value = switch (field) {
                case "parameters" -> step.parameters();
                case "queryParams" -> step.queryParams();
                case "headers" -> step.headers();
                default -> step.body();
            };
            templates(errors, at + "." + field, value);
        }
        template(errors, at + ".path", step.path());
        template(errors, at + ".url", step.url());
        function(errors, at + ".dataSelector", step.dataSelector());
        if (step.failureBehavior() != null && !Set.of("fail", "continue").contains(step.failureBehavior())) {
            errors.add(FieldError.of(at + ".failureBehavior", "must be fail or continue"));
        }
        pagination(errors, at + ".pagination", step.pagination());
    }

    /** Thirty days: a person may be on holiday; a pause costs no thread, only its stored document. */
    static final long MAX_APPROVAL_TIMEOUT_MS = 30L * 24 * 60 * 60 * 1000;

    private void approval(List<FieldError> errors, String at, StepDefinition step) {
        for (var field : List.of(
                new Object[] {"connector", step.connector()}, new Object[] {"operation", step.operation()},
                new Object[] {"url", step.url()}, new Object[] {"method", step.method()},
                new Object[] {"path", step.path()}, new Object[] {"pagination", step.pagination()},
                new Object[] {"dataSelector", step.dataSelector()}, new Object[] {"parameters", step.parameters()},
                new Object[] {"queryParams", step.queryParams()}, new Object[] {"headers", step.headers()},
                new Object[] {"body", step.body()}, new Object[] {"failureBehavior", step.failureBehavior()})) {
            if (field[1] != null) {
                errors.add(FieldError.of(at + "." + field[0], "an approval step calls nothing; it waits for"
                        + " POST /runs/{id}/continue"));
            }
        }
        templates(errors, at + ".message", step.message());
        if (step.timeoutMs() != null && (step.timeoutMs() < 1 || step.timeoutMs() > MAX_APPROVAL_TIMEOUT_MS)) {
            errors.add(FieldError.of(at + ".timeoutMs", "must be between 1 and " + MAX_APPROVAL_TIMEOUT_MS
                    + " (30 days)"));
        }
    }

    private void connectorStep(List<FieldError> errors, String at, StepDefinition step,
            Function<String, Optional<ConnectorDefinition>> connectors) {
        Optional<ConnectorDefinition> found = connectors.apply(step.connector());
        if (found.isEmpty()) {
            errors.add(FieldError.of(at + ".connector", "no connector '" + step.connector() + "' (write it as"
                    + " namespace/name)"));
            return;
        }
        ConnectorDefinition connector = found.get();
        if (step.operation() == null) {
            if (step.parameters() != null) {
                errors.add(FieldError.of(at + ".parameters", "belong to an operation; a raw request uses"
                        + " queryParams, headers and body"));
            }
            if ("http".equals(connector.type())) {
                method(errors, at, step.method());
                if (step.path() == null || !step.path().startsWith("/") && !step.path().startsWith("<<")) {
                    errors.add(FieldError.of(at + ".path", "is required for a raw request and starts with '/'"));
                }
            } else if (step.body() == null) {
                errors.add(FieldError.of(at + ".body", "is required for a " + connector.type() + " step ("
                        + ("postgres".equals(connector.type()) ? "{query, params}" : "{operation, path, …}") + ")"));
            }
            FileStepBodyCheck.checkStepBody(connector.type(), at + ".body", step.body(), errors);
            errors.addAll(PostgresStepBodyCheck.forStep(at, connector.type(), step.body(), connector.allowQueryTemplates()));
            return;
        }
        Optional<OperationDefinition> operation = connector.operationsOrEmpty().stream()
                .filter(op -> step.operation().equals(op.name())).findFirst();
        if (operation.isEmpty()) {
            errors.add(FieldError.of(at + ".operation", "connector '" + step.connector() + "' has no operation '"
                    + step.operation() + "'; it has " + connector.operationsOrEmpty().stream()
                    .map(OperationDefinition::name).toList()));
            return;
        }
        for (String field : List.of("method", "path")) {
            if (("method".equals(field) ? step.method() : step.path()) != null) {
                errors.add(FieldError.of(at + "." + field, "comes from the operation; leave it out or drop"
                        + " 'operation' for a raw request"));
            }
        }
        operationParameters(errors, at, step, operation.get());
    }

    private static void operationParameters(List<FieldError> errors, String at, StepDefinition step,
            OperationDefinition operation) {
        JsonNode schema = operation.parameters();
        Set<String> known = new HashSet<>();
        if (schema != null && schema.path("properties").isObject()) {
            known.addAll(schema.get("properties").propertyNames());
        }
        Set<String> given = step.parameters() == null ? Set.of() : Set.copyOf(step.parameters().propertyNames());
        for (String name : given) {
            if (!known.contains(name)) {
                errors.add(FieldError.of(at + ".parameters." + name, "operation '" + operation.name()
                        + "' has no parameter '" + name + "'; it has " + known.stream().sorted().toList()));
            }
        }
        if (schema != null) {
            schema.path("required").forEach(required -> {
                if (!given.contains(required.asString())) {
                    errors.add(FieldError.of(at + ".parameters." + required.asString(), "is required by operation '"
                            + operation.name() + "'"));
                }
            });
        }
    }

    private static void urlStep(List<FieldError> errors, String at, StepDefinition step) {
        method(errors, at, step.method());
        if (step.operation() != null) {
            errors.add(FieldError.of(at + ".operation", "needs a connector"));
        }
        if (!step.url().startsWith("<<")) {
            try {
                URI uri = new URI(step.url().replaceAll("<<[^>]*>>", "x"));
                if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                    errors.add(FieldError.of(at + ".url", "must be an absolute http or https URL"));
                }
            } catch (java.net.URISyntaxException e) {
                errors.add(FieldError.of(at + ".url", "is not a valid URL: " + e.getReason()));
            }
        }
    }

    private static void method(List<FieldError> errors, String at, String method) {
        if (method == null || !METHODS.contains(method)) {
            errors.add(FieldError.of(at + ".method", "is required: one of " + METHODS.stream().sorted().toList()));
        }
    }

    private void pagination(List<FieldError> errors, String at, StepDefinition.Pagination pagination) {
        if (pagination == null) {
            return;
        }
        if (pagination.type() == null || !PAGINATION_TYPES.contains(pagination.type())) {
            errors.add(FieldError.of(at + ".type", "must be one of " + PAGINATION_TYPES.stream().sorted().toList()));
        }
        if (pagination.pageSize() == null || pagination.pageSize() < 1 || pagination.pageSize() > 10_000) {
            errors.add(FieldError.of(at + ".pageSize", "is required: between 1 and 10000"));
        }
        if (pagination.cursorPath() != null && !"cursorBased".equals(pagination.type())) {
            errors.add(FieldError.of(at + ".cursorPath", "is only for cursorBased pagination"));
        }
        if (pagination.onLimit() != null && !List.of("fail", "stop").contains(pagination.onLimit())) {
            errors.add(FieldError.of(at + ".onLimit", "must be fail (the default) or stop"));
        }
        if (pagination.maxPages() != null && (pagination.maxPages() < 1 || pagination.maxPages() > 10_000)) {
            errors.add(FieldError.of(at + ".maxPages", "must be between 1 and 10000"));
        }
        function(errors, at + ".stopCondition", pagination.stopCondition());
    }

    private static void defaults(List<FieldError> errors, ToolDefinition.RunDefaults defaults) {
        if (defaults == null) {
            return;
        }
        if (defaults.webhookUrl() != null && !TOOL_TARGET.matcher(defaults.webhookUrl()).matches()) {
            try {
                URI uri = new URI(defaults.webhookUrl());
                if (uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()))) {
                    errors.add(FieldError.of("defaultOptions.webhookUrl", "must be an http(s) URL or tool:<id>"));
                }
            } catch (java.net.URISyntaxException e) {
                errors.add(FieldError.of("defaultOptions.webhookUrl", "is not a valid URL: " + e.getReason()));
            }
        }
        if (defaults.chainOn() != null && !Set.of("success", "any").contains(defaults.chainOn())) {
            errors.add(FieldError.of("defaultOptions.chainOn", "must be success or any"));
        }
        if (defaults.chain() != null) {
            for (int i = 0; i < defaults.chain().size(); i++) {
                String target = defaults.chain().get(i);
                if (target == null || !TOOL_TARGET.matcher(target).matches()) {
                    errors.add(FieldError.of("defaultOptions.chain[" + i + "]", "must be tool:<id>"));
                }
            }
            if (defaults.chain().size() > 10) {
                errors.add(FieldError.of("defaultOptions.chain", "may have at most 10 hops"));
            }
        }
        if (defaults.timeoutMs() != null && (defaults.timeoutMs() < 1 || defaults.timeoutMs() > 86_400_000L)) {
            errors.add(FieldError.of("defaultOptions.timeoutMs", "must be between 1 and 86400000 (24 h)"));
        }
    }

    private void schema(List<FieldError> errors, String field, JsonNode schema) {
        if (schema != null) {
            schemas.problems(schema).forEach(problem -> errors.add(FieldError.of(field, problem)));
        }
    }

    private void function(List<FieldError> errors, String field, String source) {
        if (source != null) {
            scripts.functionProblems(source).forEach(problem -> errors.add(FieldError.of(field, problem)));
        }
    }

    private void template(List<FieldError> errors, String field, String text) {
        if (text != null) {
            scripts.templateProblems(text).forEach(problem -> errors.add(FieldError.of(field, problem)));
        }
    }

    /** Checks every string inside a JSON value, naming the path to it. */
    private void templates(List<FieldError> errors, String field, JsonNode value) {
        if (value == null) {
            return;
        }
        if (value.isString()) {
            template(errors, field, value.asString());
        } else if (value.isObject()) {
            value.properties().forEach(e -> templates(errors, field + "." + e.getKey(), e.getValue()));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                templates(errors, field + "[" + i + "]", value.get(i));
            }
        }
    }
}
