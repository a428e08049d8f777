package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The full state of a connector after a change, or a tombstone ({@code deleted}, no snapshot).
 * The snapshot names secrets, never holds their values.
 */
public record ConnectorChanged(
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
        return "connector:" + namespace + "/" + name;
    }
}
