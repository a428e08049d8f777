package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunError;
import java.time.Instant;

/**
 * A run as lists show it: no data and no step results, which can be large. {@code toolCallId} tells
 * an agent conversation's calls apart ({@code GET /runs?chatId=}).
 */
record RunSummary(String runId, String toolId, String status, String triggerType, String chatId, String toolCallId,
        Instant startedAt, Instant finishedAt, Long durationMs, RunError error) {

    static RunSummary of(RunDocument doc) {
        return new RunSummary(doc.getRunId(), doc.getToolId(), doc.getStatus(), doc.getTriggerType(),
                doc.getChatId(), doc.getTrigger() == null ? null : doc.getTrigger().toolCallId(), doc.getStartedAt(),
                doc.getFinishedAt(), doc.getDurationMs(), doc.getError());
    }
}
