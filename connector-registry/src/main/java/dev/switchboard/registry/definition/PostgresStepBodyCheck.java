package dev.switchboard.registry.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a postgres request, checked when it is saved (ADR 013): a raw postgres step's
 * {@code body} or a postgres operation's {@code requestBody}, {@code {query, params, maxRows,
 * onLimit, timeoutMs}}. The query is SQL text with {@code $1…$n} placeholders; values go in
 * {@code params}, where templates belong. A template inside the query text would be SQL built from
 * inputs, so it is refused unless the connector says {@code allowQueryTemplates: true}; a
 * {@code {{secret:…}}} in it always is. The executor checks the same at run time.
 */
public final class PostgresStepBodyCheck {

    private static final Set<String> FIELDS = Set.of("query", "params", "maxRows", "onLimit", "timeoutMs");

    private PostgresStepBodyCheck() {
    }

    /** Problems with a raw step's body, named {@code <at>.body.<field>}; none unless the connector is postgres. */
    public static List<FieldError> forStep(String at, String connectorType, JsonNode body,
            Boolean allowQueryTemplates) {
        return "postgres".equals(connectorType) && body != null ? problems(at + ".body", body, allowQueryTemplates)
                : List.of();
    }

    /**
     * Problems with a postgres connector's operations, named {@code operations[i].requestBody.<field>};
     * {@code requestBodies} are the operations' requestBody in order (null when absent).
     */
    public static List<FieldError> forOperations(String connectorType, List<JsonNode> requestBodies,
            Boolean allowQueryTemplates) {
        List<FieldError> errors = new ArrayList<>();
        if (!"postgres".equals(connectorType)) {
            return errors;
        }
        for (int i = 0; i < requestBodies.size(); i++) {
            String at = "operations[" + i + "].requestBody";
            JsonNode body = requestBodies.get(i);
            if (body == null || body.isNull()) {
                errors.add(FieldError.of(at, "is required for a postgres operation: {query, params}, e.g."
                        + " {\"query\": \"SELECT * FROM users WHERE id = $1\", \"params\": [\"<<id>>\"]}"));
            } else {
                errors.addAll(problems(at, body, allowQueryTemplates));
            }
        }
        return errors;
    }

    static List<FieldError> problems(String at, JsonNode body, Boolean allowQueryTemplates) {
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            errors.add(FieldError.of(at, "must be an object {query, params}"));
            return errors;
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(FieldError.of(at + "." + field, "is not a field of a postgres request; it takes "
                        + FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isString() || query.asString().isBlank()) {
            errors.add(FieldError.of(at + ".query", "is required: the SQL text, with $1, $2, … for the values in"
                    + " params"));
        } else if (query.asString().contains("{{secret:")) {
            errors.add(FieldError.of(at + ".query", "must not hold a {{secret:…}}: put it in params and write $n in"
                    + " the query"));
        } else if (query.asString().contains("<<") && !Boolean.TRUE.equals(allowQueryTemplates)) {
            errors.add(FieldError.of(at + ".query", "must not hold a template: values go in params, bound as $1, $2,"
                    + " …, so an input can never become SQL (a connector may allow it with allowQueryTemplates: true)"));
        }
        JsonNode params = body.get("params");
        if (params != null && !params.isNull() && !params.isArray()) {
            errors.add(FieldError.of(at + ".params", "must be an array: the values of $1, $2, … in order"));
        }
        whole(errors, at + ".maxRows", body.get("maxRows"), 1_000_000);
        whole(errors, at + ".timeoutMs", body.get("timeoutMs"), 300_000);
        JsonNode onLimit = body.get("onLimit");
        if (onLimit != null && !onLimit.isNull() && !Set.of("fail", "truncate").contains(onLimit.asString(""))) {
            errors.add(FieldError.of(at + ".onLimit", "must be fail (the default) or truncate"));
        }
        return errors;
    }

    private static void whole(List<FieldError> errors, String field, JsonNode value, long max) {
        // canConvertToLong first: asLong() throws on a number beyond 64 bits (a 500 otherwise)
        if (value != null && !value.isNull() && (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < 1 || value.asLong() > max)) {
            errors.add(FieldError.of(field, "must be a whole number from 1 to " + max));
        }
    }
}
