package dev.switchboard.executor.files;

/**
 * A file-server call failed with a step error code and a message meant for the step's author (it is
 * masked before it leaves the caller). {@code connectFailure} marks failures before anything was
 * done on the server — the only ones retried (ADR 014).
 */
final class FileCallException extends RuntimeException {

    private final String code;
    private final boolean connectFailure;

    FileCallException(String code, String message, boolean connectFailure) {
        super(message, null, false, false);
        this.code = code;
        this.connectFailure = connectFailure;
    }

    FileCallException(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.connectFailure = false;
    }

    static FileCallException invalid(String message) {
        return new FileCallException("INVALID_REQUEST", message, false);
    }

    /** A file past the size limit; its transfer was cut off, so the session is not reused. */
    static FileCallException tooLarge(String path, long maxBytes) {
        return new FileCallException("FILE_TOO_LARGE", path + " is larger than " + maxBytes + " bytes", false);
    }

    static FileCallException connect(String message) {
        return new FileCallException("CONNECTION_FAILED", message, true);
    }

    String code() {
        return code;
    }

    boolean connectFailure() {
        return connectFailure;
    }
}
