package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A run to start. {@code sealedCredentials} is the caller's per-run credentials and forwarded
 * token, AES-GCM sealed with the transit key: opaque base64, never clear values.
 */
public record RunRequested(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String toolId,
        Long toolVersion,
        JsonNode inputs,
        Trigger trigger,
        RunOptions options,
        String sealedCredentials) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
