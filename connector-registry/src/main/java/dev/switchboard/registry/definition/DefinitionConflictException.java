package dev.switchboard.registry.definition;

/** 409: it exists already, it changed since the caller read it, or something still uses it. */
public class DefinitionConflictException extends RuntimeException {

    public DefinitionConflictException(String message) {
        super(message);
    }
}
