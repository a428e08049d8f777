package dev.switchboard.executor.http;

import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepError;
import tools.jackson.databind.JsonNode;

/** What one step call came to: data on success, a coded error otherwise, and the calls it made. */
public record StepOutcome(boolean success, JsonNode data, StepError error, CallStats calls) {

    /** The same outcome, counting {@code requests} HTTP requests made for it. */
    StepOutcome withRequests(int requests) {
        return new StepOutcome(success, data, error, new CallStats(requests, calls == null ? 1 : calls.pages()));
    }

    static StepOutcome ok(JsonNode data) {
        return new StepOutcome(true, data, null, new CallStats(1, 1));
    }

    static StepOutcome failed(String code, String message, Integer httpStatus, int requests) {
        return new StepOutcome(false, null, new StepError(code, message, httpStatus), new CallStats(requests,
                requests));
    }
}
