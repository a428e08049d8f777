package dev.switchboard.secrets.audit;

import dev.switchboard.contracts.api.ListPage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Records every write and every resolve in the {@code audit} collection and counts them:
 * {@code switchboard.secrets.resolves} by outcome, {@code switchboard.secrets.writes} by action.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final MongoTemplate mongo;
    private final MeterRegistry meters;
    private final Clock clock;

    AuditLog(MongoTemplate mongo, MeterRegistry meters, Clock clock) {
        this.mongo = mongo;
        this.meters = meters;
        this.clock = clock;
    }

    /** A write is also one log line (names only, never the value), for the log shipper's audit trail. */
    public void write(String actor, String action, String name, String scope, String owner) {
        log.info("secret '{}' ({}{}): {} by {}", name, scope, owner == null ? "" : " of " + owner, action, actor);
        meters.counter("switchboard.secrets.writes", "action", action).increment();
        mongo.insert(new AuditEntry(null, clock.instant(), actor, action, name, scope, owner, "ok"));
    }

    public void resolve(String actor, String name, String scope, String owner, String outcome) {
        meters.counter("switchboard.secrets.resolves", "outcome", outcome).increment();
        mongo.insert(new AuditEntry(null, clock.instant(), actor, "resolve", name, scope, owner, outcome));
    }

    ListPage<AuditEntry> newestFirst(int page, int limit) {
        long total = mongo.count(new Query(), AuditEntry.class);
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "at")).skip(ListPage.offset(page, limit))
                .limit(limit);
        return ListPage.of(mongo.find(query, AuditEntry.class), page, limit, total);
    }
}
