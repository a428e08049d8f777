package dev.switchboard.executor.step;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.transit.CredentialSeal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.call.ProtocolCaller;
import dev.switchboard.executor.call.StepOutcome;
import java.util.EnumMap;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * One step, start to end: the call (unless the run was aborted or its deadline passed, which
 * complete the step as {@code ABORTED} or {@code TIMEOUT} without a call), its metrics, and the
 * StepCompleted, published before this returns. {@link StepIntake} runs it on a virtual thread.
 */
@Component
class StepCallHandler {

    private final Map<StepKind, ProtocolCaller> callers = new EnumMap<>(StepKind.class);
    private final RegistryView registry;
    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;
    private final RunCredentials credentials;
    private final AbortedRuns aborted;
    private final MeterRegistry meters;

    StepCallHandler(List<ProtocolCaller> callers, RegistryView registry, KafkaTemplate<String, SwitchboardEvent> kafka,
            Clock clock, RunCredentials credentials, AbortedRuns aborted, MeterRegistry meters) {
        callers.forEach(caller -> this.callers.put(caller.kind(), caller));
        this.registry = registry;
        this.kafka = kafka;
        this.clock = clock;
        this.credentials = credentials;
        this.aborted = aborted;
        this.meters = meters;
    }

    /**
     * Makes the step's call and publishes its StepCompleted; returns once the broker has it.
     *
     * @throws IllegalStateException when the completion could not be published: the step stays
     *     uncommitted, to be delivered again
     */
    void handle(StepRequested step) {
        if (step.traceId() != null) {
            MDC.put("traceId", step.traceId());
        }
        try {
            long started = System.nanoTime();
            StepOutcome outcome = outcome(step);
            long durationNanos = System.nanoTime() - started;
            record(step, outcome, durationNanos);
            StepCompleted completed = new StepCompleted(UUID.randomUUID(), clock.instant(), step.traceId(),
                    // attempts count the executor's retries too, so they show in stepResults
                    step.runId(), step.stepId(), step.itemIndex(), step.attempt() + outcome.retries(), outcome.success(),
                    outcome.data(),
                    outcome.error(), outcome.calls(), Duration.ofNanos(durationNanos).toMillis(),
                    step.sealedCredentials(), outcome.response(), step.userId());
            kafka.send(Topics.STEPS_COMPLETED, completed.key(), completed).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the completion of " + step.runId() + "/"
                    + step.stepId() + "/" + step.itemIndex(), e);
        } finally {
            MDC.remove("traceId");
        }
    }

    private StepOutcome outcome(StepRequested step) {
        if (aborted.isAborted(step.runId())) {
            return failed("ABORTED", "the run was aborted before this call");
        }
        if (step.deadline() != null && clock.instant().isAfter(step.deadline())) {
            return failed("TIMEOUT", "the run's deadline " + step.deadline() + " passed before the call");
        }
        StepRequest request = step.request();
        Optional<JsonNode> connector = Optional.empty();
        if (request.connector() != null) {
            String[] ref = request.connector().split("/", 2);
            connector = ref.length == 2 ? registry.connector(ref[0], ref[1]) : Optional.empty();
            if (connector.isEmpty()) {
                return failed("CONNECTOR_NOT_FOUND", "no connector '" + request.connector() + "'");
            }
        }
        StepKind kind = request.kind() == null ? StepKind.HTTP : request.kind();
        ProtocolCaller caller = callers.get(kind);
        if (caller == null) {
            return failed("NOT_SUPPORTED", "this executor makes no " + kind.wire() + " calls");
        }
        Map<String, String> runCredentials;
        try {
            runCredentials = credentials.open(step);
        } catch (CredentialSeal.SealException e) {
            return failed("CREDENTIALS_UNREADABLE", e.getMessage());
        }
        aborted.calling(step.runId());
        try {
            StepOutcome outcome = caller.call(step, connector, runCredentials);
            if (Thread.interrupted() || aborted.isAborted(step.runId())) {
                return failed("ABORTED", "the run was aborted during this call; the call was cancelled");
            }
            return outcome;
        } catch (RuntimeException e) {
            // an abort interrupts the call, which surfaces as whatever the client throws on interruption
            if (Thread.interrupted() || aborted.isAborted(step.runId())) {
                return failed("ABORTED", "the run was aborted during this call; the call was cancelled");
            }
            throw e;
        } finally {
            aborted.done(step.runId());
        }
    }

    private void record(StepRequested step, StepOutcome outcome, long durationNanos) {
        String connector = String.valueOf(step.request().connector());
        String operation = String.valueOf(step.request().operation());
        String result = outcome.success() ? "success" : outcome.error().code();
        Timer.builder("switchboard.step.duration").description("Time to make one step call, by outcome")
                .tags("connector", connector, "operation", operation, "outcome", result)
                .publishPercentileHistogram().register(meters).record(durationNanos, TimeUnit.NANOSECONDS);
        if (outcome.calls() != null) {
            meters.counter("switchboard.step.calls", "connector", connector).increment(outcome.calls().requests());
        }
    }

    private static StepOutcome failed(String code, String message) {
        return new StepOutcome(false, null, new StepError(code, message, null), new CallStats(0, 0));
    }
}
