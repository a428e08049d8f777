package dev.switchboard.executor.resilience;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes a step's HTTP exchange resilient, per connector (ARCHITECTURE §7): retries with exponential
 * backoff and jitter (429 and 503 honouring {@code Retry-After}), never waiting past the run's deadline;
 * a circuit breaker, a bulkhead and the connector's {@code rateLimit} around every attempt.
 *
 * <p>The retry loop is ours rather than resilience4j's {@code Retry}: that one sleeps through a
 * JVM-wide static function, cannot take a per-call deadline, and cannot stop early because the next
 * wait would pass it. Breaker, bulkhead and rate limiter are resilience4j's, one per connector ref in
 * registries whose metrics are bound to Micrometer ({@code resilience4j.circuitbreaker.*},
 * {@code resilience4j.bulkhead.*}, {@code resilience4j.ratelimiter.*}, tagged {@code name=<ref>}).
 * Everything is in memory: limits are per executor instance.
 */
@Component
public class ConnectorResilience {

    private static final Logger log = LoggerFactory.getLogger(ConnectorResilience.class);
    private static final String NO_CONNECTOR = "none";

    private final ResilienceProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Sleeper sleeper;
    private final Supplier<Long> nanoTime;
    private final Backoff backoff;
    private final ConnectorPolicy rawUrlPolicy;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final RateLimiterRegistry rateLimiters;
    private final ConcurrentMap<String, ConnectorGuards> guards = new ConcurrentHashMap<>();

    @Autowired
    public ConnectorResilience(ResilienceProperties properties, Clock clock, MeterRegistry meters) {
        this(properties, clock, meters, Sleeper.THREAD, System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ConnectorResilience(ResilienceProperties properties, Clock clock, MeterRegistry meters, Sleeper sleeper,
            Supplier<Long> nanoTime, DoubleSupplier random) {
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.backoff = new Backoff(properties.backoffMultiplier(), properties.jitter(), properties.maxRetryWait(),
                random);
        this.rawUrlPolicy = ConnectorPolicy.defaults(properties);
        this.breakers = CircuitBreakerRegistry.of(breakerConfig(properties.breaker(), clock));
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrent())
                .maxWaitDuration(properties.bulkhead().maxWait()).build());
        this.rateLimiters = RateLimiterRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
    }

