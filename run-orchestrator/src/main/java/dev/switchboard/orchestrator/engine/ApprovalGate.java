package dev.switchboard.orchestrator.engine;

import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.expressions.TemplateRenderer;
import dev.switchboard.orchestrator.run.ApprovalState;
import dev.switchboard.orchestrator.run.ItemState;
import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.StepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Approval steps (ARCHITECTURE §5): pausing a run until a person decides, and applying the
 * decision. A paused run is only its stored document: no thread, consumer or cache entry waits
 * for it (ADR 017). The pause's own timeout replaces the run's deadline while it waits; what
 * was left of the run's deadline is given back when it goes on.
 */
@Component
class ApprovalGate {

    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

    private final TemplateRenderer templates;
    private final Clock clock;

    ApprovalGate(TemplateRenderer templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    static boolean isApproval(JsonNode stepDefinition) {
        return "approval".equals(stepDefinition.path("type").asString(null));
    }

    /**
     * Pauses {@code run} at the approval step, its message rendered against the sourceData.
     *
     * @throws dev.switchboard.expressions.ExpressionError when the message does not render
     */
    void pause(RunDocument run, JsonNode stepDefinition, JsonNode sourceData) {
        JsonNode message = stepDefinition.get("message");
        JsonNode rendered = message == null || message.isNull() ? null : templates.render(message, sourceData);
        Instant now = clock.instant();
        StepState step = new StepState(stepDefinition.path("id").asString());
        step.setApproval(true);
        step.setTotal(1);
        step.setStatus(StepState.AWAITING_INPUT);
        run.getSteps().add(step);
        ApprovalState approval = new ApprovalState();
        approval.setStepId(step.getStepId());
        approval.setMessageJson(rendered == null ? null : rendered.toString());
        approval.setRequestedAt(now);
        approval.setRemainingMs(Math.max(0, Duration.between(now, run.getDeadline()).toMillis()));
        approval.setTimeoutAt(now.plusMillis(stepDefinition.path("timeoutMs").asLong(DEFAULT_TIMEOUT.toMillis())));
        run.setApproval(approval);
        run.setStatus(RunDocument.AWAITING_INPUT);
        run.setDeadline(approval.getTimeoutAt());
    }

    /**
     * Applies the stored decision to the paused step. Approved: the step succeeds with the input
     * as its data, the run is running again with the rest of its deadline, and null is answered.
     * Rejected: the step fails, and the run's error is answered.
     */
    RunError decide(RunDocument run) {
        ApprovalState approval = run.getApproval();
        StepState step = run.step(approval.getStepId());
        boolean approved = Boolean.TRUE.equals(approval.getApproved());
        Instant now = clock.instant();
        ItemState item = new ItemState(0);
        item.setDone(true);
        item.setSuccess(approved);
        item.setDataJson(approval.getInputJson());
        item.setAttempts(1);
        item.setDispatchedAt(approval.getRequestedAt());
        item.setCompletedAt(now);
        item.setDurationMs(Duration.between(approval.getRequestedAt(), now).toMillis());
        step.getItems().add(item);
        step.setCompleted(1);
        if (!approved) {
            step.setFailed(1);
            step.setStatus(StepState.FAILED);
            RunError rejected = new RunError("REJECTED", "step '" + step.getStepId() + "' was rejected by "
                    + approval.getDecidedBy(), step.getStepId(), null);
            item.setError(new StepError(rejected.code(), rejected.message(), null));
            return rejected;
        }
        step.setStatus(StepState.SUCCESS);
        run.setStatus(RunDocument.RUNNING);
        run.setDeadline(now.plusMillis(approval.getRemainingMs()));
        run.setCurrentStep(run.getCurrentStep() + 1);
        return null;
    }

    /** The error of a pause nobody decided on in time. */
    static RunError timedOut(RunDocument run) {
        ApprovalState approval = run.getApproval();
        return new RunError("APPROVAL_TIMEOUT", "nobody approved or rejected step '" + approval.getStepId()
                + "' by " + approval.getTimeoutAt(), approval.getStepId(), null);
    }
}
