package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A person decided on a run paused at an approval step: approved, its {@code input} becomes
 * {@code sourceData[stepId]} and the run goes on; rejected, the run fails with {@code REJECTED}.
 */
public record RunContinued(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String stepId,
        boolean approved,
        JsonNode input,
        String continuedBy) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
