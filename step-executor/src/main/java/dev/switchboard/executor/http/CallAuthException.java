package dev.switchboard.executor.http;

/**
 * The connector's auth could not be applied, so no request was sent: the caller's token was not
 * forwarded, a secret has the wrong shape, or the OAuth token endpoint refused. The message never
 * holds a credential.
 */
final class CallAuthException extends RuntimeException {

    private final String code;
    private final Integer httpStatus;

    CallAuthException(String code, String message, Integer httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    String code() {
        return code;
    }

    Integer httpStatus() {
        return httpStatus;
    }
}
