package dev.switchboard.contracts.event;

import java.time.Instant;
import java.util.UUID;

/** One call (one item of a looped step) for an executor to make before {@code deadline}. */
public record StepRequested(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String runId,
        String stepId,
        int itemIndex,
        int attempt,
        Instant deadline,
        StepRequest request,
        String sealedCredentials,
        String userId) implements SwitchboardEvent {

    @Override
    public String key() {
        return runId;
    }
}
