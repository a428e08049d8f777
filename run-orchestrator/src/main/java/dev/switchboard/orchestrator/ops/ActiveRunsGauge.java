package dev.switchboard.orchestrator.ops;

import dev.switchboard.orchestrator.run.RunDocument;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code switchboard.runs.active{status}}: runs in flight (requested, running) and paused at an
 * approval (awaiting_input), counted in the store on a schedule, so every instance reports the
 * cluster-wide number (dashboards take {@code max}).
 */
@Component
class ActiveRunsGauge {

    private static final Logger log = LoggerFactory.getLogger(ActiveRunsGauge.class);

    private final MongoTemplate mongo;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    ActiveRunsGauge(MongoTemplate mongo, MeterRegistry meters) {
        this.mongo = mongo;
        for (String status : new String[] {RunDocument.REQUESTED, RunDocument.RUNNING, RunDocument.AWAITING_INPUT}) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder("switchboard.runs.active", count, AtomicLong::get)
                    .description("Runs not yet final, by status").tag("status", status).register(meters);
        }
    }

    @Scheduled(initialDelayString = "${switchboard.ops.metrics-interval:15s}",
            fixedDelayString = "${switchboard.ops.metrics-interval:15s}")
    void refresh() {
        try {
            counts.forEach((status, count) -> count.set(mongo.count(
                    Query.query(Criteria.where("status").is(status)), RunDocument.class)));
        } catch (DataAccessException e) {
            log.debug("The store did not answer; active-run gauges keep their last values", e);
        }
    }
}
