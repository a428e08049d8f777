package dev.switchboard.executor.egress;

import java.util.Optional;

/**
 * Why an outgoing call was not made or not completed by the egress guard. The message names the
 * host and the reason, never the URL's path or query, which may carry secrets.
 */
public class EgressException extends RuntimeException {

    /** The host does not resolve (possibly for now: DNS may be down). */
    public static final String HOST_NOT_FOUND = "HOST_NOT_FOUND";
    /** More than {@link RedirectFollower#MAX_REDIRECTS} redirects. */
    public static final String TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS";
    /** A redirect whose Location is missing a usable URL. */
    public static final String INVALID_REDIRECT = "INVALID_REDIRECT";

    private final String code;

    EgressException(String code, String message) {
        super(message, null, false, false); // raised for expected refusals: no stack trace to fill
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * The egress failure behind {@code failure}, if any. WebClient wraps a refusal at connect time
     * in a {@code WebClientRequestException}, and Reactor may wrap it again.
     */
    public static Optional<EgressException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressException egress) {
                return Optional.of(egress);
            }
        }
        return Optional.empty();
    }
}
