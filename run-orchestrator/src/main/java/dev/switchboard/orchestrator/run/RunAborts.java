package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.orchestrator.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Aborts go through {@code switchboard.runs.control} keyed by runId, so the instance that owns the
 * run's partition applies them in order with its step results, whichever instance was asked; the
 * executors hear the same event and cancel the run's calls in flight.
 */
@Service
class RunAborts {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final RunStore store;
    private final RunWaiters waiters;
    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;

    RunAborts(RunStore store, RunWaiters waiters, KafkaTemplate<String, SwitchboardEvent> kafka, Clock clock) {
        this.store = store;
        this.waiters = waiters;
        this.kafka = kafka;
        this.clock = clock;
    }

    RunDocument abort(String runId, Caller caller, String reason) throws InterruptedException {
        RunDocument run = store.find(runId).orElseThrow(() -> new RunNotFoundException("no run '" + runId + "'"));
        if (!caller.admin() && !caller.userId().equals(run.getUserId())) {
            throw new AccessDeniedException("only the run's requester or an admin may abort it");
        }
        if (run.isFinal()) {
            throw new RunStateConflictException("run '" + runId + "' has already finished (" + run.getStatus()
                    + "); only a running run can be aborted");
        }
        CompletableFuture<RunDocument> finished = waiters.register(runId);
        var event = new RunAbortRequested(UUID.randomUUID(), clock.instant(), run.getTraceId(), runId,
                caller.userId(), reason);
        try {
            kafka.send(Topics.RUNS_CONTROL, event.key(), event).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the abort of run " + runId, e);
        }
        return waiters.await(runId, finished, WAIT).or(() -> store.find(runId)).orElse(run);
    }
}
