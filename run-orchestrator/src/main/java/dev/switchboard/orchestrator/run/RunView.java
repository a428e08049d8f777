package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.StepError;
import dev.switchboard.contracts.event.Trigger;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A run as {@code GET /runs/{id}} and a sync run answer it (ARCHITECTURE §5a). */
public record RunView(String runId, String toolId, Long toolVersion, String status, JsonNode data, RunError error,
        List<StepView> stepResults, Metadata metadata, String parentRunId, List<String> childRunIds,
        Webhook webhook, Approval approval) {

    /** The approval the run waits for (or waited for): what was asked, until when, and who decided. */
    public record Approval(String stepId, JsonNode message, Instant requestedAt, Instant timeoutAt, Boolean approved,
            String decidedBy, Instant decidedAt) {
    }

    public record StepView(String stepId, String status, boolean looped, int total, int completed, int failed,
            List<ItemView> items) {
    }

    /**
     * {@code durationMs} is the executor's call; {@code dispatchedAt}..{@code completedAt} adds the trip
     * through Kafka. {@code request} is what was sent, masked ({@link RequestExcerpt}); null for steps
     * that call nothing.
     */
    public record ItemView(int itemIndex, JsonNode currentItem, Boolean success, JsonNode data, StepError error,
            int attempts, Calls calls, Long durationMs, Instant dispatchedAt, Instant completedAt, Integer httpStatus,
            RequestExcerpt request) {
    }

    public record Calls(int requests, int pages) {
    }

    public record Metadata(Instant startedAt, Instant finishedAt, Long durationMs, Instant deadline, Trigger trigger,
            String traceId) {
    }

    /**
     * What the run's end caused (docs/webhooks.md): the POST to its webhookUrl, or the start of the
     * next tool of its chain ({@code url} is then {@code tool:<id>}), with every attempt so far.
     *
     * @param status pending, delivered, failed or refused
     * @param reason why it failed or was refused; null otherwise
     */
    public record Webhook(String url, String status, String reason, List<Attempt> attempts) {
    }

    /** One try: when, the receiver's HTTP status (null if none came or for a chain hop), how long, what went wrong. */
    public record Attempt(Instant at, Integer httpStatus, long durationMs, String error) {
    }

    /** The run without what followed it (its webhook and child runs). */
    public static RunView of(RunDocument run, JsonMapper json) {
        return of(run, json, null);
    }

    /** The run with its webhook and child runs as {@code followUps} has them; null leaves them out. */
    public static RunView of(RunDocument run, JsonMapper json, RunFollowUps followUps) {
        List<StepView> steps = run.getSteps().stream().map(step -> new StepView(step.getStepId(), step.getStatus(),
                step.isLooped(), step.getTotal(), step.getCompleted(), step.getFailed(),
                step.getItems().stream().map(item -> item(item, json)).toList())).toList();
        Trigger trigger = run.getTrigger();
        RunFollowUps.FollowUp followUp = followUps == null ? new RunFollowUps.FollowUp(null, List.of())
                : followUps.of(run);
        return new RunView(run.getRunId(), run.getToolId(), run.getToolVersion(), run.getStatus(),
                read(run.getDataJson(), json), run.getError(), steps,
                new Metadata(run.getStartedAt(), run.getFinishedAt(), run.getDurationMs(), run.getDeadline(), trigger,
                        run.getTraceId()),
                trigger == null ? null : trigger.parentRunId(),
                followUp.childRunIds(), followUp.webhook(), approval(run.getApproval(), json));
    }

    private static ItemView item(ItemState item, JsonMapper json) {
        return new ItemView(item.getItemIndex(), read(item.getCurrentItemJson(), json),
                item.isDone() ? item.isSuccess() : null, read(item.getDataJson(), json), item.getError(),
                item.getAttempts(), new Calls(item.getRequests(), item.getPages()),
                item.isDone() ? item.getDurationMs() : null, item.getDispatchedAt(), item.getCompletedAt(),
                item.getHttpStatus(), RequestExcerpt.of(item.getRequestJson(), json));
    }

    private static Approval approval(ApprovalState approval, JsonMapper json) {
        return approval == null ? null : new Approval(approval.getStepId(), read(approval.getMessageJson(), json),
                approval.getRequestedAt(), approval.getTimeoutAt(), approval.getApproved(), approval.getDecidedBy(),
                approval.getDecidedAt());
    }

    private static JsonNode read(String text, JsonMapper json) {
        return text == null ? null : json.readTree(text);
    }
}
