package dev.switchboard.standalone;

/** The standalone cannot start (port taken, data dir not writable...): one clear line, exit 1. */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
