package dev.switchboard.orchestrator.run;

import dev.switchboard.contracts.api.ListPage;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Reads runs, newest first. */
@Service
class RunCatalog {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "startedAt");

    private final MongoTemplate mongo;

    RunCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    ListPage<RunSummary> list(RunFilter filter, int page, int limit) {
        long total = mongo.count(new Query(filter.toCriteria()), RunDocument.class);
        Query pageQuery = new Query(filter.toCriteria()).with(NEWEST_FIRST)
                .skip(ListPage.offset(page, limit)).limit(limit);
        // lists never need the large parts of a run
        pageQuery.fields().exclude("steps", "dataJson", "toolJson", "inputsJson");
        return ListPage.of(mongo.find(pageQuery, RunDocument.class).stream().map(RunSummary::of).toList(),
                page, limit, total);
    }
}
