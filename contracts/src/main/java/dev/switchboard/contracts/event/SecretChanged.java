package dev.switchboard.contracts.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.UUID;

/**
 * A secret was created, updated, deleted or re-encrypted. Carries the name and version only —
 * never the value, in clear or encrypted — so executors can evict what they cached.
 */
public record SecretChanged(
        UUID eventId,
        Instant occurredAt,
        String traceId,
        String name,
        Scope scope,
        String owner,
        long version,
        Change change) implements SwitchboardEvent {

    @Override
    public String key() {
        return scope.wire() + ":" + (owner == null ? "" : owner + ":") + name;
    }

    public enum Scope {
        SHARED, PRIVATE;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }
    }

    public enum Change {
        CREATED, UPDATED, DELETED, ROTATED;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }
    }
}
