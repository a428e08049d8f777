package dev.switchboard.executor.call;

/**
 * The connector's auth could not be applied, so no request was sent: the caller's token was not
 * forwarded, a secret has the wrong shape, or the OAuth token endpoint refused. The message never
 * holds a credential.
 */
public final class CallAuthException extends RuntimeException {

    private final String code;
    private final Integer httpStatus;

    public CallAuthException(String code, String message, Integer httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
