package dev.switchboard.orchestrator.run;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A run as stored. The run-engine issue adds step states and results; the id is the runId so
 * that a duplicate RunRequested can never create a second document (ARCHITECTURE §7).
 */
@Document("runs")
record RunDocument(
        @Id String runId,
        @Indexed String toolId,
        String status,
        String triggerType,
        String chatId,
        @Indexed Instant startedAt,
        Instant finishedAt) {
}
