package dev.switchboard.contracts.event;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A step's call with its templates already rendered. {@code {{secret:NAME}}} placeholders are
 * still in it: only the executor substitutes them, at call time. {@code repeatedQuery} holds the
 * query parameters sent once per value ({@code ?id=1&id=2}, an array parameter's default form).
 */
public record StepRequest(
        StepKind kind,
        String connector,
        String operation,
        String method,
        String url,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        JsonNode body,
        JsonNode pagination,
        JsonNode retry,
        Map<String, List<String>> repeatedQuery) {

    /** A request whose query parameters each have one value. */
    public StepRequest(StepKind kind, String connector, String operation, String method, String url, String path,
            Map<String, String> headers, Map<String, String> query, JsonNode body, JsonNode pagination,
            JsonNode retry) {
        this(kind, connector, operation, method, url, path, headers, query, body, pagination, retry, null);
    }
}
