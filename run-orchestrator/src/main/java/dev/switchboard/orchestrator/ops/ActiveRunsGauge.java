package dev.switchboard.orchestrator.ops;

import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.UnfinishedRunsCounted;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard.runs.active{status}}: runs in flight (requested, running) and paused at an
 * approval (awaiting_input), as the sweeper counted them in the store on its last sweep (every
 * 10 s), so every instance reports the cluster-wide number (dashboards take {@code max}). Counting
 * on a schedule of its own read the whole runs collection three more times, on the embedded store.
 */
@Component
class ActiveRunsGauge {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    ActiveRunsGauge(MeterRegistry meters) {
        for (String status : new String[] {RunDocument.REQUESTED, RunDocument.RUNNING, RunDocument.AWAITING_INPUT}) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("switchboard.runs.active", count, AtomicLong::get)
                    .description("Runs not yet final, by status").tag("status", status).register(meters);
        }
    }

    @EventListener
    void on(UnfinishedRunsCounted counted) {
        counts.forEach((status, count) -> count.set(counted.byStatus().getOrDefault(status, 0L)));
    }
}
