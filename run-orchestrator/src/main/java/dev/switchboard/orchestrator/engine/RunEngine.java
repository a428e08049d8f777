package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.event.RunAbortRequested;
import dev.switchboard.contracts.event.RunContinued;
import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.RunFinished;
import dev.switchboard.contracts.event.RunOptions;
import dev.switchboard.contracts.event.RunRequested;
import dev.switchboard.contracts.event.RunStatus;
import dev.switchboard.contracts.event.StepCompleted;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.StepRequest;
import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.event.TriggerType;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.expressions.ExpressionError;
import dev.switchboard.expressions.JavaScriptSandbox;
import dev.switchboard.orchestrator.run.ApprovalState;
import dev.switchboard.orchestrator.run.FinishedRunHandoff;
import dev.switchboard.orchestrator.run.ItemState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunExistsException;
import dev.switchboard.orchestrator.run.RunStore;
import dev.switchboard.orchestrator.run.RunWaiters;
import dev.switchboard.orchestrator.run.StepState;
import dev.switchboard.orchestrator.schema.SchemaViolations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives runs (ARCHITECTURE §5, §7). Each handler reads the run, computes what the event does to
 * it, saves it in one conditional write, and only then publishes what that caused, so a crash at
 * any point is repaired by the redelivery of the event: an already-applied event is recognised by
 * its eventId and re-sends what it caused instead of applying twice.
 */
@Component
public class RunEngine {

    static final int DEFAULT_CONCURRENCY = 8;
    private static final Logger LOG = LoggerFactory.getLogger(RunEngine.class);
    private static final int WRITE_ATTEMPTS = 5;

    /** Returned by a change that found the run behind the event: only a read of the store can tell. */
    private static final Transition BEHIND = new Transition("behind");

    private final RunStore store;
    private final RunCache cache;
    private final RunWaiters waiters;
    private final EventPublisher publisher;
    private final SourceData sourceData;
    private final RequestRenderer requests;
    private final JavaScriptSandbox javaScript;
    private final SchemaViolations schemas;
    private final SealedCredentials credentials;
    private final RegistryView registry;
    private final RunMetrics metrics;
    private final RunDeadlines deadlines;
    private final ApprovalGate approvals;
    private final Clock clock;
    private final JsonMapper json;
    private final ObjectProvider<FinishedRunHandoff> handoffProvider;
    /**
     * Resolved at the first finished run, once: a lookup per run otherwise, and not in the
     * constructor, since the webhook feature depends on the launcher, which depends on this.
     */
    private volatile List<FinishedRunHandoff> handoffs;

    RunEngine(RunStore store, RunCache cache, RunWaiters waiters, EventPublisher publisher, SourceData sourceData,
            RequestRenderer requests, JavaScriptSandbox javaScript, SchemaViolations schemas,
            SealedCredentials credentials, RegistryView registry, RunMetrics metrics, RunDeadlines deadlines,
            ApprovalGate approvals, Clock clock, JsonMapper json, ObjectProvider<FinishedRunHandoff> handoffs) {
        this.store = store;
        this.cache = cache;
        this.waiters = waiters;
        this.publisher = publisher;
        this.sourceData = sourceData;
        this.requests = requests;
        this.javaScript = javaScript;
        this.schemas = schemas;
        this.credentials = credentials;
        this.registry = registry;
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.approvals = approvals;
        this.clock = clock;
        this.json = json;
        this.handoffProvider = handoffs;
    }

    /**
     * Eager start (ADR 008): the API instance that accepted a run begins it itself, as the
     * RunRequested handler would, and stores it already running with its first calls dispatched:
     * one write instead of two and one Kafka hop less before the first call. The RunRequested it
     * publishes afterwards is for observers; the partition owner sees the run under way and leaves
     * it. If this process dies between the insert and the dispatch, the sweeper re-requests the
     * calls of the silent run.
     *
     * @throws dev.switchboard.orchestrator.run.RunExistsException when the runId is taken
     */
    public void startAccepted(RunDocument run, RunRequested requested) {
        credentials.remember(run.getRunId(), requested.sealedCredentials());
        Transition transition = new Transition("run");
        run.setStatus(RunDocument.RUNNING);
        run.setBeganBy("api:" + requested.eventId());
        advance(run, transition);
        run.setLastProgressAt(clock.instant());
        store.insert(run);
        // in flight together with the first calls: a sync run waits for one acknowledgement, not two
        EventPublisher.Sent runRequested = publisher.send(Topics.RUNS_REQUESTED, List.of(requested));
        publish(run, transition, false);
        runRequested.await();
        cache.offer(run);
    }

