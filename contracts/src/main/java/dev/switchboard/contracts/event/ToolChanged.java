package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The full state of a tool after a change, or a tombstone. */
public record ToolChanged(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String toolId,
        long version,
        boolean deleted,
        JsonNode snapshot) implements SwitchboardEvent {

    @Override
    public String key() {
        return "tool:" + toolId;
    }
}
