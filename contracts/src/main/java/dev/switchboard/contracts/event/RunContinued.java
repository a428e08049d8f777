package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A person approved a paused step; {@code input} becomes {@code sourceData[stepId]}. */
public record RunContinued(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String stepId,
        JsonNode input,
        String continuedBy) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
