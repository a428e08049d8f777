package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.contracts.registry.RegistryView;
import java.time.Duration;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The partition owner's handlers: all events of a run share its key, so one consumer thread of
 * one instance sees them in order. Offsets are committed after a handler returns; a failure is
 * retried and then dead-lettered (see EngineConfig).
 */
@Component
class RunEventListener {

    private static final Duration REGISTRY_WAIT = Duration.ofSeconds(30);

    private final RunEngine engine;
    private final RegistryView registry;

    RunEventListener(RunEngine engine, RegistryView registry) {
        this.engine = engine;
        this.registry = registry;
    }

    @KafkaListener(topics = {Topics.RUNS_REQUESTED, Topics.STEPS_COMPLETED, Topics.RUNS_CONTROL},
            groupId = "run-orchestrator", concurrency = "${switchboard.orchestrator.consumers:3}")
    void onEvent(SwitchboardEvent event) throws InterruptedException {
        // steps name connectors; planning them against a registry view still filling would fail them wrongly
        if (!registry.isCaughtUp()) {
            registry.awaitCaughtUp(REGISTRY_WAIT);
        }
        if (event.traceId() != null) {
            MDC.put("traceId", event.traceId());
        }
        try {
            switch (event) {
                case RunRequested requested -> engine.onRunRequested(requested);
                case StepCompleted completed -> engine.onStepCompleted(completed);
                case RunAbortRequested abort -> engine.onAbort(abort);
                case RunContinued continued -> engine.onContinued(continued);
                default -> {
                    // registry and secrets events do not reach this listener's topics
                }
            }
        } finally {
            MDC.remove("traceId");
        }
    }
}
