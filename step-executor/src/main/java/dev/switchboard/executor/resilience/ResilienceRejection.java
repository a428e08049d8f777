package dev.switchboard.executor.resilience;

/**
 * The call was refused before (or instead of) another attempt: the step fails with {@link #code()}
 * and this message, which names the connector and is safe to show (no URL, no secret).
 */
public final class ResilienceRejection extends RuntimeException {

    /** The connector's breaker is open after repeated server failures; the message says until when. */
    public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
    /** No rate-limit permit could be had before the run's deadline (or the configured longest wait). */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** Every call slot for the connector on this instance stayed busy for the bulkhead's wait. */
    public static final String BULKHEAD_FULL = "BULKHEAD_FULL";
    /** The connector's retry, rateLimit or timeoutMs is outside what the registry accepts. */
    public static final String INVALID_CONNECTOR_CONFIG = "INVALID_CONNECTOR_CONFIG";
    /** The run's deadline passed while the first attempt waited for a slot. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The thread was interrupted (an abort) while waiting; the interrupt flag is kept set. */
    public static final String ABORTED = "ABORTED";

    private final String code;
    private final String connector;

    ResilienceRejection(String code, String connector, String message) {
        super(message, null, false, false);
        this.code = code;
        this.connector = connector;
    }

    public String code() {
        return code;
    }

    /** The connector ref, or null for a raw-url step. */
    public String connector() {
        return connector;
    }
}
