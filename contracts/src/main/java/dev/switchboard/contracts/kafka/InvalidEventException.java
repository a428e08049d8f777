package dev.switchboard.contracts.kafka;

import java.util.List;

/**
 * An event that does not match its contract. The message names the event type and the fields
 * at fault, never their values: payloads may carry user data.
 */
public final class InvalidEventException extends RuntimeException {

    private final List<String> violations;

    public InvalidEventException(String type, List<String> violations) {
        super("invalid " + type + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
