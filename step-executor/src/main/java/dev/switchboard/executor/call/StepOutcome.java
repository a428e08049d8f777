package dev.switchboard.executor.call;

import dev.switchboard.contracts.event.CallResponse;
import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepError;
import tools.jackson.databind.JsonNode;

/**
 * What one step call came to: data on success, a coded error otherwise, the calls it made, and the
 * HTTP status and headers of the last answer (null when no answer came).
 */
public record StepOutcome(boolean success, JsonNode data, StepError error, CallStats calls, CallResponse response,
        int retries) {

    public StepOutcome(boolean success, JsonNode data, StepError error, CallStats calls) {
        this(success, data, error, calls, null, 0);
    }

    /** The same outcome, reached after {@code count} retries (resilience), which count as attempts. */
    public StepOutcome withRetries(int count) {
        return new StepOutcome(success, data, error, calls, response, count);
    }

    /** The same outcome, counting {@code requests} HTTP requests made for it. */
    public StepOutcome withRequests(int requests) {
        return new StepOutcome(success, data, error, new CallStats(requests, calls == null ? 1 : calls.pages()),
                response, retries);
    }

    public StepOutcome withResponse(CallResponse answer) {
        return new StepOutcome(success, data, error, calls, answer, retries);
    }

    public static StepOutcome ok(JsonNode data) {
        return new StepOutcome(true, data, null, new CallStats(1, 1));
    }

    public static StepOutcome failed(String code, String message, Integer httpStatus, int requests) {
        return new StepOutcome(false, null, new StepError(code, message, httpStatus), new CallStats(requests,
                requests));
    }
}
