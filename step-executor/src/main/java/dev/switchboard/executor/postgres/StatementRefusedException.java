package dev.switchboard.executor.postgres;

/**
 * The step's statement or body was refused before any connection was taken: the step fails with
 * {@link #code()} and this message, which quotes no parameter value.
 */
final class StatementRefusedException extends RuntimeException {

    static final String INVALID_REQUEST = "INVALID_REQUEST";
    static final String UNSAFE_QUERY = "UNSAFE_QUERY";
    static final String MULTIPLE_STATEMENTS = "MULTIPLE_STATEMENTS";
    static final String UNSUPPORTED_STATEMENT = "UNSUPPORTED_STATEMENT";

    private final String code;

    StatementRefusedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
