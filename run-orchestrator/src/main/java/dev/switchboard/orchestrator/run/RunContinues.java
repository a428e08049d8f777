package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.SwitchboardEvent;
import dev.switchboard.orchestrator.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /runs/{id}/continue}: the decision on a paused run is stored first, in a write
 * conditional on the run's revision, so of two people deciding at once exactly one wins and the
 * other gets 409, whichever instances they reached. Then the RunContinued goes to the run's
 * partition owner, which applies it; if this process dies in between, the sweeper publishes it.
 */
@Service
class RunContinues {

    private static final Logger LOG = LoggerFactory.getLogger(RunContinues.class);
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final int WRITE_ATTEMPTS = 5;

    private final RunStore store;
    private final RunWaiters waiters;
    private final KafkaTemplate<String, SwitchboardEvent> kafka;
    private final Clock clock;

    RunContinues(RunStore store, RunWaiters waiters, KafkaTemplate<String, SwitchboardEvent> kafka, Clock clock) {
        this.store = store;
        this.waiters = waiters;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** The run after the decision, if it got that far within a moment, else as it is. */
    RunDocument decide(String runId, Caller caller, boolean approved, JsonNode input) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            RunDocument run = store.find(runId).orElseThrow(() -> new RunNotFoundException("no run '" + runId + "'"));
            if (!caller.admin() && !caller.userId().equals(run.getUserId())) {
                throw new AccessDeniedException("only the run's requester or an admin may continue it");
            }
            ApprovalState approval = run.getApproval();
            if (!RunDocument.AWAITING_INPUT.equals(run.getStatus()) || approval == null) {
                throw new RunStateConflictException("run '" + runId + "' is " + run.getStatus()
                        + "; only a run awaiting input can be continued");
            }
            if (approval.isDecided()) {
                throw new RunStateConflictException("step '" + approval.getStepId() + "' of run '" + runId
                        + "' was already " + (Boolean.TRUE.equals(approval.getApproved()) ? "approved" : "rejected")
                        + " by " + approval.getDecidedBy());
            }
            UUID eventId = UUID.randomUUID();
            approval.setApproved(approved);
            approval.setInputJson(input == null || input.isNull() ? null : input.toString());
            approval.setDecidedBy(caller.userId());
            approval.setDecidedAt(clock.instant());
            approval.setDecisionEventId(eventId.toString());
            try {
                store.save(run);
            } catch (OptimisticLockingFailureException changed) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw changed;
                }
                continue;
            }
            CompletableFuture<RunDocument> finished = waiters.register(runId);
            publish(run, approval, eventId, input);
            return waiters.await(runId, finished, WAIT).or(() -> store.find(runId)).orElse(run);
        }
    }

    private void publish(RunDocument run, ApprovalState approval, UUID eventId, JsonNode input) {
        var event = new RunContinued(eventId, clock.instant(), run.getTraceId(), run.getRunId(),
                approval.getStepId(), Boolean.TRUE.equals(approval.getApproved()), input, approval.getDecidedBy());
        try {
            kafka.send(Topics.RUNS_CONTROL, event.key(), event).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the decision is stored, so it stands: the sweeper publishes it again
            LOG.warn("could not publish the decision on run {} now ({}); the sweeper will", run.getRunId(),
                    e.toString());
        }
    }
}
