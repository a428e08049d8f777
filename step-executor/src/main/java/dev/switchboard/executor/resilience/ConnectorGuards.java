package dev.switchboard.executor.resilience;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connector's circuit breaker, bulkhead and (if it has a {@code rateLimit}) rate limiter, taken
 * around each attempt: a retry is another attempt for all three, so a dead API trips the breaker
 * within a few calls and retries never exceed the rate limit.
 *
 * @param perSecond the rate limit these guards were made for; a connector whose limit changed gets new guards
 * @param openUntil when the breaker last opened plus its open time, for the rejection message
 */
record ConnectorGuards(String ref, Double perSecond, CircuitBreaker breaker, Bulkhead bulkhead,
        AtomicRateLimiter limiter, AtomicReference<Instant> openUntil, Clock clock, Sleeper sleeper,
        Duration rateLimitMaxWait) {

    /**
     * Takes, in this order, a breaker permission (so an open breaker fails fast, before any wait), a
     * rate-limit permit (waiting for it, but not while holding a call slot) and a bulkhead slot. Either
     * all three are held afterwards (give them back with {@link #done} or {@link #abandon}) or none.
     */
    void admit(Instant deadline) {
        if (!breaker.tryAcquirePermission()) {
            throw circuitOpen();
        }
        try {
            waitForRateLimit(deadline);
            if (!bulkhead.tryAcquirePermission()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw aborted();
                }
                throw new ResilienceRejection(ResilienceRejection.BULKHEAD_FULL, ref, "connector '" + ref
                        + "' already has " + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                        + " calls in flight on this executor instance, and none finished within "
                        + bulkhead.getBulkheadConfig().getMaxWaitDuration().toMillis() + " ms");
            }
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
        if (deadline != null && !clock.instant().isBefore(deadline)) {
            abandon();
            throw new ResilienceRejection(ResilienceRejection.TIMEOUT, ref, "the run's deadline " + deadline
                    + " passed while the call to connector '" + ref + "' waited for a slot");
        }
    }

    /** The attempt finished: only server failures count against the breaker (a 4xx is the request's fault). */
    void done(long nanos, AttemptVerdict verdict) {
        bulkhead.onComplete();
        if (verdict.serverFailure()) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new ServerFailure(verdict));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The attempt threw (a bug, not an answer from the server): give everything back, record nothing. */
    void abandon() {
        bulkhead.onComplete();
        breaker.releasePermission();
    }

    private void waitForRateLimit(Instant deadline) {
        if (limiter == null) {
            return;
        }
        Duration longest = rateLimitMaxWait;
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            longest = left.compareTo(longest) < 0 ? left : longest;
        }
        // look before reserving: a permit reserved and then refused (the deadline is nearer) is lost to
        // everyone, and a stream of such calls would push real callers further and further back
        if (limiter.getDetailedMetrics().getNanosToWait() > longest.toNanos()) {
            throw rateLimited(longest);
        }
        long nanos = limiter.reservePermission();
        if (nanos < 0 || nanos > longest.toNanos()) {
            throw rateLimited(longest);
        }
        if (nanos > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw aborted();
            }
        }
    }

    private ResilienceRejection circuitOpen() {
        Instant until = openUntil.get();
        String when = breaker.getState() == CircuitBreaker.State.HALF_OPEN
                ? "its probe calls are in flight and decide whether it closes"
                : until == null ? "it lets probe calls through after " + breaker.getCircuitBreakerConfig()
                        .getWaitIntervalFunctionInOpenState().apply(1) + " ms"
                : "it lets probe calls through from " + until;
        return new ResilienceRejection(ResilienceRejection.CIRCUIT_OPEN, ref, "connector '" + ref
                + "' is failing (too many server errors, connection failures or timeouts), so its circuit"
                + " breaker is open and calls fail fast; " + when);
    }

    private ResilienceRejection rateLimited(Duration longest) {
        return new ResilienceRejection(ResilienceRejection.RATE_LIMITED, ref, "connector '" + ref
                + "' allows " + perSecond + " calls per second and no call slot comes free within "
                + Math.max(0, longest.toMillis()) + " ms (the run's deadline or the longest rate-limit wait)");
    }

    private ResilienceRejection aborted() {
        return new ResilienceRejection(ResilienceRejection.ABORTED, ref,
                "interrupted while waiting to call connector '" + ref + "'");
    }

    /** What the breaker records for a failed attempt; never thrown. */
    static final class ServerFailure extends RuntimeException {
        ServerFailure(AttemptVerdict verdict) {
            super(verdict.kind() + (verdict.httpStatus() > 0 ? " " + verdict.httpStatus() : ""), null, false, false);
        }
    }
}
