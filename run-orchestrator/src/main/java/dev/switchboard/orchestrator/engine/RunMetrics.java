package dev.switchboard.orchestrator.engine;

import dev.switchboard.orchestrator.run.RunDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** {@code switchboard.runs} by tool, status and trigger, and {@code switchboard.run.duration} (ARCHITECTURE §9). */
@Component
class RunMetrics {

    private final MeterRegistry meters;

    RunMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void finished(RunDocument run) {
        String trigger = run.getTriggerType() == null ? "API" : run.getTriggerType();
        Counter.builder("switchboard.runs").description("Runs finished, by tool, status and trigger")
                .tags("tool", run.getToolId(), "status", run.getStatus(), "trigger", trigger)
                .register(meters).increment();
        if (run.getDurationMs() != null) {
            Timer.builder("switchboard.run.duration").description("From acceptance to the final state")
                    .tags("tool", run.getToolId(), "status", run.getStatus())
                    .publishPercentileHistogram()
                    .register(meters).record(Duration.ofMillis(run.getDurationMs()));
        }
    }
}
