package dev.switchboard.registry.definition;

/** 403: the caller may read it but not change it. */
public class WriteForbiddenException extends RuntimeException {

    public WriteForbiddenException(String message) {
        super(message);
    }
}
