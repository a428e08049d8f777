package dev.switchboard.orchestrator.engine;

import java.util.ArrayList;
import java.util.List;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The sends a batch of consumed records caused, each with the index of the record that caused it.
 * They are awaited together at the end of the batch (ADR 025): a send that failed fails the batch
 * at its record, so the error handler commits the offsets before it and redelivers from it, and
 * the redelivered records are recognised by their eventIds and re-send what they caused.
 */
final class BatchAcknowledgements implements AutoCloseable {

    private record Pending(int recordIndex, EventPublisher.Sent sent) {
    }

    private final Runnable onClose;
    private final List<Pending> pending = new ArrayList<>();
    private int recordIndex;

    BatchAcknowledgements(Runnable onClose) {
        this.onClose = onClose;
    }

    /** The record whose handling sends what is added next. */
    void handling(int index) {
        recordIndex = index;
    }

    void add(EventPublisher.Sent sent) {
        pending.add(new Pending(recordIndex, sent));
    }

    /**
     * Returns once the broker has acknowledged everything sent so far.
     *
     * @throws BatchListenerFailedException naming the first record whose sends failed
     */
    void awaitAll() {
        for (Pending each : pending) {
            try {
                each.sent().await();
            } catch (IllegalStateException failed) {
                pending.clear();
                throw new BatchListenerFailedException(failed.getMessage(), failed, each.recordIndex());
            }
        }
        pending.clear();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