    void onRunRequested(RunRequested event) {
        credentials.remember(event.runId(), event.sealedCredentials());
        withFreshRun(event.runId(), () -> Optional.of(store.find(event.runId()).orElseGet(() -> accept(event))),
                run -> {
                    Transition transition = new Transition("run");
                    if (RunDocument.REQUESTED.equals(run.getStatus())) {
                        run.setStatus(RunDocument.RUNNING);
                        run.setBeganBy(event.eventId().toString());
                        if (pastDeadline(run, transition)) {
                            return transition;
                        }
                        advance(run, transition);
                    } else if (RunDocument.RUNNING.equals(run.getStatus())
                            && event.eventId().toString().equals(run.getBeganBy())) {
                        // redelivered: resend whatever this event dispatched and is not done
                        return resend(run, transition);
                    } else {
                        // a duplicate request (the sweeper's, another producer's): the run is under way
                        return null;
                    }
                    return transition;
                });
    }

    void onStepCompleted(StepCompleted event) {
        credentials.remember(event.runId(), event.sealedCredentials());
        withFreshRun(event.runId(), () -> store.find(event.runId()), run -> {
            StepState step = run.step(event.stepId());
            ItemState item = step == null ? null : step.item(event.itemIndex());
            if (item == null) {
                return BEHIND;
            }
            String cause = event.stepId() + "/" + event.itemIndex();
            boolean redelivered = event.eventId().toString().equals(item.getCompletionId());
            if (run.isFinal()) {
                if (redelivered) {
                    Transition again = new Transition(cause);
                    again.finished();
                    again.replay();
                    return again;
                }
                return null;
            }
            if (item.isDone()) {
                return redelivered ? resend(run, new Transition(cause)) : null;
            }
            Transition transition = new Transition(cause);
            if (pastDeadline(run, transition)) {
                return transition;
            }
            item.setDone(true);
            item.setSuccess(event.success());
            item.setDataJson(event.data() == null ? null : event.data().toString());
            item.setError(event.error());
            item.setAttempts(Math.max(item.getAttempts(), event.attempt()));
            if (event.calls() != null) {
                item.setRequests(event.calls().requests());
                item.setPages(event.calls().pages());
            }
            item.setDurationMs(event.durationMs());
            if (event.response() != null) {
                item.setHttpStatus(event.response().status());
                if (TriggerType.MANUAL.name().equals(run.getTriggerType()) && event.response().headers() != null) {
                    // a connector test shows the answer's headers; runs keep only the status
                    item.setResponseHeadersJson(json.writeValueAsString(event.response().headers()));
                }
            }
            item.setCompletedAt(clock.instant());
            item.setCompletionId(event.eventId().toString());
            step.setCompleted(step.getCompleted() + 1);
            if (!event.success()) {
                step.setFailed(step.getFailed() + 1);
                if (!continuesOnFailure(tool(run).path("steps").path(run.getCurrentStep()))) {
                    StepError error = event.error();
                    fail(run, transition, new RunError(error.code(), error.message(), event.stepId(),
                            event.itemIndex()), RunDocument.FAILED);
                    return transition;
                }
            }
            advance(run, transition);
            return transition;
        });
    }

    void onAbort(RunAbortRequested event) {
        withFreshRun(event.runId(), () -> store.find(event.runId()), run -> {
            if (run.isFinal()) {
                return null;
            }
            Transition transition = new Transition("abort");
            String reason = event.reason() == null ? "" : ": " + event.reason();
            fail(run, transition, new RunError("ABORTED", "aborted by " + event.requestedBy() + reason,
                    currentStepId(run), null), RunDocument.ABORTED);
            return transition;
        });
    }

