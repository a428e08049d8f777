package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A run reached a final state; drives webhooks, chaining and waiting sync callers. */
public record RunFinished(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String toolId,
        RunStatus status,
        JsonNode data,
        RunError error,
        Instant startedAt,
        Instant finishedAt,
        Trigger trigger,
        String webhookUrl) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
