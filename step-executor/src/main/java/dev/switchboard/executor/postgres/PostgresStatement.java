package dev.switchboard.executor.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A postgres step's body as the orchestrator rendered it: {@code {query, params, maxRows, onLimit,
 * timeoutMs}} (ADR 013). The registry checks the same shape when a tool is saved; this is the
 * executor's own check, for steps published by anyone.
 *
 * @param maxRows the step's own row limit, or null for the connector's (or the executor's default)
 * @param truncate {@code onLimit: truncate}: keep the first rows and say so, instead of failing
 * @param timeoutMs the step's own statement timeout, or null for the connector's
 */
record PostgresStatement(String query, List<JsonNode> params, Integer maxRows, boolean truncate, Long timeoutMs) {

    static final Set<String> FIELDS = Set.of("query", "params", "maxRows", "onLimit", "timeoutMs");
    private static final String SECRET = "{{secret:";

    /** @throws StatementRefusedException naming the body field at fault */
    static PostgresStatement of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body of a postgres step must be an object {query, params}");
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw invalid("body." + field + " is not a field of a postgres step; it takes "
                        + FIELDS.stream().sorted().toList());
            }
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isString() || query.asString().isBlank()) {
            throw invalid("body.query is required: the SQL text, with $1, $2, … for the values in params");
        }
        if (query.asString().contains(SECRET)) {
            // a secret in the text would be SQL, visible in the server's logs and errors
            throw new StatementRefusedException(StatementRefusedException.UNSAFE_QUERY, "body.query holds a"
                    + " {{secret:…}}; put it in params and write $n in the query");
        }
        JsonNode params = body.get("params");
        List<JsonNode> values = new ArrayList<>();
        if (params != null && !params.isNull()) {
            if (!params.isArray()) {
                throw invalid("body.params must be an array: the values of $1, $2, … in order");
            }
            params.forEach(values::add);
        }
        Long maxRows = whole(body, "maxRows", 1_000_000);
        JsonNode onLimit = body.get("onLimit");
        boolean truncate = false;
        if (onLimit != null && !onLimit.isNull()) {
            if (!onLimit.isString() || !Set.of("fail", "truncate").contains(onLimit.asString())) {
                throw invalid("body.onLimit must be fail (the default) or truncate");
            }
            truncate = onLimit.asString().equals("truncate");
        }
        return new PostgresStatement(query.asString(), List.copyOf(values),
                maxRows == null ? null : maxRows.intValue(), truncate, whole(body, "timeoutMs", 300_000));
    }

    /** The body's whole number {@code field} from 1 to {@code max}, or null when it has none. */
    private static Long whole(JsonNode body, String field, long max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
            throw invalid("body." + field + " must be a whole number from 1 to " + max);
        }
        return value.asLong();
    }

    private static StatementRefusedException invalid(String message) {
        return new StatementRefusedException(StatementRefusedException.INVALID_REQUEST, message);
    }
}