    /**
     * A decision on a run paused at an approval step. The decision stored with the run (by the
     * API instance that took it) is the one applied; an event carrying another decision lost
     * the race and changes nothing. A RunContinued from another producer, for a run nobody
     * decided on yet, carries the decision itself.
     */
    void onContinued(RunContinued event) {
        withFreshRun(event.runId(), () -> store.find(event.runId()), run -> {
            ApprovalState approval = run.getApproval();
            if (approval == null || !approval.getStepId().equals(event.stepId())) {
                return null;
            }
            Transition transition = new Transition("continue:" + approval.getStepId());
            String eventId = event.eventId().toString();
            if (!RunDocument.AWAITING_INPUT.equals(run.getStatus())) {
                boolean appliedThis = eventId.equals(approval.getDecisionEventId())
                        && !run.step(approval.getStepId()).getItems().isEmpty();
                if (!appliedThis) {
                    // a late decision (the run timed out or was aborted meanwhile), or another one's
                    return null;
                }
                // redelivered after it was applied: publish again what it caused
                if (run.isFinal()) {
                    transition.finished();
                    transition.replay();
                    return transition;
                }
                return resend(run, transition);
            }
            if (approval.isDecided() && !approval.getDecisionEventId().equals(eventId)) {
                // someone else's decision was stored first; theirs is on its way
                return null;
            }
            if (!approval.isDecided()) {
                approval.setApproved(event.approved());
                approval.setInputJson(event.input() == null || event.input().isNull() ? null : event.input().toString());
                approval.setDecidedBy(event.continuedBy());
                approval.setDecidedAt(clock.instant());
                approval.setDecisionEventId(event.eventId().toString());
            }
            if (pastDeadline(run, transition)) {
                return transition;
            }
            RunError rejected = approvals.decide(run);
            if (rejected != null) {
                fail(run, transition, rejected, RunDocument.FAILED);
            } else {
                advance(run, transition);
            }
            return transition;
        });
    }

    /** The sweeper found the run past its deadline. */
    void timeOut(String runId) {
        withFreshRun(runId, () -> store.find(runId), run -> {
            Transition transition = new Transition("deadline");
            return !run.isFinal() && pastDeadline(run, transition) ? transition : null;
        });
    }

    /**
     * The sweeper found the run silent for too long: its requested, unfinished items are
     * requested again (same Idempotency-Key, next attempt number).
     */
    void requestAgain(String runId, Instant silentSince) {
        // judged on the stored run: a cached copy this instance holds may be behind another's writes
        cache.forget(runId);
        withFreshRun(runId, () -> store.find(runId), run -> {
            if (!RunDocument.RUNNING.equals(run.getStatus()) || run.getLastProgressAt().isAfter(silentSince)) {
                return null;
            }
            Transition transition = new Transition("sweeper");
            StepState step = run.getSteps().isEmpty() ? null : run.getSteps().getLast();
            if (step != null) {
                for (ItemState item : step.getItems()) {
                    if (!item.isDone() && item.getRequestJson() != null) {
                        item.setAttempts(item.getAttempts() + 1);
                        item.setDispatchedAt(clock.instant());
                        transition.request(stepRequested(run, step.getStepId(), item,
                                json.readValue(item.getRequestJson(), StepRequest.class)));
                    }
                }
            }
            LOG.warn("run {} made no progress since {}; requested {} step call(s) again", runId, silentSince,
                    transition.requests().size());
            return transition;
        });
    }

    /**
     * Fails the run with TIMEOUT if its deadline has passed: a late event must not move it on. A
     * paused run's deadline is its approval's: it fails with APPROVAL_TIMEOUT, unless someone
     * decided in time and the decision is only on its way.
     */
    private boolean pastDeadline(RunDocument run, Transition transition) {
        if (!clock.instant().isAfter(run.getDeadline())) {
            return false;
        }
        if (RunDocument.AWAITING_INPUT.equals(run.getStatus())) {
            ApprovalState approval = run.getApproval();
            if (approval.isDecided() && !approval.getDecidedAt().isAfter(approval.getTimeoutAt())) {
                return false;
            }
            fail(run, transition, ApprovalGate.timedOut(run), RunDocument.FAILED);
            return true;
        }
        fail(run, transition, new RunError("TIMEOUT", "the run did not finish within its timeout of "
                + run.getTimeoutMs() + " ms", currentStepId(run), null), RunDocument.FAILED);
        return true;
    }

