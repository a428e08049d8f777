package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.StepError;
import java.time.Instant;

/**
 * One call of a step (one item of a looped step). The rendered request is kept (JSON text, with
 * {@code {{secret:…}}} placeholders, never values) so the sweeper can request it again exactly.
 * {@code completionId} is the eventId of the StepCompleted applied to it: seeing that same event
 * again means it was redelivered, so whatever it triggered may not have gone out.
 */
public class ItemState {

    private int itemIndex;
    private String currentItemJson;
    private boolean done;
    private boolean success;
    private String dataJson;
    private StepError error;
    private int attempts;
    private int requests;
    private int pages;
    private long durationMs;
    private Instant dispatchedAt;
    private Instant completedAt;
    /** What dispatched this item: {@code run}, or {@code stepId/itemIndex} of the completion that did. */
    private String dispatchedBy;
    private String requestJson;
    private String completionId;
    /** The HTTP status of the call's (last) answer, if one came. */
    private Integer httpStatus;
    /** The answer's headers as JSON text, kept only for connector tests (trigger MANUAL). */
    private String responseHeadersJson;

    public ItemState() {
    }

    public ItemState(int itemIndex) {
        this.itemIndex = itemIndex;
    }

    public int getItemIndex() {
        return itemIndex;
    }

    public void setItemIndex(int itemIndex) {
        this.itemIndex = itemIndex;
    }

    public String getCurrentItemJson() {
        return currentItemJson;
    }

    public void setCurrentItemJson(String currentItemJson) {
        this.currentItemJson = currentItemJson;
    }

    public boolean isDone() {
        return done;
    }

    public void setDone(boolean done) {
        this.done = done;
    }

    public boolean isSuccess() {
        return success;
    }

    public void setSuccess(boolean success) {
        this.success = success;
    }

    public String getDataJson() {
        return dataJson;
    }

    public void setDataJson(String dataJson) {
        this.dataJson = dataJson;
    }

    public StepError getError() {
        return error;
    }

    public void setError(StepError error) {
        this.error = error;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public int getRequests() {
        return requests;
    }

    public void setRequests(int requests) {
        this.requests = requests;
    }

    public int getPages() {
        return pages;
    }

    public void setPages(int pages) {
        this.pages = pages;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public void setDurationMs(long durationMs) {
        this.durationMs = durationMs;
    }

    public Instant getDispatchedAt() {
        return dispatchedAt;
    }

    public void setDispatchedAt(Instant dispatchedAt) {
        this.dispatchedAt = dispatchedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    public String getDispatchedBy() {
        return dispatchedBy;
    }

    public void setDispatchedBy(String dispatchedBy) {
        this.dispatchedBy = dispatchedBy;
    }

    public String getRequestJson() {
        return requestJson;
    }

    public void setRequestJson(String requestJson) {
        this.requestJson = requestJson;
    }

    public String getCompletionId() {
        return completionId;
    }

    public void setCompletionId(String completionId) {
        this.completionId = completionId;
    }

    public Integer getHttpStatus() {
        return httpStatus;
    }

    public void setHttpStatus(Integer httpStatus) {
        this.httpStatus = httpStatus;
    }

    public String getResponseHeadersJson() {
        return responseHeadersJson;
    }

    public void setResponseHeadersJson(String responseHeadersJson) {
        this.responseHeadersJson = responseHeadersJson;
    }
}
