package dev.switchboard.orchestrator.run;

import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The filters of {@code GET /runs}; null means "any". {@code userId} is not a query parameter: a
 * caller who is not an admin sees only the runs they requested. {@code since} (inclusive) and {@code until}
 * (exclusive) bound {@code startedAt}, for a console's time filter.
 */
record RunFilter(String toolId, String status, String triggerType, String chatId, String userId, Instant since,
        Instant until) {

    Criteria toCriteria() {
        Criteria criteria = new Criteria();
        if (userId != null) {
            criteria.and("userId").is(userId);
        }
        if (toolId != null) {
            criteria.and("toolId").is(toolId);
        }
        if (status != null) {
            criteria.and("status").is(status);
        }
        if (triggerType != null) {
            criteria.and("triggerType").is(triggerType);
        }
        if (chatId != null) {
            criteria.and("chatId").is(chatId);
        }
        if (since != null || until != null) {
            Criteria started = criteria.and("startedAt");
            if (since != null) {
                started.gte(since);
            }
            if (until != null) {
                started.lt(until);
            }
        }
        return criteria;
    }
}
