package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.orchestrator.run.ApprovalState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repairs what no event will (ARCHITECTURE §7), by scanning the store every 10 s: runs past their
 * deadline that no live instance tracks (see RunDeadlines) fail with TIMEOUT; runs accepted but never begun
 * (the process died between insert and publish) are requested again; running runs silent for
 * longer than {@code switchboard.orchestrator.silent-after} have their unfinished calls requested
 * again. Every instance sweeps; the conditional writes let only one act on a run.
 */
@Component
class RunSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(RunSweeper.class);
    private static final int BATCH = 200;

    private final RunStore store;
    private final RunEngine engine;
    private final EventPublisher publisher;
    private final SealedCredentials credentials;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration notBegunAfter;
    private final Duration silentAfter;

    RunSweeper(RunStore store, RunEngine engine, EventPublisher publisher, SealedCredentials credentials, Clock clock,
            JsonMapper json, @Value("${switchboard.orchestrator.not-begun-after:10s}") Duration notBegunAfter,
            @Value("${switchboard.orchestrator.silent-after:2m}") Duration silentAfter) {
        this.store = store;
        this.engine = engine;
        this.publisher = publisher;
        this.credentials = credentials;
        this.clock = clock;
        this.json = json;
        this.notBegunAfter = notBegunAfter;
        this.silentAfter = silentAfter;
    }

    @Scheduled(fixedDelayString = "${switchboard.orchestrator.sweep-every:10s}")
    void sweep() {
        Instant now = clock.instant();
        try {
            for (RunDocument run : store.pastDeadline(now, BATCH)) {
                engine.timeOut(run.getRunId());
            }
            for (RunDocument run : store.notBegunSince(now.minus(notBegunAfter), BATCH)) {
                requestAgain(run, now);
            }
            for (RunDocument run : store.silentSince(now.minus(silentAfter), BATCH)) {
                engine.requestAgain(run.getRunId(), now.minus(silentAfter));
            }
            for (RunDocument run : store.decidedButPausedSince(now.minus(notBegunAfter), BATCH)) {
                continueAgain(run, now);
            }
        } catch (RuntimeException e) {
            // the next sweep tries again; a broker or store hiccup must not stop the schedule
            LOG.warn("sweep failed: {}", e.toString());
        }
    }

    /** The decision is stored but its RunContinued never arrived: the same event, published again. */
    private void continueAgain(RunDocument run, Instant now) {
        ApprovalState approval = run.getApproval();
        LOG.warn("run {} was {} at {} but is still paused; publishing the decision again", run.getRunId(),
                Boolean.TRUE.equals(approval.getApproved()) ? "approved" : "rejected", approval.getDecidedAt());
        publisher.publish(Topics.RUNS_CONTROL, List.of(new RunContinued(UUID.fromString(approval.getDecisionEventId()),
                now, run.getTraceId(), run.getRunId(), approval.getStepId(), Boolean.TRUE.equals(approval.getApproved()),
                approval.getInputJson() == null ? null : json.readTree(approval.getInputJson()),
                approval.getDecidedBy())));
    }

    private void requestAgain(RunDocument run, Instant now) {
        run.setLastProgressAt(now);
        try {
            store.save(run);
        } catch (OptimisticLockingFailureException taken) {
            return;
        }
        LOG.warn("run {} was accepted at {} but never began; requesting it again", run.getRunId(),
                run.getStartedAt());
        publisher.publish(Topics.RUNS_REQUESTED, List.of(new RunRequested(UUID.randomUUID(), now, run.getTraceId(),
                run.getRunId(), run.getToolId(), run.getToolVersion(), json.readTree(run.getInputsJson()),
                run.getTrigger(), new RunOptions(run.getTimeoutMs(), run.getWebhookUrl(), run.isAsync(),
                        run.getChain(), run.getChainOn()),
                credentials.of(run.getRunId()))));
    }
}
