package dev.switchboard.contracts.egress;

/**
 * Why {@link EgressRules} will not let a call go out. The message names the host and the kind of
 * address, never the URL's path or query (secrets) nor the address a name resolved to.
 */
public final class EgressRefusal extends RuntimeException {

    /** The destination may not be called from this deployment: a wrong scheme or an internal address. */
    public static final String EGRESS_DENIED = "EGRESS_DENIED";
    /** The host does not resolve (possibly for now: DNS may be down). */
    public static final String HOST_NOT_FOUND = "HOST_NOT_FOUND";

    private final String code;

    EgressRefusal(String code, String message) {
        super(message, null, false, false); // expected refusals: no stack trace to fill
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether this is a refusal by the rules rather than a host that does not resolve. */
    public boolean denied() {
        return EGRESS_DENIED.equals(code);
    }
}
