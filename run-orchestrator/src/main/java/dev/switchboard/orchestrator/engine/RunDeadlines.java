package dev.switchboard.orchestrator.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The deadlines of the runs this instance is driving, checked in memory four times a second, so
 * a deadline is enforced within a second of passing (ARCHITECTURE §5a) without querying the store
 * for it. Runs nobody drives any more (their owner died) are caught by {@link RunSweeper}'s scan.
 */
@Component
class RunDeadlines {

    private static final Logger LOG = LoggerFactory.getLogger(RunDeadlines.class);

    private final Map<String, Instant> deadlines = new ConcurrentHashMap<>();
    private final RunEngine engine;
    private final Clock clock;

    RunDeadlines(@Lazy RunEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    void track(String runId, Instant deadline) {
        deadlines.put(runId, deadline);
    }

    void forget(String runId) {
        deadlines.remove(runId);
    }

    @Scheduled(fixedDelayString = "${switchboard.orchestrator.deadline-check-every:250ms}")
    void check() {
        Instant now = clock.instant();
        List<String> overdue = deadlines.entrySet().stream().filter(e -> now.isAfter(e.getValue()))
                .map(Map.Entry::getKey).toList();
        for (String runId : overdue) {
            try {
                engine.timeOut(runId);
                deadlines.remove(runId);
            } catch (RuntimeException e) {
                // kept: the next check tries again
                LOG.warn("could not time out run {}: {}", runId, e.toString());
            }
        }
    }
}