    /** A RunRequested from another producer (chaining, an external system): record it first. */
    private RunDocument accept(RunRequested event) {
        Instant now = clock.instant();
        RunDocument run = new RunDocument();
        run.setRunId(event.runId());
        run.setToolId(event.toolId());
        run.setStatus(RunDocument.REQUESTED);
        run.setTrigger(event.trigger());
        if (event.trigger() != null) {
            run.setTriggerType(event.trigger().type().name());
            run.setChatId(event.trigger().chatId());
            run.setUserId(event.trigger().userId());
        }
        run.setTraceId(event.traceId());
        run.setInputsJson(event.inputs() == null ? "{}" : event.inputs().toString());
        RunOptions options = event.options();
        long timeoutMs = options != null && options.timeoutMs() != null ? options.timeoutMs()
                : Duration.ofMinutes(5).toMillis();
        run.setTimeoutMs(timeoutMs);
        run.setFollowUp(options == null ? null : options.webhookUrl(), options == null ? null : options.chain(),
                options == null ? null : options.chainOn());
        run.setAsync(options == null || options.async());
        run.setStartedAt(now);
        run.setDeadline(now.plusMillis(timeoutMs));
        run.setLastProgressAt(now);
        Optional<JsonNode> tool = registry.tool(event.toolId());
        tool.ifPresent(t -> {
            run.setToolJson(t.toString());
            run.setToolVersion(t.path("version").asLong(0));
        });
        try {
            store.insert(run);
            return run;
        } catch (RunExistsException raced) {
            return store.find(event.runId()).orElseThrow();
        }
    }

    /** Moves the run on as far as it can go without waiting for a completion. */
    private void advance(RunDocument run, Transition transition) {
        JsonNode tool = tool(run);
        if (tool == null) {
            fail(run, transition, new RunError("TOOL_NOT_FOUND", "tool '" + run.getToolId()
                    + "' does not exist (any more)", null, null), RunDocument.FAILED);
            return;
        }
        JsonNode steps = tool.path("steps");
        while (!run.isFinal()) {
            if (run.getCurrentStep() >= steps.size()) {
                finish(run, tool, transition);
                return;
            }
            JsonNode stepDefinition = steps.get(run.getCurrentStep());
            String stepId = stepDefinition.path("id").asString();
            StepState step = run.step(stepId);
            if (step == null) {
                if (ApprovalGate.isApproval(stepDefinition)) {
                    pause(run, stepDefinition, transition);
                    return;
                }
                step = begin(run, stepDefinition, transition);
                if (step == null) {
                    return;
                }
            }
            dispatch(run, tool, stepDefinition, step, transition);
            if (run.isFinal() || !step.allCompleted()) {
                return;
            }
            step.setStatus(step.getFailed() == 0 ? StepState.SUCCESS
                    : step.getFailed() == step.getTotal() ? StepState.FAILED : "partial");
            run.setCurrentStep(run.getCurrentStep() + 1);
        }
    }

    private void pause(RunDocument run, JsonNode stepDefinition, Transition transition) {
        try {
            approvals.pause(run, stepDefinition, sourceData.forCurrentStep(run));
            transition.paused();
        } catch (ExpressionError e) {
            String stepId = stepDefinition.path("id").asString();
            fail(run, transition, new RunError(e.code(), "message of approval step '" + stepId + "': "
                    + e.getMessage(), stepId, null), RunDocument.FAILED);
        }
    }

    /** Evaluates the step's dataSelector; null if that failed the run. */
    private StepState begin(RunDocument run, JsonNode stepDefinition, Transition transition) {
        String stepId = stepDefinition.path("id").asString();
        StepState step = new StepState(stepId);
        String selector = stepDefinition.path("dataSelector").asString(null);
        if (selector == null || selector.isBlank()) {
            step.setTotal(1);
        } else {
            JsonNode selected;
            try {
                selected = javaScript.call(selector, sourceData.forCurrentStep(run));
            } catch (ExpressionError e) {
                fail(run, transition, new RunError(e.code(), "dataSelector of step '" + stepId + "': "
                        + e.getMessage(), stepId, null), RunDocument.FAILED);
                return null;
            }
            step.setLooped(selected.isArray());
            step.setSelectedJson(selected.isArray() ? selected.toString() : json.createArrayNode().add(selected)
                    .toString());
            step.setTotal(selected.isArray() ? selected.size() : 1);
        }
        run.getSteps().add(step);
        return step;
    }

