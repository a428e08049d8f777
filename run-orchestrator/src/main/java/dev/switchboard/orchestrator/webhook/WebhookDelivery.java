package dev.switchboard.orchestrator.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one run's end sets off, durably (collection {@code webhook_deliveries}): a POST to its
 * webhookUrl, or the start of the next run of its chain. One per run (the id is the runId), so a
 * redelivered RunFinished cannot make a second. The instance attempting it holds a lease; one
 * that finds the lease run out takes the delivery over (its holder died mid-attempt). Every write
 * is conditional on {@code rev}, so two instances never both record the same attempt.
 */
@Document("webhook_deliveries")
// the embedded store uses an index only for queries on exactly its keys: see RunDocument
@CompoundIndex(name = "id_rev", def = "{'_id': 1, 'rev': 1}", unique = true)
@CompoundIndex(name = "status_next", def = "{'status': 1, 'nextAttemptAt': 1}")
class WebhookDelivery {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String REFUSED = "refused";

    @Id
    private String runId;
    @Version
    private Long rev;
    private String toolId;
    private String traceId;
    /** The http(s) URL posted to, or {@code tool:<id>} for a chain hop. */
    private String url;
    @Indexed
    private String status;
    private String reason;
    /**
     * The exact body posted (so every attempt carries the same signature), or a chain hop's inputs
     * for the child run; cleared once final.
     */
    private String body;
    /** For a chain hop: the child run to start; null for a POST. */
    private NextRun next;
    /** When the RunFinished that caused this was published: delivery latency counts from here. */
    private Instant runFinishedAt;
    private Instant createdAt;
    private Instant nextAttemptAt;
    private String leaseOwner;
    private Instant leaseUntil;
    private List<Attempt> attempts = new ArrayList<>();

    /**
     * The run a chain hop starts: its fixed runId, tool, place in the chain, and where its own
     * result goes ({@code webhookUrl}, {@code chain}, {@code chainOn} as the child's options).
     */
    record NextRun(String childRunId, String toolId, String userId, String chatId, int chainDepth,
            List<String> ancestorToolIds, String webhookUrl, List<String> chain, String chainOn) {
    }

    /** One try, as GET /runs/{id} shows it. */
    record Attempt(Instant at, Integer httpStatus, long durationMs, String error) {
    }

    boolean isChainHop() {
        return next != null;
    }

    /** Pending, not held by a live lease, and due by {@code now}. */
    boolean isDue(Instant now) {
        return PENDING.equals(status) && !nextAttemptAt.isAfter(now)
                && (leaseUntil == null || leaseUntil.isBefore(now));
    }

    void lease(String owner, Instant until) {
        leaseOwner = owner;
        leaseUntil = until;
    }

    String getRunId() {
        return runId;
    }

    void setRunId(String runId) {
        this.runId = runId;
    }

    Long getRev() {
        return rev;
    }

    void setRev(Long rev) {
        this.rev = rev;
    }

    String getToolId() {
        return toolId;
    }

    void setToolId(String toolId) {
        this.toolId = toolId;
    }

    String getTraceId() {
        return traceId;
    }

    void setTraceId(String traceId) {
        this.traceId = traceId;
    }

    String getUrl() {
        return url;
    }

    void setUrl(String url) {
        this.url = url;
    }

    String getStatus() {
        return status;
    }

    void setStatus(String status) {
        this.status = status;
    }

    String getReason() {
        return reason;
    }

    void setReason(String reason) {
        this.reason = reason;
    }

    String getBody() {
        return body;
    }

    void setBody(String body) {
        this.body = body;
    }

    NextRun getNext() {
        return next;
    }

    void setNext(NextRun next) {
        this.next = next;
    }

    Instant getRunFinishedAt() {
        return runFinishedAt;
    }

    void setRunFinishedAt(Instant runFinishedAt) {
        this.runFinishedAt = runFinishedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    void setNextAttemptAt(Instant nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    String getLeaseOwner() {
        return leaseOwner;
    }

    void setLeaseOwner(String leaseOwner) {
        this.leaseOwner = leaseOwner;
    }

    Instant getLeaseUntil() {
        return leaseUntil;
    }

    void setLeaseUntil(Instant leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    List<Attempt> getAttempts() {
        return attempts;
    }

    void setAttempts(List<Attempt> attempts) {
        this.attempts = attempts;
    }
}
