package dev.switchboard.executor.secret;

/**
 * A secret could not be had: {@code SECRET_NOT_FOUND} (no private or shared secret of that name;
 * the step fails and no request is sent) or {@code SECRETS_UNAVAILABLE} (the secrets service did
 * not answer; worth retrying).
 */
public class SecretResolutionException extends RuntimeException {

    public static final String NOT_FOUND = "SECRET_NOT_FOUND";
    public static final String UNAVAILABLE = "SECRETS_UNAVAILABLE";

    private final String code;

    SecretResolutionException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean transientFailure() {
        return UNAVAILABLE.equals(code);
    }
}