    /** Requests the step's next items, keeping at most the tool's concurrency in flight. */
    private void dispatch(RunDocument run, JsonNode tool, JsonNode stepDefinition, StepState step,
            Transition transition) {
        int concurrency = Math.max(1, tool.path("concurrency").asInt(DEFAULT_CONCURRENCY));
        ArrayNode selection = step.getSelectedJson() == null ? null : (ArrayNode) json.readTree(step.getSelectedJson());
        ObjectNode base = null;
        while (step.inFlight() < concurrency && step.getItems().size() < step.getTotal()) {
            if (base == null) {
                base = sourceData.forCurrentStep(run);
            }
            ItemState item = new ItemState(step.getItems().size());
            JsonNode currentItem = selection == null ? null : selection.get(item.getItemIndex());
            item.setCurrentItemJson(currentItem == null ? null : currentItem.toString());
            item.setAttempts(1);
            item.setDispatchedAt(clock.instant());
            item.setDispatchedBy(transition.cause());
            step.getItems().add(item);
            StepRequest request;
            try {
                request = requests.render(stepDefinition, sourceData.withCurrentItem(base, currentItem));
            } catch (ExpressionError e) {
                if (!failItem(run, step, item, stepDefinition, new StepError(e.code(), e.getMessage(), null),
                        transition)) {
                    return;
                }
                continue;
            } catch (StepPlanningException e) {
                if (!failItem(run, step, item, stepDefinition, new StepError(e.code(), e.getMessage(), null),
                        transition)) {
                    return;
                }
                continue;
            }
            item.setRequestJson(json.writeValueAsString(request));
            transition.request(stepRequested(run, step.getStepId(), item, request));
        }
    }

    /** An item that failed before any call; false if that failed the run. */
    private boolean failItem(RunDocument run, StepState step, ItemState item, JsonNode stepDefinition,
            StepError error, Transition transition) {
        item.setDone(true);
        item.setError(error);
        item.setCompletedAt(clock.instant());
        step.setCompleted(step.getCompleted() + 1);
        step.setFailed(step.getFailed() + 1);
        if (continuesOnFailure(stepDefinition)) {
            return true;
        }
        fail(run, transition, new RunError(error.code(), error.message(), step.getStepId(), item.getItemIndex()),
                RunDocument.FAILED);
        return false;
    }

    private void finish(RunDocument run, JsonNode tool, Transition transition) {
        ObjectNode complete = sourceData.complete(run);
        JsonNode output;
        String transform = tool.path("outputTransform").asString(null);
        if (transform != null && !transform.isBlank()) {
            try {
                output = javaScript.call(transform, complete);
            } catch (ExpressionError e) {
                fail(run, transition, new RunError(e.code(), "outputTransform: " + e.getMessage(), null, null),
                        RunDocument.FAILED);
                return;
            }
        } else {
            // without a transform the output is every step's result by step id, nothing dropped
            ObjectNode results = json.createObjectNode();
            run.getSteps().forEach(step -> results.set(step.getStepId(), complete.get(step.getStepId())));
            output = results;
        }
        List<SchemaViolations.Violation> violations = schemas.of(tool.get("outputSchema"), output, "output");
        if (!violations.isEmpty()) {
            run.setDataJson(output.toString());
            fail(run, transition, new RunError("OUTPUT_SCHEMA_VIOLATION", "the output does not match the tool's"
                    + " outputSchema: " + String.join("; ", violations.stream()
                            .map(v -> v.field() + ": " + v.message()).toList()), null, null), RunDocument.FAILED);
            return;
        }
        run.setDataJson(output.toString());
        end(run, transition, RunDocument.SUCCESS);
    }

    private void fail(RunDocument run, Transition transition, RunError error, String status) {
        run.setError(error);
        end(run, transition, status);
    }

    private void end(RunDocument run, Transition transition, String status) {
        Instant now = clock.instant();
        run.setStatus(status);
        run.setFinishedAt(now);
        run.setDurationMs(Duration.between(run.getStartedAt(), now).toMillis());
        transition.finished();
    }

    private Transition resend(RunDocument run, Transition transition) {
        for (StepState step : run.getSteps()) {
            for (ItemState item : step.getItems()) {
                if (!item.isDone() && transition.cause().equals(item.getDispatchedBy())
                        && item.getRequestJson() != null) {
                    transition.request(stepRequested(run, step.getStepId(), item,
                            json.readValue(item.getRequestJson(), StepRequest.class)));
                }
            }
        }
        transition.replay();
        return transition.requests().isEmpty() ? null : transition;
    }

    private StepRequested stepRequested(RunDocument run, String stepId, ItemState item, StepRequest request) {
        return new StepRequested(UUID.randomUUID(), clock.instant(), run.getTraceId(), run.getRunId(), stepId,
                item.getItemIndex(), item.getAttempts(), run.getDeadline(), request,
                credentials.of(run.getRunId()), run.getUserId());
    }

