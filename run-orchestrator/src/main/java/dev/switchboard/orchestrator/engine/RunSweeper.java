package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.orchestrator.run.ApprovalState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunStore;
import dev.switchboard.orchestrator.run.UnfinishedRunsCounted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repairs what no event will (ARCHITECTURE §7), by scanning the store every 10 s: runs past their
 * deadline that no live instance tracks (see RunDeadlines) fail with TIMEOUT; runs accepted but never begun
 * (the process died between insert and publish) are requested again; running runs silent for
 * longer than {@code switchboard.orchestrator.silent-after} have their unfinished calls requested
 * again. Every instance sweeps; the conditional writes let only one act on a run. The same read
 * counts the runs not final, for the {@code switchboard.runs.active} gauges.
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
    private final ApplicationEventPublisher events;

    RunSweeper(RunStore store, RunEngine engine, EventPublisher publisher, SealedCredentials credentials, Clock clock,
            JsonMapper json, ApplicationEventPublisher events, @Value("${switchboard.orchestrator.not-begun-after:10s}") Duration notBegunAfter,
            @Value("${switchboard.orchestrator.silent-after:2m}") Duration silentAfter) {
        this.store = store;
        this.engine = engine;
        this.publisher = publisher;
        this.credentials = credentials;
        this.clock = clock;
        this.json = json;
        this.notBegunAfter = notBegunAfter;
        this.silentAfter = silentAfter;
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${switchboard.orchestrator.sweep-every:10s}")
    void sweep() {
        Instant now = clock.instant();
        try {
            SweepFindings found = scan(now);
            events.publishEvent(new UnfinishedRunsCounted(found.counts()));
            for (String runId : found.pastDeadline()) {
                engine.timeOut(runId);
            }
            for (String runId : found.notBegun()) {
                store.find(runId).filter(run -> RunDocument.REQUESTED.equals(run.getStatus()))
                        .ifPresent(run -> requestAgain(run, now));
            }
            for (String runId : found.silent()) {
                engine.requestAgain(runId, now.minus(silentAfter));
            }
            for (String runId : found.decidedButPaused()) {
                store.find(runId).filter(run -> RunDocument.AWAITING_INPUT.equals(run.getStatus()))
                        .ifPresent(run -> continueAgain(run, now));
            }
        } catch (RuntimeException e) {
            // the next sweep tries again; a broker or store hiccup must not stop the schedule
            LOG.warn("sweep failed: {}", e.toString());
        }
    }

    /** One read of the runs not final, sorted into what each check acts on (at most BATCH each) and counted. */
    private SweepFindings scan(Instant now) {
        Instant notBegunBefore = now.minus(notBegunAfter);
        Instant silentBefore = now.minus(silentAfter);
        SweepFindings found = new SweepFindings(new HashMap<>(Map.of(RunDocument.REQUESTED, 0L, RunDocument.RUNNING,
                0L, RunDocument.AWAITING_INPUT, 0L)), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        try (Stream<RunDocument> runs = store.unfinished()) {
            runs.forEach(run -> {
                found.counts().merge(run.getStatus(), 1L, Long::sum);
                if (before(run.getDeadline(), now)) {
                    add(found.pastDeadline(), run);
                } else if (RunDocument.REQUESTED.equals(run.getStatus()) && before(run.getLastProgressAt(), notBegunBefore)) {
                    add(found.notBegun(), run);
                } else if (RunDocument.RUNNING.equals(run.getStatus()) && before(run.getLastProgressAt(), silentBefore)) {
                    add(found.silent(), run);
                } else if (RunDocument.AWAITING_INPUT.equals(run.getStatus()) && run.getApproval() != null
                        && before(run.getApproval().getDecidedAt(), notBegunBefore)) {
                    add(found.decidedButPaused(), run);
                }
            });
        }
        return found;
    }

    private static boolean before(Instant at, Instant limit) {
        return at != null && at.isBefore(limit);
    }

    private static void add(List<String> runIds, RunDocument run) {
        if (runIds.size() < BATCH) {
            runIds.add(run.getRunId());
        }
    }

    private record SweepFindings(Map<String, Long> counts, List<String> pastDeadline, List<String> notBegun,
            List<String> silent, List<String> decidedButPaused) {
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
