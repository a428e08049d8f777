package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The full state of an agent after a change, or a tombstone. */
public record AgentChanged(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String namespace,
        String name,
        long version,
        boolean deleted,
        JsonNode snapshot) implements SwitchboardEvent {

    @Override
    public String key() {
        return "agent:" + namespace + "/" + name;
    }
}
