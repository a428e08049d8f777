package dev.switchboard.gateway.console;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A nudge for open console pages: which run (and step item) changed, never its data. Pages fetch
 * the run through the API, which applies who may see what. {@code userId} (the run's requester)
 * decides who gets the nudge and is not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunEvent(String type, String runId, String toolId, String status, String stepId, Integer itemIndex,
        Boolean success, @JsonIgnore String userId) {

    static RunEvent run(String runId, String toolId, String status, String userId) {
        return new RunEvent("run", runId, toolId, status, null, null, null, userId);
    }

    static RunEvent step(String runId, String stepId, int itemIndex, boolean success, String userId) {
        return new RunEvent("step", runId, null, null, stepId, itemIndex, success, userId);
    }

    boolean visibleTo(ConsoleSessionUser user) {
        return user.admin() || (userId != null && userId.equals(user.sub()));
    }
}
