package dev.switchboard.orchestrator.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The runs collection. {@link #save} is conditional on the document's {@code rev}: a stale write
 * throws {@code OptimisticLockingFailureException} and the caller recomputes from a fresh read.
 */
@Service
public class RunStore {

    private final MongoTemplate mongo;

    RunStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<RunDocument> find(String runId) {
        return Optional.ofNullable(mongo.findById(runId, RunDocument.class));
    }

    /**
     * The runs with only where their results go (webhookUrl, chain, chainOn): all webhooks need of
     * them. One query for a whole batch of finished runs.
     */
    public List<RunDocument> findFollowUps(List<String> runIds) {
        Query query = new Query(Criteria.where("_id").in(runIds));
        query.fields().include("webhookUrl", "chain", "chainOn");
        return mongo.find(query, RunDocument.class);
    }

    /** @throws RunExistsException when a run with this id exists, also under a race of two inserts */
    public void insert(RunDocument run) {
        try {
            mongo.insert(run);
        } catch (DuplicateKeyException e) {
            throw new RunExistsException(run.getRunId());
        }
    }

    public void save(RunDocument run) {
        mongo.save(run);
    }

    /** Ids of runs not final whose deadline has passed. */
    public List<RunDocument> pastDeadline(Instant now, int limit) {
        return ids(new Query(Criteria.where("status").in(RunDocument.REQUESTED, RunDocument.RUNNING,
                RunDocument.AWAITING_INPUT).and("deadline").lt(now)).limit(limit));
    }

    /** Runs accepted but never begun, e.g. because the process died between insert and publish. */
    public List<RunDocument> notBegunSince(Instant before, int limit) {
        return mongo.find(new Query(Criteria.where("status").is(RunDocument.REQUESTED)
                .and("lastProgressAt").lt(before)).limit(limit), RunDocument.class);
    }

    /** Running runs that nothing has moved since {@code before}. */
    public List<RunDocument> silentSince(Instant before, int limit) {
        return ids(new Query(Criteria.where("status").is(RunDocument.RUNNING)
                .and("lastProgressAt").lt(before)).limit(limit));
    }

    /**
     * Runs still paused although someone decided before {@code before}: the RunContinued that
     * carries the decision to the partition owner was lost (the deciding instance died before
     * publishing it).
     */
    public List<RunDocument> decidedButPausedSince(Instant before, int limit) {
        return mongo.find(new Query(Criteria.where("status").is(RunDocument.AWAITING_INPUT)
                .and("approval.decidedAt").lt(before)).limit(limit), RunDocument.class);
    }

    /** Scans return ids only: a sweep must not drag every run's results over the wire. */
    private List<RunDocument> ids(Query query) {
        query.fields().include("_id");
        return mongo.find(query, RunDocument.class);
    }
}
