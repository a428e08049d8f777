package dev.switchboard.orchestrator.webhook;

import java.time.Duration;

/**
 * How one attempt went: {@code DELIVERED}; {@code RETRY} (network error, 5xx, 429, or a chain
 * hop that could not start yet); {@code FAILED} for good (another status, which a retry would not
 * change); {@code REFUSED} (the egress rules, a cycle, a tool that does not take the inputs).
 *
 * @param retryAfter what the receiver asked for with Retry-After, or null
 */
record AttemptResult(Outcome outcome, Integer httpStatus, long durationMs, String error, Duration retryAfter) {

    enum Outcome {
        DELIVERED, RETRY, FAILED, REFUSED
    }

    static AttemptResult delivered(Integer httpStatus, long durationMs) {
        return new AttemptResult(Outcome.DELIVERED, httpStatus, durationMs, null, null);
    }

    static AttemptResult retry(Integer httpStatus, long durationMs, String error, Duration retryAfter) {
        return new AttemptResult(Outcome.RETRY, httpStatus, durationMs, error, retryAfter);
    }

    static AttemptResult failed(Integer httpStatus, long durationMs, String error) {
        return new AttemptResult(Outcome.FAILED, httpStatus, durationMs, error, null);
    }

    static AttemptResult refused(long durationMs, String error) {
        return new AttemptResult(Outcome.REFUSED, null, durationMs, error, null);
    }
}
