package dev.switchboard.contracts.event;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A step's call with its templates already rendered. {@code {{secret:NAME}}} placeholders are
 * still in it: only the executor substitutes them, at call time.
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
        JsonNode retry) {
}
