package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepError;
import tools.jackson.databind.JsonNode;

/**
 * What paginating a step came to: on success every page's items in one array; otherwise the
 * coded error ({@code PAGINATION_LIMIT}, {@code PAGINATION_LOOP}, {@code RESPONSE_TOO_LARGE},
 * {@code INVALID_PAGINATION}, an expression error of the stop condition, or a page's own error).
 * {@code calls.requests} counts every fetch, {@code calls.pages} the pages that were answered.
 */
public record PagedOutcome(boolean success, JsonNode data, StepError error, CallStats calls) {

    static PagedOutcome ok(JsonNode data, int requests, int pages) {
        return new PagedOutcome(true, data, null, new CallStats(requests, pages));
    }

    static PagedOutcome failed(StepError error, int requests, int pages) {
        return new PagedOutcome(false, null, error, new CallStats(requests, pages));
    }
}
