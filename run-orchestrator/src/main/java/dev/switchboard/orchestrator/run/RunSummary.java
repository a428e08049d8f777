package dev.switchboard.orchestrator.run;

import java.time.Instant;

/** A run as lists show it. */
record RunSummary(String runId, String toolId, String status, String triggerType, String chatId, Instant startedAt,
        Instant finishedAt) {

    static RunSummary of(RunDocument doc) {
        return new RunSummary(doc.runId(), doc.toolId(), doc.status(), doc.triggerType(), doc.chatId(),
                doc.startedAt(), doc.finishedAt());
    }
}