    /**
     * Makes {@code attempt} (one HTTP exchange, blocking) until {@code verdict} says its result is not
     * worth another, the attempts run out, or the next wait would reach {@code deadline}; returns the
     * last result and how many attempts were made.
     *
     * @param connectorRef {@code ns/name}, or null for a raw-url step: then retry defaults only, and no
     *     breaker, bulkhead or rate limit (there is no connector to hold them)
     * @param connector the connector's registry JSON ({@code retry}, {@code rateLimit}), or null
     * @param deadline the run's deadline, or null for none
     * @throws ResilienceRejection before the first attempt: {@code CIRCUIT_OPEN} (the attempt is not made),
     *     {@code RATE_LIMITED}, {@code BULKHEAD_FULL}, {@code INVALID_CONNECTOR_CONFIG}, {@code TIMEOUT},
     *     {@code ABORTED}. Refused before a later attempt (the breaker opened meanwhile, say), the call
     *     returns the last real result instead: what the server said tells more than our refusal.
     */
    public <T> Attempts<T> call(String connectorRef, JsonNode connector, Instant deadline, Supplier<T> attempt,
            Function<T, AttemptVerdict> verdict) {
        ConnectorPolicy policy = connectorRef == null && connector == null ? rawUrlPolicy
                : ConnectorPolicy.of(connectorRef, connector, properties);
        ConnectorGuards guard = connectorRef == null ? null : guardsFor(connectorRef, policy);
        T last = null;
        int made = 0;
        while (true) {
            AttemptVerdict judged;
            try {
                if (guard != null) {
                    guard.admit(deadline);
                }
                long started = nanoTime.get();
                try {
                    last = attempt.get();
                    judged = Objects.requireNonNull(verdict.apply(last), "verdict");
                } catch (RuntimeException | Error e) {
                    if (guard != null) {
                        guard.abandon();
                    }
                    throw e;
                }
                if (guard != null) {
                    guard.done(nanoTime.get() - started, judged);
                }
            } catch (ResilienceRejection refused) {
                if (made == 0) {
                    throw refused;
                }
                return new Attempts<>(last, made);
            }
            made++;
            if (!policy.retryable(judged) || made >= policy.maxAttempts()) {
                return new Attempts<>(last, made);
            }
            Optional<Duration> wait = nextWait(judged, made, policy, deadline);
            if (wait.isEmpty()) {
                return new Attempts<>(last, made);
            }
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                // an abort: keep the flag for the caller, and report what we have
                Thread.currentThread().interrupt();
                return new Attempts<>(last, made);
            }
            Counter.builder("switchboard.step.retries").description("Step call attempts after the first")
                    .tag("connector", connectorRef == null ? NO_CONNECTOR : connectorRef)
                    .register(meters).increment();
        }
    }

    /**
     * The time limit for the next attempt: the connector's {@code timeoutMs} (or the configured default),
     * shortened to what is left before {@code deadline}; at least 1 ms, so a timer can still be set.
     */
    public Duration attemptTimeout(String connectorRef, JsonNode connector, Instant deadline) {
        Duration timeout = ConnectorPolicy.of(connectorRef, connector, properties).timeout();
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(timeout) < 0) {
                timeout = left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
            }
        }
        return timeout;
    }

    /**
     * The server's {@code Retry-After} if it gave one, else our backoff; empty when we should stop: the
     * server asks for longer than we would ever wait (coming back early only earns another refusal), or
     * the wait would reach the deadline (the attempt after it could not finish in time).
     */
    private Optional<Duration> nextWait(AttemptVerdict verdict, int made, ConnectorPolicy policy,
            Instant deadline) {
        Optional<Duration> asked = verdict.kind() == AttemptVerdict.Kind.RESPONSE
                ? RetryAfter.parse(verdict.retryAfterHeader(), clock) : Optional.empty();
        if (asked.isPresent() && asked.get().compareTo(properties.maxRetryWait()) > 0) {
            return Optional.empty();
        }
        Duration wait = asked.orElseGet(() -> backoff.after(made, policy.backoff()));
        if (deadline != null && !clock.instant().plus(wait).isBefore(deadline)) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    /**
     * The connector's guards. Breaker and bulkhead take their settings from the executor's config and
     * live as long as the ref; the rate limiter follows the connector's {@code rateLimit}, and is
     * replaced (with a full first second) when that changes.
     */
    private ConnectorGuards guardsFor(String ref, ConnectorPolicy policy) {
        ConnectorGuards current = guards.get(ref);
        if (current != null && Objects.equals(current.perSecond(), policy.perSecond())) {
            return current;
        }
        return guards.compute(ref, (key, existing) -> {
            if (existing != null && Objects.equals(existing.perSecond(), policy.perSecond())) {
                return existing;
            }
            CircuitBreaker breaker = existing != null ? existing.breaker() : breakers.circuitBreaker(ref);
            AtomicReference<Instant> openUntil = existing != null ? existing.openUntil() : watch(breaker);
            return new ConnectorGuards(ref, policy.perSecond(), breaker, bulkheads.bulkhead(ref),
                    rateLimiter(ref, policy.perSecond()), openUntil, clock, sleeper,
                    properties.rateLimitMaxWait());
        });
    }

    private AtomicReference<Instant> watch(CircuitBreaker breaker) {
        AtomicReference<Instant> openUntil = new AtomicReference<>();
        Duration openFor = properties.breaker().openFor();
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openUntil.set(clock.instant().plus(openFor));
                log.warn("circuit breaker for connector '{}' opened; its calls fail fast until {}",
                        breaker.getName(), openUntil.get());
            } else if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                log.info("circuit breaker for connector '{}' closed again", breaker.getName());
            }
        });
        return openUntil;
    }

    private AtomicRateLimiter rateLimiter(String ref, Double perSecond) {
        if (perSecond == null) {
            rateLimiters.remove(ref);
            return null;
        }
        RateLimiterConfig config = rateLimitConfig(perSecond, properties.rateLimitMaxWait());
        // made here rather than by the registry, to give it our time source (tests move it by hand);
        // the registry's metrics follow a replaced entry
        AtomicRateLimiter limiter = new AtomicRateLimiter(ref, config, Map.of(), nanoTime);
        if (rateLimiters.find(ref).isEmpty()) {
            rateLimiters.rateLimiter(ref, config);
        }
        rateLimiters.replace(ref, limiter);
        return limiter;
    }

    /**
     * A whole number per second allows that many in each second (bursts included, as an API's own
     * per-second quota does); a fraction such as 2.5 or 0.5 becomes one call per 1/perSecond, which
     * never goes above the rate.
     */
    static RateLimiterConfig rateLimitConfig(double perSecond, Duration maxWait) {
        boolean whole = perSecond >= 1 && perSecond == Math.rint(perSecond);
        return RateLimiterConfig.custom()
                .limitForPeriod(whole ? (int) perSecond : 1)
                .limitRefreshPeriod(whole ? Duration.ofSeconds(1) : Duration.ofNanos(Math.round(1e9 / perSecond)))
                .timeoutDuration(maxWait)
                .build();
    }

    private static CircuitBreakerConfig breakerConfig(ResilienceProperties.Breaker breaker, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindow())
                .minimumNumberOfCalls(Math.min(breaker.minimumCalls(), breaker.slidingWindow()))
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenProbes())
                .clock(clock)
                .build();
    }
}
