package dev.switchboard.registry.tool;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step. It calls a connector operation ({@code connector} + {@code operation} +
 * {@code parameters}), a raw request on a connector ({@code connector} + {@code method},
 * {@code path}, {@code queryParams}, {@code headers}, {@code body}), or a raw {@code url}; or,
 * with {@code type: approval}, waits for a person: {@code message} (a template) says what they are
 * asked, {@code timeoutMs} how long they have.
 */
public record StepDefinition(
        String id,
        String type,
        String instruction,
        String connector,
        String operation,
        ObjectNode parameters,
        String method,
        String path,
        String url,
        ObjectNode queryParams,
        ObjectNode headers,
        JsonNode body,
        String dataSelector,
        String failureBehavior,
        Pagination pagination,
        JsonNode message,
        Long timeoutMs) {

    boolean isApproval() {
        return "approval".equals(type);
    }

    /**
     * How the executor pages through a list; see ARCHITECTURE §5. A cursorBased step without
     * {@code cursorPath} follows the response's {@code Link: <…>; rel="next"} header. {@code onLimit}
     * says what reaching {@code maxPages} with more pages left does: {@code fail} (the default) or
     * {@code stop} with what was fetched.
     */
    public record Pagination(String type, Integer pageSize, String cursorPath, String resultPath,
            String stopCondition, Integer maxPages, String onLimit) {
    }
}
