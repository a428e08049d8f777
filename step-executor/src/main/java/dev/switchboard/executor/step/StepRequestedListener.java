package dev.switchboard.executor.step;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.CallStats;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.executor.http.HttpStepCaller;
import dev.switchboard.executor.http.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs the steps of a polled batch concurrently, one virtual thread each (so at most
 * {@code max.poll.records} calls are in flight per consumer), publishes a StepCompleted for each
 * and then acknowledges the batch. A step past its deadline is completed as {@code TIMEOUT}
 * without a call.
 */
@Component
class StepRequestedListener {

    private final HttpStepCaller http;
    private final RegistryView registry;
    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;

    StepRequestedListener(HttpStepCaller http, RegistryView registry, KafkaTemplate<String, SwitchboardEvent> kafka,
            Clock clock) {
        this.http = http;
        this.registry = registry;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.STEPS_REQUESTED, groupId = "step-executor", containerFactory = "stepBatchFactory")
    void onSteps(List<SwitchboardEvent> events, Acknowledgment ack) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SwitchboardEvent event : events) {
                if (event instanceof StepRequested step) {
                    running.add(calls.submit(() -> complete(step)));
                }
            }
        }
        for (Future<?> call : running) {
            // a completion that could not be published fails the batch, which is then delivered again
            call.get();
        }
        ack.acknowledge();
    }

    private void complete(StepRequested step) {
        if (step.traceId() != null) {
            MDC.put("traceId", step.traceId());
        }
        try {
            long started = System.nanoTime();
            StepOutcome outcome = outcome(step);
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            StepCompleted completed = new StepCompleted(UUID.randomUUID(), clock.instant(), step.traceId(),
                    step.runId(), step.stepId(), step.itemIndex(), step.attempt(), outcome.success(), outcome.data(),
                    outcome.error(), outcome.calls(), durationMs);
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
        if (step.deadline() != null && clock.instant().isAfter(step.deadline())) {
            return new StepOutcome(false, null, new StepError("TIMEOUT",
                    "the run's deadline " + step.deadline() + " passed before the call", null),
                    new CallStats(0, 0));
        }
        StepRequest request = step.request();
        Optional<JsonNode> connector = Optional.empty();
        if (request.connector() != null) {
            String[] ref = request.connector().split("/", 2);
            connector = ref.length == 2 ? registry.connector(ref[0], ref[1]) : Optional.empty();
            if (connector.isEmpty()) {
                return new StepOutcome(false, null, new StepError(
                        "CONNECTOR_NOT_FOUND", "no connector '" + request.connector() + "'", null),
                        new CallStats(0, 0));
            }
        }
        return http.call(step, connector);
    }
}
