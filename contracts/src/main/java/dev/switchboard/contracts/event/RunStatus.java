package dev.switchboard.contracts.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended. */
public enum RunStatus {
    SUCCESS, FAILED, ABORTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
