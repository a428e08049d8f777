package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;

/** Someone asked to abort a run; the orchestrator owning its partition applies it. */
public record RunAbortRequested(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String requestedBy,
        String reason) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
