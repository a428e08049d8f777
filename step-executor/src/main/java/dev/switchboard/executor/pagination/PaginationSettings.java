package dev.switchboard.executor.pagination;

import tools.jackson.databind.JsonNode;

/**
 * A step's {@code pagination}, checked before any request is sent so a bad setting fails the step
 * with the field at fault instead of fetching one page and stopping quietly. The registry checks
 * tools when they are saved; this still runs because a step request is only JSON by the time it
 * gets here. Unknown fields are ignored so a registry that knows a newer setting does not break
 * an older executor.
 */
record PaginationSettings(PaginationType type, int pageSize, int maxPages, boolean stopAtLimit, DotPath cursorPath,
        DotPath resultPath, String stopCondition) {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int DEFAULT_MAX_PAGES = 500;

    static PaginationSettings read(JsonNode pagination) {
        if (pagination == null || !pagination.isObject()) {
            throw new PaginationFailure(PaginationFailure.INVALID, "pagination must be an object with a type");
        }
        JsonNode typeNode = pagination.path("type");
        if (!typeNode.isString()) {
            throw PaginationFailure.invalid("type", "is required: one of " + PaginationType.names());
        }
        PaginationType type = PaginationType.of(typeNode.asString()).orElseThrow(() -> PaginationFailure.invalid(
                "type", "'" + typeNode.asString() + "' is not one of " + PaginationType.names()));
        String onLimit = optionalText(pagination, "onLimit");
        if (onLimit != null && !onLimit.equals("fail") && !onLimit.equals("stop")) {
            throw PaginationFailure.invalid("onLimit", "'" + onLimit + "' is not one of fail, stop");
        }
        String stopCondition = optionalText(pagination, "stopCondition");
        if (stopCondition != null && stopCondition.isBlank()) {
            throw PaginationFailure.invalid("stopCondition", "is empty; leave it out or give a function"
                    + " (response, pageInfo) => boolean");
        }
        return new PaginationSettings(type, positive(pagination, "pageSize", DEFAULT_PAGE_SIZE),
                positive(pagination, "maxPages", DEFAULT_MAX_PAGES), "stop".equals(onLimit),
                path(pagination, "cursorPath"), path(pagination, "resultPath"), stopCondition);
    }

    private static int positive(JsonNode pagination, String field, int fallback) {
        JsonNode value = pagination.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw PaginationFailure.invalid(field, "must be a whole number above 0, not " + value);
        }
        return value.intValue();
    }

    private static DotPath path(JsonNode pagination, String field) {
        String text = optionalText(pagination, field);
        return text == null ? DotPath.ROOT : DotPath.parse(field, text);
    }

    private static String optionalText(JsonNode pagination, String field) {
        JsonNode value = pagination.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw PaginationFailure.invalid(field, "must be a string, not " + value);
        }
        return value.asString();
    }
}
