package dev.switchboard.contracts.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The protocol of a step's call. */
public enum StepKind {
    HTTP, POSTGRES, FTP, SFTP;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }
}
