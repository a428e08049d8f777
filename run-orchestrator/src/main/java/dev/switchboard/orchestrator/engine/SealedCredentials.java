package dev.switchboard.orchestrator.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The sealed credentials of runs in flight, in memory only (they are never stored): they arrive
 * with RunRequested and come back with every StepCompleted, so the partition owner always has
 * them when it requests the next step. Only a step re-requested by the sweeper after a restart
 * may have to go without; a step that needs them then fails with SECRET_NOT_FOUND.
 */
@Component
class SealedCredentials {

    private static final int MAX_RUNS = 100_000;

    private final Map<String, String> byRun = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_RUNS;
        }
    });

    void remember(String runId, String sealed) {
        if (sealed != null && !sealed.isBlank()) {
            byRun.put(runId, sealed);
        }
    }

    String of(String runId) {
        return byRun.get(runId);
    }

    void forget(String runId) {
        byRun.remove(runId);
    }
}
