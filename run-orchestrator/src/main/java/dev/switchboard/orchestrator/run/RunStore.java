package dev.switchboard.orchestrator.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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

    /**
     * Every run not final, with only what a sweep decides on (status, deadline, last progress, the
     * approval): one query serves all of a sweep's checks and the active-run counts. The embedded
     * store answers any query but one on a unique index by reading every document, so four queries
     * a sweep, and three counts for the gauges, had it read the whole collection seven times.
     * Close the stream.
     */
    public Stream<RunDocument> unfinished() {
        Query query = new Query(Criteria.where("status").in(RunDocument.REQUESTED, RunDocument.RUNNING,
                RunDocument.AWAITING_INPUT));
        query.fields().include("_id", "status", "deadline", "lastProgressAt", "approval");
        return mongo.stream(query, RunDocument.class);
    }
}
