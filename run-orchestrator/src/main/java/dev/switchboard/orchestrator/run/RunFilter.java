package dev.switchboard.orchestrator.run;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The filters of {@code GET /runs}; null means "any". {@code userId} is not a query parameter: a
 * caller who is not an admin sees only the runs they requested.
 */
record RunFilter(String toolId, String status, String triggerType, String chatId, String userId) {

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
        return criteria;
    }
}
