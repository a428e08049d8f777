package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunFinished;

/**
 * Hands a run this instance has just stored final to what follows it up in-process (the webhook
 * feature), just before its RunFinished is published, so the follow-up need not wait for the
 * event's trip through Kafka to a consumer. Whatever a handoff starts, the RunFinished is still
 * published (and republished on a redelivery), so the consumer of that event remains the durable
 * path. Declared here so the engine needs no part of the feature. Must not block: it runs on the
 * engine's thread.
 */
public interface FinishedRunHandoff {

    /** @param run the finished run as stored; read what is needed now, it is not the handoff's to keep */
    void finished(RunFinished event, RunDocument run);
}
