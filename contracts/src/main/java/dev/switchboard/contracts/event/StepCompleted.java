package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of one StepRequested: {@code data} on success, {@code error} otherwise.
 * {@code sealedCredentials} is the request's, echoed unchanged so the orchestrator can pass it on
 * to the run's next steps without ever storing it. {@code response} is the HTTP status and headers
 * of the (last) call, when there was one. {@code attempt} is the request's attempt plus the
 * executor's retries of the call, so a step's {@code attempts} shows both. {@code userId} is the
 * run's requester, copied from the request, so a reader of step outcomes alone (the console's live
 * feed) knows whose run it is.
 */
public record StepCompleted(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String stepId,
        int itemIndex,
        int attempt,
        boolean success,
        JsonNode data,
        StepError error,
        CallStats calls,
        long durationMs,
        String sealedCredentials,
        CallResponse response,
        String userId) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
