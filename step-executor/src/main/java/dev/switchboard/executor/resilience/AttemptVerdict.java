package dev.switchboard.executor.resilience;

import java.util.Optional;

/**
 * What one attempt came to, as far as retrying and the circuit breaker care. The caller states the
 * facts (a status and its {@code Retry-After}, a connect error, a timeout); {@link ConnectorResilience}
 * decides with the connector's {@code retryOn} whether that is worth another attempt, so callers need
 * not know the connector's retry settings.
 */
public record AttemptVerdict(Kind kind, int httpStatus, Optional<String> retryAfterHeader) {

    public enum Kind {
        /** A response arrived; {@code httpStatus} says which. */
        RESPONSE,
        /** The server could not be reached: nothing was received, so another attempt is safe and useful. */
        CONNECT_ERROR,
        /** No response in time: the server may be overloaded. */
        TIMEOUT,
        /** A failure another attempt would only repeat (a response too large, a request we could not build). */
        FINAL
    }

    public AttemptVerdict {
        retryAfterHeader = retryAfterHeader == null ? Optional.empty() : retryAfterHeader;
    }

    /** A response with this status; {@code retryAfterHeader} is its {@code Retry-After}, if any. */
    public static AttemptVerdict of(int httpStatus, Optional<String> retryAfterHeader) {
        return new AttemptVerdict(Kind.RESPONSE, httpStatus, retryAfterHeader);
    }

    public static AttemptVerdict success() {
        return of(200, Optional.empty());
    }

    public static AttemptVerdict connectError() {
        return new AttemptVerdict(Kind.CONNECT_ERROR, 0, Optional.empty());
    }

    public static AttemptVerdict timeout() {
        return new AttemptVerdict(Kind.TIMEOUT, 0, Optional.empty());
    }

    public static AttemptVerdict notRetryable() {
        return new AttemptVerdict(Kind.FINAL, 0, Optional.empty());
    }

    /**
     * Counts against the connector's breaker: the server (or the way to it) is failing. A 4xx, 429
     * included, does not: the server is up and answering about this request.
     */
    boolean serverFailure() {
        return switch (kind) {
            case CONNECT_ERROR, TIMEOUT -> true;
            case RESPONSE -> httpStatus >= 500;
            case FINAL -> false;
        };
    }
}