    /**
     * Reads the run (from the cache when this instance wrote it last), applies {@code change},
     * writes it conditionally and publishes what it caused; a write that lost a race with another
     * writer, or a cached run found behind the event, is recomputed from a fresh read of the store.
     * A change that returns null had nothing to do. A transition with nothing to write (a
     * redelivery) only publishes.
     */
    private void withFreshRun(String runId, java.util.function.Supplier<Optional<RunDocument>> read,
            Function<RunDocument, Transition> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<RunDocument> cached = attempt == 1 ? cache.take(runId) : Optional.empty();
            Optional<RunDocument> found = cached.isPresent() ? cached : read.get();
            if (found.isEmpty()) {
                LOG.warn("ignoring an event for run {}, which does not exist", runId);
                return;
            }
            RunDocument run = found.get();
            Long revBefore = run.getRev();
            Transition transition = change.apply(run);
            if (transition == BEHIND) {
                if (cached.isPresent()) {
                    continue;
                }
                LOG.warn("ignoring an event for run {} about a step item it never requested", runId);
                cache.offer(run);
                return;
            }
            if (transition == null) {
                // nothing changed (a duplicate, a late event): every such verdict holds for any later state too
                cache.offer(run);
                return;
            }
            boolean redelivery = transition.isReplay();
            try {
                if (!redelivery) {
                    run.setLastProgressAt(clock.instant());
                    store.save(run);
                }
            } catch (OptimisticLockingFailureException raced) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw raced;
                }
                LOG.debug("run {} changed under us (rev {}); recomputing", runId, revBefore);
                continue;
            }
            publish(run, transition, redelivery);
            cache.offer(run);
            return;
        }
    }

    private void publish(RunDocument run, Transition transition, boolean redelivery) {
        if (!transition.requests().isEmpty()) {
            publisher.publish(Topics.STEPS_REQUESTED, transition.requests());
        }
        if (!run.isFinal()) {
            deadlines.track(run.getRunId(), run.getDeadline());
        }
        if (transition.isPaused()) {
            // a sync caller gets the paused run now rather than waiting for a person
            waiters.finished(run);
        }
        if (transition.isFinished()) {
            deadlines.forget(run.getRunId());
            // the run is stored final: a sync caller may have it now, before RunFinished is out
            waiters.finished(run);
            if (!redelivery && RunDocument.FAILED.equals(run.getStatus()) && hasCallsInFlight(run)) {
                // the run is over: executors cancel its calls still in flight, as for an abort
                publisher.publish(Topics.RUNS_CONTROL, List.of(new RunAbortRequested(UUID.randomUUID(),
                        clock.instant(), run.getTraceId(), run.getRunId(), "switchboard",
                        "the run failed: " + run.getError().code())));
            }
            RunFinished finished = finished(run);
            if (!redelivery) {
                // the run is stored final: its webhook is on its way without a consumer reading the event
                // back; handed off before the event is out, so that consumer finds the handoff under way
                handoffs().forEach(handoff -> handoff.finished(finished, run));
            }
            publisher.publish(Topics.RUNS_FINISHED, List.of(finished));
            credentials.forget(run.getRunId());
            if (!redelivery) {
                metrics.finished(run);
            }
        }
    }

    private static boolean hasCallsInFlight(RunDocument run) {
        return run.getSteps().stream().flatMap(step -> step.getItems().stream())
                .anyMatch(item -> !item.isDone() && item.getRequestJson() != null);
    }

    private List<FinishedRunHandoff> handoffs() {
        List<FinishedRunHandoff> resolved = handoffs;
        if (resolved == null) {
            resolved = handoffProvider.orderedStream().toList();
            handoffs = resolved;
        }
        return resolved;
    }

    private RunFinished finished(RunDocument run) {
        return new RunFinished(UUID.randomUUID(), clock.instant(), run.getTraceId(), run.getRunId(), run.getToolId(),
                RunStatus.valueOf(run.getStatus().toUpperCase(java.util.Locale.ROOT)),
                run.getDataJson() == null ? null : json.readTree(run.getDataJson()), run.getError(),
                run.getStartedAt(), run.getFinishedAt(), run.getTrigger(), run.getWebhookUrl());
    }

    private JsonNode tool(RunDocument run) {
        return run.getToolJson() == null ? null : json.readTree(run.getToolJson());
    }

    private static boolean continuesOnFailure(JsonNode stepDefinition) {
        return "continue".equals(stepDefinition.path("failureBehavior").asString("fail"));
    }

    private static String currentStepId(RunDocument run) {
        return run.getSteps().isEmpty() ? null : run.getSteps().getLast().getStepId();
    }
}
