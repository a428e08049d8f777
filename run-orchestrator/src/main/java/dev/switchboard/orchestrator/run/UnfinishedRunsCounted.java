package dev.switchboard.orchestrator.run;

import java.util.Map;

/**
 * A sweep's count of the runs not final in the store, by status (requested, running,
 * awaiting_input): cluster-wide, since the store is. Published in process for the gauges.
 */
public record UnfinishedRunsCounted(Map<String, Long> byStatus) {

    public UnfinishedRunsCounted {
        byStatus = Map.copyOf(byStatus);
    }
}
