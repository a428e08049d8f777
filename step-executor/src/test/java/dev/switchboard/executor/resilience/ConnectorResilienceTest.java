package dev.switchboard.executor.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConnectorResilienceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final JsonNode PLAIN = connector("{}");

    private final FakeTime time = new FakeTime(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ConnectorResilience resilience = resilience(ResilienceProperties.defaults(), 0.5);

    // --- retries ---

    @Test
    void a503TwiceThenA200SucceedsOnTheThirdAttemptAfterGrowingWaits() {
        Script script = new Script(status(503), status(503), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, null, script);

        assertThat(result.last().status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(script.calls).isEqualTo(3);
        // 200 ms, then ×2; the jitter source sits in the middle here, so no spread
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(meters.get("switchboard.step.retries").tag("connector", "crm/hubspot").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aBadRequestIsNotRetried() {
        Script script = new Script(status(400), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, null, script);

        assertThat(result.last().status()).isEqualTo(400);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void aServerErrorOtherThan502To504IsNotRetriedEither() {
        Script script = new Script(status(500), status(200));

        assertThat(call("crm/hubspot", PLAIN, null, script).attempts()).isEqualTo(1);
    }

    @Test
    void aStatusListedInRetryOnIsRetried() {
        Script script = new Script(status(409), status(200));

        Attempts<Response> result = call("crm/hubspot", connector("{\"retry\": {\"retryOn\": [409]}}"), null,
                script);

        assertThat(result.last().status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void a429WaitsExactlyTheRetryAfterSecondsInsteadOfTheBackoff() {
        Script script = new Script(status(429, "1"), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, START.plusSeconds(30), script);

        assertThat(result.last().status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void a429WaitsUntilARetryAfterHttpDate() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(START.plusSeconds(3), ZoneOffset.UTC));
        Script script = new Script(status(429, inThreeSeconds), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, START.plusSeconds(30), script);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheBackoff() {
        Script script = new Script(status(429, "soon"), status(200));

        call("crm/hubspot", PLAIN, null, script);

        assertThat(time.sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsNotWaitedForAndThe429IsReturned() {
        Script script = new Script(status(429, "120"), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, START.plusSeconds(10), script);

        assertThat(result.last().status()).isEqualTo(429);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
        assertThat(time.instant()).isBefore(START.plusSeconds(10));
    }

    @Test
    void withoutADeadlineARetryAfterLongerThanTheLongestWaitIsNotRetried() {
        Script script = new Script(status(429, "3600"), status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, null, script);

        assertThat(result.last().status()).isEqualTo(429);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void backoffStopsBeforeAWaitThatWouldReachTheDeadline() {
        Script script = new Script(status(503));

        // 200 ms fits before the deadline, the next 400 ms would not
        Attempts<Response> result = call("crm/hubspot", PLAIN, START.plusMillis(300), script);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.last().status()).isEqualTo(503);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(200));
    }

    @Test
    void connectErrorsAndTimeoutsAreRetried() {
        Script script = new Script(Response.CONNECT_ERROR, Response.TIMEOUT, status(200));

        Attempts<Response> result = call("crm/hubspot", PLAIN, null, script);

        assertThat(result.last().status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(3);
    }

    @Test
    void aFinalFailureIsNotRetried() {
        Script script = new Script(Response.FINAL, status(200));

        assertThat(call("crm/hubspot", PLAIN, null, script).attempts()).isEqualTo(1);
    }

    @Test
    void theConnectorsMaxAttemptsAndBackoffAreHonoured() {
        Script script = new Script(status(503));

        Attempts<Response> result = call("crm/hubspot",
                connector("{\"retry\": {\"maxAttempts\": 5, \"backoffMs\": 100}}"), null, script);

        assertThat(result.attempts()).isEqualTo(5);
        assertThat(script.calls).isEqualTo(5);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void maxAttemptsOneMeansNoRetry() {
        Script script = new Script(status(503), status(200));

        assertThat(call("crm/hubspot", connector("{\"retry\": {\"maxAttempts\": 1}}"), null, script).attempts())
                .isEqualTo(1);
    }

    @Test
    void aRawUrlStepGetsTheDefaultThreeAttemptsAndNoBreaker() {
        resilience = resilience(withBreaker(new ResilienceProperties.Breaker(2, 2, 50, Duration.ofSeconds(30), 1)),
                0.5);
        for (int i = 0; i < 5; i++) {
            Script script = new Script(status(503));
            assertThat(resilience.call(null, null, null, script, Response::verdict).attempts()).isEqualTo(3);
        }
    }

    @Test
    void jitterSpreadsAWaitUpToHalfEitherSide() {
        resilience = resilience(ResilienceProperties.defaults(), 0.0);
        call("crm/low", PLAIN, null, new Script(status(503), status(200)));
        resilience = resilience(ResilienceProperties.defaults(), 1.0);
        call("crm/high", PLAIN, null, new Script(status(503), status(200)));

        assertThat(time.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300));
    }

    @Test
    void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        resilience = new ConnectorResilience(ResilienceProperties.defaults(), time, meters, interrupted,
                time.nanoTime(), () -> 0.5);
        Script script = new Script(status(503), status(200));
        try {
            Attempts<Response> result = call("crm/hubspot", PLAIN, null, script);

            assertThat(result.attempts()).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // --- circuit breaker ---

    @Test
    void repeated5xxOpenTheBreakerWhichThenFailsFastWhileOtherConnectorsStillGoThrough() {
        resilience = resilience(withBreaker(new ResilienceProperties.Breaker(4, 4, 50, Duration.ofSeconds(30), 1)),
                0.5);
        assertThat(call("crm/down", PLAIN, null, new Script(status(503))).attempts()).isEqualTo(3);
        // the fourth failed attempt opens it; the retry after it is refused, so the 503 is what is reported
        Attempts<Response> second = call("crm/down", PLAIN, null, new Script(status(503)));
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.last().status()).isEqualTo(503);
        Instant opened = time.instant().minus(time.sleeps.getLast());

        Script third = new Script(status(200));
        assertThatThrownBy(() -> call("crm/down", PLAIN, null, third))
                .isInstanceOfSatisfying(ResilienceRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ResilienceRejection.CIRCUIT_OPEN);
                    assertThat(e.connector()).isEqualTo("crm/down");
                    assertThat(e.getMessage()).contains("crm/down").contains(opened.plusSeconds(30).toString());
                });
        assertThat(third.calls).isZero();

        Script other = new Script(status(200));
        assertThat(call("crm/up", PLAIN, null, other).last().status()).isEqualTo(200);
        assertThat(other.calls).isEqualTo(1);
    }

    @Test
    void afterItsOpenTimeTheBreakerLetsAProbeThroughAndClosesOnSuccess() {
        resilience = resilience(withBreaker(new ResilienceProperties.Breaker(2, 2, 50, Duration.ofSeconds(30), 1)),
                0.5);
        call("crm/flaky", connector("{\"retry\": {\"maxAttempts\": 1}}"), null, new Script(status(503)));
        call("crm/flaky", connector("{\"retry\": {\"maxAttempts\": 1}}"), null, new Script(status(503)));
        assertThat(breakerState("crm/flaky", "open")).isEqualTo(1);

        time.advance(Duration.ofSeconds(31));
        Script probe = new Script(status(200));
        assertThat(call("crm/flaky", PLAIN, null, probe).last().status()).isEqualTo(200);

        assertThat(probe.calls).isEqualTo(1);
        assertThat(breakerState("crm/flaky", "closed")).isEqualTo(1);
    }

    @Test
    void clientErrorsAnd429sDoNotOpenTheBreaker() {
        resilience = resilience(withBreaker(new ResilienceProperties.Breaker(2, 2, 50, Duration.ofSeconds(30), 1)),
                0.5);
        for (int i = 0; i < 5; i++) {
            call("crm/picky", PLAIN, null, new Script(status(400)));
            call("crm/picky", connector("{\"retry\": {\"maxAttempts\": 1}}"), null, new Script(status(429, "1")));
        }

        Script next = new Script(status(200));
        assertThat(call("crm/picky", PLAIN, null, next).last().status()).isEqualTo(200);
        assertThat(breakerState("crm/picky", "closed")).isEqualTo(1);
    }

    @Test
    void anAttemptThatThrowsIsNotCountedAndGivesItsPermitsBack() {
        resilience = resilience(new ResilienceProperties(3, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60),
                new ResilienceProperties.Breaker(2, 2, 50, Duration.ofSeconds(30), 1),
                new ResilienceProperties.Bulkhead(1, Duration.ZERO)), 0.5);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> call("crm/buggy", PLAIN, null, () -> {
                throw new IllegalStateException("bug");
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(call("crm/buggy", PLAIN, null, new Script(status(200))).attempts()).isEqualTo(1);
    }

    // --- rate limit ---

    @Test
    void withTwoPerSecondTheThirdCallInTheSameSecondWaitsForTheNext() {
        JsonNode limited = connector("{\"rateLimit\": {\"perSecond\": 2}}");
        call("crm/slow", limited, null, new Script(status(200)));
        call("crm/slow", limited, null, new Script(status(200)));
        assertThat(time.sleeps).isEmpty();

        Script third = new Script(status(200));
        assertThat(call("crm/slow", limited, null, third).last().status()).isEqualTo(200);

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(third.calls).isEqualTo(1);
    }

    @Test
    void aRateLimitWaitPastTheDeadlineIsRefusedWithoutCallingOrUsingUpAPermit() {
        JsonNode limited = connector("{\"rateLimit\": {\"perSecond\": 2}}");
        call("crm/slow", limited, null, new Script(status(200)));
        call("crm/slow", limited, null, new Script(status(200)));

        Script third = new Script(status(200));
        assertThatThrownBy(() -> call("crm/slow", limited, START.plusMillis(200), third))
                .isInstanceOfSatisfying(ResilienceRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ResilienceRejection.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("crm/slow");
                });
        assertThat(third.calls).isZero();

        // the next second still has both its permits
        time.advance(Duration.ofSeconds(1));
        call("crm/slow", limited, null, new Script(status(200)));
        call("crm/slow", limited, null, new Script(status(200)));
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void retriesTakeRateLimitPermitsToo() {
        JsonNode limited = connector("{\"rateLimit\": {\"perSecond\": 1}, \"retry\": {\"backoffMs\": 0}}");

        Attempts<Response> result = call("crm/slow", limited, null, new Script(status(503), status(200)));

        assertThat(result.attempts()).isEqualTo(2);
        // the backoff (0 ms), then the rest of the second for the retry's permit
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void aConnectorWhoseRateLimitChangedGetsANewLimiter() {
        call("crm/slow", connector("{\"rateLimit\": {\"perSecond\": 1}}"), null, new Script(status(200)));

        call("crm/slow", connector("{\"rateLimit\": {\"perSecond\": 5}}"), null, new Script(status(200)));
        call("crm/slow", connector("{}"), null, new Script(status(200)));

        // at 1 per second the second call would have waited; without a limit the third does not either
        assertThat(time.sleeps).isEmpty();
        assertThat(meters.find("resilience4j.ratelimiter.available.permissions").tag("name", "crm/slow").gauge())
                .isNull();
    }

    @Test
    void aFractionalRateSpacesCallsOut() {
        JsonNode limited = connector("{\"rateLimit\": {\"perSecond\": 0.5}}");
        call("crm/rare", limited, null, new Script(status(200)));
        call("crm/rare", limited, null, new Script(status(200)));

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    // --- bulkhead ---

    @Test
    void aFullBulkheadRefusesWithBulkheadFullAndFreesTheSlotAfterwards() {
        resilience = resilience(new ResilienceProperties(3, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), ResilienceProperties.Breaker.defaults(),
                new ResilienceProperties.Bulkhead(1, Duration.ZERO)), 0.5);
        AtomicReference<ResilienceRejection> inner = new AtomicReference<>();
        Script innerAttempt = new Script(status(200));

        // the one slot is held by this attempt while it makes another call to the same connector
        call("crm/narrow", PLAIN, null, () -> {
            try {
                call("crm/narrow", PLAIN, null, innerAttempt);
            } catch (ResilienceRejection e) {
                inner.set(e);
            }
            return status(200);
        });

        assertThat(inner.get()).isNotNull();
        assertThat(inner.get().code()).isEqualTo(ResilienceRejection.BULKHEAD_FULL);
        assertThat(inner.get().getMessage()).contains("crm/narrow");
        assertThat(innerAttempt.calls).isZero();
        assertThat(call("crm/narrow", PLAIN, null, new Script(status(200))).attempts()).isEqualTo(1);
    }

    // --- bad connector config ---

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"retry\": {\"maxAttempts\": 0}}",
            "{\"retry\": {\"maxAttempts\": -2}}",
            "{\"retry\": {\"maxAttempts\": \"three\"}}",
            "{\"retry\": {\"maxAttempts\": 11}}",
            "{\"retry\": {\"backoffMs\": -5}}",
            "{\"retry\": {\"retryOn\": [\"409\"]}}",
            "{\"retry\": {\"retryOn\": 409}}",
            "{\"retry\": \"always\"}",
            "{\"rateLimit\": {\"perSecond\": \"fast\"}}",
            "{\"rateLimit\": {\"perSecond\": 0}}",
            "{\"rateLimit\": {}}",
            "{\"timeoutMs\": 0}"})
    void aConnectorSettingTheRegistryWouldRefuseFailsTheCallClearlyWithoutCalling(String json) {
        Script script = new Script(status(200));

        assertThatThrownBy(() -> call("crm/broken", connector(json), null, script))
                .isInstanceOfSatisfying(ResilienceRejection.class, e -> {
                    assertThat(e.code()).isEqualTo(ResilienceRejection.INVALID_CONNECTOR_CONFIG);
                    assertThat(e.getMessage()).startsWith("connector 'crm/broken': ")
                            .containsAnyOf("retry", "rateLimit.perSecond", "timeoutMs");
                });
        assertThat(script.calls).isZero();
    }

    @Test
    void theErrorNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> call("crm/broken", connector("{\"retry\": {\"maxAttempts\": 0}}"), null,
                new Script(status(200))))
                .hasMessage("connector 'crm/broken': retry.maxAttempts must be a whole number from 1 to 10, got 0");
    }

    @Test
    void explicitNullsMeanTheDefaults() {
        Script script = new Script(status(503));

        Attempts<Response> result = call("crm/nulls",
                connector("{\"retry\": {\"maxAttempts\": null, \"backoffMs\": null}, \"rateLimit\": null}"), null,
                script);

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void badExecutorDefaultsFailAtStart() {
        assertThatThrownBy(() -> new ResilienceProperties(0, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), ResilienceProperties.Breaker.defaults(),
                ResilienceProperties.Bulkhead.defaults()))
                .hasMessageContaining("switchboard.executor.resilience.max-attempts");
    }

    // --- timeouts ---

    @Test
    void anAttemptsTimeoutIsTheConnectorsShortenedToTheDeadline() {
        JsonNode fiveSeconds = connector("{\"timeoutMs\": 5000}");

        assertThat(resilience.attemptTimeout("crm/x", fiveSeconds, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(resilience.attemptTimeout("crm/x", fiveSeconds, START.plusSeconds(2)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(resilience.attemptTimeout("crm/x", fiveSeconds, START.minusSeconds(1)))
                .isEqualTo(Duration.ofMillis(1));
        assertThat(resilience.attemptTimeout(null, null, null)).isEqualTo(Duration.ofSeconds(30));
    }

    // --- helpers ---

    private ConnectorResilience resilience(ResilienceProperties properties, double random) {
        return new ConnectorResilience(properties, time, meters, time, time.nanoTime(), () -> random);
    }

    private Attempts<Response> call(String ref, JsonNode connector, Instant deadline, Supplier<Response> attempt) {
        return resilience.call(ref, connector, deadline, attempt, Response::verdict);
    }

    private double breakerState(String ref, String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("name", ref).tag("state", state).gauge().value();
    }

    private static ResilienceProperties withBreaker(ResilienceProperties.Breaker breaker) {
        return new ResilienceProperties(3, Duration.ofMillis(200), 2, 0.5, Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(60), breaker, ResilienceProperties.Bulkhead.defaults());
    }

    private static JsonNode connector(String json) {
        return JSON.readTree(json);
    }

    private static Response status(int status) {
        return new Response(status, null);
    }

    private static Response status(int status, String retryAfter) {
        return new Response(status, retryAfter);
    }

    /** What an attempt returned: a status (and its Retry-After), or a kind of failure without one. */
    record Response(int status, String retryAfter) {
        static final Response CONNECT_ERROR = new Response(-1, null);
        static final Response TIMEOUT = new Response(-2, null);
        static final Response FINAL = new Response(-3, null);

        AttemptVerdict verdict() {
            return switch (status) {
                case -1 -> AttemptVerdict.connectError();
                case -2 -> AttemptVerdict.timeout();
                case -3 -> AttemptVerdict.notRetryable();
                default -> AttemptVerdict.of(status, Optional.ofNullable(retryAfter));
            };
        }
    }

    /** Answers each attempt with the next response, the last one again once they run out. */
    static final class Script implements Supplier<Response> {
        private final List<Response> responses;
        int calls;

        Script(Response... responses) {
            this.responses = new ArrayList<>(List.of(responses));
        }

        @Override
        public Response get() {
            return responses.get(Math.min(calls++, responses.size() - 1));
        }
    }
}
