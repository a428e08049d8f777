package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunFinished;

/**
 * Hands a run this instance has just finished, and whose RunFinished the broker has acknowledged,
 * to what follows it up in-process (the webhook feature), ahead of the event's trip through Kafka to
 * a consumer. Declared here so the engine needs no part of the feature. Must not block: it runs on
 * the engine's thread.
 */
public interface FinishedRunHandoff {

    /** @param run the finished run as stored; read what is needed now, it is not the handoff's to keep */
    void finished(RunFinished event, RunDocument run);
}
