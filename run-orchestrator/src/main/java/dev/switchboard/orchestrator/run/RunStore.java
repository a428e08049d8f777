package dev.switchboard.orchestrator.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The runs collection. {@link #save} is conditional on the document's {@code rev}: a stale write
 * throws {@code OptimisticLockingFailureException} and the caller recomputes from a fresh read.
 * A run read or written whole remembers its stored form, and its next save sends only what changed
 * since (ADR 026): a step's completion changes one item of a document that holds every item.
 */
@Service
public class RunStore {

    private final MongoTemplate mongo;
    private final String collection;

    RunStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.collection = mongo.getCollectionName(RunDocument.class);
    }

    public Optional<RunDocument> find(String runId) {
        Document stored = mongo.execute(collection, runs -> runs.find(new Document("_id", runId)).first());
        if (stored == null) {
            return Optional.empty();
        }
        RunDocument run = mongo.getConverter().read(RunDocument.class, stored);
        run.storedForm(stored);
        return Optional.of(run);
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
        if (run.getRev() == null) {
            run.setRev(0L);
        }
        Document stored = RunDocumentForm.of(run);
        try {
            mongo.execute(collection, runs -> runs.insertOne(stored));
        } catch (DuplicateKeyException e) {
            throw new RunExistsException(run.getRunId());
        }
        run.storedForm(stored);
    }

    /**
     * Stores the run as it is now, if the store still holds the revision it was read at; the run's
     * {@code rev} is then the next one.
     *
     * @throws OptimisticLockingFailureException when the run changed in the store meanwhile
     * @throws IllegalStateException for a run this store did not read whole or insert: a run read
     *         in part (a projection) would lose every field it was read without
     */
    public void save(RunDocument run) {
        Document before = run.storedForm();
        if (before == null) {
            throw new IllegalStateException("run '" + run.getRunId() + "' was not read whole or inserted here");
        }
        long rev = run.getRev();
        Document now = RunDocumentForm.of(run);
        now.put("rev", rev + 1);
        Document current = new Document("_id", run.getRunId()).append("rev", rev);
        UpdateResult result = mongo.execute(collection,
                runs -> runs.updateOne(current, RunChanges.between(before, now)));
        if (result.getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException(
                    "run '" + run.getRunId() + "' is no longer at revision " + rev + " in the store");
        }
        run.setRev(rev + 1);
        run.storedForm(now);
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
