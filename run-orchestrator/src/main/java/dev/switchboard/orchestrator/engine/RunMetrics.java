package dev.switchboard.orchestrator.engine;

import dev.switchboard.orchestrator.run.RunDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard.runs} by tool, status and trigger, {@code switchboard.run.duration} (ARCHITECTURE §9),
 * and {@code switchboard.run.timeouts}: registered at start, so an alert on it has a series to read
 * before the first run ever times out.
 */
@Component
class RunMetrics {

    private static final String TIMEOUT = "TIMEOUT";

    private final MeterRegistry meters;
    private final Counter timeouts;

    RunMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.timeouts = Counter.builder("switchboard.run.timeouts").description("Runs failed for passing their deadline")
                .register(meters);
    }

    void finished(RunDocument run) {
        if (run.getError() != null && TIMEOUT.equals(run.getError().code())) {
            timeouts.increment();
        }
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
