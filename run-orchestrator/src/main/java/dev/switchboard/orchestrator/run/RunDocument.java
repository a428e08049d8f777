package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.event.RunError;
import dev.switchboard.contracts.event.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A run as stored, with the state of every step and item: one document per run, so applying a
 * step's result is one write (ARCHITECTURE §7). The id is the runId, so a duplicate RunRequested
 * can never create a second document; {@code rev} makes every write conditional on the state it
 * was computed from, so the partition owner, the sweeper and an abort cannot overwrite each other.
 * User data (inputs, results, the tool as it was when the run began) is kept as JSON text: APIs
 * return keys Mongo does not allow in field names ({@code $ref}, {@code a.b}).
 */
@Document("runs")
// Redundant for MongoDB, whose _id index serves {_id, rev}; the embedded store (mongo-java-server)
// uses an index only for queries on exactly its keys, so without this every conditional write of
// the standalone would scan the whole collection.
@CompoundIndex(name = "id_rev", def = "{'_id': 1, 'rev': 1}", unique = true)
public class RunDocument {

    public static final String REQUESTED = "requested";
    public static final String RUNNING = "running";
    public static final String AWAITING_INPUT = "awaiting_input";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";
    public static final String ABORTED = "aborted";

    @Id
    private String runId;
    @Version
    private Long rev;
    @Indexed
    private String toolId;
    private Long toolVersion;
    private String toolJson;
    @Indexed
    private String status;
    private String triggerType;
    private String chatId;
    private String userId;
    private Trigger trigger;
    private String traceId;
    private String inputsJson;
    private long timeoutMs;
    private String webhookUrl;
    /** Further {@code tool:<id>} hops after {@code webhookUrl}, in order; null or empty for none. */
    private List<String> chain;
    /** {@code success} (null means the same) or {@code any}: whether a failed run still chains. */
    private String chainOn;
    private boolean async;
    @Indexed
    private Instant startedAt;
    private Instant deadline;
    private Instant finishedAt;
    private Long durationMs;
    /** When the engine last moved this run; the sweeper re-requests steps of runs silent for too long. */
    private Instant lastProgressAt;
    /** The RunRequested that began the run: only a redelivery of that very event resends its steps. */
    private String beganBy;
    private int currentStep;
    private List<StepState> steps = new ArrayList<>();
    private String dataJson;
    private RunError error;
    private ApprovalState approval;
    /**
     * The document as the store holds it at {@code rev}, as last read or written: {@link RunStore}
     * writes only what changed since (ADR 026). Null for a run read in part, which it refuses to save.
     */
    @Transient
    private org.bson.Document storedForm;

    public boolean isFinal() {
        return SUCCESS.equals(status) || FAILED.equals(status) || ABORTED.equals(status);
    }

    /** The state of step {@code stepId}, or null if it has not begun. */
    public StepState step(String stepId) {
        return steps.stream().filter(s -> s.getStepId().equals(stepId)).findFirst().orElse(null);
    }

    org.bson.Document storedForm() {
        return storedForm;
    }

    void storedForm(org.bson.Document stored) {
        this.storedForm = stored;
    }

    public String getRunId() {
        return runId;
    }

    public void setRunId(String runId) {
        this.runId = runId;
    }

    public Long getRev() {
        return rev;
    }

    public void setRev(Long rev) {
        this.rev = rev;
    }

    public String getToolId() {
        return toolId;
    }

    public void setToolId(String toolId) {
        this.toolId = toolId;
    }

    public Long getToolVersion() {
        return toolVersion;
    }

    public void setToolVersion(Long toolVersion) {
        this.toolVersion = toolVersion;
    }

    public String getToolJson() {
        return toolJson;
    }

    public void setToolJson(String toolJson) {
        this.toolJson = toolJson;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getTriggerType() {
        return triggerType;
    }

    public void setTriggerType(String triggerType) {
        this.triggerType = triggerType;
    }

    public String getChatId() {
        return chatId;
    }

    public void setChatId(String chatId) {
        this.chatId = chatId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public void setTrigger(Trigger trigger) {
        this.trigger = trigger;
    }

    public String getTraceId() {
        return traceId;
    }

    public void setTraceId(String traceId) {
        this.traceId = traceId;
    }

    public String getInputsJson() {
        return inputsJson;
    }

    public void setInputsJson(String inputsJson) {
        this.inputsJson = inputsJson;
    }

    public long getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public List<String> getChain() {
        return chain;
    }

    public void setChain(List<String> chain) {
        this.chain = chain;
    }

    public String getChainOn() {
        return chainOn;
    }

    public void setChainOn(String chainOn) {
        this.chainOn = chainOn;
    }

    /**
     * Where the run's result goes when it finishes (docs/webhooks.md). A chain given without a
     * webhookUrl is kept with its first hop as the webhookUrl, so a RunFinished without one is
     * known to need nothing: no webhook, no chain.
     */
    public void setFollowUp(String webhookUrl, List<String> chain, String chainOn) {
        List<String> hops = chain == null ? List.of() : chain;
        if (webhookUrl == null && !hops.isEmpty()) {
            webhookUrl = hops.getFirst();
            hops = hops.subList(1, hops.size());
        }
        this.webhookUrl = webhookUrl;
        this.chain = hops.isEmpty() ? null : List.copyOf(hops);
        this.chainOn = chainOn;
    }

    public boolean isAsync() {
        return async;
    }

    public void setAsync(boolean async) {
        this.async = async;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant getDeadline() {
        return deadline;
    }

    public void setDeadline(Instant deadline) {
        this.deadline = deadline;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public void setDurationMs(Long durationMs) {
        this.durationMs = durationMs;
    }

    public Instant getLastProgressAt() {
        return lastProgressAt;
    }

    public void setLastProgressAt(Instant lastProgressAt) {
        this.lastProgressAt = lastProgressAt;
    }

    public String getBeganBy() {
        return beganBy;
    }

    public void setBeganBy(String beganBy) {
        this.beganBy = beganBy;
    }

    public int getCurrentStep() {
        return currentStep;
    }

    public void setCurrentStep(int currentStep) {
        this.currentStep = currentStep;
    }

    public List<StepState> getSteps() {
        return steps;
    }

    public void setSteps(List<StepState> steps) {
        this.steps = steps;
    }

    public String getDataJson() {
        return dataJson;
    }

    public void setDataJson(String dataJson) {
        this.dataJson = dataJson;
    }

    public RunError getError() {
        return error;
    }

    public void setError(RunError error) {
        this.error = error;
    }

    /** The approval the run waits for (or last waited for); null if it never paused. */
    public ApprovalState getApproval() {
        return approval;
    }

    public void setApproval(ApprovalState approval) {
        this.approval = approval;
    }
}
