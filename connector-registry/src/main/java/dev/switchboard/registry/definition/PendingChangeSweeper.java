package dev.switchboard.registry.definition;

import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes changes whose event did not make it to Kafka when they were written (broker down,
 * process killed between the Mongo write and the ack), so the compacted topic converges on what
 * Mongo holds.
 */
@Component
class PendingChangeSweeper {

    private static final int BATCH = 200;

    private final DefinitionStore store;

    PendingChangeSweeper(DefinitionStore store) {
        this.store = store;
    }

    @Scheduled(initialDelayString = "${switchboard.registry.sweep-interval:5s}",
            fixedDelayString = "${switchboard.registry.sweep-interval:5s}")
    void publishPending() {
        for (Kind kind : Kind.values()) {
            for (Document doc : store.pending(kind, BATCH)) {
                store.publishPending(kind, doc);
            }
        }
    }
}
