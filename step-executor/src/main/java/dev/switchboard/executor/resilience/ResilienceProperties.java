package dev.switchboard.executor.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The executor's defaults for connector calls ({@code switchboard.executor.resilience.*}); a
 * connector's own {@code retry} and {@code timeoutMs} override the first ones. Checked at start so a
 * typo fails the boot instead of every call.
 *
 * @param maxAttempts attempts per call when the connector says nothing (the first one included)
 * @param backoff the first wait between attempts; each next one is {@code backoffMultiplier} times longer
 * @param jitter how far (as a fraction, 0.5 = ±50 %) a wait is randomised, so that callers that failed
 *     together do not come back together
 * @param maxRetryWait no wait between attempts is longer; a {@code Retry-After} asking for more is not
 *     retried at all (coming back earlier than asked only earns another 429)
 * @param timeout one attempt's limit when the connector has no {@code timeoutMs}
 * @param rateLimitMaxWait longest wait for a rate-limit permit when the run has no nearer deadline
 */
@ConfigurationProperties("switchboard.executor.resilience")
public record ResilienceProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("200ms") Duration backoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("60s") Duration maxRetryWait,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("60s") Duration rateLimitMaxWait,
        @DefaultValue Breaker breaker,
        @DefaultValue Bulkhead bulkhead) {

    public ResilienceProperties {
        require(maxAttempts >= 1 && maxAttempts <= 10, "max-attempts must be between 1 and 10");
        require(!backoff.isNegative(), "backoff must not be negative");
        require(backoffMultiplier >= 1, "backoff-multiplier must be at least 1");
        require(jitter >= 0 && jitter < 1, "jitter must be at least 0 and below 1");
        require(maxRetryWait.isPositive(), "max-retry-wait must be positive");
        require(timeout.isPositive(), "timeout must be positive");
        require(rateLimitMaxWait.isPositive(), "rate-limit-max-wait must be positive");
    }

    /** The defaults, as if nothing were configured. */
    public static ResilienceProperties defaults() {
        return new ResilienceProperties(3, Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), Breaker.defaults(), Bulkhead.defaults());
    }

    /**
     * One circuit breaker per connector, counting attempts (not calls), so a dead API trips it within a
     * few calls.
     *
     * @param slidingWindow how many recent attempts the failure rate is taken over
     * @param minimumCalls attempts needed before the rate counts at all, so one early 503 does not open it
     * @param failureRatePercent opens at or above this share of server failures
     * @param openFor how long it fails fast before letting probes through
     * @param halfOpenProbes probe attempts that decide whether it closes again
     */
    public record Breaker(
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("3") int halfOpenProbes) {

        public Breaker {
            require(slidingWindow >= 1, "breaker.sliding-window must be at least 1");
            require(minimumCalls >= 1, "breaker.minimum-calls must be at least 1");
            require(failureRatePercent > 0 && failureRatePercent <= 100,
                    "breaker.failure-rate-percent must be above 0 and at most 100");
            require(openFor.isPositive(), "breaker.open-for must be positive");
            require(halfOpenProbes >= 1, "breaker.half-open-probes must be at least 1");
        }

        public static Breaker defaults() {
            return new Breaker(20, 10, 50, Duration.ofSeconds(30), 3);
        }
    }

    /**
     * One bulkhead per connector, so one slow API cannot take every call slot of this instance.
     *
     * @param maxConcurrent attempts in flight to one connector at once
     * @param maxWait how long an attempt waits for a slot. resilience4j's semaphore bulkhead has one wait
     *     for all callers, so this one is not shortened by a nearer run deadline: keep it short
     */
    public record Bulkhead(
            @DefaultValue("1000") int maxConcurrent,
            @DefaultValue("2s") Duration maxWait) {

        public Bulkhead {
            require(maxConcurrent >= 1, "bulkhead.max-concurrent must be at least 1");
            require(!maxWait.isNegative(), "bulkhead.max-wait must not be negative");
        }

        public static Bulkhead defaults() {
            return new Bulkhead(1000, Duration.ofSeconds(2));
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("switchboard.executor.resilience." + message);
        }
    }
}
