package dev.switchboard.orchestrator.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code webhook_deliveries} collection. {@link #save} is conditional on the document's
 * {@code rev} (OptimisticLockingFailureException when another instance wrote it first).
 */
@Component
class DeliveryStore {

    private final MongoTemplate mongo;

    DeliveryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** False when the run has a delivery already (a redelivered RunFinished). */
    boolean insert(WebhookDelivery delivery) {
        try {
            mongo.insert(delivery);
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /**
     * Stores them all in one command; false if one run has a delivery already, and then those
     * before it in the list are stored and those after it are not.
     */
    boolean insertAll(List<WebhookDelivery> deliveries) {
        try {
            mongo.insert(deliveries, WebhookDelivery.class);
            return true;
        } catch (DuplicateKeyException | BulkOperationException exists) {
            // anything but a duplicate fails again in the one-by-one inserts that follow, and is thrown there
            return false;
        }
    }

    /** Those of the runs that have a delivery already (one query, ids only). */
    Set<String> existing(List<String> runIds) {
        Query query = new Query(Criteria.where("_id").in(runIds));
        query.fields().include("_id");
        return mongo.find(query, WebhookDelivery.class).stream().map(WebhookDelivery::getRunId)
                .collect(Collectors.toSet());
    }

    void save(WebhookDelivery delivery) {
        mongo.save(delivery);
    }

    Optional<WebhookDelivery> find(String runId) {
        return Optional.ofNullable(mongo.findById(runId, WebhookDelivery.class));
    }

    /**
     * Pending deliveries, the longest due first. The query is on the status alone, which the
     * embedded store answers from its index (it uses none for a range); MongoDB serves it and the
     * order from {@code status_next}. Not yet due and held ones are filtered by the caller.
     */
    List<WebhookDelivery> pending(int limit) {
        return mongo.find(new Query(Criteria.where("status").is(WebhookDelivery.PENDING))
                .with(Sort.by("nextAttemptAt")).limit(limit), WebhookDelivery.class);
    }
}
