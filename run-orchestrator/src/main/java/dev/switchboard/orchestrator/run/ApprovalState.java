package dev.switchboard.orchestrator.run;

import java.time.Instant;

/**
 * A run paused at an approval step (ARCHITECTURE §5): what the person is asked, until when, and,
 * once someone decided, the decision. The decision is stored by the API instance that took the
 * {@code continue} (so exactly one decision wins, whichever instance took it) and applied by the
 * run's partition owner when the RunContinued with {@code decisionEventId} reaches it; the sweeper
 * publishes that event again if it got lost. {@code remainingMs} is what was left of the run's own
 * deadline when it paused: waiting for a person does not use up the time its steps have.
 */
public class ApprovalState {

    private String stepId;
    private String messageJson;
    private Instant requestedAt;
    private Instant timeoutAt;
    private long remainingMs;
    private Boolean approved;
    private String inputJson;
    private String decidedBy;
    private Instant decidedAt;
    private String decisionEventId;

    public boolean isDecided() {
        return decisionEventId != null;
    }

    public String getStepId() {
        return stepId;
    }

    public void setStepId(String stepId) {
        this.stepId = stepId;
    }

    public String getMessageJson() {
        return messageJson;
    }

    public void setMessageJson(String messageJson) {
        this.messageJson = messageJson;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(Instant requestedAt) {
        this.requestedAt = requestedAt;
    }

    public Instant getTimeoutAt() {
        return timeoutAt;
    }

    public void setTimeoutAt(Instant timeoutAt) {
        this.timeoutAt = timeoutAt;
    }

    public long getRemainingMs() {
        return remainingMs;
    }

    public void setRemainingMs(long remainingMs) {
        this.remainingMs = remainingMs;
    }

    public Boolean getApproved() {
        return approved;
    }

    public void setApproved(Boolean approved) {
        this.approved = approved;
    }

    public String getInputJson() {
        return inputJson;
    }

    public void setInputJson(String inputJson) {
        this.inputJson = inputJson;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(Instant decidedAt) {
        this.decidedAt = decidedAt;
    }

    public String getDecisionEventId() {
        return decisionEventId;
    }

    public void setDecisionEventId(String decisionEventId) {
        this.decisionEventId = decisionEventId;
    }
}
