package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.StepRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a step's request that may hold {@code <<offset>>}, {@code <<page>>},
 * {@code <<limit>>} and {@code <<cursor>>}. {@code url} is a raw step's URL, {@code path} the
 * path under the connector's base URL; either may be null, as in {@link StepRequest}.
 */
public record PageTemplate(String url, String path, Map<String, String> query, Map<String, String> headers,
        JsonNode body) {

    public PageTemplate {
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The templates of a rendered step request, as the orchestrator sent them. */
    public static PageTemplate of(StepRequest request) {
        return new PageTemplate(request.url(), request.path(), request.query(), request.headers(), request.body());
    }
}
