package dev.switchboard.registry.openapi;

/** A spec URL that may not or could not be fetched; the message says why, for the caller. */
public class SpecFetchException extends RuntimeException {

    public SpecFetchException(String message) {
        super(message);
    }
}
