package dev.switchboard.executor.egress;

/** The destination may not be called from this deployment: a wrong scheme or an internal address. */
public final class EgressDeniedException extends EgressException {

    public static final String EGRESS_DENIED = "EGRESS_DENIED";

    EgressDeniedException(String message) {
        super(EGRESS_DENIED, message);
    }
}
